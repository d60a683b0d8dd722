"""Stage ``quotes``: direct and indirect quotations, their speakers and relay chains.

A quoted span counts only with a reporting cue around it (a verb of saying,
"according to", a name label, a relaying "quoted … saying"); marks without a
cue are scare quotes or titles. Indirect quotes are main-clause attributions
in narrative ("President Biden reaffirmed …") and, inside a transcript turn,
reports of what someone else said ("you noted that …") — a turn itself is its
speaker's own words and never a quote. ``via`` records the relaying voice:
the ministry whose statement quotes its minister, the agency that quoted a
spokesman, the leader who recounts his counterpart's words. The publisher is
the outermost relay and stays in the document's metadata.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from communique.model import Document, Quote
from communique.speech import cues
from communique.speech.context import DocContext
from communique.speech.marks import quote_spans
from communique.speech.speakers import Resolution, SpeakerResolver
from communique.textutil import SpanIndex

# a sentence end before a quote's cue; "U.S." and "Mr." are not one
_SENT_BREAK = re.compile(r"(?:(?<=[a-z0-9)”\"]{2})(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)\.|[!?])[\"”’)]*\s+(?=[A-Z“\"])")
_CLAUSE_BREAK = re.compile(r"(?:[,;:(—–]|\b(?:and|but|that|while|whereas|where|when|because|as|so)\b)\s*")


@dataclass
class _Relay:
    entity: str
    para: int


def run(doc: Document) -> None:
    ctx = DocContext.build(doc)
    res = SpeakerResolver(ctx)
    quotes = _direct_quotes(ctx, res)
    quotes += _indirect_quotes(ctx, res, quotes)
    quotes = _several_voices(doc, res, quotes)
    quotes.sort(key=lambda q: (q.start, q.end))
    doc.quotes.extend(quotes)


def _several_voices(doc: Document, res: SpeakerResolver, quotes: list[Quote]) -> list[Quote]:
    """A GROUP speaker is a collective voice, except in a readout, where a position credited to several
    leaders is each leader's: one quote per leader, marked joint."""
    col = res.collective
    out: list[Quote] = []
    for q in quotes:
        ent = doc.entity(q.speaker)
        if col is None or ent is None or ent.type != "GROUP" or not ent.members:
            out.append(q)
            continue
        if doc.kind == "statement" and q.kind == "indirect":
            continue  # a joint statement's "The Presidents affirm …" is the record's own voice, as a turn is
        people = col.persons(ent.members)
        if col.joint_mode and len(people) == len(ent.members):
            for p in people:
                out.append(Quote(q.start, q.end, p, q.kind, via=q.via, cue=q.cue, joint=True))
        else:
            q.collective = True
            out.append(q)
    return out


