"""Event coders: the ``Coder`` interface and the default rule coder.

A coder turns an analysed document into PLOVER events. The rule coder works
sentence by sentence, and only where it must (the stage's budget is about a
millisecond and a half per 1,000 words):

1. find triggers with the lexicon (``data/lexicon.tsv``) in one scan of the
   body, and split into sentences only the paragraphs holding a trigger that
   may apply (:func:`_applies`: not a courtesy, not a mere reference to an
   encounter, not a modifier);
2. cut each sentence into clauses; in each, one event: the first trigger whose
   actors attach, a stronger word replacing a "low" one; a governing verb
   ("agreed *to cooperate*", "demanded that X *withdraw*") takes its complement;
3. attach actors by position: the subject (first actor group of the clause
   not inside a prepositional phrase) is the source, the first actor after the
   trigger (or after the prepositions the lexicon line names) the target;
   passives and "rev" lines swap them; compound groups ("Russia and Syria")
   become ``sources``/``targets`` and, for mutual acts, each other's targets;
4. resolve speaker-relative words (see :mod:`communique.events.actors`), and
   fall back to the speaker for a subject-less clause in a turn, and to the
   other party for a target-less mutual act, speech act or offer;
5. mark modality and apply PLOVER's rules: an intended cooperative act is
   AGREE, an intended hostile one THREATEN, a refused one REJECT;
6. in a long record keep only what a record reports between two sides
   (:meth:`RuleCoder.code`).

Actors are the entities stage's: this stage reads entities and mentions and
adds events only.

Other coders (a trained classifier, a large model behind an API) implement
the same one-method protocol and are chosen by name with :func:`get_coder`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from communique.events import dyads
from communique.events import modality as mod
from communique.events.actors import NONSTATE, Actor, DocActors
from communique.events.applies import ADDR_NEXT, COURTESY, MODAL_PASSIVE, applies
from communique.events.grammar import (
    JOIN,
    Group,
    actor_groups,
    attach_target,
    coordinated,
    eligible_subject,
    prep_before,
)
from communique.events.lexicon import COOPERATIVE, HOSTILE, Entry, Layered, Lexicon, Trigger, load
from communique.events.scan import inside, paragraphs, prev_word, split_sentences, windows
from communique.model import Document, Event


@runtime_checkable
class Coder(Protocol):
    """Anything that codes a document into events."""

    name: str

    def code(self, doc: Document) -> list[Event]: ...


_REGISTRY: dict[str, Callable[[], Coder]] = {}


def register_coder(name: str, factory: Callable[[], Coder]) -> None:
    """Make a coder selectable by name (``get_coder(name)``, ``COMMUNIQUE_EVENT_CODER``)."""
    _REGISTRY[name] = factory


def get_coder(name: str = "rules") -> Coder:
    """The coder registered under ``name`` (instances are cached: lexicons load once)."""
    if name not in _REGISTRY:
        raise KeyError(f"unknown event coder {name!r}; known: {', '.join(sorted(_REGISTRY))}")
    if name not in _INSTANCES:
        _INSTANCES[name] = _REGISTRY[name]()
    return _INSTANCES[name]


_INSTANCES: dict[str, Coder] = {}


def coder_names() -> list[str]:
    return sorted(_REGISTRY)


# ------------------------------------------------------------------ grammar cues
_SPEECH = re.compile(  # the look-ahead on first letters lets the engine skip other positions in C
    r"(?=[sanidcrtebh])\b(?:said|says|say|announced|announces|stated|insisted|added|noted|declared|concluded|stressed|"
    r"reported|told [\w ]{0,30}?|confirmed|explained|claimed|claims|believes|thinks|hopes)\b(?:\s+that\b)?"
)
_TRAILING_ATTRIB = re.compile(
    r"(?:,|\()\s*(?:[^,;]{0,80}?)\b(?:said|says|reported|announced|told|according to|stated|quoted|"
    r"reports(?!\s+(?:of|that|on|about)\b))\b[^;]*$"
)
_ATTRIB_WORD = re.compile(r"(?=[srawtq])(?:said|says|reported|announced|told|according to|stated|quoted|reports)\b")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_CLAUSE_SPLIT = re.compile(  # the look-ahead lists the first characters: the engine skips the rest in C
    r"(?=[;,bwiastuo])(?:;|\bbut\b|,\s*while\b|\bwhereas\b|\bin the face of\b|(?P<and>,\s+and\b)"
    r"|\b(?:after|before|because|since|although|though|until|once)\s+(?=(?:we|they|he|she|I|you)\b))"
)
# "Thank you.", "Thank you very much, Mr President.", "Well, thank you all": courtesy, not an event
# "thanks to this": because of, not thanks
# a subject that names no one ("some countries"): not the speaker, and not resolved
_GENERIC_SUBJECT = re.compile(
    r"(?i)(?=[scomtfSCOMTF])\b(?:some|certain|other|several|many|these|those|such|foreign|third)\s+(?:[\w-]+\s+)?"
    r"(?:countries|states|nations|governments|powers|forces|partners|actors|players|circles|politicians|people)\b"
)
# what a speaker's unattributed clause most often reports as their own side's act
_SPEAKER_ACTS = frozenset({"SUPPORT", "AGREE", "CONSULT", "COOPERATE", "AID", "REQUEST"})
_POSSESSOR = re.compile(r"[’']s?\b|\s")
# "Russia's humanitarian assistance", "Western policies": a possessor or modifier and a noun phrase —
# never a verb phrase ("Cyprus have agreed", "Burma is out of the question")
_FEW_WORDS = re.compile(
    r"[’']?s?(?:\s+(?!(?:have|has|had|is|are|was|were|will|would|can|could|did|does|do|should|must|may|might|"
    r"also|not|then|now)\b)[\w-]+){0,2}\s+"
)
_SPEECH_ACTS = frozenset({"SUPPORT", "REQUEST", "ACCUSE", "REJECT"})
# acts two sides do together: a compound subject's members are each other's targets
_MUTUAL = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# ... and, with no target named, of a fight ("X and Y clashed"); "X and Y denounced the use of proxies"
# has no target: a compound subject of another act is not its own target
_EACH_OTHER = _MUTUAL | {"ASSAULT"}
# what a party's speech with no named target usually aims at the other party ("we will send aid")
_TOWARD_OTHER = frozenset({"AID", "CONCEDE", "RETREAT", "SANCTION", "THREATEN"})
# in a long record a promise is an event when it is a meeting, aid or a concession, or both sides hold it;
# "we will work together" in a speech is a stance
_PROMISED_ACTS = frozenset({"CONSULT", "AID", "CONCEDE", "RETREAT"})
# types whose target, when none is named, is the actor's own country (PLOVER's domestic events)
_INTERNAL = frozenset(
    {"ASSAULT", "COERCE", "PROTEST", "CONCEDE", "RETREAT", "REJECT", "THREATEN", "MOBILIZE", "REQUEST"}
)


class RuleCoder:
    """Lexicon triggers + positional actor attachment; the default coder.

    ``record_sentences``: in records of at least that many sentences (a
    transcript, a briefing) only dyadic events are kept — a source of known
    state and a target of another side — because a long record mentions far
    more actions than it reports events between its parties; a hostile act
    with an unnamed source ("sanctions were imposed on Syria") is kept with
    its target. A record also skips what only describes the encounter or is
    not asserted: "brief" lexicon lines ("discussed", "the agreements"),
    hypothetical events, one side's plans, promised cooperation without a
    promise verb, and journalists' questions. Short texts (a news sentence)
    keep every event with an actor.
    """

    name = "rules"
    record_sentences = 5

    def __init__(self, lexicon: Lexicon | Layered | None = None):
        self.lex = lexicon or load()

    # -- public -------------------------------------------------------
    def code(self, doc: Document) -> list[Event]:
        prev_word.cache_clear()  # memoised per document, not across documents
        text = doc.flat or doc.text
        low = text.lower()
        regions = sorted(self._regions(doc, text))
        if not regions:
            return []
        record = self._is_record(doc, text, paragraphs(text, regions))
        if record and doc.turns:
            # a journalist's question asserts no event: not even scanned
            regions = sorted(self._regions(doc, text, floor=True))
            if not regions:
                return []
        # one scan of the body; keep the triggers that lie inside a region (not across a turn label)
        lex = self.lex.primary if record and isinstance(self.lex, Layered) and self.lex.short_only else self.lex
        found = [t for ws, we in windows(regions) for t in lex.find(text, ws, we, lower=low)]
        trigs = inside(found, regions)
        if not trigs:
            return []
        paras = paragraphs(text, regions)
        # sentences only where a trigger may apply: split the paragraphs that hold one
        sents: list[tuple[int, int]] = []
        seen = -1
        pstarts = [p[0] for p in paras]
        for t in trigs:
            k = bisect.bisect_right(pstarts, t.start) - 1
            if k > seen and k >= 0 and t.start < paras[k][1] and self._live(text, t, *paras[k], record):
                sents.extend(split_sentences(doc, text, *paras[k]))
                seen = k
        actors = DocActors(doc)
        events: list[Event] = []
        prev_source: Group | None = None
        starts = [t.start for t in trigs]
        for s, e in sents:
            i, j = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
            if i == j:
                continue
            if text[s:e].rstrip().endswith("?") or (record and actors.from_floor(s)):
                continue  # a question (or a journalist's turn) asserts no event
            lines = [self._live_lines(text, t, s, e, record) for t in trigs[i:j]]
            if not any(lines):
                continue  # courtesies, references, record-only words: nothing to code, no actors to look up
            evs, prev_source = self._sentence(doc, text, actors, s, e, trigs[i:j], prev_source, record, lines)
            events.extend(evs)
        return dyads.expand(doc, events)

    @staticmethod
    def _live(text: str, t: Trigger, s: int, e: int, record: bool) -> bool:
        """Some line of this match may apply (a cheap test before any actor is looked up)."""
        return bool(RuleCoder._live_lines(text, t, s, e, record))

    @staticmethod
    def _live_lines(text: str, t: Trigger, s: int, e: int, record: bool) -> list[Entry]:
        """The lexicon lines of this match that may apply in the sentence ``[s, e)``."""
        return [
            en
            for en in (t.entry, *t.alts)
            if not (record and "brief" in en.flags) and applies(text, t.start, t.end, en, s, e, record=record)
        ]

    def _is_record(self, doc: Document, text: str, paras: list[tuple[int, int]]) -> bool:
        """At least ``record_sentences`` sentences (counted paragraph by paragraph, stopping early)."""
        n = 0
        for ps, pe in paras:
            n += len(split_sentences(doc, text, ps, pe))
            if n >= self.record_sentences:
                return True
        return False

    # -- regions: content minus turn labels ------------------------------
    def _regions(self, doc: Document, text: str, floor: bool = False) -> list[tuple[int, int]]:
        """The content minus turn labels; ``floor``: minus whole turns of unnamed questioners too."""
        spans = sorted(doc.content) or [(doc.body_start, len(text))]
        cuts = sorted((t.start, t.body_start) for t in doc.turns if t.body_start > t.start)
        if floor:
            anon = {e.id for e in doc.entities if e.anonymous}
            cuts = sorted(cuts + [(t.start, t.end) for t in doc.turns if not t.speaker or t.speaker in anon])
        if not cuts:
            return spans
        out: list[tuple[int, int]] = []
        for s, e in spans:
            pos = s
            for cs, ce in cuts:
                if ce <= pos or cs >= e:
                    continue
                if cs > pos:
                    out.append((pos, cs))
                pos = max(pos, ce)
            if pos < e:
                out.append((pos, e))
        return out

    # -- one sentence -------------------------------------------------
    def _sentence(self, doc, text, da: DocActors, s, e, trigs, prev_source, record: bool = False, lines=None):
        """Code one sentence: at most one event per clause. ``lines``: each trigger's applicable lines."""
        if lines is None:
            lines = [self._live_lines(text, t, s, e, record) for t in trigs]
        acts = da.within(s, e, max(t.end for t, ls in zip(trigs, lines, strict=True) if ls) + 150)
        # a trailing attribution (", officials said") is not part of any clause's arguments
        m = _TRAILING_ATTRIB.search(text, s, e) if _ATTRIB_WORD.search(text, s, e) else None
        core_end = m.start() if m and m.start() > s + 20 else e
        reported = bool(m) or " according to " in text[s:e]
        speaker = da.speaker_at(s)
        spk_actor = self._speaker_actor(da, speaker)
        clauses = self._clauses(text, s, core_end, acts)
        groups = actor_groups(text, acts, tuple(clauses[1:]))
        chosen: dict[int, tuple[int, Event, Trigger]] = {}  # clause -> (tier, event, trigger)
        blocked_until = -1
        for i, t in enumerate(trigs):
            if t.start >= core_end or t.start < blocked_until:
                continue
            ci = max(k for k, c in enumerate(clauses) if c <= t.start)
            cstart = clauses[ci]
            cend = clauses[ci + 1] if ci + 1 < len(clauses) else core_end
            if ci in chosen and chosen[ci][0] == 0 and not _may_override(chosen[ci][2], t):
                continue
            ev = entry = None
            for entry in lines[i]:
                if entry.type == "SUPPORT" and cstart > s and COURTESY.match(text[cstart:cend]):
                    continue  # "Thank you, Mr President, and ...": the courtesy is its own clause
                ev = self._event(
                    doc,
                    text,
                    da,
                    groups,
                    Trigger(t.start, t.end, entry),
                    s,
                    e,
                    cstart,
                    cend,
                    spk_actor,
                    prev_source,
                    record,
                )
                if ev is not None and record and not _dyadic(da, ev):
                    ev = None  # in a long record only events between two sides count
                if ev is not None:
                    break
            if ev is None or entry is None:
                continue
            if "obj" in entry.flags and not _object_follows(text, groups, t, ev, cend):
                continue
            tier = 1 if ("low" in entry.flags or "spk" in entry.flags) else 0
            if "spk" in entry.flags and _qualified(text, groups, t.start, cstart):
                tier = 0  # "Russian aggression", "Western policies": the accusation is the clause's point
            if (
                ci in chosen
                and chosen[ci][0] <= tier
                and not _may_override(chosen[ci][2], Trigger(t.start, t.end, entry))
            ):
                continue
            if "intent" in entry.flags:
                nxt = trigs[i + 1] if i + 1 < len(trigs) else None
                if nxt is not None and nxt.start - t.end < 30 and nxt.entry.type in HOSTILE:
                    ev.type, ev.mode = "THREATEN", _threat_mode(nxt.entry)
            if ev.modality == mod.INTENDED and ev.type == "AGREE" and re.search(r"\bunless\b", text[t.end : cend]):
                ev.type, ev.mode = "THREATEN", ev.mode or "restrict"
            if "gov" in entry.flags and tier == 0:
                blocked_until = cend  # its complement is part of this event
            chosen[ci] = (tier, ev, t)
        out: list[Event] = []
        seen: set[tuple] = set()
        init = _INITIATIVE.search(text, s, e)
        init_code = next(
            (a.code for g in groups if init and init.start() <= g.start < init.end() for a in g.actors), None
        )
        for _, ev, _t in sorted(chosen.values(), key=lambda x: x[2].start):
            if init_code and ev.type in _MUTUAL:
                _initiator_first(doc, ev, init_code)
            if reported and ev.modality == mod.ASSERTED:
                ev.modality = mod.REPORTED
            ev.speaker = speaker
            k = (ev.type, ev.source, ev.target)
            if k not in seen:
                seen.add(k)
                out.append(ev)
        first = trigs[0].start
        subj = next((g for g in groups if g.start < first and eligible_subject(text, g, s)), None)
        return out, subj or prev_source

    def _clauses(self, text: str, s: int, e: int, acts: list[Actor] = ()) -> list[int]:  # type: ignore[assignment]
        """Clause starts: the sentence start and each ";", "but", "while", "whereas", "in the face of",
        a subordinate clause with its own subject ("after we imposed costs"), and ", and" — unless
        ", and" closes a list of actors ("Russia, Syria, and Iran")."""
        ends: dict[int, int] | None = None
        out = [s]
        for m in _CLAUSE_SPLIT.finditer(text, s, e):
            if m.group("and"):
                if ends is None:
                    ends = {a.end: i for i, a in enumerate(acts)}
                i = ends.get(m.start())
                nxt = next((a for a in acts if a.start >= m.end()), None)
                listed = (
                    i is not None
                    and i > 0
                    and JOIN.match(text[acts[i - 1].end : acts[i].start])
                    and nxt is not None
                    and JOIN.match(text[m.start() : nxt.start])
                )
                if listed or "between" in text[max(out[-1], m.start() - 90) : m.start()]:
                    continue  # "A, B, and C"; "between X, and Y"
            if m.start() - out[-1] > 8:
                out.append(m.start())
        return out

    def _speaker_actor(self, da: DocActors, speaker: str | None) -> Actor | None:
        if not speaker:
            return None
        ent = da.ents.get(speaker)
        return Actor(
            -1,
            -1,
            speaker,
            ent.country if ent else None,
            ent.type if ent else "PERSON",
            ent.name if ent else speaker,
            "first",
        )

    def _subject(self, text, groups, cstart, tstart) -> tuple[Group | None, list[Group]]:
        before = [g for g in groups if cstart <= g.start and g.end <= tstart and not _vocative(text, g, cstart)]
        sub_lo = cstart
        for m in _SPEECH.finditer(text, cstart, tstart):
            if any(g.start >= m.end() for g in before):
                sub_lo = m.end()  # "X said Y will ...": Y is the subject
        cands = [g for g in before if g.start >= sub_lo]
        subj = next((g for g in cands if eligible_subject(text, g, cstart)), None)
        if subj is None:
            # "police in Manila", "rebels in the Ivory Coast": a located subject noun phrase
            subj = next(
                (
                    g
                    for g in cands
                    if prev_word(text, g.start, cstart).lower() in ("in", "throughout") and g.start - sub_lo < 60
                ),
                None,
            )
        if subj is None and sub_lo > cstart:
            # no subject in the reported clause ("said that removing X is out of the question"): the sayer
            subj = next((g for g in before if g.start < sub_lo and eligible_subject(text, g, cstart)), None)
        return subj, before

    def _domestic(self, da: DocActors, groups: list[Group], entry, src_g, tgt_g):
        """Inside one country: a person of unknown nationality, a protest, an act with no outside target.

        When a sentence names exactly one state, a person whose country the
        entities stage could not tell is taken as that state's actor (news
        convention: "President X threatened to ban opposition candidates"),
        protesters with no named side are that state's, and a coercive or
        internal act with no target is aimed at that state.
        """

        def unknown(g) -> bool:
            return g is not None and g.head.role == "ethnic"

        if (
            tgt_g is not None
            and tgt_g.head.kind == "PERSON"
            and not tgt_g.head.code
            and src_g is not None
            and src_g.head.code
            and src_g.head.code not in NONSTATE
            and entry.type in _INTERNAL | {"ACCUSE"}
        ):
            # "an Argentine judge ordered former president X to appear": a person of no stated
            # nationality acted on by a state's organ is, by default, of that state
            tgt_g = Group([Actor(-1, -1, None, src_g.head.code, "COUNTRY", src_g.head.code)], -1, -1)
        states = {a.code for g in groups for a in g.actors if a.code and a.code not in NONSTATE and a.role != "ethnic"}
        if len(states) != 1:
            return src_g, tgt_g
        (code,) = states
        country = Actor(-1, -1, None, code, "COUNTRY", code)

        def fix(g):
            if g is not None and (unknown(g) or (g.head.kind == "PERSON" and not g.head.code)):
                return Group([country, *g.actors[1:]], g.start, g.end)
            return g

        src_g, tgt_g = fix(src_g), fix(tgt_g)
        if (
            src_g is None
            and entry.type in ("PROTEST", "ASSAULT", "COERCE")
            and (tgt_g is None or tgt_g.head.code == code)
        ):
            src_g = Group([country], -1, -1)  # an act of violence or protest inside the one state named
        if tgt_g is None and src_g is not None and src_g.head.code == code and entry.type in _INTERNAL:
            tgt_g = Group([country], -1, -1)
        return src_g, tgt_g

    def _event(
        self, doc, text, da, groups, t: Trigger, s, e, cstart, cend, spk_actor, prev_source, record=False
    ) -> Event | None:
        entry = t.entry
        flags = entry.flags
        subj, before = self._subject(text, groups, cstart, t.start)
        if subj is None and cstart > s and not _GENERIC_SUBJECT.search(text, cstart, t.start):
            subj = self._subject(text, groups, s, cstart)[0]  # "X discussed Y, and renewed Z": X renewed
        head_end = t.start + len(text[t.start : t.end].split()[0])
        if entry.type == "ASSAULT" and _PROBLEM_OBJECT.match(text, t.end):
            return None  # "combat this infection", "fight the pandemic": no one is attacked
        passive = (
            "intent" not in flags
            and bool(_PASSIVE.search(text[max(cstart, t.start - 25) : t.start]))
            and bool(re.search(r"(?:ed|en|wn|ld|nt|ght)$", text[t.start : head_end]))
        )
        poss = [
            g
            for g in before
            if t.start - g.end <= 22 and _POSSESSOR.match(text, g.end) and _FEW_WORDS.fullmatch(text, g.end, t.start)
        ]
        if poss:
            subj = poss[-1]  # "Russia's humanitarian assistance", "Western policies": the possessor acts
        src_g: Group | None = subj
        tgt_g: Group | None = None
        src_keys = {a.key for a in subj.actors} if subj else set()

        if "agent" in flags:
            # "the doses we are sending": the agent is named inside the match
            inner = [g for g in groups if t.start <= g.start and g.end <= t.end]
            if inner:
                src_g = inner[-1]
                src_keys = {a.key for a in src_g.actors}
            tgt_g = attach_target(text, groups, t, t.end, cend, src_keys, entry.to, record)
        elif "spk" in flags:
            # an evaluative word is the voice of the speaker, else of the clause's named subject,
            # else of the publisher ("in the face of Western policies" in a state's own readout)
            named_subj = subj.head if subj and subj.head.role != "pronoun" else None
            home = Actor(-1, -1, None, da.home, "COUNTRY", da.home) if da.home else None
            src_actor = spk_actor or named_subj or home or (subj.head if subj else None)
            if src_actor is None:
                return None
            src_g = Group([src_actor], -1, -1)
            src_keys = {src_actor.key}
            near = [
                g
                for g in groups
                if g.end <= t.start and t.start - g.end < 45 and any(a.key not in src_keys for a in g.actors)
            ]
            near_after = [
                g
                for g in groups
                if g.start >= t.end and g.start - t.end < 40 and any(a.key not in src_keys for a in g.actors)
            ]
            tgt_g = near[-1] if near else (near_after[0] if near_after else None)
            if tgt_g is None:
                return None
        elif "modal" in flags:
            # "Russia said Sudan must return ...": the one who must act is the target
            if not before:
                return None
            tgt_g = before[-1]
            if tgt_g.head.role == "first" or MODAL_PASSIVE.match(text, t.end):
                return None  # "must be adhered to", "should be integrated": nobody is asked to act
            lead = [g for g in before if g is not tgt_g and g.end <= tgt_g.start and eligible_subject(text, g, cstart)]
            src_g = lead[0] if lead else (Group([spk_actor], -1, -1) if spk_actor else None)
            if src_g is None and da.home:
                src_g = Group([Actor(-1, -1, None, da.home, "COUNTRY", da.home)], -1, -1)
            if src_g is None or (src_g.head.eid and src_g.head.eid == tgt_g.head.eid):
                return None
        elif "rev" in flags or passive:
            by = [
                g
                for g in groups
                if g.start >= head_end and g.start < cend and prep_before(text, g.start, head_end) in ("by", "from")
            ]
            patient = subj or (before[-1] if before else None)
            recipient = attach_target(text, groups, t, head_end, cend, set(), entry.to) if entry.to else None
            if (
                recipient is not None
                and entry.to
                and prev_word(text, recipient.start, head_end).lower() not in entry.to
            ):
                recipient = None
            if recipient is not None and (not by or recipient is not by[0]):
                patient = recipient  # "aid was delivered to Syria": the recipient, not the thing given
            if by:
                src_g, tgt_g = by[0], patient
            else:
                src_g, tgt_g = None, patient
        elif "between" in flags:
            # "talks were held between X and Y", "an agreement between X and Y": X and Y act together
            after = [g for g in groups if g.start >= head_end and g.start < cend]
            btw = [g for g in after if text.rfind("between", t.start, g.start) >= 0]
            members = [a for g in btw for a in g.actors]
            if len({a.key for a in members}) < 2:
                return None
            src_g = Group(members, btw[0].start, btw[-1].end)
            tgt_g = None
        else:
            tgt_g = attach_target(text, groups, t, head_end, cend, src_keys, entry.to, record)

        if entry.type == "CONSULT" and src_g is not None and src_g.start >= 0 and _PRIVATE.match(text, src_g.end):
            return None  # "Chinese fans visited the World Cup": private travel, not a consultation between sides
        if "addr" in flags:
            nxt = text[head_end : head_end + 60]
            if not (ADDR_NEXT.match(nxt) or (tgt_g and tgt_g.head.role == "second")):
                return None

        # speaker and party fallbacks
        in_speech = spk_actor is not None
        if src_g is None and "rev" not in flags:
            lead = text[cstart : t.start].split()
            generic = _GENERIC_SUBJECT.search(text, cstart, t.start) is not None  # "some countries have imposed"
            if in_speech and not generic and (entry.type in _SPEAKER_ACTS or len(lead) <= 3 or passive):
                src_g = Group([spk_actor], -1, -1)  # "Thank you", "have been delivered": the speaker's side
            elif prev_source is not None and _CONTINUING.match(text, s):
                src_g = prev_source  # "They also agreed ...": the last sentence's subject
            elif record and entry.type in _MUTUAL and not in_speech and len(da.parties) >= 2:
                party_keys = {p.key for p in da.parties}
                if tgt_g is None or all(a.key in party_keys for a in tgt_g.actors):
                    src_g = Group(list(da.parties[:2]), -1, -1)  # "It was agreed ...": the two sides agreed
        if src_g is not None and len(src_g.actors) > 1:
            firsts = [a for a in src_g.actors if a.role == "first"]
            if firsts:
                src_g = Group(firsts[:1] + [a for a in src_g.actors if a is not firsts[0]], src_g.start, src_g.end)
        src_key = src_g.head.key if src_g else None
        if tgt_g is not None and src_key is not None and len(tgt_g.actors) > 1:
            others = [a for a in tgt_g.actors if a.key != src_key]
            if others:
                tgt_g = Group(others, tgt_g.start, tgt_g.end)  # "the Russian-Finnish border" seen from Russia
        if (
            src_g is not None
            and len(src_g.actors) >= 2
            and entry.type in _MUTUAL
            and "between" not in flags
            and (tgt_g is None or tgt_g.start < 0 or prev_word(text, tgt_g.start, cstart).lower() != "with")
        ):
            tgt_g = Group(src_g.actors[1:], -1, -1)  # "the two presidents agreed to ...": each with the other
        if tgt_g is None and src_g is not None:
            if len(src_g.actors) >= 2 and entry.type in _EACH_OTHER:
                tgt_g = Group(src_g.actors[1:], -1, -1)  # "Israel and Syria clashed": each with the other
            elif "self" in flags:
                tgt_g = Group([src_g.head], -1, -1)
            elif entry.type in _MUTUAL or (in_speech and ("act" in flags or entry.type in _TOWARD_OTHER)):
                other = da.other_party(src_key)
                named = entry.type not in _MUTUAL and any(  # "congratulations to Mayor-elect X": someone else
                    head_end <= g.start < cend and g.head.kind == "PERSON" and g.head.role == "name" for g in groups
                )
                if other is not None and not named and src_key in {p.key for p in da.parties}:
                    tgt_g = Group([other], -1, -1)
        if src_g is None and tgt_g is None:
            return None
        src_g, tgt_g = self._domestic(da, groups, entry, src_g, tgt_g)
        if "weak" in flags and (src_g is None or tgt_g is None or src_g.head.key == tgt_g.head.key):
            return None
        if record and (tgt_g is None or (src_g is not None and src_g.head.key == tgt_g.head.key)):
            return None  # cannot be an event between two sides: no need to read its modality

        modality, ongoing = mod.modality(
            text, cstart, t.start, t.end, speech_act=entry.type in _SPEECH_ACTS, wide="noun" in flags
        )
        typ, mode_ = entry.type, entry.mode
        if record and modality == mod.HYPOTHETICAL:
            return None  # a record reports what was done, said or promised; "if ... could" is none of these
        if modality == mod.NEGATED and "act" in flags:
            return None  # "not from gratitude for": no thanks given, and no refusal either
        joint = src_g is not None and len(src_g.actors) >= 2
        if "intent" in flags:
            if record and "plan" in flags and not joint and modality != mod.NEGATED:
                return None  # "we intend to", "we are ready to": one side's stance
            typ, mode_ = ("REJECT", None) if modality == mod.NEGATED else ("AGREE", None)
            modality = mod.INTENDED if modality == mod.ASSERTED else modality
        else:
            typ, mode_, modality = retype(typ, mode_, modality, ongoing or "act" in flags)
            if record and typ == "AGREE" and entry.type not in ("AGREE", *_PROMISED_ACTS) and not joint:
                return None

        ev = Event(
            start=s,
            end=e,
            type=typ,
            source=None,
            target=None,
            mode=mode_,
            modality=modality,
            trigger=text[t.start : t.end],
        )
        src_actors = (src_g.actors if coordinated(text, src_g) else src_g.actors[:1]) if src_g else []
        ev.sources = [x for x in (da.entity_id(a) for a in src_actors) if x]
        tgt_actors = [
            a
            for a in ((tgt_g.actors if coordinated(text, tgt_g) else tgt_g.actors[:1]) if tgt_g else [])
            if src_g is None or tgt_g is src_g or a.key != src_key or a.role == "name"
        ]
        ev.targets = [x for x in (da.entity_id(a) for a in tgt_actors) if x]
        ev.source = ev.sources[0] if ev.sources else None
        ev.target = ev.targets[0] if ev.targets else None
        if ev.source is None and ev.target is None:
            return None
        return ev


