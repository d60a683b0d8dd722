"""Speaker turns: every label form of transcripts and briefings, on crafted cases and the real corpus."""

from __future__ import annotations

import pytest
from conftest import mean

from communique import analyze


def turns_of(text: str):
    doc = analyze(text, only=["turns"])
    return doc, [
        (t.label, doc.entity(t.speaker).name if t.speaker else None, t.delivery, t.language) for t in doc.turns
    ]


def test_title_name_label_and_interpreter_notes():
    text = (
        "Meeting with the President of Syria\n\n"
        "President of Russia Vladimir Putin: Mr President, welcome.\n\n"
        "President of the Syrian Arab Republic Bashar al-Assad (in Russian): Spasibo.\n\n"
        "Vladimir Putin: And congratulations.\n\nSecond paragraph of the same turn.\n\n"
        "President of the Syrian Arab Republic Bashar al-Assad (retranslated): Thank you.\n"
    )
    doc, turns = turns_of(text)
    assert turns == [
        ("President of Russia Vladimir Putin", "Vladimir Putin", "original", None),
        ("President of the Syrian Arab Republic Bashar al-Assad (in Russian)", "Bashar al-Assad", "original", "ru"),
        ("Vladimir Putin", "Vladimir Putin", "original", None),
        (
            "President of the Syrian Arab Republic Bashar al-Assad (retranslated)",
            "Bashar al-Assad",
            "retranslated",
            None,
        ),
    ]
    # a continuation paragraph belongs to the current speaker; a turn spans its label and its words
    third = doc.turns[2]
    assert doc.text[third.start : third.end].startswith("Vladimir Putin: And")
    assert doc.text[third.start : third.end].endswith("Second paragraph of the same turn.")
    # one entity per speaker, with the label spellings as aliases
    putin = doc.entity(doc.turns[0].speaker)
    assert doc.turns[2].speaker == putin.id
    assert "President of Russia Vladimir Putin" in putin.aliases


def test_label_alone_on_its_line_and_empty_turn():
    text = (
        "President Vladimir Putin:\nYour Excellency, welcome.\n\n"
        "President Bashar Al-Assad:\nThank you.\n\n\n"
        "President Putin:\n\nEnd of the transcript.\n\nThe statement follows.\n"
    )
    doc, turns = turns_of(text)
    assert [t[1] for t in turns] == ["Vladimir Putin", "Bashar Al-Assad", "Vladimir Putin"]
    last = doc.turns[-1]
    assert last.empty and doc.text[last.start : last.end] == "President Putin:"
    assert "End of the transcript" not in doc.text[doc.turns[1].start : doc.turns[1].end]


def test_briefing_labels_questions_and_as_interpreted():
    text = (
        "2:05 P.M. EDT\n\nMS. PSAKI:  Hi, everyone.\n\nQ    Jen, a question on Iran?\n\n"
        "MR. SULLIVAN:  I would say three things.\n\n"
        "PRIME MINISTER SUGA:  (As interpreted.)  Thank you.\n\n"
        "Q    (As interpreted.)  A follow-up.\n\nQuestion: And another?\n\nPRESIDENT BIDEN:  Sure.\n\n2:33 P.M. EDT\n"
    )
    doc, turns = turns_of(text)
    assert [(t[0], t[1], t[2]) for t in turns] == [
        ("MS. PSAKI", "Psaki", "original"),
        ("Q", None, "original"),
        ("MR. SULLIVAN", "Sullivan", "original"),
        ("PRIME MINISTER SUGA", "Suga", "interpreted"),
        ("Q", None, "interpreted"),
        ("Question", None, "original"),
        ("PRESIDENT BIDEN", "Biden", "original"),
    ]
    # the closing time stamp is not part of the last turn
    assert "2:33" not in doc.text[doc.turns[-1].start : doc.turns[-1].end]


@pytest.mark.parametrize(
    "line",
    [
        "Note: the transcript was edited.",
        "The following is a video report of the summit:",
        "The Syrian Presidency offered the following official statement:",
        "Latest News:",
        "Share this:",
        "Okay, a couple of other updates:",
    ],
)
def test_sentences_with_colons_are_not_speakers(line):
    doc, turns = turns_of(f"Some narrative first.\n\n{line} more words here.\n\nAnother paragraph.\n")
    assert turns == []


def test_label_must_open_a_paragraph():
    doc, turns = turns_of("He wrote that the\nPresident Putin: had said nothing.\n")
    assert turns == []


def test_later_unmarked_turns_keep_the_retranslated_delivery():
    text = (
        "President of Finland Sauli Niinisto (retranslated): Thank you.\n\n"
        "Vladimir Putin: Good.\n\nSauli Niinisto: One more point.\n"
    )
    _, turns = turns_of(text)
    assert turns[2][2] == "retranslated"


def test_name_artefacts_of_page_extraction_are_cut():
    text = "President of Turkey Recep Tayyip Erdogan Erdogan Recep TayyipPresident of Turkey (retranslated): Thanks.\n"
    _, turns = turns_of(text)
    assert turns[0][1] == "Recep Tayyip Erdogan"


def test_seed_turn_targets(seed_scores):
    assert mean(seed_scores, "turn_speaker_acc") >= 0.98
    assert all(r["turn_boundary_f1"] == 1.0 for r in seed_scores.values() if "turn_boundary_f1" in r)


def test_dev_turn_targets_on_every_transcript(dev_scores):
    scored = {k: r for k, r in dev_scores.items() if "turn_speaker_acc" in r}
    assert len(scored) >= 8
    for name, r in scored.items():
        assert r["turn_speaker_acc"] >= 0.95, name
        assert r["turn_boundary_f1"] >= 0.95, name


@pytest.mark.parametrize(
    ("label", "name", "title"),
    [
        ("Chairman of Gazprom Management Board Alexei Miller", "Alexei Miller", "Chairman of Gazprom Management Board"),
        ("CEO of Rosatom Alexei Likhachev", "Alexei Likhachev", "CEO of Rosatom"),
        ("Head of the Russian Direct Investment Fund Kirill Dmitriev", "Kirill Dmitriev", None),
        ("President of Turkey Recep Tayyip Erdogan", "Recep Tayyip Erdogan", "President of Turkey"),
        ("Crown Prince Mohammed bin Salman Al Saud", "Mohammed bin Salman Al Saud", "Crown Prince"),
    ],
)
def test_a_company_in_a_speaker_label_is_not_part_of_the_name(label, name, title):
    from communique.structure.speakers import name_from_label

    got_name, got_title = name_from_label(label)
    assert got_name == name
    if title is not None:
        assert got_title == title
