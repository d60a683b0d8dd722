"""The PLOVER trigger lexicon: load ``data/lexicon.tsv`` and find triggers in text.

Why a data file plus a tiny pattern language rather than code: the lexicon is
what a user tunes for their corpus, and it should read as a list of words by
meaning (see the file's header for the syntax). Patterns compile to anchored
regular expressions indexed by their first word, so finding triggers costs one
pass of a word regex and a dictionary look-up per word, not one big
alternation tried at every character (the stage's budget is a few ms per
1,000 words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from communique.lexicon import PLOVER_TYPES

DATA = Path(__file__).parent / "data"

TYPES = PLOVER_TYPES
# Types whose intended or promised form is a threat, per PLOVER (a promise of
# cooperation is AGREE, a promise of harm is THREATEN).
HOSTILE = frozenset({"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST", "REJECT", "THREATEN"})
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})

_WORD = r"[\w’'-]+"


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon line."""

    type: str
    mode: str | None
    flags: frozenset[str]
    to: tuple[str, ...]  # prepositions that introduce the target
    pattern: str
    order: int

    @property
    def regex(self) -> re.Pattern[str]:
        """The pattern compiled for lower-cased text, on first use (a big dictionary loads fast)."""
        rx = _COMPILED.get(self.pattern)
        if rx is None:
            rx = _COMPILED[self.pattern] = compile_pattern(self.pattern, ignore_case=False)[0]
        return rx


_COMPILED: dict[str, re.Pattern[str]] = {}


class Trigger(NamedTuple):
    """A lexicon match in the text: ``[start, end)`` into the document (a tuple: made by the thousand)."""

    start: int
    end: int
    entry: Entry
    alts: tuple[Entry, ...] = ()  # other lines matching the same words, in file order


def inflect(stem: str, double: bool = False) -> list[str]:
    """Forms of a stem written ``stem+``: stem, +e, +s, +es, +ed, +d, +ing (and -y, -e spellings).

    Stems may be cut before a final e ("accus+" gives accuse, accused,
    accusing) so one line covers a verb's forms; ``double`` adds the doubled
    consonant forms (ban -> banned, banning).
    """
    forms = {stem, stem + "e", stem + "s", stem + "es", stem + "ed", stem + "d", stem + "ing"}
    if stem.endswith("e") and not stem.endswith("ee"):
        forms.add(stem[:-1] + "ing")
    if stem.endswith("y") and len(stem) > 2 and stem[-2] not in "aeiou":
        forms |= {stem[:-1] + "ies", stem[:-1] + "ied"}
    if double:
        forms |= {stem + stem[-1] + "ed", stem + stem[-1] + "ing"}
    return sorted(forms, key=len, reverse=True)


def split_alts(tok: str) -> list[str]:
    """Split a token on ``|`` outside parentheses (``den(y|ied)|refuse`` is two alternatives)."""
    out, depth, cur = [], 0, ""
    for ch in tok:
        if ch == "|" and depth == 0:
            out.append(cur)
            cur = ""
            continue
        depth += (ch == "(") - (ch == ")")
        cur += ch
    out.append(cur)
    return out


def _token_forms(tok: str) -> list[str]:
    """The literal words one alternative of a token stands for (regex-escaped)."""
    out: list[str] = []
    for alt in split_alts(tok):
        if alt.endswith("++"):
            out += [re.escape(f) for f in inflect(alt[:-2], double=True)]
        elif alt.endswith("+"):
            out += [re.escape(f) for f in inflect(alt[:-1])]
        elif alt.endswith("*"):
            out.append(re.escape(alt[:-1]) + r"[\w-]*")
        elif "(" in alt or "?" in alt:  # a small regex written in the file, e.g. den(y|ied)
            out.append(alt)
        else:
            out.append(re.escape(alt))
    return out


