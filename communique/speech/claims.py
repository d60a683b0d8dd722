"""Stage ``claims``: the figures a record cites, with who cited them and for what period.

A figure is a claim when it measures something: a percentage, a sum of
money, a multiplier, or a count of a thing worth counting (people, doses,
tonnes, projects…, see :mod:`communique.speech.numbers`). Dates, years,
times of day, ordinals, hyphenated compounds ("10-year ban", "COVID-19"),
numbers inside links, durations and ages, and small spelled-out counts
("the two leaders") are not. The speaker is the turn's speaker inside a
turn, the quoted speaker inside a direct quote, the reported speaker inside
an indirect quote, and otherwise the document's publisher. Questions from
the floor carry no claims: a reporter's figure is not a leader's.
"""

from __future__ import annotations

import re

from communique.lexicon import month_abbreviations_re, month_names_re
from communique.model import Claim, Document, Quote
from communique.speech import cues
from communique.speech import numbers as N
from communique.speech.collective import statement_author
from communique.speech.context import DocContext, find_entity_by_name, publisher_entity
from communique.speech.periods import PERIOD, period_for
from communique.textutil import trie_pattern

# cheap gate before the full figure pattern: most sentences hold no number at all
_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty seventy "
    "eighty ninety half hundred thousand million billion trillion doubled tripled trebled quadrupled halved "
    "third thirds quarter quarters"
).split()
_HAS_NUMBER = re.compile(  # trie-shaped: a flat alternation costs a probe per word per position
    rf"\d|\b(?i:{trie_pattern(_NUMBER_WORDS)})\b|(?<=\w)(?i:teen|fold)\b"  # "\w+teen" would backtrack per word
)
# words without which MULTIPLIER cannot match: checked with ``in`` before running it
_MULT_WORDS = ("fold", "times", "doubled", "tripled", "trebled", "quadrupled", "halved")
_INCREASE = re.compile(
    r"\b(?:increas\w*|grew|grow\w*|rose|risen|rise|rising|up|went\s+up|gain\w*|expand\w*|jump\w*|surg\w*|climb\w*|"
    r"boost\w*|higher|more\s+than\s+doubled|added|growth)\b",
    re.I,
)
_DECREASE = re.compile(
    r"\b(?:fell|fall\w*|drop\w*|declin\w*|decreas\w*|down|reduc\w*|cut|lost|loss\w*|shr[aiu]nk\w*|eliminat\w*|"
    r"lower\w*|slump\w*|plung\w*|contract\w*)\b",
    re.I,
)
_NOT_COUNT_CONTEXT = re.compile(
    r"\b(?:article|section|paragraph|chapter|resolution|no\.|number|units?|page|point|item|clause|part|phase|"
    r"stage|round|route|flight|line|room|gate|terminal|platform|channel)\s*$",
    re.I,
)
_MONTH_NEAR = re.compile(r"(?:" + month_names_re() + "|" + month_abbreviations_re() + r")\.?\s*$")
_MONTH_AFTER = re.compile(r"^\s*(?:" + month_names_re() + r")\b")
_QUANT_STOP = re.compile(
    r"\b(?:that|which|who|in|for|to|by|from|with|over|and|or|at|on|as|than|since|during|is|are|was|were|has|have|"
    r"had|will|would|this|last|next)\b",
    re.I,
)


