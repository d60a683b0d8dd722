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

KINDS = ("meeting", "talks", "phone_call", "visit", "summit", "press_conference")

# (kind, strength, pattern). Strength 2: a verb phrase reporting that it happened or
# will happen; 1: a noun that may only refer to one ("our talks", "the visit").
TRIGGERS: list[tuple[str, int, re.Pattern[str]]] = [
    (
        "phone_call",
        2,
        re.compile(
            r"\b(?:(?:tele)?phone\s+(?:conversations?|calls?|talks?)|(?:spoke|speak|speaks|talked|talk)\s+(?:\w+\s+){0,2}"
            r"(?:by|on\s+the|over\s+the)\s+(?:tele)?phone|conversation\s+(?:on|over)\s+the\s+(?:tele)?phone"
            r"|call(?:ed)?\s+(?:with|between)|(?:held|had|hold|have)\s+a\s+call|video\s*call)\b",
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
            r"|\band\s+I\s+(?:took\s+part|participated|attended|launched|opened|inaugurated|signed)\b"
            r"|\b(?:welcome[ds]?|receiv(?:ed|ing)|hosted|hosts|host)\s+(?:\w+\s+){0,6}?(?:to|in|at)\s+(?:the\s+)?(?:White\s+House|Kremlin|Moscow|Washington|Oval)"
            r"|\bhad\s+the\s+pleasure\s+of\s+receiving\b|\bmeet\s+tomorrow\b|\bwhen\s+they\s+meet\b",
            re.I,
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
    ("visit", 1, re.compile(r"\bvisit\b", re.I)),
]

# Phrases that look like triggers but report no encounter.
NOT_ENCOUNTER = re.compile(
    r"\b(?:meeting\s+(?:the|our|their|its|these|those|this|all|both|them|targets?|goals?|needs?|demands?|challenges?)\b(?!\s+(?:with|between))"
    r"|meet(?:s|ing)?\s+(?:the\s+)?(?:needs|demands|goals?|targets?|challenges?|requirements|obligations|deadline|standards?)"
    r"|(?:board|shareholders|cabinet|council|committee|commission)\s+meeting|invitation)\b",
    re.I,
)

# Side meetings: held on the margins of another event.
SIDE = re.compile(
    r"\b(?:on\s+the\s+(?:sidelines?|margins?)\s+of|on\s+the\s+sideline|side\s+meeting|separate\s+meetings?)\b", re.I
)

# Phone calls and virtual meetings have no place.
VIRTUAL = re.compile(r"\b(?:virtual(?:ly)?|video\s*(?:conference|link|call)|videoconference|by\s+video)\b", re.I)

# Titles of transcripts and readouts: the document's own encounter.
TITLE_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "phone_call",
        re.compile(r"\b(?:telephone|phone)\s+(?:conversation|call|talks?)\b|\bcall\s+with\b|\bcall\s+between\b", re.I),
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
    ("meeting", re.compile(r"\bmeeting\b|\bmeets\b|\bbilateral\b|\bmet\s+with\b", re.I)),
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


# Cheap first look: a sentence without any of these words has no trigger.
ANY = re.compile(
    r"(?i:\b(?:met|meet|meets|meeting|meetings|talks|talked|talk|negotiations|phone|telephone|call|called|spoke|speak|"
    r"visit|visits|visited|visiting|summit|press|news|statements?|gaggle|questions|bilat|bilateral|welcome[ds]?|"
    r"receiv(?:ed|ing)|host(?:ed|s)?|arrive[ds]?|I|video\s*call|discussion))\b"
)


def sentence_triggers(text: str, start: int, end: int) -> list[tuple[str, int, int, int]]:
    """``(kind, strength, start, end)`` of each trigger in ``text[start:end]``, strongest first,
    skipping those inside a phrase that reports no encounter."""
    bad = [(m.start(), m.end()) for m in NOT_ENCOUNTER.finditer(text, start, end)]
    out: list[tuple[str, int, int, int]] = []
    seen: list[tuple[int, int]] = []
    for kind, strength, pat in TRIGGERS:
        for m in pat.finditer(text, start, end):
            if any(s <= m.start() < e for s, e in bad):
                continue
            if any(s < m.end() and m.start() < e for s, e in seen):
                continue
            seen.append((m.start(), m.end()))
            out.append((kind, strength, m.start(), m.end()))
    out.sort(key=lambda t: (-t[1], t[2]))
    return out
