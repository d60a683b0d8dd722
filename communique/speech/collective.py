"""Several voices as one subject: "Russia and Mongolia affirm …", "The sides reaffirmed …", "They also …".

A reporting clause whose subject names several parties is either a
collective voice (a joint statement or declaration, a report of what the
parties adopted together: one GROUP speaker) or one position credited to
several leaders (a readout: "The leaders stressed …" is each leader's own
position, one quote per leader marked joint). Which of the two is decided by
the kind of record: a readout reports each leader's words, other records
report what the parties said together.

Members come from the subject itself when it lists them ("Mr Putin and Mr
Bagabandi", "Russia and Mongolia", "the Russian, Ukrainian and Moldovan
presidents"), else from the group named last ("The sides", "Both leaders",
"They"), else from the people the record opens with ("Vladimir Putin had a
telephone conversation with … Merkel and … Hollande"). One GROUP entity
stands for one set of member states, however the text names it; every name
it is given is kept as an alias.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from communique.model import Document, Entity
from communique.speech import cues
from communique.speech.context import DocContext

_GROUP_NOUN = re.compile(
    rf"^(?:(?:the|both|all|these|those)\s+)?(?:(?:two|three|four|five|several)\s+)?"
    rf"(?P<qual>(?:[A-Z][\w'’-]+\s+)*)(?:{cues.alt('group_noun')})$",
    re.I,
)
_CONJ = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+|\s*&\s*)")
_DEMONYM_LIST = re.compile(
    rf"^(?:the\s+)?(?P<list>[A-Z][\w'’-]+(?:\s*(?:,|and|,\s*and)\s+[A-Z][\w'’-]+)+)\s+(?:{cues.alt('group_noun')})$"
)
_DEMONYM_LIST_IN = re.compile(
    rf"\b(?:the\s+)?[A-Z][\w'’-]+(?:\s*(?:,|and|,\s*and)\s+[A-Z][\w'’-]+)+\s+(?:{cues.alt('group_noun')})\b"
)
_THEY = re.compile(r"^(?:they|both|both\s+of\s+them)$", re.I)
_SPEAKER_LIKE = ("PERSON", "COUNTRY", "GROUP", "ORG")


@dataclass
class Voices:
    """Who speaks in a plural subject: the member entities and the surface that named them."""

    members: list[str]
    surface: str
    start: int


class Collective:
    """Finds the members of plural subjects in one document and keeps one GROUP per set of states."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.doc: Document = ctx.doc
        self.last: tuple[int, list[str]] | None = None  # position and members of the group named last
        self._groups: dict[frozenset[str], Entity] = {}

    @property
    def joint_mode(self) -> bool:
        """A readout credits a shared position to each leader; other records speak for the group."""
        return self.doc.kind == "readout"

    # ---- members ------------------------------------------------------
    def voices(self, s: int, e: int) -> Voices | None:
        """The several voices named by the subject ``text[s:e]``, or None when it names one or none."""
        flat = self.doc.flat
        while s < e and flat[s] in " \n,;:":
            s += 1
        while e > s and flat[e - 1] in " \n,;:":
            e -= 1
        phrase = " ".join(flat[s:e].split())
        they = re.search(r"\b(they)$", phrase, re.I)
        if they:  # "In the statement they expressed …": the pronoun is the subject
            phrase = they.group(1)
        if not phrase:
            return None
        members = None if they else self._listed(s, e, phrase)
        if members is None and (_GROUP_NOUN.match(phrase) or _THEY.match(phrase)):
            members = self._antecedent(s, phrase)
        if not members or len(set(members)) < 2:
            return None
        self.last = (s, members)
        return Voices(members=list(dict.fromkeys(members)), surface=phrase, start=s)

    def note(self, s: int, e: int) -> None:
        """Remember a group named outside a reporting clause ("… the Russian, Ukrainian and Moldovan
        presidents adopted a joint statement"), the antecedent of a later "they"."""
        phrase = " ".join(self.doc.flat[s:e].split())
        members = self._listed(s, e, phrase)
        if members and len(set(members)) >= 2:
            self.last = (s, members)
            self.group(members, phrase)

    def note_sentence(self, ss: int, se: int) -> None:
        """A sentence naming the parties by a list of demonyms ("the Russian, Ukrainian, and Moldovan
        presidents adopted a joint statement") sets the antecedent of a later "they"."""
        m = _DEMONYM_LIST_IN.search(self.doc.flat, ss, se)
        if m:
            self.note(m.start(), m.end())

    def _listed(self, s: int, e: int, phrase: str) -> list[str] | None:
        """Members listed in the subject: every conjunct names one entity, or a list of demonyms."""
        flat = self.doc.flat
        dm = _DEMONYM_LIST.match(phrase)
        if dm:
            names = [w for w in re.split(r"\s*,\s*and\s+|\s*,\s*|\s+and\s+", dm.group("list")) if w]
            ids = [self._country_of_word(w) for w in names]
            if all(ids) and len(ids) >= 2:
                return [i for i in ids if i]
        if not re.search(r"\band\b|,|&", phrase):
            return None
        parts: list[tuple[int, int]] = []
        pos = s
        for m in _CONJ.finditer(flat, s, e):
            parts.append((pos, m.start()))
            pos = m.end()
        parts.append((pos, e))
        out: list[str] = []
        for a, b in parts:
            eid = self._one(a, b)
            if eid is None:
                return None
            out.append(eid)
        return out if len(out) >= 2 else None

    def _one(self, a: int, b: int) -> str | None:
        """The single entity a conjunct names: its last speaker-like mention (a capital stands for its state)."""
        ms = [m for m in self.doc.mentions if m.entity and m.start >= a and m.end <= b]
        if not ms:
            return None
        people = [m for m in ms if (p := self.doc.entity(m.entity)) is not None and p.type == "PERSON"]
        ent = self.doc.entity((people or ms)[-1].entity)  # "Chancellor of Germany Angela Merkel": the person
        if ent is None:
            return None
        if ent.type == "PLACE" and ent.country:  # "Moscow and Ulan Bator reaffirmed …"
            return self._country_entity(ent.country)
        return ent.id if ent.type in _SPEAKER_LIKE else None

    def _antecedent(self, s: int, phrase: str) -> list[str] | None:
        qual = _GROUP_NOUN.match(phrase)
        if _THEY.match(phrase):
            members = self.last[1] if self.last else self._principals(s)
        else:  # "the sides", "the leaders": the record's principals, else the group named last
            members = self._principals(s) or (self.last[1] if self.last else None)
        if not members:
            return None
        if qual and qual.group("qual").strip():
            # "the European leaders" in a Russian readout: the counterparts, not the record's own side
            own = self._own_country()
            word = qual.group("qual").strip()
            if own and self._country_of_word(word) != self._country_entity(own):
                members = [m for m in members if self._country(m) != own]
        return members

    def _principals(self, s: int) -> list[str] | None:
        """The parties the record opens with: the people named in its title line and first two sentences,
        else the states named there ("The Presidents of Russia and Mongolia signed …")."""
        sents = [x for x in self.ctx.sents if x[0] < s][:2]
        lo = self.doc.body_start
        hi = max([x[1] for x in sents] + [lo + 1])
        if s - lo < 2000:
            hi = max(hi, min(s, lo + 400))
        ents = [self.doc.entity(m.entity) for m in self.doc.mentions if lo <= m.start < hi and m.entity]
        for kind in ("PERSON", "COUNTRY"):
            found = list(dict.fromkeys(e.id for e in ents if e is not None and e.type == kind))
            if len(found) >= 2:
                return found
        return None

    # ---- entities -----------------------------------------------------
    def group(self, members: list[str], surface: str) -> Entity:
        """The GROUP entity for these members (one per set of states), with ``surface`` as an alias."""
        key = frozenset(self._country(m) or m for m in members)
        ent = self._groups.get(key)
        if ent is None:  # "Mr Putin, Mr Kuchma and Mr Voronin" where one member's state is unknown
            known = {k for k in key if re.fullmatch(r"[A-Z]{3}", k)}
            same = [g for k, g in self._groups.items() if len(k) == len(key) and known and known <= k]
            ent = same[0] if len(same) == 1 else None
        if ent is None:
            names = [self._country_name(c) for c in sorted(key, key=lambda c: self._first_index(c, members))]
            name = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            ent = self.doc.new_entity("GROUP", name)
            ent.members = list(dict.fromkeys(members))
            self._groups[key] = ent
        else:
            for m in members:
                if m not in ent.members:
                    ent.members.append(m)
        if not _THEY.match(surface):
            ent.add_alias(surface)
        return ent

    def persons(self, members: list[str]) -> list[str]:
        return [m for m in members if (ent := self.doc.entity(m)) is not None and ent.type == "PERSON"]

    def _first_index(self, key: str, members: list[str]) -> int:
        for i, m in enumerate(members):
            if (self._country(m) or m) == key:
                return i
        return len(members)

    def _country(self, eid: str) -> str | None:
        ent = self.doc.entity(eid)
        return ent.country if ent is not None else None

    def _country_name(self, key: str) -> str:
        if re.fullmatch(r"[A-Z]{3}", key):
            ent = self.doc.entity(self._country_entity(key))
            if ent is not None:
                return ent.name
        ent = self.doc.entity(key)
        return ent.name if ent is not None else key

    def _country_entity(self, iso: str) -> str | None:
        for ent in self.doc.entities:
            if ent.type == "COUNTRY" and ent.country == iso:
                return ent.id
        return None

    def _country_of_word(self, word: str) -> str | None:
        """The COUNTRY entity a name or demonym ("Ukrainian", "Moldovan") refers to in this record."""
        key = word.lower()
        for ent in self.doc.entities:
            if ent.type != "COUNTRY":
                continue
            forms = [ent.name, *ent.aliases]
            if any(f.lower() == key for f in forms):
                return ent.id
        # a demonym the entities stage linked to its country
        for m in self.doc.mentions:
            if self.doc.flat[m.start : m.end].lower() == key:
                ent = self.doc.entity(m.entity)
                if ent is not None and ent.type == "COUNTRY":
                    return ent.id
        return None

    def countries_named(self, phrase: str) -> list[str]:
        """COUNTRY entities of this record named (by name or alias, as whole words) in ``phrase``, in order."""
        found: list[tuple[int, str]] = []
        for ent in self.doc.entities:
            if ent.type != "COUNTRY":
                continue
            for form in {ent.name, *ent.aliases}:
                m = re.search(rf"(?<![\w.]){re.escape(form)}(?![\w])", phrase)
                if m and len(form) > 1:
                    found.append((m.start(), ent.id))
                    break
        return [eid for _, eid in sorted(found)]

    def _own_country(self) -> str | None:
        """The record's own side: its publisher's state, else the state of the first person it names
        (a readout opens with its own leader: "Vladimir Putin had a telephone conversation with …")."""
        from communique.encounters import heads

        own = heads.own_country(self.doc.publisher, (self.doc.entity(t.speaker) for t in self.ctx.turns))
        if own:
            return own
        flat = self.doc.flat
        lo = self.doc.body_start
        title = (self.doc.title or "").strip()
        if title and flat[lo : lo + 400].lstrip().startswith(title):  # the title names the guests, not the host
            lo = flat.find(title, lo) + len(title)
        for m in sorted(self.doc.mentions, key=lambda m: m.start):
            ent = self.doc.entity(m.entity)
            if ent is not None and ent.type == "PERSON" and m.start >= lo:
                return ent.country
        return None