def run(doc: Document) -> None:
    ctx = DocContext.build(doc)
    flat = doc.flat
    publisher: list[str | None] = []  # created on first need
    direct = [q for q in doc.quotes if q.kind == "direct"]
    indirect = [q for q in doc.quotes if q.kind != "direct"]
    out: list[Claim] = []
    names = frozenset(
        " ".join(n.lower().split())
        for ent in doc.entities
        if ent.type in {"PERSON", "COUNTRY", "GROUP"}
        for n in (ent.name, *ent.aliases)
    )
    for ss, se in ctx.sents:
        turn = ctx.turn_at(ss)
        if turn is not None and ss < turn.body_start:
            ss = turn.body_start
            if ss >= se:
                continue
        has_period = None
        for value, unit, s, e, change in _figures(flat, ss, se):
            if has_period is None:
                has_period = bool(PERIOD.search(flat, ss, se))
            turn = ctx.turn_at(s)
            if turn is not None and ctx.is_anonymous_turn(turn):
                continue
            speaker = _speaker(ctx, s, direct, indirect, publisher)
            if change is None:
                change = _change(flat, ss, s, e, se, unit)
            out.append(
                Claim(
                    start=s,
                    end=e,
                    speaker=speaker,
                    value=value,
                    unit=unit,
                    quantity=_label(_quantity(flat, ss, s, e, se, unit, names)),
                    change=change,
                    period=period_for(flat, ss, se, s, doc.published) if has_period else None,
                    text=doc.text[ss:se],
                )
            )
    # "In 2014, it fell by 15%": a pronoun quantity takes the last named one in its paragraph
    last: tuple[int, str] | None = None
    for c in out:
        para = ctx.paragraph_at(c.start)
        if (not c.quantity or _PRONOUNISH.match(c.quantity)) and last and para and last[0] == para[0]:
            c.quantity = last[1]
        elif c.quantity and not _PRONOUNISH.match(c.quantity) and para:
            last = (para[0], c.quantity)
    doc.claims.extend(_dedupe(_inherit_units(ctx, out)))


def _figures(flat: str, ss: int, se: int):
    """``(value, unit, start, end, change|None)`` for every figure in the sentence that is a claim."""
    if not _HAS_NUMBER.search(flat, ss, se):
        return
    sentence_words = len(flat[ss:se].split())
    for m in N.FIGURE.finditer(flat, ss, se):
        s, e = m.start(), m.end()
        while s < e and flat[s].isspace():
            s += 1
        if not m.group("num") or _excluded(flat, m, s, e):
            continue
        value, unit, spelled = N.parse_figure(m)
        if value != value:  # NaN
            continue
        if unit is None:
            cm = N.COUNTED.match(flat, e, se) or N.DEMONYM_PLURAL.match(flat, e, se)
            if cm is None and m.group("scale") and (m.group("scale") or "").lower() in _BIG_SCALES:
                yield value, _INHERIT, s, e, None  # "we have delivered nearly 79 million": the unit said before
                continue
            if cm is None:
                if flat[ss:se].rstrip(' \n"”’)').endswith("?"):
                    continue  # "Who needs a weapon that can hold 100 rounds?": a question asserts no count
                generic = _generic_count(flat, s, e, se, value, spelled)
                if generic is not None:
                    unit, e2 = generic
                    if not (_is_year(m) or _MONTH_NEAR.search(flat[max(ss, s - 12) : s])):
                        yield value, unit, s, e2, None
                continue
            if not float(value).is_integer() and value < 1:
                continue
            if spelled and value < 10 and not _small_count(cm):
                continue
            if _is_year(m) or _MONTH_NEAR.search(flat[max(ss, s - 12) : s]) or _MONTH_AFTER.match(flat[e:se]):
                continue
            noun = cm.group("noun")
            unit = N.COUNT_NOUNS.get(" ".join(noun.lower().split()), "people")
            if cm.groupdict().get("rate") and unit in {"tonnes", "barrels"}:
                unit += " per year" if "year" in cm.group("rate") or "annum" in cm.group("rate") else " per day"
            e = cm.end()
        elif unit in {"percent", "percentage points"} and sentence_words - len(m.group().split()) <= 1:
            continue  # "Yes, 100 percent." is emphasis, not a figure
        yield value, unit, s, e, None
    for fm in _FRACTION.finditer(flat, ss, se):
        yield _FRACTIONS[" ".join(fm.group("frac").lower().split())], "percent", fm.start(), fm.end(), None
    low = flat[ss:se].lower()
    if not any(w in low for w in _MULT_WORDS):
        return
    for m in N.MULTIPLIER.finditer(flat, ss, se):
        v = N.multiplier(m)
        if v:
            yield v, "times", m.start(), m.end(), "decrease" if v < 1 else "increase"


