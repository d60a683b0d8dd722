"""The words that report an encounter, and the kind each reports.

Why a closed list: in this genre an encounter is always named by one of a few
dozen phrases ("had a telephone conversation", "held talks", "met with",
"made press statements", "on the sidelines of"), while the same nouns used
loosely ("meeting our goals", "the NATO meeting") are filtered downstream by
requiring two principals. Patterns are ordered: the first kind that matches a
sentence wins, so the more specific (a call, a press conference) come first.
"""

from __future__ import annotations

import re

from communique.textutil import trie_pattern

KINDS = ("meeting", "talks", "phone_call", "visit", "summit", "press_conference")

# (kind, strength, pattern). Strength 2: a verb phrase reporting that it happened or
# will happen; 1: a noun that may only refer to one ("our talks", "the visit").
TRIGGERS: list[tuple[str, int, re.Pattern[str]]] = [
    (
        "phone_call",
        2,
        re.compile(
            r"\b(?:(?:tele)?phone\s+(?:conversations?|calls?|talks?)|(?:spoke|spoken|speak|speaks|speaking|talked|talk|talking)"
            r"\s+(?:[\w.’'-]+\s+){0,8}?(?:by|on\s+the|over\s+the)\s+(?:tele)?phone|conversation\s+(?:on|over)\s+the\s+(?:tele)?phone"
            r"|call(?:ed)?\s+(?:with|between)|(?:held|had|hold|have)\s+a\s+call|video\s*call"
            r"|during\s+a\s+(?:[\w-]+\s+)?(?:tele)?(?:phone\s+)?call|call\s+(?:initiated|requested)\s+by)\b",
            re.I,
        ),
    ),
    (
        "press_conference",
        2,
        re.compile(
            r"\b(?:(?:joint\s+)?(?:press|news)\s+conference|press\s+(?:statements?|gaggle|availability)"
            r"|statements?\s+(?:for|to)\s+the\s+press|answered\s+(?:journalists|reporters)[’']?\s+questions"
            r"|take\s+(?:a\s+few\s+|some\s+)?questions|(?:our\s+)?gaggle)\b",
            re.I,
        ),
    ),
    # a planned call in a briefing or statement: "President Biden will speak with President Xi"
    ("phone_call", 2, re.compile(r"\bwill\s+(?:also\s+)?(?:speak|talk)\s+(?:by\s+phone\s+)?with\b", re.I)),
    ("summit", 2, re.compile(r"\b(?:held|hold|had|have)\s+a\s+summit\s+(?:with|between)\b", re.I)),
    (
        "summit",
        1,
        re.compile(r"\b(?:summit|leaders[’']?\s+meeting|(?:G7|G8|G20|BRICS|SCO|NATO|EU|APEC|ASEAN)\s+meeting)\b", re.I),
    ),
    (
        "talks",
        2,
        re.compile(
            r"\b(?:(?:held|hold|holding|had|conducted|began|begin|opened|concluded|finished|completed)\s+(?:\w+\s+){0,3}talks"
            r"|talks\s+(?:were|was|will\s+be)\s+held|talks\s+(?:with|between)|negotiations\s+(?:with|between))\b",
            re.I,
        ),
    ),
    (
        "meeting",
        2,
        re.compile(
            r"\b(?:met|meets|meet|meeting)\s+(?:with|in|at|on|again|today|yesterday|virtually|privately)\b"
            r"|\b(?:had|held|hold|have|has|having)\s+(?:a|an|their|our|his|her)\s+(?:\w+\s+){0,2}(?:meeting|bilateral|bilat|discussion)\b"
            r"|\b(?:bilateral|bilat)\s+(?:meeting\s+)?(?:with|between)\b|\bmeeting\s+between\b"
            r"|\bmet\s+(?:several\s+times|\w+\s+times|twice|once|before|previously)\b"
            r"|\b(?:welcome[ds]?|receiv(?:ed|ing)|hosted|hosts|host)\s+(?:\w+\s+){0,6}?(?:to|in|at)\s+(?:the\s+)?(?:White\s+House|Kremlin|Moscow|Washington|Oval)"
            r"|\bhad\s+the\s+pleasure\s+of\s+receiving\b|\bmeet\s+tomorrow\b|\bwhen\s+they\s+meet\b",
            re.I,
        ),
    ),
    (
        "meeting",
        2,
        re.compile(
            r"\band\s+I\s+(?:took\s+part|participated|attended|launched|opened|inaugurated|signed)\b"
            r"|\b(?:sat|sit|sits|sitting)\s+down\s+(?:together\s+)?with\b",
            re.I,
        ),
    ),
    # "received President Putin", "hosted Erdogan in Sochi", "welcomed Russian President Vladimir Putin":
    # a host verb whose object is a titled or named person (case-sensitive, so "received support" is not)
    (
        "meeting",
        2,
        re.compile(
            r"\b(?:[Rr]eceiv(?:ed|es|ing)|[Hh]ost(?:ed|s|ing)|[Ww]elcom(?:ed|es|ing))\s+(?:the\s+|visiting\s+)?(?:"
            r"(?:[A-Z][\w’'.-]+\s+){0,2}(?:President|Prime\s+Minister|Chancellor|King|Queen|Emir|Crown\s+Prince|Premier"
            r"|Sultan|Sheikh|Minister|Secretary|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|His\s+(?:Majesty|Highness|Excellency))\b"
            r"|[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3}\s+(?:in|at|to)\s+(?:the\s+)?[A-Z]"
            r"|[A-Z][a-z]+\s+[A-Z][a-z]+\b(?![’']))"
            r"(?!(?:\s+[A-Z][\w.-]*){0,4}[’']s\b)"  # "welcomed President Castro’s focus": her focus, not her
        ),
    ),
    # "met Chinese President Xi Jinping", "meets Erdogan", "met his Turkish counterpart"
    (
        "meeting",
        2,
        re.compile(
            r"(?<!\bit\s)(?<!\bthat\s)(?<!\bwhich\s)\b(?:met|meets|meeting)\s+(?:the\s+|visiting\s+)?"
            r"(?![A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}[’']s\b)"  # "meets President Zelenskyy's needs"
            r"(?:[A-Z][\w’'.-]*|(?:his|her|their)\s+(?:[A-Z][\w’'-]*\s+)?counterparts?\b)"
        ),
    ),
    (
        "visit",
        2,
        re.compile(
            r"\b(?:(?:official|state|working|first|sixth|second|third|\w+th)\s+visit|visit(?:ed|ing|s)?\s+(?:to\s+)?[A-Z]"
            r"|(?:arrived|arrives|arrive)\s+in)\b"
        ),
    ),
    ("talks", 1, re.compile(r"\b(?:talks|negotiations)\b", re.I)),
    (
        "meeting",
        1,
        re.compile(
            r"\b(?:meeting|bilat|bilateral\s+meeting)\b|\b(?:our|their|the|two|both|these|those)\s+(?:[\w-]+\s+)?meetings\b",
            re.I,
        ),
    ),
    # "will be coming to Washington", "will travel to Madrid": a trip, weaker than the meeting it is for
    (
        "visit",
        1,
        re.compile(
            r"\b(?:will\s+(?:be\s+)?|(?:is|are)\s+|plans?\s+to\s+|(?:set|expected)\s+to\s+)"
            r"(?:come|coming|travel|traveling|travelling)\s+to\s+(?:the\s+)?[A-Z]\w*"
        ),
    ),
    ("visit", 1, re.compile(r"\bvisit\b", re.I)),
]

