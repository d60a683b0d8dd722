"""Actors for event coding: who the words of a sentence point at, with their country.

The entities stage owns entities and mentions (including the demonyms,
metonyms and bodies of :mod:`communique.entities.actors`); this module only
reads them and adds what event coding needs on top:

* speaker-relative words: "I/we/our" inside a turn or quote are its speaker,
  "you/your" and "Mr President" in a two-party exchange are the other party,
  "the two presidents"/"both sides" are the parties of the encounter;
* third-person pronouns ("it", "they") resolved to the nearest named actor;
* the publisher's country ("President of Russia", "The White House"), which
  speaks as "we" in a readout.

An :class:`Actor` that stands for a state rather than a mention (the
publisher's country, a party) is turned into an event's entity id by
:meth:`DocActors.entity_id`, which picks an existing entity of that state and
never creates one: the events stage adds only events.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from communique.entities.actors import NONSTATE, find_actor_names
from communique.entities.lookup import demonym_country
from communique.model import Document, Entity


@dataclass(slots=True)
class Actor:
    start: int
    end: int
    eid: str | None  # entity id, when the actor is a mention (or a speaker)
    code: str | None  # ISO3, WST, or None for a body of no one state
    kind: str  # COUNTRY | ORG | GROUP | PERSON | PLACE
    name: str
    role: str = "name"  # name | first | second | pronoun | parties | demonym | ethnic
    members: list[Actor] = field(default_factory=list)  # for role "parties"

    @property
    def key(self) -> str | None:
        """What makes two actors the same side: the country, else the entity."""
        return self.code if self.code and self.code not in NONSTATE else (self.eid or self.name)


@lru_cache(maxsize=1024)
def is_demonym(surface: str) -> bool:
    """ "Russian", "Bosnian", "Americans": a word that names a side as a modifier."""
    return " " not in surface and demonym_country(surface) is not None


def publisher_country(*names: str) -> str | None:
    """The state a publisher's name points at ("President of Russia", "The White House"), if one."""
    for s in names:
        for _, _, entry in find_actor_names(s):
            if entry.code not in NONSTATE:
                return entry.code
    return None


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


# "It was agreed", "it is important": a placeholder subject, not a reference to an actor
_EXPLETIVE = re.compile(
    r"\s+(?:is|was|has been|will be|would be|had been|seems|appears|remains)\s+(?:\w+ly\s+|also\s+|now\s+|not\s+)*"
    r"(?:agreed|decided|noted|stressed|emphasi[sz]ed|announced|reported|said|understood|expected|believed|"
    r"important|necessary|essential|clear|true|obvious|possible|impossible|difficult|hard|easy|good|time|"
    r"vital|crucial|critical|evident|likely|unlikely|worth|no secret|a pleasure|an honou?r)\b"
)
# "the President" in a state's own readout is its head of state ("The President shared his greetings")
_OWN_HEAD = re.compile(r"\b[Tt]he President\b(?!\s+of\b|['’]s\s+counterpart)")
# every speaker-relative or referring word, longest readings first at a position; the leading
# look-ahead on the possible first letters lets the regex engine skip other positions in C
_SPEECH_WORDS = re.compile(
    "(?=[IiMmWwUuOoYyTtBbHhSs])(?:"
    + "|".join(
        f"(?P<{name}>{rx.pattern})"
        for name, rx in (
            ("address", _ADDRESS),
            ("parties", _PARTIES),
            ("head", _OWN_HEAD),
            ("first", _FIRST),
            ("second", _SECOND),
            ("third", _THIRD),
        )
    )
    + ")"
)
_JOINED = re.compile(r"(?:\s*(?:,|and|&)\s*)+(?:the\s+)?")
_REGION_NEXT = re.compile(r" [A-Z]")
_FILLER = re.compile(r",?\s+(?:know|see|can see)\b")
_ETHNIC = re.compile(r"\b[Ee]thnic\s+$")
# words of a title between a demonym and a name ("Nigerian junior foreign minister Dubem Oniya")
_TITLE_GAP = re.compile(
    r"(?:\s+(?i:president|prime|minister|secretary|foreign|defen[cs]e|interior|finance|junior|deputy|vice|senior|"
    r"chief|general|ambassador|envoy|leader|spokes(?:man|woman|person)|official|commander|king|queen|emir|prince|"
    r"chancellor|premier|state|affairs|of|the|national|security|advis[eo]r|head|opposition|rebel|army|military|"
    r"former|acting|trade|justice|police|navy|air|force|supreme|court|judge))*\s+"
)
_PERSONAL = frozenset({"he", "his", "him", "she", "her"})
_OF = re.compile(r"\s+of\s+(?:the\s+)?")
_TITLED = re.compile(r"[’']?s?\s+(?:[A-Z][\w.-]*\s+){1,4}")