# people who travel or meet as private persons: a demonym before them names no state acting
_PRIVATE = re.compile(
    r"\s+(?:(?:football|soccer|sports|young|ordinary|foreign)\s+)?(?:fans|supporters|tourists|holidaymakers|"
    r"students|pupils|travell?ers|pilgrims|visitors|spectators|athletes|families|businesspeople|shoppers|"
    r"backpackers)\b",
    re.IGNORECASE,
)
# "at the initiative of the Turkish side", "at Russia's initiative", "initiated by the French side"
_INITIATIVE = re.compile(
    r"(?i)\b(?:(?:at|on) the initiative of (?:the )?[\w’'-]+(?: [\w’'-]+)?|(?:at|on) (?:the )?[\w’'-]+(?: [\w’'-]+)?(?:’s|'s) initiative|"
    r"initiated by (?:the )?[\w’'-]+(?: [\w’'-]+)?)"
)


def _initiator_first(doc: Document, ev: Event, code: str) -> None:
    """A mutual act of several sides is coded from the side that initiated it, when the sentence says which.

    "At the initiative of the Turkish side, Putin and Erdogan talked by phone": TUR -> RUS.
    Only the order of a compound subject's own sides changes; an initiator who
    is not one of them is not an actor, and a single subject stays the source
    ("Putin had a conversation with Obama on the American side's initiative" is
    RUS -> USA, as the records' gold codes it).
    """
    if len(ev.sources) < 2:
        return
    country = {x.id: x.country for x in doc.entities}
    sides = ev.sources + [t for t in ev.targets if t not in ev.sources]
    lead = next((x for x in sides if country.get(x) == code), None)
    if lead is None or country.get(ev.source) == code:
        return
    other = next((x for x in sides if country.get(x) != code), None)
    ev.sources = [lead] + [x for x in ev.sources if x != lead]
    ev.targets = [x for x in sides if x != lead]
    ev.source, ev.target = lead, other