# Phrases that look like triggers but report no encounter.
NOT_ENCOUNTER = re.compile(
    r"\b(?:meeting\s+(?:the|our|their|its|these|those|this|all|both|them|targets?|goals?|needs?|demands?|challenges?)\b(?!\s+(?:with|between))"
    r"|meet(?:s|ing)?\s+(?:the\s+)?(?:needs|demands|goals?|targets?|challenges?|requirements|obligations|deadline|standards?)"
    r"|(?:board|shareholders|cabinet|council|committee|commission)\s+meeting|invitation)\b",
    re.I,
)

# A sentence about a habit reports no one encounter: "we meet regularly", "have met several times this year".
HABITUAL = re.compile(
    r"\b(?:regularly|frequently|constantly|routinely|on\s+a\s+regular\s+basis|from\s+time\s+to\s+time"
    r"|(?:several|many|numerous|a\s+number\s+of|so\s+many)\s+times|every\s+(?:year|month|week|time)"
    r"|(?:meet|talk|speak)\s+(?:\w+\s+)?often)\b",
    re.I,
)

# Side meetings: held on the margins of another event.
SIDE = re.compile(
    r"\b(?:on\s+the\s+(?:sidelines?|margins?)\s+of|on\s+the\s+sideline|side\s+meeting|separate\s+meetings?)\b", re.I
)


