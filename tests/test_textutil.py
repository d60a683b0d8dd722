"""Text helpers the stages share: sentence splitting, trie-shaped regexes, anchored windows."""

from __future__ import annotations

import re

import pytest

from communique.textutil import anchored_windows, finditer_in, sentences, trie_pattern


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("He spoke with U.S. President Joe Biden. It ended.", ["He spoke with U.S. President Joe Biden.", "It ended."]),
        (
            "The talks were held in the U.S. The next round is in Geneva.",
            ["The talks were held in the U.S.", "The next round is in Geneva."],
        ),
        ("The U.N. Security Council met. J. Smith spoke.", ["The U.N. Security Council met.", "J. Smith spoke."]),
        ("Trade rose 5%, etc. Then it fell.", ["Trade rose 5%, etc.", "Then it fell."]),
    ],
)
def test_sentences(text: str, want: list[str]) -> None:
    assert [text[s:e] for s, e in sentences(text)] == want


def test_trie_pattern_matches_exactly_the_words_longest_first() -> None:
    words = ["minister", "ministers", "min", "deputy", "dep", "a.b"]
    rx = re.compile(rf"(?:{trie_pattern(words)})")
    for w in words:
        assert rx.fullmatch(w)
    for w in ["mini", "ministe", "de", "a-b", ""]:
        assert not rx.fullmatch(w)
    assert rx.match("ministers").group() == "ministers"


def test_finditer_in_windows_equals_a_full_scan() -> None:
    text = "x " * 50 + "the Security Council of Norway and " + "y " * 80 + "the Trade Council met, the Council"
    pattern = re.compile(r"(?:[A-Z]\w+ )+Council(?: of [A-Z]\w+)?")
    wins = anchored_windows(re.compile(r"Council"), text, 0, len(text), 40, 20)
    assert len(wins) == 2  # the last two anchors are close: one merged window
    assert [m.span() for m in finditer_in(pattern, text, wins)] == [m.span() for m in pattern.finditer(text)]