class DocActors:
    """The actors of one document, looked up sentence by sentence (lazily: only where triggers are)."""

    def __init__(self, doc: Document):
        self.doc = doc
        text = doc.flat or doc.text
        self.text = text
        self.ents: dict[str, Entity] = {e.id: e for e in doc.entities}
        ents = self.ents
        # linked mentions, turned into actors only when a sentence asks for them
        raw = [m for m in doc.mentions if m.entity in ents]
        if any(a.start > b.start for a, b in zip(raw, raw[1:], strict=False)):
            raw.sort(key=lambda m: (m.start, -m.end))
        self._raw = raw
        self._made: dict[int, Actor | None] = {}
        self.ment_starts = [m.start for m in raw]
        self.max_ment = max((m.end - m.start for m in raw), default=0)
        turns = sorted((max(t.body_start, t.start), t.end, t.speaker) for t in doc.turns if t.speaker)
        anon = {e.id for e in doc.entities if e.anonymous}
        self.floor = sorted((t.start, t.end) for t in doc.turns if not t.speaker or t.speaker in anon)
        self.floor_starts = [t[0] for t in self.floor]
        self.turns = turns
        self.turn_starts = [t[0] for t in turns]
        self.quotes = sorted((q.start, q.end, q.speaker, q.kind == "direct") for q in doc.quotes if q.speaker)
        self.quote_starts = [q[0] for q in self.quotes]
        self.max_quote = max((q[1] - q[0] for q in self.quotes), default=0)
        self.has_speech = bool(turns or self.quotes)
        self.home = self._home()
        self._parties: list[Actor] | None = None
        self._by_state: dict[str, str] | None = None

    # -- who is who ---------------------------------------------------
    def country(self, eid: str | None) -> str | None:
        e = self.ents.get(eid) if eid else None
        return e.country if e else None

    def _home(self) -> str | None:
        """The publisher's country ("The Kremlin", "The White House"), if it names one."""
        return publisher_country(self.doc.publisher or "", str(self.doc.meta.get("publisher", "")))

    def entity_id(self, actor: Actor) -> str | None:
        """The entity an actor stands for: its own, else an existing entity of its state.

        A state named only through its people ("we" in a Kremlin readout, the
        parties of a talk) is represented by its COUNTRY entity when the
        document has one, else by an organisation or person of that state.
        """
        if actor.eid:
            return actor.eid
        if actor.code is None:
            return None
        if self._by_state is None:
            rank = {"COUNTRY": 0, "GROUP": 1, "ORG": 2, "PERSON": 3, "PLACE": 4}
            best: dict[str, Entity] = {}
            for e in self.doc.entities:
                if e.country and (e.country not in best or rank.get(e.type, 5) < rank.get(best[e.country].type, 5)):
                    best[e.country] = e
            self._by_state = {k: v.id for k, v in best.items()}
        return self._by_state.get(actor.code)

    def speaker_at(self, pos: int, direct: bool = False) -> str | None:
        """The entity speaking at ``pos``: innermost quote with a speaker, else the turn.

        ``direct``: only direct quotes count — in reported speech ("asked that we
        take measures") "I" and "we" are still the reporter's.
        """
        best: tuple[int, str] | None = None
        k = bisect.bisect_right(self.quote_starts, pos) - 1
        while k >= 0 and pos - self.quotes[k][0] <= self.max_quote:
            qs, qe, spk, is_direct = self.quotes[k]
            if pos < qe and (is_direct or not direct) and (best is None or qe - qs < best[0]):
                best = (qe - qs, spk)
            k -= 1
        if best:
            return best[1]
        i = bisect.bisect_right(self.turn_starts, pos) - 1
        if i >= 0 and pos < self.turns[i][1]:
            return self.turns[i][2]
        return None

    def is_body(self, ent: Entity) -> bool:
        """An international body or armed group of no one state ("the EU", "NATO", "al-Qaeda")."""
        if ent.type not in ("ORG", "GROUP"):
            return False
        return any(e.code in NONSTATE for n in (ent.name, *ent.aliases) for _, _, e in find_actor_names(n))

    def from_floor(self, pos: int) -> bool:
        """``pos`` is in a turn of an unnamed or anonymous speaker (a question from the floor)."""
        i = bisect.bisect_right(self.floor_starts, pos) - 1
        return i >= 0 and pos < self.floor[i][1]

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
            counts = Counter(
                c
                for m in self._raw
                if (c := self.ents[m.entity].country) and c not in NONSTATE  # type: ignore[index]
            )
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
        """Named actors in ``[start, end)``: the entities stage's mentions, nested ones dropped."""
        i = bisect.bisect_left(self.ment_starts, start - self.max_ment)
        ments = []
        raw = self._raw
        while i < len(raw) and raw[i].start < end:
            if raw[i].start >= start and raw[i].end <= end:
                a = self._actor(i)
                if a is not None:
                    ments.append(a)
            i += 1
        merged: list[Actor] = []
        for a in ments:
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
            if (
                last is not None
                and last.role == "demonym"
                and a.kind in ("PERSON", "ORG")
                and a.code in (None, last.code)
                and _TITLE_GAP.fullmatch(self.text, last.end, a.start)
            ):
                merged[-1] = Actor(last.start, a.end, a.eid, last.code, a.kind, a.name, "name")
                continue  # "British Defence Secretary Tom King": the title's country is the person's
            merged.append(a)
        return merged

    def _actor(self, i: int) -> Actor | None:
        """The actor of the ``i``-th linked mention (made once)."""
        if i in self._made:
            return self._made[i]
        m = self._raw[i]
        s, e, ent, text = m.start, m.end, self.ents[m.entity], self.text  # type: ignore[index]
        a: Actor | None
        if ent.type == "PLACE" and not ent.country:
            a = None  # a place of no state acts for no one
        elif ent.country == "WST" and _REGION_NEXT.match(text, e):
            a = None  # "West Bank", "West Africans": a region, not the West
        else:
            role = "demonym" if ent.type == "COUNTRY" and is_demonym(text[s:e]) else "name"
            if role == "demonym" and _ETHNIC.search(text, max(0, s - 8), s):
                # "ethnic Albanians demonstrated in Serbia": a people inside another state
                a = Actor(s, e, ent.id, ent.country, "GROUP", ent.name, "ethnic")
            else:
                a = Actor(s, e, ent.id, ent.country, ent.type, ent.name, role)
        self._made[i] = a
        return a

    def _speech_actors(self, start: int, end: int) -> list[Actor]:
        """Speaker-relative words, "the two presidents", "the President", pronouns: one regex pass."""
        out: list[Actor] = []
        text = self.text
        for m in _SPEECH_WORDS.finditer(text, start, end):
            kind, ms, me, word = m.lastgroup, m.start(), m.end(), m.group()
            if kind == "first":
                spk = self.speaker_at(ms, direct=True) if self.has_speech else None
                if spk:
                    e = self.ents.get(spk)
                    out.append(Actor(ms, me, spk, e.country if e else None, e.type if e else "PERSON", word, "first"))
                elif self.home and word.lower() in ("we", "our", "us"):
                    out.append(Actor(ms, me, None, self.home, "COUNTRY", word, "first"))
            elif kind in ("second", "address"):
                if not self.has_speech or _FILLER.match(text, me):
                    continue  # "you know", "you see": a filler, not the other party
                spk = self.speaker_at(ms, direct=True)
                e = self.ents.get(spk) if spk else None
                other = self.other_party((e.country if e and e.country else None) or spk) if spk else None
                if other:
                    out.append(Actor(ms, me, other.eid, other.code, other.kind, word, "second"))
            elif kind == "parties":
                if len(self.parties) >= 2:
                    out.append(Actor(ms, me, None, None, "GROUP", word, "parties", list(self.parties[:2])))
            elif kind == "head":
                if self.home and not (self.has_speech and self.speaker_at(ms, direct=True)):
                    out.append(Actor(ms, me, None, self.home, "PERSON", word, "name"))
            else:
                if word.lower() == "it" and _EXPLETIVE.match(text, me):
                    continue
                out.append(Actor(ms, me, None, None, "PERSON", word, "pending"))  # resolved by within()
        return out

    def within(self, start: int, end: int, resolve_until: int | None = None) -> list[Actor]:
        """All actors in ``[start, end)``, pronouns resolved, nested spans dropped.

        "he/his/him" (and "she/her") after a named person of the same sentence are
        that person ("The President shared his greetings"). ``resolve_until``:
        third-person pronouns after it are left out (no trigger can reach them;
        looking back for their antecedents is the costly part).
        """
        named = self.named_in(start, end)
        out: list[Actor] = []
        for a in sorted(named + self._speech_actors(start, end), key=lambda a: (a.start, -a.end)):
            if out and a.start < out[-1].end:
                continue
            if a.role == "pending":
                if resolve_until is not None and a.start > resolve_until:
                    continue
                word = a.name.lower()
                p = None
                if word in _PERSONAL:
                    p = next((x for x in reversed(out) if x.kind == "PERSON" and x.role == "name"), None)
                if p is not None:
                    a = Actor(a.start, a.end, p.eid, p.code, p.kind, a.name, "pronoun")
                else:
                    r = self.antecedent(a.start, word)
                    if r is None:
                        continue
                    a = Actor(a.start, a.end, r.eid, r.code, r.kind, a.name, "pronoun", r.members)
            out.append(a)
        return out

    def antecedent(self, pos: int, word: str) -> Actor | None:
        """The nearest named actor before ``pos`` (within ~400 characters).

        "they/their/them" take the nearest compound ("the United States and
        France ... their cooperation") or plural demonym ("the Russians"), else
        the record's two parties ("They also agreed to explore ..." in a readout).
        """
        if word in ("they", "their", "them"):
            return self._plural_antecedent(pos, self.named_in(max(self.doc.body_start, pos - 400), pos))
        for reach in (150, 400):  # the near window first: most antecedents are close, and it is cheaper
            for a in reversed(self.named_in(max(self.doc.body_start, pos - reach), pos)):
                if a.kind in ("COUNTRY", "ORG", "GROUP", "PERSON") and (a.code is not None or a.eid):
                    if word in _PERSONAL and a.kind != "PERSON" and not _TITLED.match(self.text, a.end):
                        continue  # "he" is a person: a country only when it qualifies one ("Serbian President X")
                    return a
        return None

    def _plural_antecedent(self, pos: int, cands: list[Actor]) -> Actor | None:
        """The nearest plural referent: "the two presidents", a compound, a plural demonym, a body."""
        two = None
        for m in _PARTIES.finditer(self.text, max(self.doc.body_start, pos - 300), pos):
            two = m
        last = cands[-1] if cands else None
        if two is not None and len(self.parties) >= 2 and (last is None or last.end <= two.start()):
            return Actor(two.start(), two.end(), None, None, "GROUP", two.group(), "parties", list(self.parties[:2]))
        if last is not None:
            if len(cands) > 1 and _JOINED.fullmatch(self.text, cands[-2].end, last.start) and cands[-2].key != last.key:
                return Actor(cands[-2].start, last.end, None, None, "GROUP", "", "parties", [cands[-2], last])
            if (last.role == "demonym" and self.text[last.end - 1] == "s") or last.kind in ("GROUP", "ORG"):
                return last  # "the Russians", "NATO ... they"
        if len(self.parties) >= 2 and not self.speaker_at(pos, direct=True):
            return Actor(-1, -1, None, None, "GROUP", "", "parties", list(self.parties[:2]))
        return None
