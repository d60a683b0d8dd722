"""The framing stage end to end: voices, official records, targets through the shared scorer."""

from __future__ import annotations

import pytest
from conftest import mean

from communique.framing import models, stage
from communique.framing.loaded import LoadedHit
from communique.model import Document, Quote, Segment, Turn

OFFICIAL = ("transcript", "readout", "statement")


def test_loaded_words_in_a_quote_are_voiced_by_the_speaker() -> None:
    text = (
        "The minister spoke to reporters in the capital on Tuesday.\n\n"
        "“These thugs and their so-called ‘elections’ are a historic disgrace,” the minister said."
    )
    doc = Document(text=text, kind="news")
    minister = doc.new_entity("PERSON", "The Minister")
    q0 = text.index("“")
    doc.quotes = [Quote(q0, text.index("”") + 1, minister.id, "direct")]
    stage.run(doc)
    loaded = {doc.text[f.start : f.end]: f for f in doc.framing if f.label == "loaded_language"}
    assert loaded["These thugs"].voice == minister.id
    assert loaded["their so-called ‘elections’"].technique == "doubt"
    assert "historic disgrace" not in loaded  # a weak hype word in someone else's mouth is not tagged
    assert not [f for f in doc.framing if f.label == "commentary"]


def test_words_in_a_turn_are_voiced_by_its_speaker_and_publisher_words_by_none() -> None:
    text = "Leader A: We will never bow to these warmongers.\n\nThe talks ended; the so-called truce holds."
    doc = Document(text=text, kind="transcript")
    a = doc.new_entity("PERSON", "Leader A")
    doc.turns = [Turn(0, text.index("\n\n"), a.id, "Leader A")]
    doc.segments = [
        Segment(0, text.index("\n\n"), "transcript"),
        Segment(text.index("The talks"), len(text), "narrative"),
    ]
    stage.run(doc)
    voices = {doc.text[f.start : f.end]: f.voice for f in doc.framing}
    assert voices == {"these warmongers": a.id, "the so-called truce": None}


def test_official_statement_words_are_not_the_publishers_own() -> None:
    intro = "The Presidency offered the following official statement:"
    body = "The talks dealt with Western policies of sabotage and hegemony and a historic partnership."
    text = f"{intro}\n\n{body}"
    doc = Document(text=text, kind="mixed")
    doc.segments = [Segment(0, len(text), "statement")]
    stage.run(doc)
    assert doc.framing == []  # weak words inside a reproduced statement belong to its issuer


def test_a_plugged_in_model_is_used() -> None:
    class Everything:
        def commentary_scores(self, text, paragraphs):
            return [1.0 for _ in paragraphs]

        def loaded_spans(self, text, start=0, end=None):
            return [LoadedHit(start, start + 3, "slogans", "stub", True)]

    previous = models.set_model(Everything())
    try:
        doc = Document(text="Plain words here, nothing to see.\n\nMore plain words, and more of them.", kind="news")
        stage.run(doc)
        assert [f.label for f in doc.framing].count("commentary") == 1
        assert {f.technique for f in doc.framing if f.label == "loaded_language"} == {"slogans"}
    finally:
        models.set_model(previous)
    with pytest.raises(TypeError):
        models.set_model(object())  # type: ignore[arg-type]


def test_no_commentary_in_official_records_of_the_dev_corpus(analysed_dev) -> None:
    for name, d in analysed_dev.items():
        if d["kind"] in OFFICIAL:
            assert not [s for s in d["segments"] if s["kind"] == "commentary"], name
            assert not [f for f in d["framing"] if f["label"] == "commentary"], name


def test_framing_targets_on_seeds_and_dev(seed_scores, dev_scores) -> None:
    for scores in (seed_scores, dev_scores):
        assert mean(scores, "commentary_f1") >= 0.85
        assert mean(scores, "loaded_language_recall") >= 0.75
