"""Loaded-language spans: the lexicon, the patterns, and the fast matcher behind them."""

from __future__ import annotations

import re

import pytest

from communique.framing.lexicon import cues, terms, terms_matcher
from communique.framing.loaded import find_loaded
from communique.framing.matcher import WordMatcher

TECHNIQUES = {
    "name_calling", "loaded_language", "exaggeration_minimisation", "flag_waving", "doubt", "appeal_to_fear",
    "whataboutism", "black_and_white_fallacy", "thought_terminating_cliche", "slogans", "reductio_ad_hitlerum",
}  # fmt: skip


def found(text: str) -> list[tuple[str, str]]:
    return [(text[h.start : h.end], h.technique) for h in find_loaded(text)]


def test_lexicon_rows_are_well_formed() -> None:
    assert len(terms()) > 80
    assert {t.technique for t in terms()} <= TECHNIQUES
    assert all(c.weight != 0 for c in cues())


@pytest.mark.parametrize(
    ("text", "span", "technique"),
    [
        ("pressure to please the Belgian madman Dupont, who", "the Belgian madman Dupont", "name_calling"),
        ("the blockade imposed by the EU-backed cronies of Brussels", "the EU-backed cronies", "name_calling"),
        ("a victory over the so-called ‘rules-based order’ at last", "the so-called ‘rules-based order’", "doubt"),
        ("attempts made through what the West calls democracy promotion", "what the West calls democracy", "doubt"),
        ("talks with the Kiev regime stalled", "Kiev regime", "name_calling"),
        ("a rally under the banner of America First today", "America First", "slogans"),
        ("this junta has betrayed its followers", "this junta", "name_calling"),
        ("they keep meddling in our affairs", "meddling", "loaded_language"),
        ("the neo-Nazis in the east", "the neo-Nazis", "reductio_ad_hitlerum"),
    ],
)
def test_loaded_phrases_are_short_tagged_spans(text: str, span: str, technique: str) -> None:
    assert (span, technique) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "The sanctions regime and the visa regime were reviewed, as was the non-proliferation regime.",
        "The allies marked the defeat of the Nazi regime; nobody called for regime change.",
        "The agreement was supposed to be completed in 2019.",
        "The responsibility lies with the negotiators, who discussed the terrorist threat.",
        "The two leaders reaffirmed their strong commitment to the Alliance and discussed climate change.",
    ],
)
def test_neutral_uses_are_not_tagged(text: str) -> None:
    assert [h for h in find_loaded(text) if h.strong] == []


def test_hits_do_not_overlap_and_lie_inside_the_range() -> None:
    text = "Intro. " + "the Turkish madman Erdogan, the embattled flip-flop and his US-led cronies " * 3
    hits = find_loaded(text, 7, len(text) - 10)
    assert hits and all(7 <= h.start < h.end <= len(text) - 10 for h in hits)
    assert all(a.end <= b.start for a, b in zip(hits, hits[1:], strict=False))


def test_word_matcher_agrees_with_a_plain_alternation() -> None:
    """The prefix index is an optimisation only: same matches as one big regex, in order."""
    rows = [t.pattern for t in terms()]
    big = re.compile("|".join(f"(?P<t{i}>(?<![\\w-])(?:{p})(?![\\w-]))" for i, p in enumerate(rows)), re.I)
    text = (
        "Let's hope the so-called partners, those thugs and cronies, stop meddling! What about the "
        "landmark, historic victory — a massive win for America First and our great nation? "
        "Against all odds, the junta's puppets lied; it is what it is. Neo-Nazis and war criminals, "
        "the existential threat of double standards, alleged hysteria."
    )
    expected = [(int(m.lastgroup[1:]), m.start(), m.end()) for m in big.finditer(text)]
    got = [(i, m.start(), m.end()) for i, m in terms_matcher().scan(text)]
    assert got == expected and len(got) > 15


def test_word_matcher_handles_optional_and_branching_prefixes() -> None:
    m = WordMatcher([r"(?:military )?adventures", r"\b(?:we|they) must\b", r"(?-i:\bI\b)"])
    text = "They must end these military adventures, I said; adventures again."
    assert [(i, text[x.start() : x.end()]) for i, x in m.scan(text)] == [
        (1, "They must"),
        (0, "military adventures"),
        (2, "I"),
        (0, "adventures"),
    ]
