"""Loaded-language spans: a documented lexicon plus a few structural patterns.

Techniques follow SemEval-2020 Task 11 (Da San Martino et al., "Detection of
Propaganda Techniques in News Articles"), written lower_snake_case:
name_calling, loaded_language, exaggeration_minimisation, flag_waving, doubt,
appeal_to_fear, whataboutism, black_and_white_fallacy,
thought_terminating_cliche, slogans, reductio_ad_hitlerum.

Spans are kept short, a noun phrase at most: an insult noun grows over its
determiner, demonym or "X-led" modifier and the proper name it labels ("the
Turkish madman Erdogan"); an adjective grows over the word it qualifies.
Besides the lexicon (``data/loaded_terms.tsv``) three patterns need structure
a word list cannot express:

* ``so-called X`` — doubt cast on a name (with its scare-quoted or next words);
* ``what the West calls X`` — doubt by attributing a name to the other side;
* ``<Proper> regime`` — name calling of a government ("the Kiev regime"),
  except technical regimes (sanctions, visa, ceasefire…) and historical ones
  (Nazi, Soviet) whose name is the standard term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from communique.framing.lexicon import evaluative, terms, terms_matcher

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class LoadedHit:
    start: int
    end: int
    technique: str
    term: str  # the lexicon pattern or pattern name that fired
    strong: bool  # strong terms are tagged anywhere; weak ones only in a publisher's own voice


_DET = r"(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ur)"
_MOD = (
    r"(?:[A-Z][\w’'.-]*|[\w]+-(?:led|backed|sponsored|controlled|funded|installed|appointed|paid)"
    r"|embattled|notorious|infamous|so-called|self-styled|self-proclaimed|corrupt|criminal)"
)
_LEFT = re.compile(rf"(?:(?<![\w-]){_DET}\s+)?(?:(?<![\w-]){_MOD}\s+){{0,3}}$")
_RIGHT_NAME = re.compile(r"(?:\s+(?!(?:The|A|An|And|Of|In|On|At|To|For|But|Or)\b)[A-Z][\w’'-]*){1,3}")
_RIGHT_WORD = re.compile(
    r"\s+(?!(?:and|or|of|the|a|an|to|in|on|at|for|with|by|from|that|which|who|is|are|was|were)\b)([a-z][a-z-]{2,})\b"
)

_SO_CALLED = re.compile(
    r"(?:(?<![\w-])(?:the|a|an|this|these|those|its|their|his|her)\s+)?(?<![\w-])so[- ]called\s+"
    r"(?:[‘'“\"«][^’'”\"»\n]{1,60}[’'”\"»]|[\w-]+(?-i:\s+[A-Z][\w-]*){0,2})",
    re.IGNORECASE,
)
_WHAT_CALLS = re.compile(
    r"(?<![\w-])what\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){1,2}(?:calls?|called|describes? as|terms?|dubs?)\b(?:\s+(?:the\s+)?[\w-]+)?"
)
_REGIME = re.compile(r"(?<![\w-])((?:[A-Z][\w’'.-]*\s+){1,3})regimes?\b(?!\s+(?:change|of\b))")
_REGIME_STOP = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "its",
    "their",
    "our",
    "his",
    "her",
    "new",
    "old",
    "previous",
    "former",
    "current",
    "nazi",
    "hitler",
    "hitlerite",
    "fascist",
    "soviet",
    "apartheid",
    "sanctions",
    "sanction",
    "visa",
    "ceasefire",
    "cease-fire",
    "treaty",
    "non-proliferation",
    "nonproliferation",
    "npt",
    "control",
    "trade",
    "tax",
    "customs",
    "export",
    "import",
    "tariff",
    "legal",
    "security",
    "international",
    "global",
    "monetary",
}


def _grow_noun(text: str, s: int, e: int, lo: int, hi: int) -> Span:
    m = _LEFT.search(text, max(lo, s - 80), s)
    if m and m.start() < s:
        s = m.start()
    r = _RIGHT_NAME.match(text, e, hi)
    if r:
        e = r.end()
    return s, e


def _grow_adj(text: str, e: int, hi: int) -> int:
    r = _RIGHT_WORD.match(text, e, hi)
    return r.end() if r else e


def find_loaded(text: str, start: int = 0, end: int | None = None) -> list[LoadedHit]:
    """Loaded phrases in ``text[start:end]``, sorted, without overlaps (the longer span wins).

    ``text`` should be the flattened document (``Document.flat``); spans are offsets into it.
    """
    end = len(text) if end is None else end
    rows = terms()
    hits: list[LoadedHit] = []
    for i, m in terms_matcher().scan(text, start, end):
        term = rows[i]
        s, e = m.span()
        if term.shape == "noun":
            s, e = _grow_noun(text, s, e, start, end)
        elif term.shape == "adj":
            e = _grow_adj(text, e, end)
        hits.append(LoadedHit(s, e, term.technique, term.pattern, term.strong))
    lower = text[start:end].lower()
    for m in _SO_CALLED.finditer(text, start, end) if "called" in lower else ():
        hits.append(LoadedHit(m.start(), m.end(), "doubt", "so-called X", True))
    for m in _WHAT_CALLS.finditer(text, start, end) if "what " in lower else ():
        hits.append(LoadedHit(m.start(), m.end(), "doubt", "what X calls", True))
    for m in _REGIME.finditer(text, start, end) if "regime" in lower else ():
        words = m.group(1).split()
        while words and words[0].lower() in _REGIME_STOP:
            words.pop(0)
        if not words or any(w.lower().strip(".’'") in _REGIME_STOP for w in words):
            continue
        hits.append(LoadedHit(m.start(), m.end(), "name_calling", "<Proper> regime", True))
    kept = _dedupe(hits)
    # the general lexicon only where the curated one and the patterns found nothing
    extra = [h for h in _praise(text, start, end) if not any(h.start < k.end and k.start < h.end for k in kept)]
    return sorted(kept + _dedupe(extra), key=lambda h: h.start)


PRAISE = 1.8  # valence from which a word of the evaluative lexicon is praise
SCORN = -2.0  # and up to which it is scorn
PRAISE_TERM = "evaluative+"
SCORN_TERM = "evaluative-"
_LEX_WORD = re.compile(r"[A-Za-z][a-z]+(?:-[a-z]+)?")


def _praise(text: str, start: int, end: int) -> list[LoadedHit]:
    """Words of praise and scorn from the evaluative lexicon ("a powerful, masterful speech", "remarkable
    accomplishments"), weak: the stage keeps them only in a publisher's own voice of a non-official
    record or inside commentary, where praise is promotion. Scorn is another matter:
    in news, the negative words of a general lexicon mostly describe (an assault, a disaster), so
    scorn is kept by the stage only inside commentary."""
    lex = evaluative()
    out = []
    for m in _LEX_WORD.finditer(text, start, end):
        if m.group()[0].isupper() and not _sentence_start(text, m.start()):
            continue  # "the Presidential Medal of Freedom", "Liberty County": a name, not a judgement
        word = m.group().lower()
        v = _valence(lex, word)
        if v <= SCORN and word not in lex:  # "madman": a person named by a word of scorn is an insult
            s, e = _grow_noun(text, m.start(), m.end(), start, end)
            out.append(LoadedHit(s, e, "name_calling", SCORN_TERM, True))
        elif v >= PRAISE:
            out.append(LoadedHit(m.start(), _grow_adj(text, m.end(), end), "loaded_language", PRAISE_TERM, False))
        elif v <= SCORN:
            out.append(LoadedHit(m.start(), _grow_adj(text, m.end(), end), "loaded_language", SCORN_TERM, False))
    return out


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4) : pos].rstrip(' *_“"(')
    return not before or before[-1] in ".!?:\n"


def _valence(lex: dict[str, float], word: str) -> float:
    """A word's valence, or its stem's in a compound naming a person ("madman": "mad")."""
    if word in lex:
        return lex[word]
    if len(word) >= 6 and word.endswith(("man", "men")):
        return lex.get(word[:-3], 0.0)
    return 0.0


def _dedupe(hits: list[LoadedHit]) -> list[LoadedHit]:
    """Drop hits overlapping a longer one; a strong hit absorbing a weak one stays strong."""
    hits.sort(key=lambda h: (-(h.end - h.start), h.start))
    kept: list[LoadedHit] = []
    for h in hits:
        if any(h.start < k.end and k.start < h.end for k in kept):
            continue
        kept.append(h)
    return sorted(kept, key=lambda h: h.start)
