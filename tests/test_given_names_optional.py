"""The given-name list helps, it does not decide: with it emptied, entity recall on the phenomena set
(records of kinds the development set has few of) holds, because the recogniser finds names itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import mean, score_set


def _phenomena(shared: Path) -> Path:
    d = shared / "corpus" / "phenomena"
    if not d.exists():
        pytest.skip(f"{d} is absent: the shared corpus is only in the project's CI and dev checkouts")
    return d


def _recall(scorer, d: Path) -> float:
    from communique import analyze

    docs = {p.name: analyze(p).to_dict() for p in sorted(d.glob("*.txt"))}
    return mean(score_set(scorer, d / "gold", d, docs), "entity_recall")


@pytest.mark.slow
def test_phenomena_recall_holds_without_given_names(shared, scorer) -> None:
    from communique.entities import people, stage

    d = _phenomena(shared)
    with_list = _recall(scorer, d)
    saved = set(people.GIVEN)
    try:
        people.GIVEN.clear()  # the same set object every module imported
        stage._state.clear()
        stage._name_words.clear()
        without = _recall(scorer, d)
    finally:
        people.GIVEN.update(saved)
        stage._state.clear()
        stage._name_words.clear()
    assert without >= with_list - 0.01, (with_list, without)
    assert without >= 0.75, without  # above what the lists alone gave with the given names (0.743)