# ---------------------------------------------------------------- direct
def _direct_quotes(ctx: DocContext, res: SpeakerResolver) -> list[Quote]:
    flat = ctx.doc.flat
    out: list[Quote] = []
    relay: _Relay | None = None
    pending: tuple[str | None, str | None, int] | None = None  # (speaker, via, paragraph) from "quoting X:"
    para_index = {s: i for i, (s, _) in enumerate(ctx.paras)}
    para_starts = [s for s, _ in ctx.paras]

    def para_of(pos: int) -> int:  # the last paragraph starting at or before pos (starts ascend)
        return max(0, bisect.bisect_right(para_starts, pos) - 1)

    for o, c in quote_spans(flat, ctx.paras):
        if ctx.in_label(o) or c - o < 3:
            continue
        pi = para_of(o)
        ps, _pe = ctx.paras[pi]
        pre_start = ps
        for m in _SENT_BREAK.finditer(flat, ps, o):
            pre_start = m.end()
        pre = flat[pre_start:o]
        speaker: str | None = None
        via: str | None = None
        cue: str | None = None
        sent_about_statement = bool(cues.STATEMENT_REF.search(pre))

        if not pre.strip() and pending is not None and pending[2] == pi - 1:
            speaker, via, cue = pending[0], pending[1], "quoting"
        elif not pre.strip() and pi > 0:
            # a quote opening its paragraph: the cue may end the paragraph before ("… quoting Lavrov:")
            qs, qe = ctx.paras[pi - 1]
            tail = flat[qs:qe]
            if tail.rstrip().endswith(":"):
                last_close = max(tail.rfind("”"), tail.rfind('"'))
                t0 = qs + last_close + 1 if last_close >= 0 else qs
                for m in _SENT_BREAK.finditer(flat, t0, qe):
                    t0 = m.end()
                speaker, via, cue = _from_pre(ctx, res, t0, qe, out, relay)
        if speaker is None and cue is None and pre.strip():
            speaker, via, cue = _from_pre(ctx, res, pre_start, o, out, relay)
        if cue is None:
            speaker, cue = _from_post(res, flat, c + 1, min(len(flat), c + 120))
        if cue is None:
            speaker, cue = _partial(res, flat, pre_start, o, c)
        if cue is None or speaker is None:
            continue
        # relay chains
        if (
            via is None
            and relay is not None
            and relay.entity != speaker
            and (sent_about_statement or pi - relay.para <= 1)
        ):
            via = relay.entity
        if res.types.get(speaker) == "ORG" and (cue and re.search(r"statement|said|quot", cue)):
            relay = _Relay(speaker, pi)
        elif via is not None:
            relay = _Relay(via, pi)
        turn = ctx.turn_at(o)
        if turn is not None and turn.speaker and via is None and speaker != turn.speaker:
            via = turn.speaker
        out.append(Quote(start=o + 1, end=c, speaker=speaker, kind="direct", via=via, cue=cue))
        # "…,” quoting the Russian foreign minister Lavrov:  → the next paragraph's quote
        post = flat[c + 1 : ctx.paras[pi][1]]
        qm = cues.QUOTING.search(post)
        if qm and post.rstrip().endswith(":"):
            r = res.resolve(c + 1 + qm.start("obj"), c + 1 + qm.end("obj"))
            if r and r.entity:
                pending = (r.entity, speaker, pi)
        if relay is not None:
            relay.para = pi
    del para_index
    return out


def _from_pre(
    ctx: DocContext, res: SpeakerResolver, s: int, e: int, done: list[Quote], relay: _Relay | None
) -> tuple[str | None, str | None, str | None]:
    """Speaker, via and cue read from the text before a quote (``flat[s:e]``)."""
    flat = ctx.doc.flat
    pre = flat[s:e]
    m = cues.QUOTING.search(pre)
    if m:
        r = res.resolve(s + m.start("obj"), s + _obj_name_end(pre, m))
        subj_end = s + m.start("verb")
        src = res.resolve(_clause_start(flat, s, subj_end), subj_end) if subj_end > s else None
        via = src.entity if src else (done[-1].speaker if done else None)
        if r and r.entity:
            return r.entity, via, m.group("verb").lower()
        return None, None, None
    m = cues.ACCORDING.search(pre)
    if m:
        if re.fullmatch(r"(?:the\s+)?(?:statement|communiqu[ée]|release|readout)", m.group("subj"), re.I):
            return None, None, None
        r = res.resolve(s + m.start("subj"), s + m.end("subj"))
        return (r.entity if r else None), None, "according to"
    m = cues.DIRECT_BEFORE.search(pre)
    if m:
        subj_end = s + m.start("verb")
        r = _listed_subject(res, s, subj_end) or res.resolve(_clause_start(flat, s, subj_end), subj_end)
        cue = m.group("verb") + (m.group("adj") or "")
        return (r.entity if r else None), None, " ".join(cue.split())
    m = cues.MD_LABEL.search(pre)
    if m:
        r = res.resolve(s + m.start("subj"), s + m.end("subj"))
        return (r.entity if r else None), None, ":"
    m = cues.LABEL.search(pre)
    if m and len(pre.strip()) < 200:
        subj = m.group("subj")
        lb = subj.rfind("[")
        ss = s + m.start("subj") + (lb + 1 if lb >= 0 else 0)
        se = s + m.end("subj")
        if not re.search(r"\b(?:is|are|was|were|has|have|will|would|said|says)\b", flat[ss:se]):
            r = res.resolve(ss, se)
            return (r.entity if r else None), None, ":"
    return None, None, None


