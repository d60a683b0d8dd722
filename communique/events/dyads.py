"""One event per pair of sides: compound actors become dyads.

Why: event data counts directed dyads (PLOVER/POLECAT, and the scorers of this
project, compare one source and one target). "Russia held consultations with
Damascus and Tehran" is two consultations, RUS->SYR and RUS->IRN; "Merkel and
Hollande expressed condolences to Putin" is DEU->RUS and FRA->RUS. The coder
keeps the compound in ``sources``/``targets``; this step writes a copy of the
event for each further side, with that side as ``source`` or ``target``.

A mutual act of a compound subject ("Russia, Ukraine and Moldova adopted a
statement": sources and targets are the same sides) is coded from its first
member to each other member, not in every direction. Sides are told apart by
country (two officials of one state are one side).
"""

from __future__ import annotations

from dataclasses import replace

from communique.model import Document, Event

MAX_PAIRS = 6  # a list of a dozen states is a summit's roll call, not a dozen events


def expand(doc: Document, events: list[Event]) -> list[Event]:
    """Each event, then a copy for every further (source, target) pair of distinct sides."""
    country = {e.id: (e.country or e.id) for e in doc.entities}

    def sides(ids: list[str]) -> list[str]:
        out, seen = [], set()
        for i in ids:
            k = country.get(i, i)
            if k not in seen:
                seen.add(k)
                out.append(i)
        return out

    out: list[Event] = []
    for ev in events:
        out.append(ev)
        srcs = sides(ev.sources or ([ev.source] if ev.source else []))
        tgts = sides(ev.targets or ([ev.target] if ev.target else []))
        if len(srcs) < 2 and len(tgts) < 2:
            continue
        skeys = {country.get(s, s) for s in srcs}
        tkeys = {country.get(t, t) for t in tgts}
        if len(srcs) >= 2 and tkeys and skeys >= tkeys:  # mutual: the first member with each other one
            pairs = [(srcs[0], t) for t in srcs[1:]]
        else:
            pairs = [(s, t) for s in (srcs or [None]) for t in (tgts or [None])]
        have = {(country.get(ev.source, ev.source), country.get(ev.target, ev.target))}
        for s, t in pairs[:MAX_PAIRS]:
            k = (country.get(s, s), country.get(t, t))
            if k in have or (s is not None and k[0] == k[1]):
                continue
            have.add(k)
            out.append(replace(ev, source=s, target=t, sources=list(ev.sources), targets=list(ev.targets)))
    return out
