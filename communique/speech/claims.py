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
from communique.speech import numbers as N
from communique.speech.context import DocContext, publisher_entity
from communique.speech.periods import PERIOD, period_for
from communique.textutil import trie_pattern

# cheap gate before the full figure pattern: most sentences hold no number at all
_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty seventy "
    "eighty ninety half hundred thousand million billion trillion doubled tripled trebled quadrupled halved"
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
                    quantity=_quantity(flat, ss, s, e, se, unit),
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
    doc.claims.extend(_dedupe(out))


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
            if cm is None or not float(value).is_integer() and value < 1:
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
    low = flat[ss:se].lower()
    if not any(w in low for w in _MULT_WORDS):
        return
    for m in N.MULTIPLIER.finditer(flat, ss, se):
        v = N.multiplier(m)
        if v:
            yield v, "times", m.start(), m.end(), "decrease" if v < 1 else "increase"


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
    if not publisher:
        publisher.append(publisher_entity(ctx.doc))
    return publisher[0]


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


def _quantity(flat: str, ss: int, s: int, e: int, se: int, unit: str = "") -> str:
    """A short noun phrase for what the figure measures, taken from its own sentence."""
    after = flat[e:se]
    m = re.match(r"\s+of\s+((?:the\s+)?[^,.;:()—–]{3,80})", after)
    if m:
        return _trim(m.group(1))
    if unit not in {"percent", "percentage points", "times"} and unit not in N.CURRENCY_CODES:
        # a count: the counted noun with its modifiers is the quantity ("Russian students")
        cm = re.search(r"((?:[\w'’-]+\s+){0,3}[\w'’-]+)\s*$", flat[s:e])
        words = [
            w
            for w in (cm.group(1) if cm else "").split()
            if not re.match(r"^[\d.,]+$|^(?:million|billion|thousand|of|[—–-])$", w, re.I)
        ]
        if words:
            return " ".join(words)
    q = _subject_quantity(flat, ss, s)
    if q and (_PRONOUNISH.match(q) or _SPEAKING.match(q)):
        q = ""
    if q:
        return q
    m = re.match(
        r"\s+(?:(?:increase|decrease|rise|growth|drop|fall|decline)\s+)?(?:in|for|on|from|to)\s+((?:the\s+)?[^,.;:()—–]{3,60})",
        after,
    )
    if m:
        return _trim(m.group(1))
    return ""  # "it", "I am talking": nothing better than no label


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
        if out and c.start < out[-1].end and c.value == out[-1].value and c.unit == out[-1].unit:
            continue
        if out and c.start < out[-1].end and c.unit == "times":
            continue
        out.append(c)
    return out
