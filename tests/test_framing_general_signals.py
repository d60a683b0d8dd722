"""Framing from general signals: no lexicon entry lifted from a development document, praise and
scorn from an open lexicon (VADER, filtered against the genre's neutral register), a round-up of
reactions as a statement segment, and the promotional opening before it as commentary."""

from __future__ import annotations

import json

import pytest
from conftest import score_set

from communique.framing.audit import alternatives, dev_only
from communique.framing.lexicon import evaluative
from communique.framing.loaded import find_loaded
from communique.model import Document
from communique.pipeline import analyze

INTRO = (
    "Tonight the Governor delivered a powerful, brilliant address highlighting the remarkable "
    "achievements of her first year in office."
)
ROUNDUP = (
    f"{INTRO}\n\nThe speech was widely covered.\n\n**Reactions came from across the state:**\n\n"
    "[**Mayor Jane Doe**](https://example.org/jane): “It was a fine speech.”\n\n"
    "[**Senator John Roe**](https://example.org/john): “A clear plan for the year.”\n"
)


def test_alternatives_split_a_cue_into_its_phrases() -> None:
    assert alternatives(r"\b(?:it seems|who (?:knows|cares)|no doubt)\b") == [
        r"\b(?:it seems)\b",
        r"\b(?:who (?:knows|cares))\b",
        r"\b(?:no doubt)\b",
    ]


def test_no_lexicon_entry_matches_only_development_documents(shared) -> None:
    dev = [p.read_text(encoding="utf-8") for p in [*shared.glob("seeds/*.txt"), *shared.glob("corpus/dev/*.txt")]]
    bench_file = shared / "corpus" / "bench" / "whitehouse-1500.jsonl"
    if not bench_file.exists():
        pytest.skip(f"{bench_file} is absent")
    bench = [json.loads(line)["text"] for line in bench_file.open(encoding="utf-8") if line.strip()]
    assert dev_only(dev, bench) == []


def test_framing_figures_on_phenomena_hold_without_lifted_entries(shared, scorer) -> None:
    folder = shared / "corpus" / "phenomena"
    if not folder.exists():
        pytest.skip(f"{folder} is absent")
    docs = {p.name: analyze(p).to_dict() for p in sorted(folder.glob("*.txt"))}
    scores = score_set(scorer, folder / "gold", folder, docs)
    com = [s["commentary_f1"] for s in scores.values() if s.get("commentary_f1") is not None]
    ll = [s["loaded_language_recall"] for s in scores.values() if s.get("loaded_language_recall") is not None]
    assert com and sum(com) / len(com) >= 0.85, com
    assert ll and sum(ll) / len(ll) >= 0.8, ll


def test_evaluative_lexicon_keeps_praise_and_drops_the_genres_descriptive_words() -> None:
    lex = evaluative()
    assert lex["remarkable"] > 0 and lex["pathetic"] < 0
    for word in ("peace", "strong", "crisis", "war", "welcome"):  # frequent in readouts: they describe
        assert word not in lex


def test_praise_is_weak_and_a_person_named_by_scorn_is_name_calling() -> None:
    hits = {(INTRO[h.start : h.end], h.technique, h.strong) for h in find_loaded(INTRO)}
    assert ("remarkable achievements", "loaded_language", False) in hits
    text = "pressure to please the Belgian madman Dupont, who"
    assert ("the Belgian madman Dupont", "name_calling", True) in {
        (text[h.start : h.end], h.technique, h.strong) for h in find_loaded(text)
    }


def test_roundup_of_reactions_is_a_statement_and_its_opening_is_commentary() -> None:
    doc = analyze(Document(text=ROUNDUP, kind="news", publisher="Example Office"))
    kinds = [(s.kind, ROUNDUP[s.start : s.start + 12]) for s in doc.segments]
    assert kinds[0] == ("commentary", INTRO[:12])
    assert ("statement", "**Reactions ") in kinds
    loaded = [ROUNDUP[f.start : f.end] for f in doc.framing if f.label == "loaded_language" and f.voice is None]
    assert any("remarkable" in t for t in loaded)


def test_readout_praise_stays_untagged() -> None:
    text = (
        "Readout of President Biden’s Meeting with Prime Minister Kishida of Japan\n\n"
        "President Biden met today with Prime Minister Kishida. The leaders praised the remarkable progress.\n"
    )
    doc = analyze(Document(text=text, publisher="The White House"))
    assert doc.kind == "readout"
    assert [f for f in doc.framing if f.label == "loaded_language"] == []


def test_scorn_in_news_narrative_is_not_loaded() -> None:
    news = "MOSCOW, March 15 (Reuters) - The assault on the town left a dreadful toll, officials said."
    doc = analyze(Document(text=news, kind="news", publisher="Reuters"))
    assert [f for f in doc.framing if f.label == "loaded_language"] == []


def test_praise_in_a_fact_sheets_narrative_and_names_of_awards_stay_untagged() -> None:
    text = (
        "The program will safely deliver beneficial support to families, the Department said. "
        "She received the Presidential Medal of Freedom and the Distinguished Service Award.\n"
    )
    doc = analyze(Document(text=text, kind="news", publisher="The White House"))
    assert [text[f.start : f.end] for f in doc.framing if f.label == "loaded_language"] == []
