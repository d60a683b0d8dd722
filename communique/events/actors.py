"""Actors for event coding: who the words of a sentence point at, with their country.

The entities stage owns entities and mentions; this module reads them and
adds what event coding needs on top:

* a small fallback gazetteer (country names from pycountry, plus
  ``data/actors.tsv``: demonyms, capitals and metonyms, international bodies)
  for spans the entities stage left unresolved, so the coder works on plain
  sentences ("the Iraqi government", "police in Manila") and before that stage
  exists;
* speaker-relative words: "I/we/our" inside a turn or quote are its speaker,
  "you/your" and "Mr President" in a two-party exchange are the other party,
  "the two presidents"/"both sides" are the parties of the encounter;
* third-person pronouns ("it", "they") resolved to the nearest named actor.

An :class:`Actor` carries the entity id when there is one; a fallback actor
gets an entity only when an event uses it (:func:`ensure_entity`).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from communique.model import Document, Entity

DATA = Path(__file__).parent / "data"

# Codes that stand for no single state: the actor is an ORG/GROUP without country.
NONSTATE = frozenset({"IGO", "NGO", "IMG"})


@dataclass(slots=True)
class Actor:
    start: int
    end: int
    eid: str | None  # entity id, when the entity exists
    code: str | None  # ISO3, WST, or a non-state code
    kind: str  # COUNTRY | ORG | GROUP | PERSON | PLACE
    name: str
    role: str = "name"  # name | first | second | pronoun | parties | demonym
    members: list[Actor] = field(default_factory=list)  # for role "parties"

    @property
    def key(self) -> str | None:
        """What makes two actors the same side: the country, else the entity."""
        return self.code if self.code and self.code not in NONSTATE else (self.eid or self.name)


# ---------------------------------------------------------------- gazetteer
@dataclass(frozen=True, slots=True)
class GazEntry:
    surface: str
    code: str
    kind: str  # country | demonym | capital | org | group


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, list[GazEntry]]:
    """Surface forms indexed by first word (longest first); loaded once."""
    entries: list[GazEntry] = []
    try:
        import pycountry

        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                n = getattr(c, attr, None)
                if n and "," not in n and "(" not in n:
                    entries.append(GazEntry(n, c.alpha_3, "country"))
    except ImportError:  # pragma: no cover - pycountry is a dependency
        pass
    for raw in (DATA / "actors.tsv").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        code, kind, surfaces = raw.split("\t")
        for s in surfaces.split("|"):
            entries.append(GazEntry(s, code, kind))
            if kind == "demonym" and s[-1] in "ni" and " " not in s:
                entries.append(GazEntry(s + "s", code, kind))
    index: dict[str, list[GazEntry]] = {}
    for e in entries:
        first = e.surface.split()[0]
        if first == "the" and len(e.surface.split()) > 1:
            first = e.surface.split()[1]
        index.setdefault(first, []).append(e)
    for v in index.values():
        v.sort(key=lambda e: -len(e.surface))
    return index


_CAP = re.compile(r"(?<![\w.’'-])(?:[Aa]l[- ])?[A-Z][\w.’'-]*")
_KIND = {"country": "COUNTRY", "demonym": "COUNTRY", "capital": "COUNTRY", "org": "ORG", "group": "GROUP"}


def gazetteer_actors(text: str, start: int = 0, end: int | None = None) -> list[Actor]:
    """Countries, demonyms, capitals and bodies named in ``text[start:end]``."""
    end = len(text) if end is None else end
    index = gazetteer()
    out: list[Actor] = []
    pos = start
    for m in _CAP.finditer(text, start, end):
        if m.start() < pos:
            continue
        word = m.group()
        key = word.rstrip(".,’'")
        for k in (word, key, key.removesuffix("’s").removesuffix("'s"), word.split()[0]):
            cands = index.get(k)
            if cands:
                break
        if not cands:
            continue
        for g in cands:
            s = m.start()
            surface = g.surface
            if surface.startswith("the "):
                surface = surface[4:]
                if text[max(0, s - 4) : s].lower() != "the ":
                    continue
            e = s + len(surface)
            if e > end or text[s:e] != surface:
                continue
            if e < len(text) and (
                text[e].isalnum()
                or (text[e] == "." and surface[-1] != "." and e + 1 < len(text) and text[e + 1].isalnum())
            ):
                continue
            if g.code == "WST" and g.kind == "demonym" and re.match(r"\s+[A-Z]", text[e : e + 3]):
                continue  # "Western Cambodia" is a region, not the West
            out.append(Actor(s, e, None, g.code, _KIND[g.kind], surface, "demonym" if g.kind == "demonym" else "name"))
            pos = e
            break
    return out


# ------------------------------------------------------------ document view
_FIRST = re.compile(r"\b(?:I|me|my|mine|myself|[Ww]e|us|[Oo]ur|ours|ourselves)\b")
_SECOND = re.compile(r"\b(?:[Yy]ou|[Yy]our|yours)\b")
_THIRD = re.compile(r"\b(?:[Ii]t|[Ii]ts|[Tt]hey|[Tt]heir|them|[Hh]e|[Hh]is|him|[Ss]he|[Hh]er)\b")
_PARTIES = re.compile(
    r"\b(?:[Tt]he two|[Bb]oth|[Tt]he) (?:[Pp]residents|[Ll]eaders|sides|countries|nations|heads of state|[Mm]inisters|governments|parties|delegations)\b"
)
_ADDRESS = re.compile(
    r"\b(?:Mr\.?|Madam|Mister) (?:President|Prime Minister|Chancellor|Minister|Secretary|Chairman)\b|\b[Yy]our (?:Excellency|Majesty|Highness)\b"
)


_OF = re.compile(r"\s+of\s+(?:the\s+)?")
_TITLED = re.compile(r"[’']?s?\s+(?:[A-Z][\w.-]*\s+){1,4}")


class DocActors:
    """The actors of one document, looked up sentence by sentence (lazily: only where triggers are)."""

    def __init__(self, doc: Document):
        self.doc = doc
        text = doc.flat or doc.text
        self.text = text
        self.ents: dict[str, Entity] = {e.id: e for e in doc.entities}
        ments: list[Actor] = []
        for m in doc.mentions:
            ent = self.ents.get(m.entity) if m.entity else None
            if ent is not None and not (ent.type == "PLACE" and not ent.country):
                ments.append(Actor(m.start, m.end, ent.id, ent.country, ent.type, ent.name))
        ments.sort(key=lambda a: (a.start, -a.end))
        self.ments = ments
        self.ment_starts = [a.start for a in ments]
        self.max_ment = max((a.end - a.start for a in ments), default=0)
        turns = sorted((max(t.body_start, t.start), t.end, t.speaker) for t in doc.turns if t.speaker)
        self.turns = turns
        self.turn_starts = [t[0] for t in turns]
        self.quotes = sorted((q.start, q.end, q.speaker) for q in doc.quotes if q.speaker)
        self.has_speech = bool(turns or self.quotes)
        self.home = self._home()
        self._parties: list[Actor] | None = None

    # -- who is who ---------------------------------------------------
    def country(self, eid: str | None) -> str | None:
        e = self.ents.get(eid) if eid else None
        return e.country if e else None

    def _home(self) -> str | None:
        """The publisher's country ("The Kremlin", "The White House"), if it names one."""
        for s in (self.doc.publisher or "", str(self.doc.meta.get("publisher", ""))):
            for a in gazetteer_actors(s):
                if a.code and a.code not in NONSTATE:
                    return a.code
        return None

    def speaker_at(self, pos: int) -> str | None:
        """The entity speaking at ``pos``: innermost quote with a speaker, else the turn."""
        best: tuple[int, str] | None = None
        for qs, qe, spk in self.quotes:
            if qs > pos:
                break
            if pos < qe and (best is None or qe - qs < best[0]):
                best = (qe - qs, spk)
        if best:
            return best[1]
        i = bisect.bisect_right(self.turn_starts, pos) - 1
        if i >= 0 and pos < self.turns[i][1]:
            return self.turns[i][2]
        return None

    @property
    def parties(self) -> list[Actor]:
        """The two (or more) sides of the record: encounter participants, turn speakers, top countries."""
        if self._parties is not None:
            return self._parties
        seen: dict[str, Actor] = {}

        def add(eid: str | None, code: str | None, name: str) -> None:
            k = code or eid
            if k and k not in seen and code not in NONSTATE:
                typ = "COUNTRY" if eid is None else (self.ents[eid].type if eid in self.ents else "PERSON")
                seen[k] = Actor(-1, -1, eid, code, typ, name, "parties")

        if self.home:
            add(None, self.home, self.home)
        for enc in self.doc.encounters:
            for p in enc.participants:
                e = self.ents.get(p)
                if e:
                    add(e.id, e.country, e.name)
        for _, _, spk in self.turns:
            e = self.ents.get(spk)
            if e and e.country and not e.anonymous:
                add(e.id, e.country, e.name)
        if len(seen) < 2:
            named = self.ments or gazetteer_actors(
                self.text, self.doc.body_start, min(len(self.text), self.doc.body_start + 4000)
            )
            counts = Counter(a.code for a in named if a.code and a.code not in NONSTATE)
            for code, _ in counts.most_common(3):
                if len(seen) >= 2:
                    break
                add(None, code, code)
        self._parties = list(seen.values())
        return self._parties

    def other_party(self, key: str | None) -> Actor | None:
        for p in self.parties:
            if p.key != key:
                return p
        return None

    # -- lookup -------------------------------------------------------
    def named_in(self, start: int, end: int) -> list[Actor]:
        """Named actors in ``[start, end)``: the entities stage's mentions, the gazetteer in the gaps."""
        i = bisect.bisect_left(self.ment_starts, start - self.max_ment)
        ments = []
        while i < len(self.ments) and self.ments[i].start < end:
            a = self.ments[i]
            i += 1
            if a.start >= start and a.end <= end:
                ments.append(a)
        out = list(ments)
        for a in gazetteer_actors(self.text, start, end):
            if not any(m.start < a.end and a.start < m.end for m in ments):
                out.append(a)
        out.sort(key=lambda a: (a.start, -a.end))
        merged: list[Actor] = []
        for a in out:
            last = merged[-1] if merged else None
            if last is not None and a.start < last.end:
                continue  # nested in a wider mention ("Russian" in "Russian President X")
            if (
                last is not None
                and last.kind == "PERSON"
                and a.kind == "COUNTRY"
                and _OF.fullmatch(self.text, last.end, a.start)
            ):
                merged[-1] = Actor(last.start, a.end, last.eid, last.code or a.code, last.kind, last.name, last.role)
                continue  # "Alexander Lukashenko of Belarus": one actor
            if last is not None and last.role == "demonym" and a.start - last.end == 1 and self.text[last.end] == " ":
                last = Actor(last.start, a.end, last.eid, last.code, last.kind, last.name, last.role)
                merged[-1] = last  # "Bosnian Serbs", "Iraqi Kurds": the modifier names the side
                continue
            merged.append(a)
        return merged

    def _speech_actors(self, start: int, end: int) -> list[Actor]:
        out: list[Actor] = []
        text = self.text
        for m in _FIRST.finditer(text, start, end):
            spk = self.speaker_at(m.start()) if self.has_speech else None
            if spk:
                e = self.ents.get(spk)
                out.append(
                    Actor(
                        m.start(), m.end(), spk, e.country if e else None, e.type if e else "PERSON", m.group(), "first"
                    )
                )
            elif self.home and m.group().lower() in ("we", "our", "us"):
                out.append(Actor(m.start(), m.end(), None, self.home, "COUNTRY", m.group(), "first"))
        if self.has_speech:
            for rx in (_SECOND, _ADDRESS):
                for m in rx.finditer(text, start, end):
                    spk = self.speaker_at(m.start())
                    if not spk:
                        continue
                    e = self.ents.get(spk)
                    other = self.other_party((e.country if e and e.country else None) or spk)
                    if other:
                        out.append(Actor(m.start(), m.end(), other.eid, other.code, other.kind, m.group(), "second"))
        for m in _PARTIES.finditer(text, start, end):
            if len(self.parties) >= 2:
                out.append(Actor(m.start(), m.end(), None, None, "GROUP", m.group(), "parties", list(self.parties[:2])))
        for m in _THIRD.finditer(text, start, end):
            r = self.antecedent(m.start(), m.group().lower())
            if r is not None:
                out.append(Actor(m.start(), m.end(), r.eid, r.code, r.kind, m.group(), "pronoun", r.members))
        return out

    def within(self, start: int, end: int) -> list[Actor]:
        """All actors in ``[start, end)``, pronouns resolved, nested spans dropped."""
        named = self.named_in(start, end)
        out: list[Actor] = []
        for a in sorted(named + self._speech_actors(start, end), key=lambda a: (a.start, -a.end)):
            if out and a.start < out[-1].end:
                continue
            out.append(a)
        return out

    def antecedent(self, pos: int, word: str) -> Actor | None:
        """The nearest named actor before ``pos`` (within ~400 characters)."""
        cands = self.named_in(max(self.doc.body_start, pos - 400), pos)
        for a in reversed(cands):
            if a.kind in ("COUNTRY", "ORG", "GROUP", "PERSON") and (a.code is not None or a.eid):
                if (
                    word in ("he", "his", "him", "she", "her")
                    and a.kind != "PERSON"
                    and not _TITLED.match(self.text, a.end)
                ):
                    continue  # "he" is a person: a country only when it qualifies one ("Serbian President X")
                return a
        return None


def ensure_entity(doc: Document, actor: Actor) -> str | None:
    """The entity id for an actor, creating a fallback entity (with its country) when needed.

    Countries reuse an existing entity of the same country and type COUNTRY, so
    the fallback never doubles a country the entities stage already has.
    """
    if actor.eid:
        return actor.eid
    if actor.code is None:
        return None
    want_type = actor.kind if actor.kind in ("ORG", "GROUP") else "COUNTRY"
    country = None if actor.code in NONSTATE else actor.code
    for e in doc.entities:
        if want_type == "COUNTRY" and e.type == "COUNTRY" and e.country == country:
            return e.id
        if want_type != "COUNTRY" and (e.name == actor.name or actor.name in e.aliases):
            return e.id
    name = country_name(actor.code) if want_type == "COUNTRY" else actor.name
    ent = doc.new_entity(want_type, name, country=country, kb_id=f"events:{actor.code}")
    if actor.name != name:
        ent.add_alias(actor.name)
    actor.eid = ent.id
    return ent.id


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    if code == "WST":
        return "the West"
    try:
        import pycountry

        c = pycountry.countries.get(alpha_3=code)
        if c:
            return getattr(c, "common_name", None) or c.name
    except ImportError:  # pragma: no cover
        pass
    return code