def _object_follows(text: str, groups: list[Group], t: Trigger, ev: Event, cend: int) -> bool:
    """ "met X", "meet with X", "they met": the verb has its partner, not "meet growing demand"."""
    nxt = next((g for g in groups if g.start >= t.end), None)
    if (
        nxt is not None
        and nxt.start < cend
        and (nxt.start - t.end <= 25 or prep_before(text, nxt.start, t.end) == "with")
    ):
        return True
    return ev.target is not None and bool(
        re.match(r"\s*(?:[.,;]|$|with\b|today|yesterday|tomorrow|again|on\b|in\b)", text[t.end : t.end + 12])
    )


_CONTINUING = re.compile(r"\s*(?:They|The two|Both)\b")


def _may_override(old: Trigger, new: Trigger) -> bool:
    """ "agreed to" outranks an earlier cooperative word of its clause ("confirmed to strengthen
    cooperation ... and agreed to launch"): the agreement is the event reported."""
    e = new.entry
    return (
        e.type == "AGREE"
        and "gov" in e.flags
        and old.entry.type in COOPERATIVE
        and "gov" not in old.entry.flags
        and new.start > old.start
    )


def _qualified(text: str, groups: list[Group], ts: int, lo: int) -> bool:
    """The evaluative word is qualified by an actor right before it ("Russian aggression", "Russia's meddling")."""
    prev = [g for g in groups if lo <= g.start and g.end <= ts]
    return bool(prev) and _QUALIFIER.fullmatch(text, prev[-1].end, ts) is not None