# "17 intelligence agencies", "three high-level committees", "for 17 years", "TWO hours": a number and the
# plural noun it counts, up to two modifiers between them; "half an hour", "one year": a span of time
_GENERIC = re.compile(
    r"(?P<mods>(?:\s+(?!(?:of|the|a|an|and|or|to|in|on|for|with|by|from|at|as|is|are|was|were|be|that|which|"
    r"this|than|more|less|per|percent)\b)[A-Za-z][\w’'-]*){0,2}?)\s+(?P<noun>[A-Za-z][a-z’'-]*[a-hj-rtv-z]s|[A-Z]+S)\b(?![’'-])"
)
_TIME_UNIT = re.compile(r"\s+(?P<noun>hour|day|week|month|year|minute|decade)\b", re.I)
_TIME = re.compile(rf"^(?:{cues.alt('time_unit')})$", re.I)
_TIME_NOT_SPAN = re.compile(rf"\s+(?:{cues.alt('time_not_span')})\b", re.I)
_TIME_BEFORE = re.compile(
    rf"\b(?:{cues.alt('time_before_period')})\s+"
    r"(?:(?:over|more\s+than|nearly|almost|about|just|only|less\s+than|under|roughly)\s+)*$",
    re.I,
)
_CAPITALISED_NEXT = re.compile(r"\s+[A-Z][a-z]")
_THRESHOLD = re.compile(rf"\b(?:{cues.alt('threshold_before_count')})\s+(?:[—–-]\s*)?$", re.I)
_COPULA = re.compile(r"(?<!\bthere\s)\b(?:are|were|is|was|be|become|became)\s+$", re.I)
_NOT_COUNTED = re.compile(rf"^(?:{cues.alt('not_counted')})$", re.I)
_DETERMINER = re.compile(rf"\b(?:{cues.alt('determiner_before_count')})\s+$", re.I)
_FRACTION = re.compile(r"\b(?P<frac>(?:a|one)\s+third|two\s+thirds|(?:a|one)\s+quarter|three\s+quarters)\s+of\b", re.I)
_FRACTIONS = {
    "a third": 33.3,
    "one third": 33.3,
    "two thirds": 66.7,
    "a quarter": 25.0,
    "one quarter": 25.0,
    "three quarters": 75.0,
}


def _generic_count(flat: str, s: int, e: int, se: int, value: float, spelled: bool) -> tuple[str, int] | None:
    """``(unit, end)`` when the figure counts a plural noun that names what is counted, else None."""
    if spelled and _DETERMINER.search(flat[max(0, s - 12) : s]):
        return None  # "the two leaders", "our three countries": things already known, not a figure
    if spelled and flat[s].isupper() and s > 0 and flat[s - 1] not in '\n“"' and _CAPITALISED_NEXT.match(flat, e):
        return None  # "the Five Point Consensus": a name
    if _THRESHOLD.search(flat[max(0, s - 30) : s]):
        return None  # "clips of more than 10 bullets": a limit, not a count
    if spelled and _COPULA.search(flat[max(0, s - 30) : s]):
        return None  # "Japan and the United States are two strong democracies": what they are, not a count
    if value <= 1:
        tm = _TIME_UNIT.match(flat, e, se)  # "half an hour", "one year"
        if tm and spelled and not _TIME_NOT_SPAN.match(flat, tm.end(), se):
            return tm.group("noun").lower() + "s", tm.end()
        return None
    gm = _GENERIC.match(flat, e, se)
    if gm is None:
        return None
    noun = gm.group("noun").lower()
    if _TIME.match(noun):
        if gm.group("mods").strip():
            return None  # "two working days" and the like: no plain span of time
        if _TIME_NOT_SPAN.match(flat, gm.end(), se) or _TIME_BEFORE.search(flat[max(0, s - 12) : s]):
            return None  # "five years ago", "95 years since …", "the past 12 years", "in two days"
    tail = flat[gm.start("noun") : gm.end("noun") + 5]
    if _NOT_COUNTED.match(noun) or _NOT_COUNTED.match(" ".join(tail.lower().split()[:2])):
        return None
    if not float(value).is_integer():
        return None
    return N.COUNT_NOUNS.get(noun, noun), gm.end()


_INHERIT = "?"  # a figure whose unit an earlier figure gave
_BIG_SCALES = {"million", "billion", "trillion", "mln", "bln", "trln", "bn", "mn", "tn"}


