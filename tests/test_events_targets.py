"""The events stage against its measured targets (see communique/events/README.md).

The issue's targets are the floors (the measured figures are noted beside
them), so a change that loses accuracy below a target fails here.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import mean

REPO = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("events_bench", REPO / "benchmarks" / "events.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def plover(shared: Path, tmp_path_factory) -> dict:
    gold = shared / "plover" / "gsr_dev.json"
    if not gold.exists():
        pytest.skip("no PLOVER gold in ../shared")
    pred = tmp_path_factory.mktemp("plover") / "pred.jsonl"
    pred.write_text("\n".join(_bench().plover_lines(gold)) + "\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(shared / "eval" / "score_events.py"), "--gold", str(gold), "--pred", str(pred), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout)


def test_plover_dev_type_f1_and_spurious(plover):
    assert plover["missing_predictions"] == 0
    assert plover["type_macro_f1"] >= 0.80  # target 0.80 (measured 0.89)
    assert plover["spurious_per_sentence"] <= 0.20  # target 0.20 (measured 0.08)


def test_plover_dev_full_recall(plover):
    assert plover["full_recall"] >= 0.75  # target 0.75 (measured 0.79)


def test_event_recall_on_seeds_and_dev(seed_scores, dev_scores):
    for scores in (seed_scores, dev_scores):
        with_events = {k: v for k, v in scores.items() if "event_recall" in v}
        assert with_events
        assert mean(with_events, "event_recall") >= 0.80  # target 0.80 on each (measured 1.0 and 0.95)


def test_predicted_events_per_gold_event(seed_scores, dev_scores):
    """The shared scorer's event_count is [predicted, gold] per document with gold events;
    summed over seeds and dev, no more than three predictions per gold event."""
    counts = [v["event_count"] for v in {**seed_scores, **dev_scores}.values() if "event_count" in v]
    predicted, gold = sum(c[0] for c in counts), sum(c[1] for c in counts)
    assert gold and predicted / gold <= 3.0  # target 3 (measured 2.6)


def test_events_stage_adds_only_events(analysed_dev):
    from communique.events.stage import run
    from communique.model import Document

    for d in analysed_dev.values():
        doc = Document.from_dict(d)
        entities, mentions = [(e.id, e.name, e.country) for e in doc.entities], len(doc.mentions)
        run(doc)
        assert [(e.id, e.name, e.country) for e in doc.entities] == entities
        assert len(doc.mentions) == mentions
