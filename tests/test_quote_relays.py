"""Crafted hard cases for relayed speech: nested quote marks and reported speech inside a quote."""

from __future__ import annotations

from communique.model import Document
from communique.pipeline import analyze
from communique.speech.marks import quote_spans
from communique.textutil import paragraphs


def test_one_closing_mark_ends_an_inner_and_an_outer_quote() -> None:
    text = "Sen. Ann Lee: “He won the night. “The Golden Age has only just begun.”"
    spans = quote_spans(text, paragraphs(text))
    inner = (text.index("“The"), text.rindex("”"))
    outer = (text.index("“He"), text.rindex("”"))
    assert inner in spans and outer in spans


def test_a_stray_opener_mid_paragraph_is_not_closed_by_a_later_quote() -> None:
    text = "He said “yes and later “no” to them, twice."
    spans = quote_spans(text, paragraphs(text))
    assert spans == [(text.index("“no"), text.index("” to"))]


def test_reported_speech_inside_a_round_up_quote_is_relayed_by_the_quoted_speaker() -> None:
    text = (
        "President Donald J. Trump addressed Congress.\n\n"
        "**Sen. Ann Lee**: “Tonight, the president said the Secret Service has made him an agent. "
        "A great night.”\n"
    )
    doc = analyze(Document(text=text, publisher="The White House"))
    names = {e.id: e.name for e in doc.entities}
    relayed = [q for q in doc.quotes if "Secret Service" in text[q.start : q.end] and q.kind == "indirect"]
    assert relayed and "Trump" in names[relayed[0].speaker]
    assert names.get(relayed[0].via) == "Ann Lee"
