"""The lexicon model's paragraph score: how much a passage reads as the writer's own opinion.

A paragraph's raw score adds the weights of the cues of ``data/commentary_cues.tsv``
found in the writer's own words (quoted speech and URLs masked out), plus the
loaded terms found there (strong terms weigh more than hype words), minus a
penalty for the share of the paragraph that is quoted speech. Each cue's total
is capped so one repeated word cannot decide alone. The sum is divided by the
square root of the paragraph's length in units of 40 words, so a dense short
paragraph and a long one with the same density score alike, then squashed to
[0, 1] with a logistic centred on ``CENTRE`` (0.5 = undecided).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from communique.framing.lexicon import cue_matchers, evaluative, terms, terms_matcher
from communique.framing.text import quoted_share, writer_mask

Span = tuple[int, int]

CAPS = {
    "writer_we": 1.0,
    "intensifier": 1.2,
    "superlative": 1.2,
    "hedge": 1.8,
    "rhetorical_question": 3.0,
    "exclamation": 2.0,
    "reporting": -2.4,
    "first_person": -1.5,
    "speech_marker": -4.0,
    "dateline": -2.0,
    "second_person": -1.6,
    "boilerplate": -6.0,
}
EVALUATIVE = 0.3  # each word of the evaluative lexicon in the writer's own words
EVALUATIVE_CAP = 1.5
STRONG_TERM = 1.2
WEAK_TERM = 0.5
TERM_CAP = 5.0
QUOTED_PENALTY = 2.5
CENTRE = 2.2
SLOPE = 0.6
_WORD = re.compile(r"[A-Za-z][\w’'-]*")


@dataclass
class ParagraphScore:
    """The evidence behind one paragraph's score, kept so ``communique framing`` can explain it."""

    raw: float
    score: float
    words: int
    cues: dict[str, float] = field(default_factory=dict)


def score_paragraph(text: str, start: int, end: int) -> ParagraphScore:
    """Score ``text[start:end]`` (a paragraph of the flattened document)."""
    own = writer_mask(text, start, end)
    words = len(_WORD.findall(own))
    found: dict[str, float] = {}
    matcher, rows, anchored, punct = cue_matchers()
    for i, _m in matcher.scan(own):
        found[rows[i].name] = found.get(rows[i].name, 0.0) + rows[i].weight
    for cue, rx in anchored:
        if rx.match(own):
            found[cue.name] = found.get(cue.name, 0.0) + cue.weight
    for cue in punct:
        n = own.count(cue.pattern.strip("\\"))
        if n:
            found[cue.name] = found.get(cue.name, 0.0) + n * cue.weight
    for name, cap in CAPS.items():
        if name in found:
            found[name] = max(found[name], cap) if cap < 0 else min(found[name], cap)
    lex = evaluative()
    n_eval = sum(1 for w in _WORD.findall(own) if w.lower() in lex)
    if n_eval:
        found["evaluative_words"] = min(n_eval * EVALUATIVE, EVALUATIVE_CAP)
    trows = terms()
    loaded = 0.0
    for i, _m in terms_matcher().scan(own):
        loaded += STRONG_TERM if trows[i].strong else WEAK_TERM
    if loaded:
        found["loaded_terms"] = min(loaded, TERM_CAP)
    share = quoted_share(text, start, end)
    if share > 0.2:
        found["quoted_speech"] = -QUOTED_PENALTY * share
    raw = sum(found.values()) / math.sqrt(max(words, 10) / 40)
    return ParagraphScore(raw, 1 / (1 + math.exp(-(raw - CENTRE) / SLOPE)), words, found)
