"""Example plugin: a replacement entity recogniser (the entities stage's extension point).

A deliberately simple recogniser — runs of two or more capitalised words are
people, country names known to pycountry are countries — to show what a
user's own recogniser (a bigger model, say) has to do: fill ``doc.entities``
and ``doc.mentions`` with offsets into ``doc.text``, keep the speaker
entities the turns stage made, and give each country its ISO3 code.
"""

from __future__ import annotations

import re

import pycountry

from communique.model import Document, Mention

NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
COUNTRIES = {c.name: c.alpha_3 for c in pycountry.countries if " " not in c.name}
COUNTRY = re.compile(r"\b(" + "|".join(sorted(map(re.escape, COUNTRIES), key=len, reverse=True)) + r")\b")


def run(doc: Document) -> None:
    by_name: dict[str, str] = {e.name: e.id for e in doc.entities}
    for m in COUNTRY.finditer(doc.text):
        eid = by_name.get(m.group()) or _new(doc, "COUNTRY", m.group(), COUNTRIES[m.group()], by_name)
        doc.mentions.append(Mention(m.start(), m.end(), eid))
    for m in NAME.finditer(doc.text):
        if m.group() in COUNTRIES:
            continue
        eid = by_name.get(m.group()) or _new(doc, "PERSON", m.group(), None, by_name)
        doc.mentions.append(Mention(m.start(), m.end(), eid))
    doc.mentions.sort(key=lambda x: (x.start, x.end))


def _new(doc: Document, type_: str, name: str, country: str | None, by_name: dict[str, str]) -> str:
    ent = doc.new_entity(type_, name, country=country, kb_id="plugin:capitals")
    by_name[name] = ent.id
    return ent.id