def _listed_subject(res: SpeakerResolver, s: int, e: int) -> Resolution | None:
    """ "Mr Putin, Mr Kuchma and Mr Voronin expressed their belief that “…”": a subject listing several
    parties, whose commas do not end the clause."""
    if res.collective is None or not re.search(r",.*\band\b", res.doc.flat[s:e], re.S):
        return None
    v = res.collective.voices(s, e)
    if v is None:
        return None
    return Resolution(res.collective.group(v.members, v.surface).id, v.start)


def _from_post(res: SpeakerResolver, flat: str, s: int, e: int) -> tuple[str | None, str | None]:
    post = flat[s:e]
    for rx, first in ((cues.AFTER_VERB_FIRST, "verb"), (cues.AFTER_SUBJ_FIRST, "subj")):
        m = rx.match(post)
        if not m:
            continue
        subj = m.group("subj")
        if first == "subj" and len(subj.split()) > 6:
            continue
        if first == "verb":
            # '…,” said Lavrov, adding …' – keep only the name part of the subject
            subj = re.split(r"\s+(?:in|on|at|to|during|after|before|when|while)\s+", subj)[0]
        r = res.resolve(s + m.start("subj"), s + m.start("subj") + len(subj))
        if r and r.entity:
            return r.entity, m.group("verb")
    return None, None


def _partial(res: SpeakerResolver, flat: str, s: int, o: int, c: int) -> tuple[str | None, str | None]:
    """X “expressed gratitude for …”: a quoted predicate whose subject stands right before it."""
    inner = flat[o + 1 : c]
    if not cues.PARTIAL_VERB.match(inner):
        return None, None
    pre = flat[s:o]
    if not pre.strip() or pre.rstrip()[-1:] in ",;:":
        return None, None
    cs = _clause_start(flat, s, o)
    r = res.resolve(cs, o)
    if r and r.entity:
        return r.entity, inner.split()[0]
    return None, None


def _clause_start(flat: str, s: int, e: int) -> int:
    """Start of the clause ending at ``e``: after the last comma/semicolon in ``flat[s:e]``."""
    seg = flat[s:e]
    cut = max(seg.rfind(", "), seg.rfind("; "), seg.rfind(": "))
    if cut >= 0 and seg[cut + 2 :].strip():
        return s + cut + 2
    return s


def _obj_name_end(pre: str, m: re.Match[str]) -> int:
    """End of the quoted person's name: before a trailing 'just before the summit saying'."""
    obj = m.group("obj")
    cut = re.search(r"\s+(?:just\s+)?(?:before|after|during|on|in|at|as|when|while|saying|stating|who)\b", obj)
    return m.start("obj") + (cut.start() if cut else len(obj))


# ---------------------------------------------------------------- indirect
# Words that open a clause without being its subject ("As noted in the statement, …").
_NOT_SUBJECT = re.compile(r"^(?:As|It|This|That|There|These|Those|Here|What|Which|Who|If|When|While|Although)\b")
# "… added that Lavrov and Mekdad also pointed to …": a joint voice relayed, not one speaker's words
_JOINT_CONTENT = re.compile(
    r"\s+that\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+and\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+(?:also\s+)?[a-z]+ed\b"
)


def _indirect_quotes(ctx: DocContext, res: SpeakerResolver, direct: list[Quote]) -> list[Quote]:
    flat = ctx.doc.flat
    taken = SpanIndex((q.start - 1, q.end + 1) for q in direct)
    out: list[Quote] = []
    for ss, se in ctx.sents:
        if taken.meets(ss, se):
            q = _in_quote(ctx, res, ss, se, direct)
            if q is not None:
                out.append(q)
            continue
        turn = ctx.turn_at(ss)
        if turn is not None:
            if ss < turn.body_start:
                ss = turn.body_start
            if ss >= se:
                continue
            q = _in_turn(ctx, res, ss, se, turn)
        else:
            if res.collective is not None:
                res.collective.note_sentence(ss, se)
            q = _in_narrative(res, flat, ss, se)
        if q is None:
            q = _nominal(ctx, res, ss, se, turn)
        if q is None:
            continue
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.speaker == q.speaker
            and cues.CONTINUATION.match(flat[ss:se])
            and not flat[prev.end : ss].strip()
        ):
            prev.end = q.end
            continue
        out.append(q)
    return out