_QUALIFIER = re.compile(r"(?:[’']s?)?(?:\s+[a-z-]+)?\s+")


def _dyadic(da: DocActors, ev: Event) -> bool:
    """Both sides resolved and different (or a hostile act on a named target).

    The source must be a side a reader can place: an entity with a state, or a
    body of no state that PLOVER codes (IGO/NGO-like ORG or GROUP named as such);
    a person or association of unknown state is not a side of the record.
    """
    if ev.target is None:
        return False
    tc = da.ents.get(ev.target)
    if ev.source is None:
        return ev.type in ("SANCTION", "ASSAULT", "COERCE", "ACCUSE") and tc is not None
    sc = da.ents.get(ev.source)
    if sc is None or tc is None or (sc.country is None and not da.is_body(sc)):
        return False
    ks = sc.country or sc.id
    kt = tc.country or tc.id
    return ks != kt


def _threat_mode(entry) -> str | None:
    if entry.type in ("ASSAULT", "MOBILIZE"):
        return "violence"
    if entry.type == "SANCTION":
        return "relations"
    if entry.type in ("COERCE", "PROTEST", "REJECT"):
        return entry.mode if entry.type == "COERCE" and entry.mode in ("curfew", "arrest") else "restrict"
    return None


# What is fought without fighting anyone: a disease, a crime, a social ill
_PROBLEM_OBJECT = re.compile(
    r"\s+(?:(?:against|with)\s+)?(?:(?:the|this|that|a|an|our|their|its|global|common|joint|new|such)\s+){0,3}"
    r"(?:[\w-]+\s+){0,2}?(?:infections?|pandemics?|epidemics?|virus(?:es)?|coronavirus|covid(?:-19)?|diseases?|outbreaks?"
    r"|corruption|poverty|hunger|crime|climate\s+change|inflation|misinformation|disinformation|drug\s+trafficking"
    r"|wildfires?|fires?|illiteracy|unemployment|discrimination|racism|antisemitism)\b",
    re.I,
)