_JOINT_TITLE = re.compile(r"\bjoint\s+(?:leaders[’']?\s+)?(?:press\s+)?(?:statement|declaration|communiqu[ée])\b", re.I)
_AUTHOR_AFTER = re.compile(r"[:\s]\s*(?:(?:from|of|by|between)\s+)?(?:the\s+)?(?P<a>.+)$", re.I)
_TOPIC = re.compile(r"\s+(?:on|regarding|following|at|in|to)\s+(?=[A-Z]|the\b)")


def statement_author(doc: Document, col: Collective | None = None) -> str | None:
    """The collective author of a joint statement, from its title: "Joint Statement from Quad Leaders",
    "United States-France Joint Statement", "Joint Statement Between the United States and France on …",
    "Joint Statement: 2022 U.S.-Mexico High-Level Security Dialogue" (the states it names)."""
    title = " ".join((doc.title or "").replace("\\_", " ").replace("\\", " ").replace("_", " ").split())
    jm = _JOINT_TITLE.search(title)
    if doc.kind != "statement" or jm is None:
        return None
    rest = title[jm.end() :]
    by = re.search(r"\b(?:from|of|by|between)\s+(?:the\s+)?", rest, re.I)
    if by:
        phrase = rest[by.end() :]
        cut = _TOPIC.search(phrase)
        phrase = phrase[: cut.start()] if cut else phrase
    elif rest.lstrip().startswith(":"):
        phrase = rest.lstrip()[1:]
    else:
        phrase = title[: jm.start()]
    phrase = phrase.strip(" :,-–")
    if not phrase:
        return None
    if col is None:
        col = Collective(DocContext.build(doc))
    states = col.countries_named(phrase)
    if len(states) >= 2:
        return col.group(states, phrase).id
    from communique.speech.context import find_entity_by_name

    ent = find_entity_by_name(doc, phrase) or doc.new_entity("GROUP", phrase)
    return ent.id
