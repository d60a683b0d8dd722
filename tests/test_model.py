"""The document model's serialisation: ``to_dict`` gives what ``dataclasses.asdict`` gives, as copies."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from communique import analyze
from communique.model import LAYERS, Document

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "communique" / "examples").glob("*.txt"))


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return [analyze(p) for p in EXAMPLES]


def test_layers_serialise_as_asdict_would(docs):
    seen = set()
    for doc in docs:
        d = doc.to_dict()
        for name in LAYERS:
            assert d[name] == [asdict(x) for x in getattr(doc, name)], name
            if d[name]:
                seen.add(name)
    assert {"entities", "mentions", "quotes", "encounters", "events"} <= seen  # the examples exercise the layers


def test_serialised_lists_are_copies(docs):
    doc = next(d for d in docs if any(e.aliases for e in d.entities))
    ent = next(e for e in doc.entities if e.aliases)
    out = doc.to_dict()
    row = next(r for r in out["entities"] if r["id"] == ent.id)
    row["aliases"].append("changed")
    assert "changed" not in ent.aliases
    assert Document.from_dict(doc.to_dict()).to_dict() == doc.to_dict()