def compile_pattern(pattern: str, ignore_case: bool = True) -> tuple[re.Pattern[str], set[str]]:
    """Compile one pattern; also return the lower-cased words it may start with.

    ``ignore_case=False`` compiles the pattern lower-cased, to match lower-cased text
    (several times faster than ``re.IGNORECASE``; the scan works on ``text.lower()``).
    """
    if not ignore_case:
        pattern = pattern.lower()
    parts: list[str] = []
    first: set[str] = set()
    toks = pattern.split()
    for i, tok in enumerate(toks):
        if tok in ("_", "__"):
            n = 3 if tok == "_" else 6
            parts.append(rf"(?:[\w’'.,$%-]+\s+){{0,{n}}}?")
            continue
        optional = tok.endswith("?") and len(tok) > 1 and not tok.endswith(")?")
        core = tok[:-1] if optional else tok
        alt = "(?:" + "|".join(_token_forms(core)) + ")"
        piece = alt + r"(?![\w’'])"
        piece += r"\s*" if i + 1 < len(toks) else ""
        parts.append(f"(?:{piece})?" if optional else piece)
        if i == 0:
            for a in split_alts(core):
                if a.endswith("*") or "(" in a or "?" in a:
                    first.update(_expand_small_regex(a))
                elif a.endswith("++"):
                    first.update(inflect(a[:-2], True))
                elif a.endswith("+"):
                    first.update(inflect(a[:-1]))
                else:
                    first.add(a)
    rx = "".join(parts)
    return re.compile(rx, re.IGNORECASE if ignore_case else 0), {w.lower() for w in first}


def first_words(pattern: str) -> set[str]:
    """The lower-cased words a pattern may start with (``*stem`` for a stem), without compiling it."""
    core = pattern.split()[0]
    core = core[:-1] if core.endswith("?") and len(core) > 1 and not core.endswith(")?") else core
    first: set[str] = set()
    for a in split_alts(core):
        if a.endswith("*") or "(" in a or "?" in a:
            first.update(_expand_small_regex(a))
        elif a.endswith("++"):
            first.update(inflect(a[:-2], True))
        elif a.endswith("+"):
            first.update(inflect(a[:-1]))
        else:
            first.add(a)
    return {w.lower() for w in first}


def _expand_small_regex(alt: str) -> set[str]:
    """First words of a first token written as a small regex (``den(y|ied|ies)``) or stem*."""
    if alt.endswith("*"):
        return {"*" + alt[:-1].lower()}  # a stem key, looked up by prefix
    if "(" not in alt and "?" in alt:  # honou?r
        i = alt.index("?")
        return {alt.replace("?", ""), alt[: i - 1] + alt[i + 1 :]}
    m = re.fullmatch(r"(\w*)\(([^)]*)\)(\w*)\??", alt)
    if not m:
        return {alt}
    return {m.group(1) + mid + m.group(3) for mid in m.group(2).split("|")} | (
        {m.group(1) + m.group(3)} if alt.endswith("?") else set()
    )


