"""Who is speaking: the entity in the subject slot of a reporting clause.

Resolution order, most trusted first: an entity mention ending near the cue
(the entities stage), a role phrase ("the minister", "the President of
Russia") matched against entity roles and aliases, a pronoun ("he", "you")
resolved to the nearest fitting referent, and only then a name read off the
text itself, reusing an entity of the same surname before creating one. When
none of these holds the answer is ``None`` — a wrong speaker is worse than
none.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from communique.encounters import heads
from communique.model import Document, Entity, Mention
from communique.speech import cues
from communique.speech.collective import Collective
from communique.speech.context import DocContext, find_entity_by_name

SPEAKER_TYPES = ("PERSON", "ORG", "GROUP")

# Subjects that name several voices: the stages do not split a joint voice.
PLURAL = re.compile(rf"\b(?:{cues.alt('plural_subject')})\b", re.I)
# "President and CEO" is one office held by one person
_JOINT_TITLE = re.compile(
    r"\b(?:President|Chairman|Chair|Founder|Director)\s+and\s+(?:CEO|Chief\s+Executive(?:\s+Officer)?|Founder|"
    r"Executive\s+Director)\b|\bMinister\s+of\s+\w+\s+and\s+\w+\b"
)
_ROLE_HANDLES = dict(h.split("=", 1) for h in cues.lists().get("role_handle", ()))
PRONOUN = re.compile(r"^(?:he|she|him|her)$", re.I)
FIRST_PERSON = re.compile(r"\b(?:I|we|my|our|us|me)\b")
_HONORIFICS = (
    ("f", re.compile(r"(?:ms|mrs|miss|madam|madame|mme|queen|princess|duchess|first\s+lady)\b", re.I)),
    ("m", re.compile(r"(?:mr|king|prince|sir|lord|duke)\b", re.I)),
)
_PRONOUN_CLASH = {"he": "f", "him": "f", "his": "f", "she": "m", "her": "m"}  # the gender a pronoun rules out
_HEAD_TITLES = {"president": "President", "prime minister": "Prime Minister", "chancellor": "Chancellor"}
_LEADING_CONJUNCTION = re.compile(r"(?:And|But|So|Then|Now)\s+")
# a person referred to by office alone, the antecedent a briefer's "he" often has
_ROLE_REF = re.compile(
    r"\b[Tt]he\s+((?:Vice\s+)?President|Prime\s+Minister|Chancellor|(?:Foreign\s+|Defen[cs]e\s+)?Minister|Secretary)\b"
)

# Words that are titles or offices rather than parts of a name.
TITLE_WORDS = {
    "president",
    "prime",
    "minister",
    "ministers",
    "foreign",
    "defence",
    "defense",
    "secretary",
    "state",
    "deputy",
    "vice",
    "general",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "his",
    "her",
    "excellency",
    "king",
    "queen",
    "emir",
    "sheikh",
    "crown",
    "prince",
    "chancellor",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "press",
    "presidential",
    "advisor",
    "adviser",
    "national",
    "security",
    "ceo",
    "svp",
    "vp",
    "evp",
    "executive",
    "director",
    "chairman",
    "chair",
    "chief",
    "head",
    "leader",
    "senator",
    "congressman",
    "congresswoman",
    "representative",
    "governor",
    "mayor",
    "envoy",
    "special",
    "assistant",
    "the",
    "and",
    "of",
    "senior",
    "official",
    "founder",
    "co-founder",
    "managing",
    "commissioner",
    "speaker",
    "first",
    "lady",
}
ORG_HEADS = re.compile(
    r"\b(?:ministry|agency|office|presidency|government|council|committee|service|department|association|"
    r"institute|federation|alliance|coalition|consortium|union|organi[sz]ation|bank|fund|corporation|company|"
    r"commission|embassy|administration|kremlin|parliament|senate|house|news|press|tv|television|radio)\b",
    re.I,
)
_NAME_TOKEN = r"(?:[A-Z][\w'’.-]*|al-|el-|bin|ibn|de|da|van|von|der|la)"
_TRAILING_NAME = re.compile(rf"((?:{_NAME_TOKEN})(?:\s+{_NAME_TOKEN})*)\s*$")
_ORG_PHRASE = re.compile(
    r"((?:[A-Z][\w'’.-]*\s+|(?:foreign|defen[cs]e|interior|news|press|state|national|presidential|"
    r"emergencies|trade|economy|finance)\s+)*"
    r"(?:ministry|agency|office|presidency|government|council|committee|service|department)"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)?)\s*$",
    re.I,
)
# capitalised words that open a sentence without naming anyone
_NOT_NAMES = {
    "someone",
    "somebody",
    "everyone",
    "everybody",
    "nobody",
    "anyone",
    "one",
    "many",
    "some",
    "others",
    "officials",
    "sources",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "there",
    "as",
    "and",
    "but",
    "so",
    "when",
    "while",
    "if",
    "then",
    "also",
    "however",
    "today",
    "yesterday",
    "here",
    "what",
    "which",
    "who",
}
# what follows a mention when the subject's own name comes after it: "Fox News’s Bret Baier",
# "UN Ambassador-designate Elise Stefanik", "[Bret] Baier" (a mention covering part of a name)
_NAME_AFTER = re.compile(r"^(?:[’']s)?(?:\s*(?:\*\*|__)?\s*[A-Z][\w'’.-]+){1,3}\s*(?:\*\*|__)?\s*(?:\]\([^)]*\))?\s*$")
# a title naming a department before the holder's name: "Secretary of Homeland Security Kristi Noem"
_OF_DEPARTMENT = re.compile(
    r"\bof\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*)*\s+(?=[A-Z][\w'’-]*\s+[A-Z][\w'’-]*$)"
)
DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|an|ese|ish|i|ic)$")


@dataclass
class Resolution:
    entity: str | None
    start: int  # where the subject phrase begins (for the quote's span)


class SpeakerResolver:
    """Resolves subject phrases to entity ids within one document."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.doc: Document = ctx.doc
        self.types = {e.id: e.type for e in self.doc.entities}
        self.mentions: list[Mention] = sorted(
            (m for m in self.doc.mentions if m.entity is not None), key=lambda m: (m.start, m.end)
        )
        self._starts: list[int] | None = None  # the mentions' starts, for bisection
        self.last_speaker: tuple[int, str] | None = None  # (position, entity) of the last resolved person
        self._genders: dict[str | None, str | None] = {}
        self._heads: dict[str, str | None] = {}  # title -> the record's own head holding it (record_head)
        self.collective: Collective | None = Collective(ctx)

    # ---- mentions -----------------------------------------------------
    def mentions_in(self, start: int, end: int, types: tuple[str, ...] = SPEAKER_TYPES) -> list[Mention]:
        out = []
        if self._starts is None or len(self._starts) != len(self.mentions):
            self._starts = [m.start for m in self.mentions]
        # sorted by start: begin at the first mention at or after ``start`` (bisection, not a walk from the top)
        for k in range(bisect.bisect_left(self._starts, start), len(self.mentions)):
            m = self.mentions[k]
            if m.start >= end:
                break
            if m.start >= start and m.end <= end and self.types.get(m.entity or "", self._type(m.entity)) in types:
                out.append(m)
        return out

    def _type(self, eid: str | None) -> str:
        ent = self.doc.entity(eid)
        if ent is not None:
            self.types[ent.id] = ent.type
            return ent.type
        return ""

    # ---- public -------------------------------------------------------
    def resolve(self, start: int, end: int, *, allow_fallback: bool = True) -> Resolution | None:
        """The speaker named by ``text[start:end]``, a subject phrase that ends at the cue."""
        flat = self.doc.flat
        s, e = start, end
        while e > s and flat[e - 1] in " \n,;:([":
            e -= 1
        while s < e and flat[s] in " \n,;:)]":
            s += 1
        lead = _LEADING_CONJUNCTION.match(flat, s, e)  # "And he said …": the conjunction joins sentences, not people
        if lead:
            s = lead.end()
        if e <= s:
            return None
        phrase = flat[s:e]
        words = phrase.split()
        if PLURAL.search(_JOINT_TITLE.sub(" ", phrase)) and not self._single_named(s, e):
            # several voices: a GROUP speaking as one (the quotes stage splits it per leader in a readout)
            voices = self.collective.voices(s, e) if self.collective is not None else None
            if voices is None:
                return None
            group = self.collective.group(voices.members, voices.surface)
            return Resolution(group.id, s)
        # 1. a mention that ends at (or just before) the cue
        ms = self.mentions_in(s, e)
        if ms:
            m = ms[-1]
            gap = flat[m.end : e]
            if len(gap) <= 60 and not re.search(r"[.;]", gap) and not _NAME_AFTER.match(gap):
                self._remember(m.start, m.entity)
                return Resolution(m.entity, self._phrase_start(s, m.start))
        handle = _ROLE_HANDLES.get(words[-1].lstrip("@").rstrip("’'s").upper()) if words[-1][:1] == "@" else None
        if handle:  # "@POTUS made clear …": the office's holder in this record
            eid = self.record_head(handle) or self.by_role(handle, s)
            return Resolution(eid, s + phrase.rfind(words[-1])) if eid else None
        # 2. a pronoun
        if len(words) <= 3 and PRONOUN.match(words[-1]):
            eid = self.antecedent(s, words[-1])
            return Resolution(eid, s) if eid else None
        if words[-1].lower() == "you":
            turn = self.ctx.turn_at(s)
            eid = self.ctx.addressee(turn) if turn else None
            return Resolution(eid, s) if eid else None
        if FIRST_PERSON.fullmatch(words[-1]) or words[-1].lower() in {"it", "they", "this", "that", "which", "who"}:
            return None
        # 3. a role phrase ("the President of Russia", "the minister")
        role = re.search(r"\bthe\s+((?:[\w'’-]+\s+){0,5}[\w'’-]+)$", phrase, re.I)
        if role:
            eid = self.by_role(role.group(1), s)
            if eid:
                self._remember(s, eid)
                return Resolution(eid, s + role.start())
            if not allow_fallback or not re.search(r"[A-Z]", role.group(1)[1:] if role else ""):
                return None
        if not allow_fallback:
            return None
        # 4. a name read off the text
        ent = self.from_surface(phrase)
        if ent is None:
            return None
        self._remember(s, ent.id)
        return Resolution(ent.id, s)

    def antecedent(self, pos: int, pronoun: str = "") -> str | None:
        """The person a 'he'/'she' at ``pos`` most likely refers to: the last person named before it
        whose honorifics ("Ms. Psaki", "Mr. Sullivan") do not contradict the pronoun."""
        turn = self.ctx.turn_at(pos)
        lo = turn.body_start if turn else max(0, pos - 1500)
        clash = _PRONOUN_CLASH.get(pronoun.lower())
        cands = [
            m
            for m in self.mentions_in(lo, pos, ("PERSON",))
            if not (turn and m.entity == turn.speaker) and (clash is None or self.gender(m.entity) != clash)
        ]
        best = cands[-1].entity if cands else None
        if (
            self.last_speaker
            and self.last_speaker[0] >= lo
            and (not cands or self.last_speaker[0] >= cands[-1].start)
            and (clash is None or self.gender(self.last_speaker[1]) != clash)
        ):
            if not (turn and self.last_speaker[1] == turn.speaker):
                best = self.last_speaker[1]
        if best is None and turn is not None and not self.ctx.is_anonymous_turn(turn):
            # a briefer names no one but "the President": "the President is focused on … And he said …"
            roles = list(_ROLE_REF.finditer(self.doc.flat, lo, pos))
            if roles:
                eid = self.by_role(roles[-1].group(1), roles[-1].start())
                if eid != turn.speaker:
                    best = eid
        return best

    def gender(self, eid: str | None) -> str | None:
        """ "f" or "m" when the person's names or roles carry an honorific that says so ("MS. PSAKI",
        "Mr. Sullivan", "Queen"), else None. Only honorifics: a first name says too little."""
        if eid not in self._genders:
            ent = self.doc.entity(eid)
            forms = [ent.name, *ent.aliases, *ent.roles] if ent and ent.type == "PERSON" else []
            said = {g for f in forms for g, rx in _HONORIFICS if rx.match(f.strip())}
            self._genders[eid] = next(iter(said)) if len(said) == 1 else None
        return self._genders[eid]

    def by_role(self, role: str, pos: int) -> str | None:
        """An entity whose alias or role is this phrase, or who was last named with its head word."""
        role_key = " ".join(role.lower().split())
        if role_key in _HEAD_TITLES:  # a bare "the President": in an official record, its own side's head
            eid = self.record_head(_HEAD_TITLES[role_key])
            if eid:
                return eid
        hits: list[Entity] = []
        for ent in self.doc.entities:
            if ent.type not in SPEAKER_TYPES:
                continue
            names = [ent.name, *ent.aliases, *ent.roles]
            if any(" ".join(n.lower().split()) == role_key for n in names):
                hits.append(ent)
        if len(hits) == 1:
            return hits[0].id
        head = role_key.split()[-1]
        if head in {
            "minister",
            "president",
            "secretary",
            "spokesman",
            "spokesperson",
            "ambassador",
            "chancellor",
            "premier",
        }:
            # last person named with that title before this point
            for m in reversed(self.mentions_in(max(0, pos - 3000), pos, ("PERSON",))):
                surface = self.doc.flat[m.start : m.end].lower()
                ent = self.doc.entity(m.entity)
                titles = " ".join([surface, *(r.lower() for r in (ent.roles if ent else []))])
                if head in titles:
                    return m.entity
        return None

    def record_head(self, title: str) -> str | None:
        """Who "the President" (or Prime Minister, Chancellor) is in this record: the most-named holder
        of that title from the side the record speaks for (see communique.encounters.heads)."""
        if title not in self._heads:
            own = heads.own_country(self.doc.publisher, (self.doc.entity(t.speaker) for t in self.ctx.turns))
            counts = Counter(m.entity for m in self.mentions)
            self._heads[title] = heads.head(self.doc.entities, own, counts, title) if own else None
        return self._heads[title]

    def from_surface(self, phrase: str) -> Entity | None:
        """Read a name off the subject phrase; reuse an entity of that name or surname, else create one."""
        phrase = re.sub(r"\s+", " ", re.sub(r"\[|\]\([^)]*\)|\]|\*\*|__", " ", phrase)).strip()
        owner = re.search(r"[’']s\s+(?=[A-Z][\w'’.-]*\s+[A-Z])", phrase)
        if owner:  # "Fox News’s Bret Baier": the person, not the outlet that employs him
            phrase = phrase[owner.end() :]
        org = _ORG_PHRASE.search(phrase)
        if org and ORG_HEADS.search(org.group(1)):
            name = re.sub(r"^(?:the|a|an)\s+", "", org.group(1).strip(), flags=re.I)
            if len(name.split()) >= 2:
                return find_entity_by_name(self.doc, name) or self.doc.new_entity("ORG", name)
        m = _TRAILING_NAME.search(phrase)
        if not m:
            return None
        surface = m.group(1).strip()
        toks = surface.split()
        if ORG_HEADS.search(surface) and len(toks) >= 2:
            name = re.sub(r"^(?:The)\s+", "", surface)
            return find_entity_by_name(self.doc, name) or self.doc.new_entity("ORG", name)
        dept = _OF_DEPARTMENT.search(phrase)
        if dept and len(toks) > 2:
            toks = phrase[dept.end() :].split()  # the holder's first and last name after the department
        core = list(toks)
        while len(core) > 1 and (
            core[0].lower().strip(".") in TITLE_WORDS
            or core[0].split("-")[0].lower() in TITLE_WORDS  # "Ambassador-designate"
            or (core[0].isupper() and len(core[0]) > 1 and len(core) > 2)  # "UN", "EPA" before a title
            or (DEMONYM.match(core[0]) and len(core) > 1 and core[1].lower() in TITLE_WORDS)
        ):
            core.pop(0)  # "Syrian Foreign Minister Faisal Mekdad" -> "Faisal Mekdad"; "Ryan" stays
        if not core or len(core) > 4 or all(t[:1].islower() for t in core) or core[0].lower() in _NOT_NAMES:
            return None
        name = " ".join(core)
        ent = find_entity_by_name(self.doc, name) or self._by_surname(core[-1])
        if ent is None:
            ent = self.doc.new_entity("PERSON", name)
            self.types[ent.id] = "PERSON"
        if surface != name:
            ent.add_alias(surface)
        return ent

    # ---- helpers ------------------------------------------------------
    def _by_surname(self, surname: str) -> Entity | None:
        key = surname.lower()
        hits = [
            e
            for e in self.doc.entities
            if e.type == "PERSON" and any(a.split() and a.split()[-1].lower() == key for a in [e.name, *e.aliases])
        ]
        return hits[0] if len(hits) == 1 else None

    def _single_named(self, s: int, e: int) -> bool:
        """'President of the Republic of Korea and Commander…' is still one person when one mention covers it."""
        ms = self.mentions_in(s, e, ("PERSON",))
        return len({m.entity for m in ms}) == 1 and not re.search(r"\b(?:both|two|they|we)\b", self.doc.flat[s:e], re.I)

    def _phrase_start(self, s: int, mention_start: int) -> int:
        """Start the subject at its determiner/titles, not mid-phrase."""
        flat = self.doc.flat
        pre = flat[s:mention_start]
        m = re.search(r"((?:\b(?:the|[A-Z][\w'’.-]*)\s+)*)$", pre)
        return mention_start - len(m.group(1)) if m else mention_start

    def _remember(self, pos: int, eid: str | None) -> None:
        if eid and self.types.get(eid, self._type(eid)) == "PERSON":
            self.last_speaker = (pos, eid)
