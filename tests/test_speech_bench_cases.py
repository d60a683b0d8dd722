"""Quotes and claims on sentences taken verbatim from the White House bench corpus.

Each row of ``data/speech/bench_cases.jsonl`` is a passage copied from one bench
record (its id in ``bench``) with the quotes and claims it must yield: the
speaker (and relay) of a quote holding a given phrase, and the value, unit and
speaker of a figure. The rows are the instances that justified each rule of
the speech stages, so a rule that stops holding on its own evidence fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.model import Document
from communique.pipeline import analyze

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "speech" / "bench_cases.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]


def _names(doc: Document, eid: str | None) -> set[str]:
    ent = doc.entity(eid)
    if ent is None:
        return set()
    return {" ".join(n.split()).lower() for n in [ent.name, *ent.aliases]}


def _run(case: dict, tmp_path: Path) -> Document:
    """Read the passage as the corpus gives a record: a text file, with its title in front matter."""
    text = case["text"]
    if case.get("title"):  # the metadata stage reads the record's kind from its title
        text = "---\ntitle: " + json.dumps(case["title"]) + "\n---\n" + text
    if not case.get("title"):
        return analyze(Document(text=text, publisher=case.get("publisher")))
    path = tmp_path / "record.txt"
    path.write_text(text, encoding="utf-8")
    return analyze(path)


@pytest.mark.parametrize("case", CASES, ids=[f"{i}-{c['phenomenon'][:40]}" for i, c in enumerate(CASES)])
def test_bench_case(case: dict, tmp_path: Path) -> None:
    doc = _run(case, tmp_path)
    for want in case.get("quotes", []):
        hits = [q for q in doc.quotes if want["contains"] in doc.text[q.start : q.end]]
        said = [(sorted(_names(doc, q.speaker))[:1], sorted(_names(doc, q.via))[:1]) for q in hits]
        ok = [
            q
            for q in hits
            if any(want["speaker"].lower() in n for n in _names(doc, q.speaker))
            and ("via" not in want or (want["via"] or "").lower() in (_names(doc, q.via) or {""}))
            and all(getattr(q, k) == v for k, v in want.get("fields", {}).items())
        ]
        assert ok, f"{case['phenomenon']}: no quote by {want['speaker']} holding {want['contains']!r}; got {said}"
    for bad in case.get("no_quotes", []):
        hits = [q for q in doc.quotes if bad in doc.text[q.start : q.end]]
        assert not hits, f"{case['phenomenon']}: {bad!r} is no quote"
    for bad in case.get("no_claims", []):
        hits = [c for c in doc.claims if bad in doc.text[c.start : c.end]]
        assert not hits, f"{case['phenomenon']}: {bad!r} is no figure"
    for want in case.get("claims", []):
        hits = [
            c
            for c in doc.claims
            if want["contains"] in doc.text[max(0, c.start - 60) : c.end + 60]
            and c.value == pytest.approx(want["value"])
            and c.unit == want["unit"]
        ]
        assert hits, f"{case['phenomenon']}: no claim {want['value']} {want['unit']}; got " + str(
            [(c.value, c.unit, doc.text[c.start : c.end]) for c in doc.claims]
        )
        if "speaker" in want:
            assert any(any(want["speaker"].lower() in n for n in _names(doc, c.speaker)) for c in hits), (
                f"{case['phenomenon']}: {want['value']} {want['unit']} is not {want['speaker']}'s"
            )
        if "change" in want:
            assert any(c.change == want["change"] for c in hits)
