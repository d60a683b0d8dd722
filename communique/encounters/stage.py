"""The encounters stage: every encounter a record reports, with kind, date, place and principals.

Two sources of evidence, joined at the end:

1. the record's own encounter, announced by its title and dateline and carried
   by the speakers of its turns (:mod:`communique.encounters.context`);
2. sentences that report an encounter with a trigger phrase
   (:mod:`communique.encounters.kinds`), whose participants are the people named
   in the sentence plus those its pronouns point to ("Mr Xi Jinping and I",
   "during your visit", "the two leaders"), whose date is the nearest date
   expression (:mod:`communique.encounters.dates`) and whose place is the
   nearest located place name.

Candidates that are the same encounter (compatible kind, same date or both
undated at compatible places, overlapping principals) are merged, so a record
reports each encounter once. Only day-precise dates are written: "last month"
leaves the date null rather than guessing a day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from communique.encounters import heads, places
from communique.encounters import kinds as K
from communique.encounters.context import Context, build
from communique.encounters.dates import day_of, find_dates, period_of
from communique.model import Document, Encounter

_FIRST_SG = re.compile(r"\b(?:I|me|my|I[’']ve|I[’']m)\b")
_FIRST_PL = re.compile(r"\b(?:[Ww]e|[Oo]ur|us|[Ww]e[’'](?:ve|re|ll|d))\b")
_SECOND = re.compile(r"\b(?:[Yy]ou|[Yy]our)\b")
_THIRD = re.compile(r"^\W*(?:He|She)\b|\b(?:he|she)\s+(?:had|held|met|will|would|has)\b")
_BOTH = re.compile(
    r"\b(?:the\s+two\s+(?:leaders|presidents|heads\s+of\s+state|sides|ministers|counterparts|prime\s+ministers)"
    r"|both\s+(?:leaders|ministers)|the\s+(?:Presidents|leaders|ministers))\b",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will|[’']ll|shall|going\s+to|plans?\s+to|planned|scheduled|to\s+be\s+held|upcoming|forthcoming"
    r"|next|tomorrow|later\s+this|look(?:ing)?\s+forward\s+to|would\s+have|intends?\s+to|expect(?:s|ed|ing)?|agreed\s+to|agree\s+to)\b",
    re.I,
)
_PAST_VAGUE = re.compile(r"\b(?:last|previous|earlier|past|already|ago|several\s+times|recent)\b", re.I)
_CONTINUE = re.compile(r"^\W*(?:Also|In\s+addition|Additionally|Likewise|Similarly)\b")
_PRESENT = re.compile(
    r"\b(?:today|tonight|this\s+(?:visit|meeting|morning|afternoon|evening|time)|today[’']s|just\s+(?:finished|held|had|completed|concluded|met)"
    r"|currently|now\s+(?:holding|meeting)|here\s+today|welcome\s+(?:you|to|the|President|Prime|Mr)"
    r"|(?:opportunity|chance|time|glad|happy|pleased|delighted|good|nice|great)\s+to\s+(?:meet|see|talk)\s+(?:with\s+)?(?:you|us)\b"
    r"|found\s+(?:the\s+)?time\s+to\s+meet|this\s+is\s+(?:your|my|our|his|her)\s+(?:[\w-]+\s+){0,2}(?:visit|trip)"
    r"|(?:is|are)\s+(?:currently\s+)?(?:in\s+\w+\s+)?on\s+(?:a|an|his|her)\s+(?:\w+\s+){0,2}visit)\b",
    re.I,
)
_HERE = re.compile(r"\bhere\b", re.I)
_DEFINITE = re.compile(
    r"\b(?:the|this|these|today[’']s|our|their)\s+(?:[\w-]+\s+){0,2}?(?:talks|meeting|summit|visit|negotiations|conversation)\b",
    re.I,
)
_ALSO_SRC = (
    r"\b(?:included|includes|attended\s+by|in\s+the\s+meeting\s+were|delegation\s+(?:\w+\s+){0,4}included|also\s+(?:present|attended|took\s+part|participated)|from\s+the\s+\w+\s+side"
    r"|accompanied\s+by|delegation\s+(?:included|comprised|consisted)|took\s+part\s+in\s+the\s+(?:talks|meeting))\b"
)
_ALSO = re.compile(_ALSO_SRC, re.I)
_ALSO_LOWER = re.compile(r"(?=[iaftd])" + _ALSO_SRC)  # the same over lower-cased text, quicker
_BETWEEN_END = re.compile(r"\bbetween\s*$")
_BETWEEN_START = re.compile(r"\s*between\b")
_INVITED = re.compile(r"\binvit")
_HAPPENED = re.compile(r"\b(?:had|held|met|was|were|took\s+place)\b")
_OCCASION_END = re.compile(r"[,;]|\b(?:talks|met|meeting)\b")
_OCCASION = re.compile(r"\b(?:visit|summit|talks|trip)\b")
_NAMES_ENCOUNTER = re.compile(r"\s+(?:meeting|talks|summit|visit|format|process|agreements?)\b")
_THEY = re.compile(
    r"\bthey\s+(?:(?:will|would|are\s+to|are\s+going\s+to|had|have)\s+)?(?:meet|met|spoke|speak|talked|talk|held|hold)\b",
    re.I,
)
_WITH = re.compile(r"\bwith\b", re.I)
_NOUN_TALKS = re.compile(r"(?:talks|negotiations)\b", re.I)
_INTER = re.compile(r"\binter-?[A-Za-z]+\s*$")
_OBJECT = re.compile(r"\s*(?:with|between)\b", re.I)
_REPORTS = re.compile(r"\s*,?\s*(?:told|tells|said|says|added|noted|confirmed|announced)\b")
_GROUP = {"meeting": "m", "talks": "m", "visit": "m", "summit": "m", "phone_call": "c", "press_conference": "p"}
_KIND_RANK = {"phone_call": 0, "press_conference": 1, "talks": 2, "meeting": 3, "summit": 4, "visit": 5}


@dataclass
class Cand:
    kind: str
    start: int
    end: int
    participants: list[str]
    date: str | None
    place: str | None
    country: str | None
    planned: bool = False
    side: bool = False
    strength: int = 1
    frame: bool = False
    named: int = 0  # how many participants are named (not pointed to by a pronoun)
    also: list[str] = field(default_factory=list)
    soft: bool = False  # date assumed (the record's own day), not stated
    definite: bool = False  # "the talks", "this visit": the encounter the record is about
    window: tuple[str, str] | None = None  # first and last possible day when only a period is known


def run(doc: Document) -> None:
    ctx = build(doc)
    if len(ctx.principals) < 2 and _title_kinds(ctx):
        ctx.principals = _lead_people(ctx) or ctx.principals
    # a sentence without a cue word has no trigger: only sentences with one are split and read
    sents = ctx.sentences_at(K.cue_positions(ctx.text, ctx.lower, ctx.body))
    # narrative first (dated against publication), then the frame, then speech (dated against the frame)
    cands = [c for s, e in sents if ctx.speaker_at(s) is None for c in _from_sentence(ctx, s, e, ctx.ref)]
    frames = _frames(ctx, cands)
    speech_ref = _as_date(frames[0].date) if frames and frames[0].date else ctx.ref
    cands += [c for s, e in sents if ctx.speaker_at(s) is not None for c in _from_sentence(ctx, s, e, speech_ref)]
    cands.sort(key=lambda c: c.start)
    _one_person_one_id(ctx, frames + cands)
    for i, c in enumerate(cands):
        _inherit(frames, c, cands[:i], ctx)
    merged = _merge(frames + cands)
    _also_present(ctx, merged)
    merged = [c for c in merged if _keep(c)]
    merged.sort(key=lambda c: c.start)
    doc.encounters = [_to_encounter(ctx, c) for c in merged]


# ---- one sentence -----------------------------------------------------------
def _from_sentence(ctx: Context, s: int, e: int, ref: date | None) -> list[Cand]:
    """The encounters a sentence reports: usually one; two when it strings two together ("met Xi
    Jinping hours after talks with Wang Yi")."""
    text = ctx.text
    if ctx.title_span and s < ctx.title_span[1] and e > ctx.title_span[0]:
        return []
    trigs = _live_triggers(text, s, e)  # the caller passes sentences holding a cue word (kinds.cue_positions)
    if not trigs:
        return []
    named = ctx.persons_in(s, e)
    if len({p.eid for p in named}) >= 3 and _ALSO.search(text, s, e):
        return []  # a delegation list, attached later
    out = []
    for trig, people, span in _clauses(trigs, named, s, e):
        c = _candidate(ctx, s, e, ref, trig, people)
        if c is not None:
            c.start, c.end = span
            out.append(c)
    return out


def _clauses(
    trigs: list[tuple[str, int, int, int]], named: list, s: int, e: int
) -> list[tuple[tuple[str, int, int, int], list, tuple[int, int]]]:
    """One (trigger, people, span) per encounter of the sentence.

    Two strong triggers split it when each has people of its own after it and the subject before
    the first is shared: "A met B on Friday, hours after talks with C" is A–B and A–C."""
    strong = sorted((t for t in trigs if t[1] >= 2), key=lambda t: t[2])
    whole = [(trigs[0], named, (s, e))]
    if len(strong) < 2:
        return whole
    subject = {p.eid for p in named if p.end <= strong[0][2]}
    parts = []
    seen = set(subject)
    for i, t in enumerate(strong):
        stop = strong[i + 1][2] if i + 1 < len(strong) else e
        own = [p for p in named if t[2] <= p.start < stop]  # a trigger may hold its object's title
        ids = {p.eid for p in own}
        if not ids or ids & seen:
            continue
        seen |= ids
        parts.append((t, [p for p in named if p.eid in subject] + own, (t[2] if parts else s, stop)))
    if not subject or len(parts) < 2:
        return whole
    return parts


def _candidate(
    ctx: Context, s: int, e: int, ref: date | None, trig: tuple[str, int, int, int], named: list
) -> Cand | None:
    """The encounter a trigger reports, with the people ``named`` for it in the sentence ``[s, e)``."""
    text = ctx.text
    kind, strength, ts, te = trig
    sent = text[s:e]
    speaker = ctx.speaker_at(s)
    if _BETWEEN_END.search(text, ts, te) or _BETWEEN_START.match(text, te, te + 12):
        after = [p for p in named if p.start >= te]
        if len({p.eid for p in after}) >= 2:
            named = after
    named = _without_reporters(text, named)
    if _others_talks(text, ts, te, named):
        return None
    ids = list(dict.fromkeys(p.eid for p in named))
    n_named = len(ids)
    clause = text[max(s, ts - 80) : min(e, te + 80)]
    if speaker and speaker not in ids and not _speaks_for_head(ctx, speaker, ids):
        if _FIRST_SG.search(sent) or _FIRST_PL.search(sent):
            ids.append(speaker)
    if speaker and not [i for i in ids if i != speaker] and (_FIRST_PL.search(sent) or _SECOND.search(sent)):
        ids.extend(o for o in ctx.counterparts(speaker) if o not in ids)
    if len(ids) < 2 and _BOTH.search(sent):
        ids.extend(p for p in ctx.principals if p not in ids)
    if len(ids) < 2 and _THIRD.search(sent):
        prev = ctx.last_person_before(s, max(0, s - 800))
        if prev and prev.eid not in ids:
            ids.append(prev.eid)
    if len(ids) < 2 and _THEY.search(text, max(s, ts - 30), te + 30):
        ids.extend(p for p in ctx.recent_pair(s, ids) if p not in ids)
    if len(ids) == 1 and ctx.head and ids[0] != ctx.head and _WITH.search(text, max(s, te - 6), te + 6):
        if heads.is_foreign_leader(ctx.entities.get(ids[0]), ctx.own):
            ids.insert(0, ctx.head)  # "the bilat with President Erdoğan": in a White House record, the President's
    if len(ids) == 1 and ctx.head and ids[0] != ctx.head and kind == "visit" and ctx.own:
        if heads.may_be_foreign_leader(ctx.entities.get(ids[0]), ctx.own) and any(
            h.country == ctx.own for h in places.located_places(text, s, e)
        ):
            ids.insert(0, ctx.head)  # "Prime Minister Mitsotakis will be coming to Washington": to the President
    parties = [g for g in _parties(ctx, s, e, ts, te, strength >= 2 or len(ids) >= 2) if g not in ids]
    ids += parties
    n_named += len(parties)
    pc_frame = kind == "press_conference" and "press_conference" in _title_kinds(ctx)
    if pc_frame and not set(ids) <= set(ctx.principals):
        pc_frame = False  # another press conference than the record's own
    if len(ids) < 2 and not pc_frame:
        return None
    if n_named < 2 and strength < 2 and _named_event(text, s, ts):
        return None  # "the two leaders discussed the results of the International Meeting on Syria"
    vague = bool(_PAST_VAGUE.search(clause))
    if pc_frame and not vague:
        ids = list(ctx.principals)
    pc_frame = pc_frame and not vague
    if len(ids) < 2:
        return None
    planned = bool(_FUTURE.search(clause) or _INVITED.search(clause)) and not _HAPPENED.search(
        text, max(s, ts - 40), te
    )
    hits = find_dates(text, s, e, ref, prefer_future=planned)
    if strength < 2:  # a bare noun takes only a date written next to it
        hits = [h for h in hits if ts - 45 <= h[1] and h[0] <= te + 35]
    day = None
    period = False
    soft = False
    window = None
    if hits:
        near = min(hits, key=lambda h: min(abs(h[0] - te), abs(h[1] - ts)))
        day = day_of(near[2])
        period = day is None
        window = None if day else period_of(near[2])
    present = bool(_PRESENT.search(sent)) and not vague
    definite = bool(_DEFINITE.search(text, max(s, ts - 12), te)) and not vague and not planned
    side = bool(K.side_spans(text, s, e))
    lead = _is_lead(ctx, s) and not planned and _fits_title(ctx, kind)
    if (
        day is None
        and not period
        and ref is not None
        and not vague
        and (not side or present or (lead and len(set(ids) & set(ctx.principals)) >= 2))
    ):
        if (present and not planned) or lead or pc_frame:
            day, soft = ref.isoformat(), True
    if day and ref and day > ref.isoformat():
        planned = True
    virtual = bool(K.VIRTUAL.search(sent))
    place, country = _place(ctx, s, e, ts, te, kind, virtual, day, speaker, ref)
    return Cand(
        kind,
        s,
        e,
        ids,
        day,
        place,
        country,
        planned,
        side,
        strength,
        named=n_named,
        soft=soft,
        definite=definite,
        window=window,
    )


_LEADERS_OF = re.compile(r"\b(?:leaders|heads\s+of\s+(?:state|government))\s+of\s+", re.I)
_LIST_END = re.compile(r"[.;:!?]|\s(?:to|on|at|in|for|about|who|which|that)\s")
_GROUP_HEAD = re.compile(r"\s*(?:[Ll]eaders?|[Ss]ummit|[Mm]eeting|[Cc]ountries)\b")


def _parties(ctx: Context, s: int, e: int, ts: int, te: int, bodies: bool = True) -> list[str]:
    """Countries, groups and bodies that take part: those listed after "the leaders of" ("met with
    leaders of the Caribbean Community and the Dominican Republic"; "We, the leaders of Australia,
    India, Japan, and the United States") and, when ``bodies``, a body naming the gathering ("the
    NATO Summit", "G7 leaders") next to the trigger (not for a bare noun with one person: "the
    outcomes of a G7 summit" is no encounter of the speaker's)."""
    text = ctx.text
    out: list[str] = []
    for m in _LEADERS_OF.finditer(text, s, e):
        stop = _LIST_END.search(text, m.end(), min(e, m.end() + 160))
        for x in ctx.party_mentions(m.end(), stop.start() if stop else min(e, m.end() + 160)):
            out.append(x.entity or "")
    for x in ctx.party_mentions(max(s, ts - 40), min(e, te + 40)) if bodies else ():
        ent = ctx.entities.get(x.entity or "")
        if ent is not None and ent.type in ("ORG", "GROUP") and _GROUP_HEAD.match(text, x.end):
            out.append(x.entity or "")
    return [p for p in dict.fromkeys(out) if p]


def _others_talks(text: str, ts: int, te: int, named: list) -> bool:
    """ "the inter-Syrian talks", "the recent talks between Russia and Ukraine", "Ukraine's negotiations
    with Russia": talks named by their parties, none of them a person of the sentence, are not an
    encounter of the people who discuss them."""
    if not _NOUN_TALKS.match(text, ts):
        return False
    if _INTER.search(text, max(0, ts - 24), ts):
        return True
    noun = _NOUN_TALKS.match(text, ts)
    obj = _OBJECT.match(text, noun.end()) if noun else None
    if obj is None:
        return False
    stop = obj.end() + 60
    return not any(obj.end() <= p.start < stop for p in named)


_PLURAL_POSSESSIVE = re.compile(r"\w+s[’']\s*$")


def _named_event(text: str, s: int, ts: int) -> bool:
    """A meeting or talks known by a proper name ("the Fourth International Meeting on Syria") or
    held by a group ("the oil-producing countries’ meeting"): its parties are not the people a
    sentence only points to ("the two leaders")."""
    if text[ts].isupper() and ts > s and text[ts - 1] in " \u00a0":
        return True
    return bool(_PLURAL_POSSESSIVE.search(text, max(s, ts - 30), ts))


def _speaks_for_head(ctx: Context, speaker: str, ids: list[str]) -> bool:
    """A spokesperson of the record's side talking of the head's encounter ("we" in a White House
    briefing about the President's call): the speaker is not a party to it."""
    if ctx.head is None or speaker == ctx.head or ctx.head not in ids:
        return False
    ent = ctx.entities.get(speaker)
    return ent is not None and ent.country in (None, ctx.own)


def _without_reporters(text: str, named: list) -> list:
    """Drop the people a sentence only cites ("…, Kremlin spokesman Dmitry Peskov told reporters"):
    every mention of them is the subject of a reporting verb, and two others remain."""
    cites = {p.eid for p in named if _REPORTS.match(text, p.end)}
    cites -= {p.eid for p in named if not _REPORTS.match(text, p.end)}
    kept = [p for p in named if p.eid not in cites]
    return kept if cites and len({p.eid for p in kept}) >= 2 else named


def _live_triggers(text: str, s: int, e: int) -> list[tuple[str, int, int, int]]:
    """Triggers, less those naming the occasion of a side meeting ("on the sidelines of the official visit")."""
    trigs = K.sentence_triggers(text, s, e)
    if trigs and K.HABITUAL.search(text, s, e):
        return []  # "We meet regularly and talk on the phone": a habit, not one encounter
    ctx_spans = []
    for m in K.side_spans(text, s, e):
        stop = _OCCASION_END.search(text[m.end() : e])
        ctx_spans.append((m.end(), m.end() + (stop.start() if stop else 60)))
    return [t for t in trigs if not any(a <= t[2] < b for a, b in ctx_spans)]


def _fits_title(ctx: Context, kind: str) -> bool:
    """A lead sentence carries the record's day only for an encounter of the title's sort: "agreements
    reached during the visit" in a call readout's lead is an earlier visit, not today's."""
    kinds = _title_kinds(ctx)
    if kind == "press_conference" and any(_GROUP[k] == "m" for k in kinds):
        return True  # press statements follow the talks the title names, the same day
    return not kinds or any(_GROUP[k] == _GROUP[kind] for k in kinds)


def _title_kinds(ctx: Context) -> list[str]:
    return K.title_kinds(ctx.title) if ctx.title else []


def _as_date(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s) if s else None
    except ValueError:
        return None


def _is_lead(ctx: Context, s: int) -> bool:
    """The opening sentences of a record, outside any turn: they report the record's own event."""
    if ctx.speaker_at(s) is not None:
        return False
    first = min((b for b, _ in ctx.body), default=0)
    start = max(first, ctx.dateline_end)
    return s - start < 600


def _place(
    ctx: Context,
    s: int,
    e: int,
    ts: int,
    te: int,
    kind: str,
    virtual: bool,
    day: str | None,
    speaker: str | None,
    ref: date | None,
) -> tuple[str | None, str | None]:
    if kind == "phone_call" or virtual:
        return None, None
    text = ctx.text
    found = places.located_places(text, s, e)
    hits = [h for h in found if h.kind != "transit" and not _modifier(text, h)]
    hits += [h for h in _entity_places(ctx, s, e, found) if not _modifier(text, h)]
    cities = [h for h in hits if h.place]
    if cities:
        h = min(cities, key=lambda h: abs(h.start - ts))
        return h.place, h.country
    if speaker and _HERE.search(text[s:e]) and ctx.place:
        return ctx.place, ctx.country
    if day and ref and day == ref.isoformat() and ctx.place:
        return ctx.place, ctx.country
    countries = [h for h in hits if h.country]
    if countries:
        return None, min(countries, key=lambda h: abs(h.start - ts)).country
    return None, None


def _modifier(text: str, h: places.PlaceHit) -> bool:
    """ "the St Petersburg meeting": a place naming an encounter, not where this one is."""
    return bool(_NAMES_ENCOUNTER.match(text, h.end, h.end + 12))


def _entity_places(ctx: Context, s: int, e: int, known: list[places.PlaceHit]) -> list[places.PlaceHit]:
    """PLACE entities of the entities stage not already found in our gazetteer (``known``). A name the
    gazetteer knows is read through it, so "the Kremlin" is Moscow and "the White House" Washington."""
    out = []
    for m in ctx.place_mentions(s, e):
        if any(k.start < m.end and m.start < k.end for k in known):
            continue
        ent = ctx.entities[m.entity or ""]
        got = places.lookup(ent.name)
        if got is not None:
            city, iso3, kind = got
            if kind not in ("city", "venue") or not city:
                continue
            hit = places.PlaceHit(m.start, m.end, city, iso3, kind)
        elif places.is_site(ent.name):
            hit = places.PlaceHit(m.start, m.end, ent.name, ent.country, "city")
        else:
            continue
        if places.located(ctx.text, hit):
            out.append(hit)
    return out


# ---- the record's own encounter ----------------------------------------------
def _frames(ctx: Context, cands: list[Cand]) -> list[Cand]:
    kinds = K.title_kinds(ctx.title) if ctx.title else []
    principals = list(ctx.principals)
    if not kinds or len(principals) < 2:
        return []
    out = []
    first = _title_first_clause(ctx)
    principals = _issuer_to_head(ctx, principals)
    for kind in kinds:
        parts = principals if first is None else first
        day = ctx.ref.isoformat() if ctx.ref else None
        here = None if kind == "phone_call" else ctx.place
        leads = [
            c
            for c in cands
            if _is_lead(ctx, c.start)
            and _GROUP[c.kind] == _GROUP[kind]
            and len(set(c.participants) & set(parts)) >= min(2, len(parts))
            and not (here and c.place and c.place != here)  # "…; on Tuesday they held talks in Sochi": another one
        ]
        lead = next((c for c in leads if c.date and not c.soft), leads[0] if leads else None)
        if lead and lead.date and not lead.soft:
            day = lead.date
        virtual = bool(K.VIRTUAL.search(ctx.title))
        place, country = (None, None) if kind == "phone_call" or virtual else (ctx.place, ctx.country)
        planned = bool(day and ctx.ref and day > ctx.ref.isoformat())
        window = None
        if lead:
            planned = lead.planned
            if planned and not lead.date and lead.window:  # "will be coming to Washington in July": no day yet
                day, window = None, lead.window
            if lead.place and not place and kind != "phone_call":
                place, country = lead.place, lead.country
        # a title naming not all its people ("Call with the Foreign Minister of Brazil", "Meeting with
        # X") is not the evidence when a sentence names them all
        title = ctx.title_span if set(parts) <= set(ctx.title_persons) else None
        span = title or ((lead.start, lead.end) if lead else _first_sentence(ctx))
        f = Cand(kind, span[0], span[1], parts, day, place, country, planned, False, 3, True, named=len(parts))
        f.definite = title is None and lead is None  # evidence still to be found in the text
        f.window = window
        out.append(f)
    return out


_STATEMENT_BY = re.compile(r"^\W*(?:joint\s+)?statements?\s+(?:by|from|of)\b", re.I)


def _issuer_to_head(ctx: Context, principals: list[str]) -> list[str]:
    """ "Statement by Press Secretary Jen Psaki on the Visit of Prime Minister Mitsotakis": the issuer
    speaks for the head of her side, who is the party to the visit, not she."""
    if not ctx.head or not ctx.title or not _STATEMENT_BY.match(ctx.title) or not ctx.title_persons:
        return principals
    issuer = ctx.title_persons[0]
    if issuer == ctx.head or not _speaks_for_head(ctx, issuer, [ctx.head]):
        return principals
    return list(dict.fromkeys(ctx.head if p == issuer else p for p in principals))


def _lead_people(ctx: Context) -> list[str]:
    """The people of the record's own encounter when its title names them by office only ("Readout
    of the Foreign Minister's Call with the Foreign Minister of Brazil"): those named together in the
    first sentence of the body that names two ("Penny Wong spoke today with Mauro Vieira")."""
    for s, e in ctx.iter_sentences():
        if s < ctx.dateline_end or not _is_lead(ctx, s):
            continue
        named = _without_reporters(ctx.text, ctx.persons_in(s, e))
        trigs = K.sentence_triggers(ctx.text, s, e)
        if trigs:  # "A met B on Friday, hours after talks with C": A and B
            named = _clauses(trigs, named, s, e)[0][1]
        ids = list(dict.fromkeys(p.eid for p in named))
        if len(ids) >= 2:
            return ids
    return []


def _title_first_clause(ctx: Context) -> list[str] | None:
    """The people of the title's own encounter when it strings two ("Blinken meets Xi after long
    talks with Wang"), else None."""
    if not ctx.title_span:
        return None
    s, e = ctx.title_span
    trigs = K.sentence_triggers(ctx.text, s, e)
    parts = _clauses(trigs, ctx.persons_in(s, e), s, e) if trigs else []
    if len(parts) < 2:
        return None
    return list(dict.fromkeys(p.eid for p in parts[0][1]))


def _first_sentence(ctx: Context) -> tuple[int, int]:
    for s, e in ctx.iter_sentences():
        if s >= ctx.dateline_end and len(re.findall(r"[a-z]{2,}", ctx.text[s:e])) >= 4:
            return s, e
    return ctx.body[0][0], ctx.body[0][0]


def _inherit(frames: list[Cand], c: Cand, earlier: list[Cand], ctx: Context) -> None:
    """An undated definite reference ("the talks", "this visit") or an assumed date points to the
    record's own encounter (or the first one reported by the same principals); one within a day of
    it, by the same principals, shares its place. A side meeting held on the occasion of the record's
    encounter is at its place; a sentence opening "Also, …" continues the one before."""
    hosts = [f for f in frames if _GROUP[f.kind] == "m"] or [x for x in earlier if not x.side and not x.planned]
    if c.side and c.place is None and hosts and hosts[0].place:
        occasion = K.SIDE.search(ctx.text, c.start, c.end)
        if occasion and _OCCASION.search(ctx.text, occasion.end(), occasion.end() + 60):
            c.place, c.country = hosts[0].place, hosts[0].country
    if earlier and _CONTINUE.match(ctx.text[c.start : c.end]):
        prev = earlier[-1]
        if not prev.planned and _GROUP[prev.kind] == _GROUP[c.kind]:
            c.side = c.side or prev.side
            if c.place is None and c.kind != "phone_call":
                c.place, c.country = prev.place, prev.country
    anchors = frames + [x for x in earlier if x.date and not x.planned and not x.soft]
    if c.definite and c.date is None and not c.planned:
        for a in anchors:
            if _GROUP[a.kind] == _GROUP[c.kind] and set(c.participants) <= set(a.participants):
                c.date, c.place, c.country = a.date, c.place or a.place, c.country or a.country
                return
    for f in frames:
        if _GROUP[f.kind] != _GROUP[c.kind] or not set(f.participants) <= set(c.participants) | set(f.participants):
            continue
        if len(set(f.participants) & set(c.participants)) < 2:
            continue
        if (c.definite or c.soft) and not c.planned and (c.date is None or c.soft):
            c.date, c.soft = f.date, False
            if f.place and c.kind != "phone_call":
                c.place, c.country = f.place, f.country  # "welcome you to Moscow" at the residence outside it
        if c.place is None and c.kind != "phone_call" and c.date and f.date and _days(c.date, f.date) <= 1:
            c.place, c.country = f.place, f.country
        return


def _days(a: str, b: str) -> int:
    da, db = _as_date(a), _as_date(b)
    return abs((da - db).days) if da and db else 99


# ---- one person, one id ---------------------------------------------------------
def _tokens(name: str) -> frozenset[str]:
    return frozenset(t for t in re.findall(r"[^\W\d_]+", name.lower()) if len(t) > 1)


def _one_person_one_id(ctx: Context, cands: list[Cand]) -> None:
    """A person the entities stage split in two ("Kishida Fumio" / "Fumio Kishida", "Lee" / "Lee Hsien
    Loong") is one participant: an id whose name words are all among those of exactly one other
    participant's name is read as that one, so one encounter is not reported twice."""
    ids = list(dict.fromkeys(p for c in cands for p in c.participants))
    names = {i: _tokens(ctx.entities[i].name) for i in ids if i in ctx.entities}
    alias: dict[str, str] = {}
    for i, toks in names.items():
        if not toks:
            continue
        wider = [j for j, o in names.items() if j != i and toks <= o and (toks < o or _cleaner(ctx, j, i))]
        if len(wider) == 1:
            alias[i] = wider[0]

    def canon(p: str) -> str:
        seen = {p}
        while p in alias and alias[p] not in seen:
            p = alias[p]
            seen.add(p)
        return p

    for c in cands:
        c.participants = list(dict.fromkeys(canon(p) for p in c.participants))


def _cleaner(ctx: Context, a: str, b: str) -> bool:
    """Of two ids with the same name words, the one whose name repeats none ("Xi Jinping", not
    "Xi Jinping Xi")."""
    na, nb = ctx.entities[a].name, ctx.entities[b].name
    return (len(na), a) < (len(nb), b)


# ---- merging ------------------------------------------------------------------
def _same(a: Cand, b: Cand) -> bool:
    if _GROUP[a.kind] != _GROUP[b.kind]:
        return False
    pa, pb = set(a.participants), set(b.participants)
    if not (pa <= pb or pb <= pa or len(pa & pb) >= 2):
        return False
    if a.date and b.date:
        same_day = a.date == b.date or ((a.soft or b.soft) and _days(a.date, b.date) <= 1)
        return same_day and (not a.place or not b.place or a.place == b.place)
    if a.date or b.date:
        # one plan told twice, once with its day ("tomorrow at the SCO meeting") and once without
        return a.planned and b.planned and len(pa & pb) >= 2 and (not a.place or not b.place or a.place == b.place)
    if a.planned != b.planned:
        return False
    return a.place == b.place or (a.place is None) != (b.place is None)


def _merge(cands: list[Cand]) -> list[Cand]:
    out: list[Cand] = []
    for c in cands:
        for o in out:
            if _same(o, c):
                _absorb(o, c)
                break
        else:
            out.append(c)
    return out


def _absorb(base: Cand, c: Cand) -> None:
    if not base.frame and (c.strength, -_KIND_RANK[c.kind]) > (base.strength, -_KIND_RANK[base.kind]):
        base.kind = c.kind
    if len(base.participants) < 2 or (not base.frame and c.named > base.named):
        base.participants = list(dict.fromkeys(base.participants + c.participants))
    elif (
        base.frame
        and c.named >= len(c.participants) > len(base.participants)
        and set(base.participants) < set(c.participants)
    ):
        # the lead names everyone the title left implicit ("Telephone conversation with Merkel and
        # Hollande"; "Vladimir Putin had a telephone conversation with … Merkel and … Hollande")
        base.participants = list(dict.fromkeys(base.participants + c.participants))
    if base.date is None and c.date:
        base.date, base.soft = c.date, c.soft
    elif base.soft and c.date and not c.soft:
        base.date, base.soft = c.date, False
    if not base.frame:
        base.side = base.side or c.side
    if base.frame and base.definite and not c.frame:
        base.start, base.end, base.definite = c.start, c.end, False
    base.planned = base.planned and c.planned
    base.window = base.window or c.window
    base.place = base.place or c.place
    base.country = base.country or c.country
    base.strength = max(base.strength, c.strength)
    base.named = max(base.named, c.named)
    if not base.frame and c.start < base.start:
        base.start, base.end = c.start, c.end


def _keep(c: Cand) -> bool:
    """Drop the vaguest mentions: a bare noun ("our meetings") pointing to nobody by name, at no date or place."""
    if c.frame or c.strength >= 2:
        return True
    return bool(c.named >= 1 or c.date or c.place)


# ---- others present -------------------------------------------------------------
def _also_present(ctx: Context, encs: list[Cand]) -> None:
    """Delegation lists ("from the Russian side Sergey Lavrov, …") join the encounter they follow."""
    if not encs:
        return
    for s, e in ctx.sentences_with(_ALSO, _ALSO_LOWER):
        people = list(dict.fromkeys(p.eid for p in ctx.persons_in(s, e)))
        if len(people) < 2:
            continue
        before = [c for c in encs if not c.side and _GROUP[c.kind] == "m" and (c.start <= s or c.frame)]
        if not before:
            continue
        target = max(before, key=lambda c: (c.start if not c.frame else -1, c.strength))
        for p in people:
            if p not in target.participants and p not in target.also:
                target.also.append(p)


def _to_encounter(ctx: Context, c: Cand) -> Encounter:
    country = c.country
    if country is None and c.place:
        hit = places.lookup(c.place)
        country = hit[1] if hit else None
    return Encounter(
        kind=c.kind,
        date=c.date,
        place=c.place,
        participants=c.participants,
        start=c.start,
        end=c.end,
        country=country,
        also_present=c.also,
        planned=c.planned,
        side=c.side,
        date_window={"from": c.window[0], "to": c.window[1]} if c.window and not c.date else None,
    )


def reference_date(doc: Document) -> date | None:
    """The date relative phrases in ``doc`` count from (publication, else front matter or dateline)."""
    return build(doc).ref