def _inherit_units(ctx: DocContext, claims: list[Claim]) -> list[Claim]:
    """A bare "79 million" or "it reached 90 billion" counts what the figure before it in the same or the
    previous paragraph counted ("1.2 billion doses", "$88 billion"); with no such figure it is dropped."""
    out: list[Claim] = []
    for c in claims:
        if c.unit != _INHERIT:
            out.append(c)
            continue
        para = ctx.paragraph_at(c.start)
        prev = out[-1] if out else None
        if prev is None or para is None or c.start - prev.end > (para[1] - para[0]) + 1500:
            continue
        prev_para = ctx.paragraph_at(prev.start)
        if prev_para is None or ctx.paras.index(para) - ctx.paras.index(prev_para) > 1:
            continue
        if prev.unit in {"percent", "percentage points", "times"} or prev.value == c.value:
            continue  # a share is no count; "… 2 million vaccines. More than 2 million." restates one figure
        c.unit = prev.unit
        out.append(c)
    return out


def _small_count(cm: re.Match[str]) -> bool:
    """A spelled-out count under ten is a figure only for a counted thing named right after it
    ("six ships", "two agreements"): "the two leaders", "one of the vaccines", "three feet between
    students" and "two vaccines" (kinds, not doses) are not."""
    noun = " ".join(cm.group("noun").lower().split())
    unit = N.COUNT_NOUNS.get(noun, "people")
    return cm.group().strip() == cm.group("noun") and unit != "people" and noun != "vaccines"


def _excluded(flat: str, m: re.Match[str], s: int, e: int) -> bool:
    nxt = flat[e : e + 2]
    if nxt[:1].isalpha() or (nxt[:1] in "-–" and nxt[1:2].isalpha()) or nxt[:1] in "-:/" and nxt[1:2].isdigit():
        return True  # "80th", "5G", "10-year", "6:00", "2023/07"
    if nxt[:1] == "-" and not nxt[1:2].isdigit():
        return True  # "$400- and $450 billion": the scale is on the second figure
    tok_start = flat.rfind(" ", 0, s) + 1
    tok_end = flat.find(" ", e)
    token = flat[tok_start : tok_end if tok_end > 0 else len(flat)]
    if _LINKY.search(token):
        return True  # inside a link
    if _NOT_COUNT_CONTEXT.search(flat[max(0, s - 20) : s]) and not (
        m.group("pct") or m.group("sign") or m.group("scale")
    ):
        return True
    return False


def _is_year(m: re.Match[str]) -> bool:
    num = m.group("num")
    return bool(re.fullmatch(r"(?:1[89]|20|21)\d\d", num)) and not m.group("scale")


def _speaker(
    ctx: DocContext, pos: int, direct: list[Quote], indirect: list[Quote], publisher: list[str | None]
) -> str | None:
    inside = [q for q in direct if q.start <= pos < q.end]
    if inside:
        return min(inside, key=lambda q: q.end - q.start).speaker
    turn = ctx.turn_at(pos)
    if turn is not None:
        return turn.speaker
    inside = [q for q in indirect if q.start <= pos < q.end]
    if inside:
        return min(inside, key=lambda q: q.end - q.start).speaker
    src = _source_of(ctx, pos)
    if src is not None:
        return src
    if not publisher:  # a joint statement's figures are its authors', other records' their publisher's
        publisher.append(statement_author(ctx.doc) or publisher_entity(ctx.doc))
    return publisher[0]


_SOURCE_NOUN = cues.alt("source_noun")
_SOURCE = re.compile(
    rf"\baccording\s+to\s+(?:an?\s+|the\s+)?(?P<a>[A-Z][\w&.’'-]*(?:\s+[A-Z][\w&.’'-]*){{0,3}})\s+(?:{_SOURCE_NOUN})\b"
    rf"|\b(?:an?|the)\s+(?P<b>[A-Z][\w&.’'-]*(?:\s+[A-Z][\w&.’'-]*){{0,3}})\s+(?:{_SOURCE_NOUN})\s+(?:\[)?"
    rf"(?:{cues.alt('finding_verb')})\b"
)


