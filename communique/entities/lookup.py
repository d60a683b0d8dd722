"""Queries other stages make of the entities layer: who is at this span, who is this name.

Everything here reads ``doc.entities`` and ``doc.mentions`` as the entities stage
left them; nothing writes. Country helpers work without a document.
"""

from __future__ import annotations

import re

from communique.entities import roles
from communique.entities.kb import CountryRec, get_kb
from communique.entities.people import name_words
from communique.entities.translit import names_compatible, words_match
from communique.model import Document, Mention

_DET = re.compile(r"^(?:the|his|her|their|its|our|your|my)\s+", re.I)


def mentions_in(doc: Document, start: int, end: int, types: set[str] | list[str] | None = None) -> list[Mention]:
    """Mentions overlapping ``[start, end)``, in text order; ``types`` keeps only entities of those types."""
    out = []
    for m in doc.mentions:
        if m.end <= start or m.start >= end:
            continue
        if types is not None:
            ent = doc.entity(m.entity)
            if ent is None or ent.type not in types:
                continue
        out.append(m)
    return out


def entity_at(doc: Document, start: int, end: int) -> str | None:
    """The entity of the widest linked mention covering ``[start, end)``, else of the widest overlapping one."""
    best: Mention | None = None
    for m in doc.mentions:
        if m.entity and m.start <= start and m.end >= end and (best is None or m.end - m.start > best.end - best.start):
            best = m
    if best is None:
        over = [m for m in mentions_in(doc, start, end) if m.entity]
        if over:
            best = max(over, key=lambda m: min(m.end, end) - max(m.start, start))
    return best.entity if best else None


def country_of(doc: Document, eid: str | None) -> str | None:
    """ISO3 of an entity: its own country (a person's state, a ministry's state, "WST" for the West)."""
    ent = doc.entity(eid)
    return ent.country if ent else None


def demonym_country(word: str) -> str | None:
    """ISO3 for a demonym or adjective ("Russian", "Turks", "Americans"), None if unknown."""
    kb = get_kb()
    return kb.demonyms.get(word) or kb.demonyms.get(word.strip().title())


def country_lookup(name_or_code: str) -> CountryRec | None:
    """A country by name, official name, short form, demonym, ISO alpha-3 or alpha-2 code."""
    kb = get_kb()
    s = name_or_code.strip()
    if s.upper() in kb.countries:
        return kb.countries[s.upper()]
    iso = kb.country_names.get(s) or kb.country_names.get(s.removeprefix("the ")) or kb.demonyms.get(s)
    if iso is None and len(s) == 2:
        import pycountry

        c = pycountry.countries.get(alpha_2=s.upper())
        iso = c.alpha_3 if c else None
    if iso is None:
        low = s.lower()
        iso = next((v for k, v in kb.country_names.items() if k.lower() == low), None)
    return kb.countries.get(iso) if iso else None


def resolve_name(doc: Document, name: str) -> str | None:
    """The entity of this document a surface string refers to, or None when not confident.

    Accepts names in any spelling ("Mikdad", "President Assad", "Sergei Lavrov"),
    role phrases ("the Russian foreign minister"), countries, demonyms and
    organisation names. Ambiguity (two people fit) returns None.
    """
    s = " ".join(_DET.sub("", name.strip()).split())
    if not s:
        return None
    low = s.lower()
    for e in doc.entities:  # an exact alias
        if any(a.lower() == low for a in [e.name, *e.aliases]):
            return e.id
    c = country_lookup(s)
    if c:
        hit = [e for e in doc.entities if e.type == "COUNTRY" and e.country == c.iso3]
        if hit:
            return hit[0].id
    people = [e for e in doc.entities if e.type == "PERSON"]
    office = roles.office_key(s)
    if office:  # a role phrase: match office and country
        iso = None
        for w in re.findall(r"[A-Z][\w.]*(?: [A-Z][\w.]*)*", s):
            iso = iso or demonym_country(w) or (country_lookup(w).iso3 if country_lookup(w) else None)
        fits = [
            e
            for e in people
            if any(roles.office_key(r) == office for r in e.roles) and (iso is None or e.country == iso)
        ]
        if len(fits) == 1:
            return fits[0].id
    words = name_words(re.sub(r"^(?:(?:Mr|Mrs|Ms|Dr)\.? |President |Prime Minister |Minister )+", "", s))
    if not words:
        return None
    if len(words) == 1:
        fits = [
            e
            for e in people
            if any(words_match(words[0], name_words(a)[-1]) for a in [e.name, *e.aliases] if name_words(a))
        ]
    else:
        fits = [
            e
            for e in people
            if any(names_compatible(words, name_words(a)) for a in [e.name, *e.aliases] if len(name_words(a)) >= 2)
        ]
    return fits[0].id if len(fits) == 1 else None


__all__ = ["country_lookup", "country_of", "demonym_country", "entity_at", "mentions_in", "resolve_name"]
