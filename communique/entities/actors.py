"""Actor names the rest of the entities stage may leave bare: demonyms, metonyms, blocs, bodies.

Why this exists: event coding needs every state or body that can act in a
sentence ("Guatemalan troops", "the Kremlin said", "Amnesty International
accused") to be an entity with its country, and each stage adds only its own
layer, so the entities stage — not the events stage — must supply them. The
reference tables of :mod:`communique.entities.kb` cover most names; this module
adds the remainder from a small gazetteer (``data/actors.tsv`` plus pycountry's
country names) wherever no linked mention covers the span yet.

Cost: all surfaces are compiled once into one trie-shaped regular expression,
so a document is scanned by a single ``finditer`` pass (no loop over surfaces).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from communique.entities.homonyms import is_us_state
from communique.model import Document, Entity, Mention
from communique.textutil import trie_pattern

DATA = Path(__file__).parent / "data"

# Codes that stand for no single state: the entity gets no country.
NONSTATE = frozenset({"IGO", "NGO", "IMG"})

# gazetteer kind -> entity type
_TYPE = {
    "country": "COUNTRY",
    "demonym": "COUNTRY",
    "capital": "PLACE",
    "organ": "ORG",
    "org": "ORG",
    "group": "GROUP",
}


@dataclass(frozen=True, slots=True)
class ActorName:
    """One surface of the gazetteer."""

    surface: str  # as matched in the text (a leading "the " removed)
    code: str  # ISO3, WST, IGO, NGO or IMG
    kind: str  # country | demonym | capital | organ | org | group
    needs_the: bool = False  # written "the X" in the table: X counts only after "the"


def _entries() -> list[ActorName]:
    out: list[ActorName] = []
    try:
        import pycountry

        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                n = getattr(c, attr, None)
                if n and "," not in n and "(" not in n:
                    out.append(ActorName(n, c.alpha_3, "country"))
    except ImportError:  # pragma: no cover - pycountry is a dependency
        pass
    for raw in (DATA / "actors.tsv").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        code, kind, surfaces = raw.split("\t")
        if kind not in _TYPE:
            raise ValueError(f"actors.tsv: unknown kind {kind!r}")
        for s in surfaces.split("|"):
            if s.startswith("the ") and len(s) > 4:
                out.append(ActorName(s[4:], code, kind, needs_the=True))
            else:
                out.append(ActorName(s, code, kind))
            if kind == "demonym" and s[-1] in "ni" and " " not in s:
                out.append(ActorName(s + "s", code, kind))
    return out


@lru_cache(maxsize=1)
def gazetteer() -> tuple[re.Pattern[str], dict[str, list[ActorName]]]:
    """The compiled scanner and the entries of each surface (a plain name before a "the X" one)."""
    table: dict[str, list[ActorName]] = {}
    for e in _entries():
        table.setdefault(e.surface, []).append(e)
    for v in table.values():
        v.sort(key=lambda e: e.needs_the)
    # a whole name, possibly possessive ("Russia's"), not a prefix of a longer word or domain ("Russia.ru");
    # the leading look-ahead on first letters lets the engine skip every other position in C
    firsts = "".join(sorted({re.escape(k[0]) for k in table}))
    rx = re.compile(rf"(?=[{firsts}])(?<![\w.’'-])(?:{trie_pattern(table)})(?=['’]s\b|[^\w’'-]|$)(?!\.\w)")
    return rx, table


def find_actor_names(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, ActorName]]:
    """Gazetteer names in ``text[start:end]``: longest, leftmost, non-overlapping ``(start, end, entry)``.

    Pure: reads no document. Other stages use it for strings outside the text
    (a publisher's name), never to make actors in the text.
    """
    rx, table = gazetteer()
    end = len(text) if end is None else end
    out: list[tuple[int, int, ActorName]] = []
    for m in rx.finditer(text, start, end):
        s, e = m.span()
        surface = m.group()
        entry = None
        for cand in table[surface]:
            if cand.needs_the and text[max(0, s - 4) : s].lower() != "the ":
                continue
            entry = cand
            break
        if entry is None:
            continue
        if entry.code == "WST" and entry.kind == "demonym" and re.match(r"\s+[A-Z]", text[e : e + 3]):
            continue  # "Western Cambodia" is a region, not the West
        if text[max(0, s - 4) : s] == "New " and not surface.startswith("New"):
            continue  # "New Jersey", "New Mexico", "New South Wales": another place
        if surface.isupper() and len(surface) <= 4 and _caps_context(text, s, e):
            continue  # "WHO", "US" inside an all-capitals heading or label are words
        out.append((s, e, entry))
    return out


_CAPS_NEIGHBOUR = re.compile(r"[A-Z]{2,}[^\w\n]{1,3}$")
_CAPS_NEXT = re.compile(r"^[^\w\n]{1,3}[A-Z]{2,}")


def _caps_context(text: str, s: int, e: int) -> bool:
    return bool(_CAPS_NEIGHBOUR.search(text, max(0, s - 12), s) or _CAPS_NEXT.match(text[e : e + 12]))


def _entity_for(doc: Document, entry: ActorName, surface: str, made: dict[tuple[str, str], Entity]) -> Entity:
    """The entity a gazetteer name refers to: an existing one of that state or name, else a new one."""
    typ = "GROUP" if entry.code == "WST" else _TYPE[entry.kind]  # the West is a bloc, as in orgs.tsv
    country = None if entry.code in NONSTATE else entry.code
    by_state = typ == "COUNTRY" or entry.code == "WST"
    key = (typ, entry.code) if by_state else (typ, surface)
    ent = made.get(key)
    if ent is None:
        for e in doc.entities:
            if e.type == typ and (e.country == country if by_state else (e.name == surface or surface in e.aliases)):
                ent = e
                break
    if ent is None:
        ent = doc.new_entity(typ, _country_name(entry.code) if by_state else surface, country=country)
    made[key] = ent
    return ent


@lru_cache(maxsize=512)
def _country_name(code: str) -> str:
    if code == "WST":
        return "the West"
    from communique.entities.kb import get_kb

    rec = get_kb().countries.get(code)
    if rec is not None:
        return rec.name
    try:
        import pycountry

        c = pycountry.countries.get(alpha_3=code)
        if c:
            return getattr(c, "common_name", None) or c.name
    except ImportError:  # pragma: no cover
        pass
    return code


def add_actor_mentions(doc: Document) -> None:
    """Add entities and mentions for gazetteer actors no linked mention covers yet.

    * A name inside an unlinked mention (the stage saw a span but could not
      resolve it, e.g. "President of the United States" with no holder) is
      added: the state it names is still named there.
    * A longer name wins over a shorter non-person mention inside it ("West
      Bank" over "West"), which is dropped.
    * Existing entities are reused: a country's COUNTRY entity, a body's entity
      of the same name.

    Then a person or body whose country is still unknown takes the country of
    the demonym or name that heads its title ("British Defence Secretary Tom
    King", "the Ivory Coast's Supreme Court").
    """
    text = doc.flat.replace("\n", " ")
    found = [f for f in find_actor_names(text, doc.body_start, len(text)) if not is_us_state(text, f[0], f[1])]
    if found:
        _add(doc, text, found)
    _title_countries(doc, text)


def _add(doc: Document, text: str, found: list[tuple[int, int, ActorName]]) -> None:
    ents = {e.id: e for e in doc.entities}
    ments = sorted(doc.mentions, key=lambda m: m.start)
    starts = [m.start for m in ments]
    longest = max((m.end - m.start for m in ments), default=0)
    made: dict[tuple[str, str], Entity] = {}
    added: list[Mention] = []
    dropped: set[int] = set()
    for s, e, entry in found:
        i = bisect.bisect_left(starts, s - longest)
        over = []
        while i < len(ments) and ments[i].start < e:
            m = ments[i]
            if m.end > s:
                over.append(m)
            i += 1
        inner = [
            m
            for m in over
            if m.entity is not None
            and (s <= m.start or text[m.start : s].lower() == "the ")
            and m.end <= e
            and m.end - m.start < e - s
            and getattr(ents.get(m.entity), "type", "PERSON") != "PERSON"
        ]
        rest = [m for m in over if m not in inner]
        if any(m.entity is not None or not (m.start <= s and e <= m.end) for m in rest):
            continue  # a linked mention, or an unlinked one the name does not sit inside
        ent = _entity_for(doc, entry, text[s:e], made)
        ent.add_alias(text[s:e])
        added.append(Mention(s, e, ent.id))
        dropped.update(id(m) for m in inner)
    if added or dropped:
        doc.mentions[:] = [m for m in doc.mentions if id(m) not in dropped] + added
        doc.mentions.sort(key=lambda m: (m.start, -m.end))


# the words of a title between a state's name and a person or body: "Defence Secretary", "'s Supreme"
_TITLE_GAP = re.compile(
    r"(?:['’]s)?(?:\s+(?:the\s+)?(?i:president|prime|minister|secretary|foreign|defen[cs]e|interior|finance|junior|"
    r"deputy|vice|senior|chief|general|ambassador|envoy|leader|spokes(?:man|woman|person)|official|commander|king|"
    r"queen|emir|prince|chancellor|premier|state|affairs|of|national|security|advis[eo]r|head|opposition|army|"
    r"military|former|acting|trade|justice|police|navy|air|force))*\s+"
)


def _title_countries(doc: Document, text: str) -> None:
    ents = {e.id: e for e in doc.entities}
    ments = sorted((m for m in doc.mentions if m.entity in ents), key=lambda m: (m.start, -m.end))
    for prev, m in zip(ments, ments[1:], strict=False):
        ent, head = ents[m.entity], ents[prev.entity]
        if (
            ent.country is None
            and ent.type in ("PERSON", "ORG")
            and head.type == "COUNTRY"
            and head.country
            and prev.end <= m.start
            and _TITLE_GAP.fullmatch(text, prev.end, m.start)
        ):
            ent.country = head.country
