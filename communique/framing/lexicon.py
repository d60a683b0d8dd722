"""Load the framing lexicons (``data/*.tsv``) once and compile them to regexes.

The lexicons are data, not code, so a user can read, extend or replace them
without touching the matcher; each file documents its own columns. Both are
compiled into one alternation with a named group per row so a whole paragraph
is scanned in a single regex pass (the stage's speed budget is 3 ms per
1,000-word document).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from communique.framing.matcher import WordMatcher

_APOSTROPHE = re.compile(r"'")


@dataclass(frozen=True, slots=True)
class Term:
    """One row of ``loaded_terms.tsv``."""

    pattern: str
    technique: str
    strong: bool
    shape: str  # noun | adj | phrase


@dataclass(frozen=True, slots=True)
class Cue:
    """One row of ``commentary_cues.tsv``."""

    name: str
    weight: float
    pattern: str


def _rows(name: str) -> list[list[str]]:
    text = resources.files("communique.framing").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _typographic(pattern: str) -> str:
    """Let a straight apostrophe in a pattern match the curly one too."""
    return _APOSTROPHE.sub("['’]", pattern)


@lru_cache(maxsize=1)
def terms() -> tuple[Term, ...]:
    out = []
    for row in _rows("loaded_terms.tsv"):
        pattern, technique, strength, shape = (c.strip() for c in row[:4])
        if strength not in {"strong", "weak"} or shape not in {"noun", "adj", "phrase"}:
            raise ValueError(f"loaded_terms.tsv: bad row {row!r}")
        out.append(Term(_typographic(pattern), technique, strength == "strong", shape))
    return tuple(out)


@lru_cache(maxsize=1)
def terms_matcher() -> WordMatcher:
    """All loaded terms, whole words only; the index of a match is the row of ``terms()``."""
    return WordMatcher([rf"(?<![\w-])(?:{t.pattern})(?![\w-])" for t in terms()])


@lru_cache(maxsize=1)
def evaluative() -> dict[str, float]:
    """``data/evaluative_lexicon.tsv``: evaluative and emotive words (VADER, filtered against the
    genre's neutral register; see the file's header) -> valence, −4 … +4."""
    return {row[0].strip(): float(row[1]) for row in _rows("evaluative_lexicon.tsv")}


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    out = []
    for row in _rows("commentary_cues.tsv"):
        name, weight, pattern = row[0].strip(), float(row[1]), "\t".join(row[2:]).strip()
        out.append(Cue(name, weight, _typographic(pattern)))
    return tuple(out)


def is_anchored(cue: Cue) -> bool:
    """A cue that only applies at the start of a paragraph (``^…``)."""
    return cue.pattern.startswith("^")


def is_punctuation(cue: Cue) -> bool:
    """A cue that is one punctuation mark (``?``, ``!``): counted, not matched."""
    return cue.pattern in {"\\?", "!"}


@lru_cache(maxsize=1)
def cue_matchers() -> tuple[WordMatcher, list[Cue], list[tuple[Cue, re.Pattern[str]]], list[Cue]]:
    """(matcher over the word cues, their rows; anchored cues compiled; punctuation cues)."""
    rows = cues()
    words = [c for c in rows if not is_anchored(c) and not is_punctuation(c)]
    anchored = [(c, re.compile(c.pattern, re.IGNORECASE)) for c in rows if is_anchored(c)]
    punct = [c for c in rows if is_punctuation(c)]
    return WordMatcher([c.pattern for c in words]), words, anchored, punct
