"""The record's own side: whose record it is, and who "the President" is in it.

Why: an official record speaks for one side. In a White House briefing "the President"
is the sitting US president and "the bilat with President Erdoğan" is his; in a
Kremlin readout "the President" is Putin. The entities stage links names, not these
bare titles, so without this the encounters stage loses the principal of many
sentences ("He had this meeting 10 years ago with Vladimir Putin" after "the
President has talked about…"). The side is read from the publisher ("The White
House" → USA) or, failing that, from speakers who all belong to one country; the
head is the most-mentioned person of that country holding the title. Nothing is
guessed when either is unclear (a wire story, a joint press conference).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from communique.encounters import places
from communique.model import Entity

# "the President", "The Prime Minister", not "the President of France", "the President-elect",
# "the President Biden" or a lower-case "the president" (in the press, anyone's).
_BARE_TITLE = re.compile(
    r"[Tt]he\s(?P<t>President|Prime\s+Minister|Chancellor)(?![\w-])(?!\s+(?:of|and|or)\b)(?!\s+[A-Z])"
)
_TITLE_HEADS = ("President", "Prime", "Chancellor")
_HEAD_ROLE = re.compile(
    r"\b(?:president|prime\s+minister|premier|chancellor|king|queen|emir|sultan|crown\s+prince|head\s+of\s+state)\b",
    re.I,
)
_NOT_HEAD = re.compile(r"\b(?:vice|deputy|former|ex|first\s+lady|spouse)\b", re.I)


def own_country(publisher: str | None, speakers: Iterable[Entity | None]) -> str | None:
    """The ISO3 of the side a record speaks for: its publisher's country, else the one country of
    its named speakers (``speakers``: the turns' speaker entities, unnamed or unknown ones included)."""
    if publisher:
        for hit in places.places_in(publisher, 0, len(publisher)):
            if hit.country:
                return hit.country
    countries = {e.country for e in speakers if e and e.type == "PERSON" and not e.anonymous and e.country}
    if len(countries) == 1:
        return next(iter(countries))
    return None


def _titled(ent: Entity, title: str) -> bool:
    forms = [*ent.roles, *ent.aliases]
    return any(title.lower() in f.lower() and not _NOT_HEAD.search(f) for f in forms)


def head(entities: Iterable[Entity], country: str | None, counts: Counter, title: str = "President") -> str | None:
    """The id of the person of ``country`` holding ``title`` who is mentioned most (ties: none)."""
    if not country:
        return None
    cands = [e for e in entities if e.type == "PERSON" and e.country == country and _titled(e, title)]
    ranked = sorted(cands, key=lambda e: -counts.get(e.id, 0))
    if not ranked or counts.get(ranked[0].id, 0) == 0:
        return None
    if len(ranked) > 1 and counts.get(ranked[1].id, 0) == counts.get(ranked[0].id, 0):
        return None
    return ranked[0].id


def is_foreign_leader(ent: Entity | None, country: str | None) -> bool:
    """A head of state or government of another country than ``country``."""
    if ent is None or not country or not ent.country or ent.country == country:
        return False
    return any(_HEAD_ROLE.search(f) and not _NOT_HEAD.search(f) for f in [*ent.roles, *ent.aliases])


def may_be_foreign_leader(ent: Entity | None, country: str | None) -> bool:
    """A head of state or government not known to be of ``country`` (the entities stage may leave
    a visitor's country unknown)."""
    if ent is None or not country or ent.country == country:
        return False
    return any(_HEAD_ROLE.search(f) and not _NOT_HEAD.search(f) for f in [*ent.roles, *ent.aliases])


def bare_titles(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """``(start, end, title)`` of each "the President" (and Prime Minister, Chancellor) in ``spans``.

    Found with ``str.find`` and checked with a regex at each hit: a regex scan of a whole
    briefing for "the" costs as much as the rest of the context."""
    out = []
    for s, e in spans:
        for word in _TITLE_HEADS:
            i = text.find(word, s, e)
            while i >= 0:
                a = i - 4
                if a >= s and (a == 0 or not (text[a - 1].isalnum() or text[a - 1] in "_-")):
                    m = _BARE_TITLE.match(text, a, e)
                    if m:
                        out.append((a, m.end(), " ".join(m.group("t").split())))
                i = text.find(word, i + len(word), e)
    return sorted(out)
