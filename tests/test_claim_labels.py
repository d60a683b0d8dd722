"""What a figure measures: a noun phrase, never a verb, a person, a pronoun or link text."""

from __future__ import annotations

import pytest

from communique.model import Document
from communique.pipeline import analyze


@pytest.mark.parametrize(
    ("text", "figure", "label"),
    [
        ("Last year mutual trade stood at $18.1 billion, Xi said.", "$18.1 billion", "mutual trade"),
        ("We announced two tranches of those howitzers.", "two tranches", "tranches"),
        ("It is organized across three thematic areas.", "three thematic areas", "thematic areas"),
        ("76% of Americans [approved](https://x.com/a/1) of the speech, according to a CBS poll.", "76%", "Americans"),
    ],
)
def test_quantity_label_names_what_is_measured(text: str, figure: str, label: str) -> None:
    doc = analyze(Document(text=text))
    hits = [c for c in doc.claims if doc.text[c.start : c.end] == figure]
    assert hits and hits[0].quantity == label, [(doc.text[c.start : c.end], c.quantity) for c in doc.claims]


def test_a_person_is_no_quantity_label() -> None:
    doc = analyze(Document(text="President Biden announced $7.5 billion for President Biden."))
    assert all(c.quantity != "President Biden" for c in doc.claims)


def test_a_poll_maker_speaks_its_figure() -> None:
    doc = analyze(Document(text="76% of Americans approved of the speech, according to a CBS poll.\n"))
    assert [doc.entity(c.speaker).name for c in doc.claims] == ["CBS"]