def side_spans(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Matches of SIDE in ``text[start:end]``; a substring test first, as most sentences hold none."""
    low = text[start:end].lower()
    if "side" not in low and "margin" not in low and "separate" not in low:
        return []
    return list(SIDE.finditer(text, start, end))


# Phone calls and virtual meetings have no place.
VIRTUAL = re.compile(r"\b(?:virtual(?:ly)?|video\s*(?:conference|link|call)|videoconference|by\s+video)\b", re.I)

# Titles of transcripts and readouts: the document's own encounter.
TITLE_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "phone_call",
        re.compile(
            r"\b(?:telephone|phone)\s+(?:conversation|call|talks?)\b|\bcall\s+with\b|\bcall\s+between\b"
            r"|\b(?:speaks?|spoke|talks?|talked)\s+(?:[\w.’'-]+\s+){0,8}?(?:on|by|over)\s+(?:the\s+)?(?:tele)?phone\b",
            re.I,
        ),
    ),
    (
        "press_conference",
        re.compile(
            r"\b(?:press\s+(?:conference|statements?|gaggle|availability|briefing)|news\s+conference"
            r"|statements?\s+(?:for|to)\s+the\s+press|answers?\s+to\s+journalists)",
            re.I,
        ),
    ),
    ("summit", re.compile(r"\bsummit\b", re.I)),
    ("talks", re.compile(r"\btalks\b|\bnegotiations\b", re.I)),
    (
        "meeting",
        re.compile(
            r"(?i:\bmeeting\b|\bmeets\b|\bbilateral\b|\bmet\s+with\b|\bsits\s+down\s+with\b)"
            r"|\b(?:[Rr]eceive[sd]|[Hh]ost(?:s|ed))\s+[A-Z]"
        ),
    ),
    ("visit", re.compile(r"\bvisit\b", re.I)),
]

# A title that reports talks *and* the press statements after them names two encounters.
TITLE_FOLLOWING_TALKS = re.compile(r"\bfollowing\s+(?:[\w-]+\s+){0,3}(?:talks|negotiations|meeting)\b", re.I)


def title_kinds(title: str) -> list[str]:
    """The encounter kinds a document's title announces, most specific first."""
    out: list[str] = []
    for kind, pat in TITLE_KINDS:
        if pat.search(title):
            out.append(kind)
    if "press_conference" in out:
        rest = [k for k in out if k != "press_conference"]
        if TITLE_FOLLOWING_TALKS.search(title):
            return ["press_conference", "talks" if "talks" in rest else "meeting"]
        return ["press_conference"]
    return out[:1]


# Cheap first look: every trigger above holds one of these words or phrases, so a sentence without
# any has no trigger. "talk", "spoke" and "questions" are left out: their triggers need "phone" or
# "take … questions" too, and briefings are full of them.
CUE_WORDS = (
    "met meet meets meeting meetings talks negotiations phone telephone call called videocall visit visits visited "
    "visiting summit press news statement statements gaggle bilat bilateral welcome welcomed welcomes receiving "
    "received receives host hosted hosts hosting welcoming arrive arrived arrives discussion"
).split()
_CUE_PHRASES = (
    r"and\s+i|answered\s+(?:journalists|reporters)|take\s+(?:a\s+few\s+|some\s+)?questions"
    r"|(?:sat|sit|sits|sitting)\s+down|will\s+(?:also\s+)?(?:speak|talk)\s+(?:by\s+phone\s+)?with"
    r"|(?:will\s+(?:be\s+)?|is\s+|are\s+|plans?\s+to\s+|set\s+to\s+|expected\s+to\s+)(?:come|coming|travel|traveling|travelling)\s+to"
)
ANY = re.compile(r"(?i:\b(?:" + "|".join(CUE_WORDS) + "|" + _CUE_PHRASES + r"))\b")
# The same on lower-cased text, factored as a trie: one pass over a long briefing costs ~1 ms.
_CUES_LOWER = re.compile(
    r"(?<![a-z])(?=["
    + "".join(sorted({w[0] for w in CUE_WORDS} | {"a", "t", "s", "w", "i", "p", "e"}))
    + r"])(?:"
    + trie_pattern(CUE_WORDS)
    + "|"
    + _CUE_PHRASES
    + r")\b"
)


def cue_positions(text: str, lower: str, spans: list[tuple[int, int]]) -> list[int]:
    """Where a cue word starts inside ``spans``; ``lower`` is ``text.lower()`` when it kept every offset."""
    if len(lower) == len(text):
        return [m.start() for s, e in spans for m in _CUES_LOWER.finditer(lower, s, e)]
    return [m.start() for s, e in spans for m in ANY.finditer(text, s, e)]


# For each pattern of TRIGGERS, in order: lower-case strings one of which every match holds. A
# sentence holding none is not searched with that pattern (a substring test costs far less).
_NEEDS: list[tuple[str, ...]] = [
    ("phone", "call"),
    ("press", "news", "statement", "journalists", "reporters", "questions", "gaggle"),
    ("speak", "talk"),
    ("summit",),
    ("summit", "meeting"),
    ("talks", "negotiations"),
    ("meet", "met", "bilat", "discussion", "welcom", "receiv", "host"),
    ("and", "down"),
    ("receiv", "host", "welcom"),
    ("met", "meet"),
    ("visit", "arriv"),
    ("talks", "negotiations"),
    ("meeting", "bilat"),
    ("com", "travel"),
    ("visit",),
]
assert len(_NEEDS) == len(TRIGGERS)
_NOT_NEEDS = ("meet", "invitation")
_ALL_NEEDS = tuple(sorted({w for ws in _NEEDS for w in ws} | set(_NOT_NEEDS)))
_NEED_SETS = [frozenset(ws) for ws in _NEEDS]


def _lowered(pat: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-insensitive pattern as a case-sensitive one for lower-cased text (about twice as fast);
    None for a case-sensitive pattern, which must see the text as written."""
    if not pat.flags & re.IGNORECASE:
        return None
    src = re.sub(r"\\.|\(\?P<\w+>|[A-Z]", lambda m: m.group() if len(m.group()) > 1 else m.group().lower(), pat.pattern)
    return re.compile(src)


_TRIGGERS_LOWER = [_lowered(p) for _, _, p in TRIGGERS]
_NOT_LOWER = _lowered(NOT_ENCOUNTER)


def _matches(
    pat: re.Pattern[str], low_pat: re.Pattern[str] | None, text: str, low: str, base: int, start: int, end: int
):
    """``(start, end)`` of each match in ``text[start:end]``, over ``low`` (``text[base:end]`` lower-cased,
    with one character of context before ``start``) when the pattern allows it."""
    if low_pat is not None and low:
        return [(base + m.start(), base + m.end()) for m in low_pat.finditer(low, start - base)]
    return [(m.start(), m.end()) for m in pat.finditer(text, start, end)]


def sentence_triggers(text: str, start: int, end: int) -> list[tuple[str, int, int, int]]:
    """``(kind, strength, start, end)`` of each trigger in ``text[start:end]``, strongest first,
    skipping those inside a phrase that reports no encounter."""
    base = max(0, start - 1)
    low = text[base:end].lower()
    if len(low) != end - base:
        low = ""  # lower-casing moved offsets (a rare letter): match the text as written
    present = {w for w in _ALL_NEEDS if w in low} if low else set(_ALL_NEEDS)
    bad = _matches(NOT_ENCOUNTER, _NOT_LOWER, text, low, base, start, end) if not present.isdisjoint(_NOT_NEEDS) else []
    out: list[tuple[str, int, int, int]] = []
    seen: list[tuple[int, int]] = []
    for (kind, strength, pat), low_pat, needs in zip(TRIGGERS, _TRIGGERS_LOWER, _NEED_SETS, strict=True):
        if needs.isdisjoint(present):
            continue
        for ms, me in _matches(pat, low_pat, text, low, base, start, end):
            if any(s <= ms < e for s, e in bad):
                continue
            if any(s < me and ms < e for s, e in seen):
                continue
            seen.append((ms, me))
            out.append((kind, strength, ms, me))
    if len(out) > 1 and any(k == "visit" for k, *_ in out):
        out = [
            _framing_visit(text, start, t) if t[0] == "visit" and any(u[1] == 2 and u[0] != "visit" for u in out) else t
            for t in out
        ]
    out.sort(key=lambda t: (-t[1], t[2]))
    return out


# "During his working visit to Iran, Putin met with …": the visit frames the meeting the clause reports
_FRAME_BEFORE = re.compile(
    r"\b(?:during|in\s+the\s+course\s+of|as\s+part\s+of)\s+(?:(?:his|her|their|the|a|an)\s+)?$", re.I
)


def _framing_visit(text: str, start: int, t: tuple[str, int, int, int]) -> tuple[str, int, int, int]:
    kind, strength, ms, me = t
    head = text[max(start, ms - 40) : ms]
    return (kind, 1, ms, me) if _FRAME_BEFORE.search(head) else t