def _in_quote(ctx: DocContext, res: SpeakerResolver, ss: int, se: int, direct: list[Quote]) -> Quote | None:
    """Reported speech inside someone's quoted words ("… the president said the Secret Service has made
    him an agent"): the quoted speaker relays it, as a turn's speaker relays what he cites."""
    holder = [q for q in direct if q.start < se and ss < q.end and q.speaker]
    if not holder:
        return None
    outer = min(holder, key=lambda q: q.end - q.start)
    s = max(ss, outer.start)
    while s < se and ctx.doc.flat[s] in "“”\"' ":
        s += 1
    e = min(se, outer.end)
    if e - s < 12:
        return None
    return _relayed(ctx, res, s, e, outer.speaker, False)


def _in_narrative(res: SpeakerResolver, flat: str, ss: int, se: int) -> Quote | None:
    starts = [ss]
    fm = cues.FRONTED.match(flat, ss, se)
    if fm:
        starts.append(fm.end())
    for cs in starts:
        for vm in _reporting_verbs(flat, cs, se):
            subj_end = vm.start()
            adv = re.search(cues.ADVERBS + r"$", flat[cs:subj_end])
            if adv:
                subj_end = cs + adv.start()
            aux = _AUX.search(flat, cs, subj_end)
            if aux:  # "The European leaders have pointed out …"
                subj_end = aux.start()
            subj = flat[cs:subj_end]
            rel = _RELATIVE.search(subj)
            if rel:  # "Russia and Mongolia, which are convinced that …, pledged …": the subject ends at ", which"
                subj_end = cs + rel.start()
                subj = flat[cs:subj_end]
            if not subj.strip() or len(subj.split()) > 12 or re.search(r"[;:]|,\s*(?:where|and|but)\b", subj):
                break
            if cues.COURTESY_OBJECT.match(flat, vm.end(), se) or _NOT_SUBJECT.match(subj.strip()):
                break
            if _JOINT_CONTENT.match(flat, vm.end(), se):
                break
            r = res.resolve(cs, subj_end)
            if r is None or r.entity is None:
                break
            if vm.re is _COLLECTIVE_VERBS and res.types.get(r.entity, res._type(r.entity)) not in {"GROUP", "COUNTRY"}:
                break  # "supported", "attach importance": a report when parties or states take a position
            cue = " ".join(vm.group("verb").split())
            return Quote(start=r.start, end=se, speaker=r.entity, kind="indirect", cue=cue)
    return None


# "heard the Admiral speak to that": a pronoun object carries no words of the speaker's own
_PRONOUN_OBJECT = re.compile(
    r"\s*(?:(?:to|about|of|on)\s+)?(?:that|this|it|them|those|these)\b(?!\s+(?:the|we|he|she|they)\b)"
)
_AS_BEFORE = re.compile(r"\b[Aa]s\s+$|\b[Aa]s\s+\S*$")
_AUX = re.compile(r"\s+(?:have|has|had|will|would|also|have\s+also|has\s+also)\s*$")
_RELATIVE = re.compile(r",\s*(?:which|who)\b.*$", re.S)
_COLLECTIVE_VERBS = re.compile(rf"\b(?P<verb>{cues.alt('collective_verb')})\b")


def _reporting_verbs(flat: str, cs: int, se: int) -> list[re.Match[str]]:
    """The first reporting verb after ``cs`` and, when a collective one comes first, that one too."""
    out = []
    vm = cues.INDIRECT_VERBS.search(flat, cs, min(se, cs + 240))
    cm = _COLLECTIVE_VERBS.search(flat, cs, min(se, cs + 240))
    if cm is not None and (vm is None or cm.start() < vm.start()):
        out.append(cm)
    if vm is not None:
        out.append(vm)
    return out