def _source_of(ctx: DocContext, pos: int) -> str | None:
    """The maker of a poll, survey or report that the figure's sentence cites ("according to a CBS poll")."""
    sent = ctx.sentence_at(pos)
    if sent is None:
        return None
    flat = ctx.doc.flat
    found = []
    for m in _SOURCE.finditer(flat, *sent):
        g = "a" if m.group("a") else "b"
        if g == "b" and not (m.start() <= pos + 40 and pos - m.end() < 80):
            continue  # the finding verb governs a nearby figure only
        found.append((min(abs(pos - m.start()), abs(pos - m.end())), m, g))
    for _dist, m, g in sorted(found, key=lambda x: x[0])[:1]:
        name = m.group(g)
        ms = [x for x in ctx.doc.mentions if x.entity and x.start >= m.start(g) and x.end <= m.end(g)]
        ent = ctx.doc.entity(ms[-1].entity) if ms else find_entity_by_name(ctx.doc, name)
        if ent is None:
            ent = ctx.doc.new_entity("ORG", name)
        if ent.type in {"ORG", "PERSON", "GROUP", "COUNTRY"}:
            return ent.id
    return None


def _change(flat: str, ss: int, s: int, e: int, se: int, unit: str) -> str:
    before = flat[max(ss, s - 45) : s]
    after = flat[e : min(se, e + 25)]
    if _TO_LEVEL.search(before) and unit not in {"percent", "percentage points"}:
        return "level"  # "increased 12 percent to $2.3 billion": the new level
    clause = _CLAUSE_SPLIT.split(before)[-1]
    inc = list(_INCREASE.finditer(clause)) + list(_INCREASE.finditer(after[:15]))
    dec = list(_DECREASE.finditer(clause)) + list(_DECREASE.finditer(after[:15]))
    if inc and not dec:
        return "increase"
    if dec and not inc:
        return "decrease"
    if inc and dec:
        last_inc = max(x.start() for x in _INCREASE.finditer(clause)) if _INCREASE.search(clause) else -1
        last_dec = max(x.start() for x in _DECREASE.finditer(clause)) if _DECREASE.search(clause) else -1
        return "increase" if last_inc > last_dec else "decrease"
    return "level"


_QUANT_VERB = re.compile(
    r"\b(?:increas\w*|grew|rose|fell|dropped|declined|decreased|went\s+up|reached|amount\w*\s+to|stands?\s+at|"
    r"make\s+up|totall?ed|was|were|is|are|controls|exported|imported|invested|donated|proposed|lost)\b"
)
_LINKY = re.compile(r"https?:|www\.|%[0-9A-F]{2}|[=@#]|\]\(|/\w")
_TO_LEVEL = re.compile(r"\bto\s+(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+)?$")
_CLAUSE_SPLIT = re.compile(r"[,;]\s")
# a clause whose subject is a person, not what is measured: "I am talking about …", "we have seen …"
_SPEAKING = re.compile(r"^(?:as\s+)?(?:i|we|you|they|he|she)\b", re.I)
_PRONOUNISH = re.compile(
    r"^(?:it|its|it’s|it's|we|we’ve|we've|they|this|that|there|here|these|those|which|i|you|he|she|thank\s+you|"
    r"i\s+believe|i\s+think|or|and|so)$",
    re.I,
)


def _quantity(flat: str, ss: int, s: int, e: int, se: int, unit: str = "", names: frozenset[str] = frozenset()) -> str:
    """A short noun phrase for what the figure measures, taken from its own sentence: never a verb, a
    preposition's leftovers, a pronoun or only the name of a person or state (``names``)."""
    after = flat[e:se]
    if unit not in {"percent", "percentage points", "times", "degrees Celsius"} and unit not in N.CURRENCY_CODES:
        # a count: the counted noun with its modifiers is the quantity ("Russian students", "thematic areas")
        cm = re.search(r"((?:[\w'’-]+\s+){0,3}[\w'’-]+)\s*$", flat[s:e])
        words = [
            w
            for w in (cm.group(1) if cm else "").split()
            if not re.match(r"^[\d.,]+$|^(?:million|billion|thousand|hundred|of|[—–-])$", w, re.I)
            and not re.fullmatch(N._WORD_NUM + r"|half|an?", w, re.I)
        ]
        if words:
            return " ".join(words)
    candidates: list[str] = []
    m = re.match(r"\s+of\s+((?:the\s+)?[^,.;:()—–]{3,80})", after)
    if m:
        candidates.append(_trim(m.group(1)))
    candidates.append(_subject_quantity(flat, ss, s))
    m = re.match(
        r"\s+(?:(?:increase|decrease|rise|growth|drop|fall|decline)\s+)?(?:in|for|on|from|to)\s+((?:the\s+)?[^,.;:()—–]{3,60})",
        after,
    )
    if m:
        candidates.append(_trim(m.group(1)))
    for q in candidates:
        if _good_label(q, names):
            return q
    return ""  # "it", "I am talking", "President Biden": nothing better than no label