# "Mr President, welcome to Iran": the one addressed opens the sentence; he is not its subject
_VOCATIVE_LEAD = re.compile(
    r"\s*(?:(?:Mr|Mrs|Ms|Madam|Madame|Dear|My\s+dear|Your\s+(?:Excellency|Majesty|Highness)|Esteemed)\.?\s*)+"
)


def _vocative(text: str, g: Group, cstart: int) -> bool:
    """``g`` is the person addressed: it opens the clause after an honorific ("Mr", "Dear"), and a comma
    follows. Without the honorific, "Putin, speaking in Sochi, said …" is an appositive, not an address."""
    if not text.startswith(",", g.end):
        return False
    if _VOCATIVE_LEAD.fullmatch(text, cstart, g.start) is not None:
        return True
    return not text[cstart : g.start].strip() and _VOCATIVE_LEAD.match(text, g.start) is not None


def retype(typ: str, mode_: str | None, modality: str, ongoing: bool) -> tuple[str, str | None, str]:
    """PLOVER's rules for what is not (yet) done: promises are AGREE, threats THREATEN, refusals REJECT."""
    if modality == mod.INTENDED and not ongoing:
        if typ in COOPERATIVE:
            return "AGREE", None, modality
        if typ in HOSTILE and typ not in ("THREATEN", "REJECT", "PROTEST"):
            return "THREATEN", _threat_mode_type(typ, mode_), modality
        if typ == "PROTEST" or typ == "REJECT":
            return "THREATEN", "restrict", modality
    if modality == mod.NEGATED and typ in COOPERATIVE | {"AGREE"}:
        return "REJECT", None, modality
    return typ, mode_, modality


def _threat_mode_type(typ: str, mode_: str | None) -> str | None:
    if typ in ("ASSAULT", "MOBILIZE"):
        return "violence"
    if typ == "SANCTION":
        return "relations"
    return mode_ if mode_ in ("curfew", "arrest") else "restrict"


register_coder("rules", RuleCoder)


def _cameo_coder() -> RuleCoder:
    from communique.events import cameo

    return RuleCoder(cameo.lexicon())


def _layered_coder() -> RuleCoder:
    from communique.events import cameo

    return RuleCoder(cameo.layered())


# the same rules over the open CAMEO verb dictionary alone, and over the hand lexicon filled by it
register_coder("cameo", _cameo_coder)
register_coder("layered", _layered_coder)