def trie_regex(words: list[str], ends: dict[str, str] | None = None) -> str:
    """A regex matching exactly ``words``, shaped as a trie so matching costs the word's length.

    One alternation of hundreds of literals is tried literal by literal at
    every word start; the trie form fails after a character or two. ``ends``
    gives a regex to append where a word ends (a look-ahead on what follows).
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = (ends or {}).get(w, "")

    def emit(node: dict) -> str:
        alts = []
        for ch in sorted(k for k in node if k):
            alts.append(re.escape(ch) + emit(node[ch]))
        if "" not in node:
            return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if not alts:
            return node[""]
        return "(?:" + "|".join(alts) + "|" + node[""] + ")"

    return emit(trie)


def second_token(pattern: str) -> str | None:
    """A regex for the second word every match of ``pattern`` must have, or None (one word, a gap, optional)."""
    toks = pattern.split()
    if len(toks) < 2 or toks[1] in ("_", "__") or (toks[1].endswith("?") and not toks[1].endswith(")?")):
        return None
    return "(?:" + "|".join(_token_forms(toks[1].lower())) + r")(?![\w’'])"


class Lexicon:
    """Compiled trigger patterns, indexed by first word.

    The scan is one regex over the lower-cased text that matches only words a
    pattern can start with; a frequent function word that starts only
    multi-word patterns ("in support of", "out of the question", "would like
    to") carries a look-ahead for its possible second words, so the scan stops
    in Python only where a pattern can match (a quarter of the word hits).
    """

    def __init__(self, entries: list[Entry], index: dict[str, list[Entry]], stems: list[tuple[str, Entry]]):
        self.entries = entries
        self.index = index
        self.stems = stems
        self.stem_prefixes = tuple(p for p, _ in stems)
        words = list(index) + [p for p, _ in stems]
        ends: dict[str, str] = {}
        for w in index:
            seconds = [second_token(e.pattern) for e in index[w]]
            guard = all(seconds) and not any(w.startswith(p) for p in self.stem_prefixes)
            alts = "|".join(sorted({x for x in seconds if x}))
            ends[w] = rf"(?![\w’'-])(?=\s*(?:{alts}))" if guard else ""
        stem_part = "|".join(re.escape(p) + r"[\w-]*" for p, _ in stems)
        body = trie_regex(sorted(ends), ends)
        alt = f"(?:{stem_part}|{body})" if stem_part else body
        # first words only, lower-cased text, whole words
        self.first_rx = re.compile(rf"(?<![\w’'-])(?:{alt})(?![\w’'-])")
        self._words = words

    def find(self, text: str, start: int = 0, end: int | None = None, lower: str | None = None) -> list[Trigger]:
        """Triggers in ``text[start:end]``, overlaps resolved: the longer match wins.

        ``lower`` is ``text.lower()`` when the caller has it (same length, same offsets).
        """
        end = len(text) if end is None else end
        low = lower if lower is not None else text.lower()
        found: list[Trigger] = []
        index = self.index
        for m in self.first_rx.finditer(low, start, end):
            w = m.group()
            cands = index.get(w, ())
            if self.stem_prefixes and w.startswith(self.stem_prefixes):
                cands = list(cands) + [e for p, e in self.stems if w.startswith(p)]
            for entry in cands:
                mm = entry.regex.match(low, m.start(), end)
                if mm and mm.end() > mm.start():
                    found.append(Trigger(m.start(), mm.end(), entry))
        found.sort(key=lambda t: (t.start, -(t.end - t.start), t.entry.order))
        kept: list[Trigger] = []
        for t in found:
            if kept and t.start < kept[-1].end:
                prev = kept[-1]
                if (t.start, t.end) == (prev.start, prev.end):
                    kept[-1] = Trigger(prev.start, prev.end, prev.entry, prev.alts + (t.entry,))
                elif (t.end - t.start) > (prev.end - prev.start):
                    kept[-1] = t
                continue
            kept.append(t)
        return [t for t in kept if t.entry.type != "NONE"]


_WORD_RX = re.compile(r"[A-Za-z][\w’'-]*")


def parse_line(line: str, order: int) -> Entry:
    typ, mode, flags, pattern = line.split("\t")[:4]
    if typ not in TYPES and typ != "NONE":
        raise ValueError(f"lexicon line {order}: unknown PLOVER type {typ!r}")
    fl = set() if flags == "-" else set(flags.split(","))
    to: tuple[str, ...] = ()
    for f in list(fl):
        if f.startswith("to="):
            to = tuple(f[3:].split("/"))
            fl.discard(f)
    return Entry(typ, None if mode == "-" else mode, frozenset(fl), to, pattern, order)


@lru_cache(maxsize=4)
def load(path: str | None = None) -> Lexicon:
    """Load and compile a lexicon file (the packaged one by default); cached."""
    p = Path(path) if path else DATA / "lexicon.tsv"
    entries: list[Entry] = []
    for n, raw in enumerate(p.read_text(encoding="utf-8").splitlines()):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        entries.append(parse_line(line, n))
    return build(entries)


def build(entries: list[Entry]) -> Lexicon:
    """Index compiled entries by the words they may start with."""
    index: dict[str, list[Entry]] = {}
    stems: list[tuple[str, Entry]] = []
    for entry in entries:
        for w in first_words(entry.pattern):
            if w.startswith("*"):
                stems.append((w[1:], entry))
            else:
                index.setdefault(w, []).append(entry)
    return Lexicon(entries, index, stems)


class Layered:
    """A primary lexicon and a fallback one: the fallback's triggers only where the primary has none.

    Why: the hand lexicon's lines carry flags (what they govern, where their
    target is) that a general dictionary's lines lack; where both match, the
    hand line decides, and the general dictionary fills the gaps.
    """

    def __init__(self, primary: Lexicon, fallback: Lexicon, short_only: bool = False):
        self.primary = primary
        self.fallback = fallback
        self.short_only = short_only  # the fallback codes short texts only: a record need not scan it
        self.entries = primary.entries + fallback.entries

    def find(self, text: str, start: int = 0, end: int | None = None, lower: str | None = None) -> list[Trigger]:
        low = lower if lower is not None else text.lower()
        first = self.primary.find(text, start, end, lower=low)
        spans = [(t.start, t.end) for t in first]
        extra = [
            t
            for t in self.fallback.find(text, start, end, lower=low)
            if not any(t.start < e and s < t.end for s, e in spans)
        ]
        return sorted(first + extra, key=lambda t: t.start)
