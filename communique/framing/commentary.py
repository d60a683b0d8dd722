"""Which narrative passages are the writer's own evaluative voice (commentary)?

The segments stage calls :func:`commentary_spans` with the paragraphs it found
to be narrative prose in the main content (not transcript turns, not inside an
explicitly marked official statement); this module answers which of them are
commentary. It scores each paragraph with the current :class:`FramingModel`
(see ``score.py`` for the lexicon model's cues), then uses context, because
commentary comes in runs — an editorial tail after a news report, a promotional
intro before a list of endorsements:

* a paragraph scoring at least ``HIGH`` is commentary;
* a paragraph scoring at least ``JOIN`` joins a run when it sits between two
  commentary paragraphs, or ends the candidates right after one (the tail of an
  editorial), or when it is the very first candidate and directly precedes one;
* a run that ends the candidates (an editorial tail) grows backwards, and one
  that starts them (an intro) grows forwards, over adjacent paragraphs ≥ ``JOIN``;
* short lines (headings, "Thank you.") never start a run but are absorbed inside one.

Official records are a prior, not a rule: when ``doc.kind`` is transcript,
readout or statement, the publisher's narrative is the official account, so the
thresholds rise (``OFFICIAL_HIGH``) and only a blatant editorial passes.
Adjacent commentary paragraphs (only white space between) are merged.
"""

from __future__ import annotations

from collections.abc import Iterable

from communique.framing.models import FramingModel, get_model
from communique.model import Document
from communique.textutil import paragraphs

Span = tuple[int, int]

HIGH = 0.5
JOIN = 0.25
OFFICIAL_HIGH = 0.97
OFFICIAL_JOIN = 0.8
OFFICIAL_KINDS = frozenset({"transcript", "readout", "statement"})
MIN_WORDS = 6


def candidate_paragraphs(text: str, candidates: Iterable[Span]) -> list[Span]:
    """The paragraphs of the candidate spans, in order, without duplicates."""
    seen: set[Span] = set()
    out: list[Span] = []
    for s, e in sorted(candidates):
        for p in paragraphs(text, s, e):
            if p not in seen:
                seen.add(p)
                out.append(p)
    return sorted(out)


def commentary_spans(
    doc: Document, candidates: list[tuple[int, int]], model: FramingModel | None = None
) -> list[tuple[int, int]]:
    """Spans of ``doc.text`` among ``candidates`` that are commentary, merged into runs.

    ``candidates``: ``(start, end)`` spans of narrative prose in the main content,
    one per paragraph or longer (they are split into paragraphs here). The result
    is sorted, non-overlapping, each span stripped of surrounding white space.
    """
    text = doc.flat
    paras = candidate_paragraphs(text, candidates)
    if not paras:
        return []
    scores = (model or get_model()).commentary_scores(text, paras)
    official = (doc.kind or "") in OFFICIAL_KINDS
    high, join = (OFFICIAL_HIGH, OFFICIAL_JOIN) if official else (HIGH, JOIN)
    short = [len(text[s:e].split()) < MIN_WORDS for s, e in paras]
    mark = [sc >= high and not sh for sc, sh in zip(scores, short, strict=True)]
    adjacent = [_adjacent(text, paras[i], paras[i + 1]) for i in range(len(paras) - 1)]

    for i in range(len(paras)):
        if mark[i]:
            continue
        before = i > 0 and adjacent[i - 1] and mark[i - 1]
        after_run = _next_marked(mark, adjacent, i)
        weak = scores[i] >= join or short[i]
        if before and after_run:  # a gap inside a run
            mark[i] = weak
        elif before and i == len(paras) - 1 and scores[i] >= join:  # the tail of an editorial
            mark[i] = True
        elif i == 0 and after_run and scores[i] >= join:  # the lead-in of a promotional intro
            mark[i] = True
    _grow_edge_runs(mark, adjacent, scores, join)
    if not official:
        _promotional_intro(text, paras, scores, adjacent, mark)
    return _merge(text, [p for p, m in zip(paras, mark, strict=True) if m])


INTRO = 0.05  # the least score of the best paragraph of an intro to a round-up for it to be promotion


def _promotional_intro(
    text: str, paras: list[Span], scores: list[float], adjacent: list[bool], mark: list[bool]
) -> None:
    """The opening paragraphs of a non-official record that lead into a round-up of others' praise
    or reactions (a line ending in a colon, then quotes) frame what follows in the publisher's own
    voice: when any of them carries evaluative words, the whole opening is commentary."""
    k = 0
    while k + 1 < len(paras) and adjacent[k]:
        k += 1
    nxt = paragraphs(text, paras[k][1], min(len(text), paras[k][1] + 600))
    if not nxt or not text[nxt[0][0] : nxt[0][1]].rstrip(" *_\n").endswith(":"):
        return
    if max(scores[: k + 1]) >= INTRO:
        for i in range(k + 1):
            mark[i] = True


def _grow_edge_runs(mark: list[bool], adjacent: list[bool], scores: list[float], join: float) -> None:
    """An editorial tail grows backwards, a promotional intro forwards, over paragraphs ≥ ``join``."""
    n = len(mark)
    if mark[-1]:
        i = n - 1
        while i > 0 and mark[i]:
            i -= 1
        while i >= 0 and not mark[i] and adjacent[i] and scores[i] >= join:
            mark[i] = True
            i -= 1
    if mark[0]:
        i = 0
        while i < n - 1 and mark[i]:
            i += 1
        while i < n and not mark[i] and adjacent[i - 1] and scores[i] >= join:
            mark[i] = True
            i += 1


def _adjacent(text: str, a: Span, b: Span) -> bool:
    return not text[a[1] : b[0]].strip()


def _next_marked(mark: list[bool], adjacent: list[bool], i: int) -> bool:
    return i + 1 < len(mark) and adjacent[i] and mark[i + 1]


def _merge(text: str, spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in spans:
        if out and _adjacent(text, out[-1], (s, e)):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out