_LABEL_VERB_END = re.compile(
    r"\s+(?:stood|stands|reached|reaches|exceeded|exceeds|totall?ed|hit|topped|amounted|announced|said|says|"
    r"provided|provides|allocated|allocate|will|would|has|have|had|was|were|is|are)$",
    re.I,
)
_LABEL_BAD_START = re.compile(
    r"^(?:with|between|among|up|down|by|at|to|from|than|about|around|some|just|only|will|would|can|could|"
    r"announced|said|says|has|have|had|is|are|was|were)\b|//|\]\(|https?:",
    re.I,
)


def _label(q: str) -> str:
    """The label without a trailing verb or link text: "mutual trade stood" -> "mutual trade"."""
    q = re.sub(r"\s*\[[^\]]*\](?:\([^)]*\))?", "", q)
    return _LABEL_VERB_END.sub("", q).strip()


def _good_label(q: str, names: frozenset[str]) -> bool:
    q = _LABEL_VERB_END.sub("", q).strip()
    if not q or len(q) < 3 or _PRONOUNISH.match(q) or _SPEAKING.match(q) or _LABEL_BAD_START.match(q):
        return False
    core = re.sub(r"^(?:the|a|an|its|their|our)\s+", "", q, flags=re.I)
    return core.lower() not in names and not re.fullmatch(r"(?:President|Prime Minister|Mr\.?|Ms\.?)\s+.*", core)


def _subject_quantity(flat: str, ss: int, s: int) -> str:
    """The subject of the clause leading to the figure ("our trade increased by …"), periods removed."""
    before = PERIOD.sub(" ", flat[ss:s])
    before = re.sub(r"\b(?:in|during|by|for)?\s*(?:19|20)\d\d\b", " ", before, flags=re.I)
    clause = re.split(r"[,;:—–]\s*|\bwhile\b|\bwhereas\b", before)[-1]
    vm = _QUANT_VERB.search(clause)
    if vm is not None and vm.start() > 0:
        return _trim(clause[: vm.start()])
    words = [
        w
        for w in clause.split()
        if w.lower()
        not in {
            "about",
            "around",
            "nearly",
            "some",
            "over",
            "more",
            "than",
            "by",
            "to",
            "a",
            "an",
            "the",
            "of",
            "just",
            "almost",
        }
    ]
    return _trim(" ".join(words[-5:]))


def _trim(s: str) -> str:
    s = " ".join(s.split())
    m = _QUANT_STOP.search(s, 3)
    if m and m.start() > 3:
        s = s[: m.start()]
    words = s.split()[:8]
    while words and words[-1].lower() in {"the", "a", "an", "of", "our", "its", "their"}:
        words.pop()
    while words and words[0].lower() in {"and", "but", "so", "in", "that", "which", "then", "also"}:
        words.pop(0)
    return " ".join(words).strip(" ,.;")


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per figure: overlapping matches of the same value and unit collapse to the first."""
    out: list[Claim] = []
    for c in sorted(claims, key=lambda c: (c.start, -(c.end - c.start))):
        if out and c.value == out[-1].value and c.unit == out[-1].unit and c.start - out[-1].start <= 8:
            continue  # "more than 10 — 10 bullets": the speaker restating one figure
        if out and c.start < out[-1].end and c.value == out[-1].value and c.unit == out[-1].unit:
            continue
        if out and c.start < out[-1].end and c.unit == "times":
            continue
        out.append(c)
    return out
