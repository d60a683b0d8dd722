"""Dictionary lookup of reference-data names in text, built once per knowledge base.

Every surface form of the KB (country names and aliases, demonyms, capitals,
organisations, places, full names of office holders) is indexed by its first
word. Scanning visits only the words that can start a surface (capitalised ones and
the few lower-case first words) and, at each word that starts some surface, tries that word's surfaces longest first with ``str.startswith``:
a few dictionary probes per word, which keeps the stage within its budget of a
few milliseconds per thousand words (a regex alternation of ~3,000 names is
several times slower in Python's backtracking engine).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from communique.entities.kb import KB, get_kb

WORD = re.compile(r"[\w@\[][\w.'’&+\]]*")
_CORE = re.compile(r"^[\w@\[]+")
_TAIL_OK = re.compile(r"(?:['’]s?)?(?![\w])")


@dataclass(frozen=True, slots=True)
class Ref:
    kind: str  # COUNTRY | DEMONYM | CAPITAL | ORG | GROUP | PLACE | PERSON
    key: str  # iso3, org id, place name or person id


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    surface: str
    refs: tuple[Ref, ...]


class Gazetteer:
    def __init__(self, kb: KB) -> None:
        self.kb = kb
        table: dict[str, list[Ref]] = {}

        def add(surface: str, ref: Ref) -> None:
            surface = " ".join(surface.split())
            if len(surface) < 2:
                return
            refs = table.setdefault(surface, [])
            if ref not in refs:
                refs.append(ref)

        for c in kb.countries.values():
            for n in (c.name, *c.aliases):
                add(n, Ref("COUNTRY", c.iso3))
                if n.startswith("the "):
                    add(n[4:], Ref("COUNTRY", c.iso3))
            for d in c.demonyms:
                add(d, Ref("DEMONYM", c.iso3))
            if c.capital:
                add(c.capital, Ref("CAPITAL", c.iso3))
        for o in kb.orgs.values():
            for n in (o.name, *o.aliases):
                add(n, Ref(o.type, o.id))
        for p in kb.places.values():
            for n in (p.name, *p.aliases):
                add(n, Ref("PLACE", p.name))
        for p in kb.people.values():
            for n in (p.name, *p.spellings):
                if " " in n:
                    add(n, Ref("PERSON", p.id))
        self.table = {k: tuple(v) for k, v in table.items()}
        first: dict[str, list[str]] = {}
        for s in self.table:
            m = _CORE.match(s)
            if m:
                first.setdefault(m.group(), []).append(s)
        self.first = {k: sorted(v, key=len, reverse=True) for k, v in first.items()}
        # Most surfaces start with a capital or a digit; the few that start lower-case ("the
        # Hague", "al-…") are listed by their first word. Only such words can start a hit, so
        # the regex engine skips every other word without a Python-level step.
        lower = sorted({k for k in self.first if k[:1].islower()}, key=len, reverse=True)
        alts = "|".join(re.escape(k) for k in lower)
        self.starts = re.compile(r"(?<![\w.'’&+\]])(?:[^\W_a-z]|[@\[]" + (rf"|(?:{alts})(?!\w)" if alts else "") + ")")

    def scan(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Longest, leftmost, non-overlapping KB names in ``text[start:end]`` (``text`` with newlines as spaces)."""
        end = len(text) if end is None else end
        out: list[Hit] = []
        pos_done = start
        first = self.first
        for w in self.starts.finditer(text, start, end):
            s = w.start()
            if s < pos_done:
                continue
            m = WORD.match(text, s, end)
            if m is None:
                continue
            core = _CORE.match(m.group())
            cands = first.get(core.group()) if core else None
            if not cands:
                continue
            for surface in cands:
                if text.startswith(surface, s) and s + len(surface) <= end:
                    if surface[-1].isalnum() and not _TAIL_OK.match(text, s + len(surface)):
                        continue
                    out.append(Hit(s, s + len(surface), surface, self.table[surface]))
                    pos_done = s + len(surface)
                    break
        return out


_gaz: Gazetteer | None = None


def get_gazetteer() -> Gazetteer:
    global _gaz
    if _gaz is None:
        _gaz = Gazetteer(get_kb())
    return _gaz


def reset() -> None:
    global _gaz
    _gaz = None