def _nominal(ctx: DocContext, res: SpeakerResolver, ss: int, se: int, turn) -> Quote | None:
    """A position reported through a noun: "his view is that …", "President Biden’s comment that …".

    The owner is the speaker; in a turn, never the turn's own speaker (who would say "my view").
    """
    flat = ctx.doc.flat
    m = cues.NOMINAL.search(flat, ss, se)
    if m is None or len(flat[m.end() : se].split()) < 3:
        return None
    noun = re.escape(m.group("noun"))
    if re.search(rf"\b{noun}s?\s+(?:and|or)\s+$", flat[max(ss, m.start() - 40) : m.start()]):
        return None  # "our view and the President’s view is that …": a joint voice, not one speaker's
    owner = m.group("owner")
    anonymous = turn is not None and ctx.is_anonymous_turn(turn)
    if owner.lower() in {"his", "her"}:
        if anonymous:
            return None  # a reporter's "his view that …" leans on whoever the question had in mind
        eid = res.antecedent(m.start(), owner)
    else:
        r = res.resolve(m.start("owner"), m.end("owner") - 2, allow_fallback=False)
        eid = r.entity if r else None
    if eid is None or (turn is not None and eid == turn.speaker):
        return None
    via = turn.speaker if turn is not None and turn.speaker and not anonymous else None
    return Quote(start=m.start("owner"), end=se, speaker=eid, kind="indirect", via=via, cue=m.group("noun"))


def _in_turn(ctx: DocContext, res: SpeakerResolver, ss: int, se: int, turn) -> Quote | None:
    return _relayed(ctx, res, ss, se, turn.speaker, ctx.is_anonymous_turn(turn), turn)


def _relayed(
    ctx: DocContext, res: SpeakerResolver, ss: int, se: int, voice: str | None, anonymous: bool, turn=None
) -> Quote | None:
    """Someone else's words reported by ``voice`` (a turn's speaker, or a quoted speaker): the reporting
    verb, its subject (the reported speaker) and its complement (the content); ``voice`` is the relay."""
    flat = ctx.doc.flat
    via = voice if voice and not anonymous else None
    hm = cues.HEARD.search(flat, ss, se)
    if hm and len(flat[hm.end() : se].split()) >= 3 and not _PRONOUN_OBJECT.match(flat, hm.end(), se):
        r = res.resolve(hm.start("subj"), hm.end("subj"), allow_fallback=False)
        if r is not None and r.entity is not None and r.entity != voice:
            cue = "heard " + " ".join(hm.group("verb").split())
            return Quote(start=hm.start("subj"), end=se, speaker=r.entity, kind="indirect", via=via, cue=cue)
    breaks: list[tuple[int, int]] | None = None  # clause breaks of the sentence, found once, not once per verb
    for vm in cues.TURN_VERBS.finditer(flat, ss, se):
        # the subject: from the last clause break before the verb (a break ends at the latest where the
        # verb's word begins, so the breaks of the whole sentence before the verb are those before it alone)
        if breaks is None:
            breaks = [bm.span() for bm in _CLAUSE_BREAK.finditer(flat, ss, se)]
        k = bisect.bisect_left(breaks, (vm.start(),))
        seg_start = breaks[k - 1][1] if k else ss
        subj = flat[seg_start : vm.start()]
        subj = re.sub(cues.ADVERBS + r"$", "", subj)
        subj = re.sub(r"(?:\s+(?:just|was\s+right\s+to|were\s+right\s+to))+\s*$", "", subj)
        words = subj.split()
        if not words or len(words) > 6:
            continue
        if words[-1].lower() == "you" and len(words) > 1:
            continue  # "the agreement you mentioned": a relative clause, not a report
        aside = bool(_AS_BEFORE.search(flat, max(ss, seg_start - 4), seg_start + 1)) and words[0] not in {"I", "we"}
        if re.match(r"\s*[,.;)]|\s*:\s*$", flat[vm.end() : vm.end() + 3]) and not aside:
            continue  # "the point you said," reports nothing; "…, as the President just said" reports the sentence
        if (
            re.search(r"\b(?:I|we|you all|people|they|it|this|that|one|someone|everyone|nobody|who)\b", subj)
            and words[-1].lower() != "you"
        ):
            continue
        if words[0][:1].islower() and words[0].lower() not in {"the", "he", "she", "you", "his", "her"}:
            continue
        r = res.resolve(seg_start, seg_start + len(subj.rstrip()), allow_fallback=False)
        if r is None or r.entity is None or r.entity == voice:
            continue
        # a report of speech needs content: a that-clause or a clause, not "said hello"
        rest = flat[vm.end() : se]
        if len(rest.split()) < 3 and not aside:
            continue
        start = ss if aside else r.start  # "…, as the President just said": the whole sentence is his
        cue = " ".join(vm.group("verb").split())
        return Quote(start=start, end=se, speaker=r.entity, kind="indirect", via=via, cue=cue)
    return None
