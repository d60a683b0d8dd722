"""Modality of a coded event: asserted, intended, hypothetical, negated or reported.

Why it matters: diplomatic speech is mostly about what parties *will* do,
*would* do, or *have not* done; an event dataset that counts "we will never
recognise" as recognition is wrong in sign. The coder keeps such events and
marks them, and PLOVER's own rules use the mark: a promise of cooperation is
AGREE, a promise of harm is THREATEN, a refusal to cooperate in future is
REJECT (see :func:`communique.events.coder.retype`).

The cues are read in the clause before the trigger (and just after it for
"not"), which is where English puts auxiliaries, negation and conditionals.
"""

from __future__ import annotations

import re

ASSERTED, INTENDED, HYPOTHETICAL, NEGATED, REPORTED = "asserted", "intended", "hypothetical", "negated", "reported"

# The cue patterns run on the lower-cased window (faster than re.IGNORECASE), except _HYPO,
# whose "may" must not match the month; a leading look-ahead on first letters lets the engine skip
# other positions in C.
_NEG = re.compile(
    r"(?=[ncwdhiaw'’])(?:\b(?:not|never|no longer|n[o']t|cannot|can't|won't|didn't|doesn't|don't|haven't|hasn't|"
    r"hadn't|wouldn't|isn't|aren't|wasn't|weren't|neither|nor|without)\b|n’t\b|n't\b)"
)
_HYPO = re.compile(
    r"(?=[IiUuwcmsp])\b(?:[Ii]f|[Uu]nless|whether|could|might|may|would have|should it|in case|provided that|were to)\b"
)
_FUTURE = re.compile(
    r"(?=[wsg'’pirahetdlnf])\b(?:will|shall|would|'ll|’ll|going to|plans? to|planned to|planning to|"
    r"intends? to|intended to|intending to|ready to|willing to|prepared to|aims? to|hopes? to|expects? to|set to|"
    r"about to|look(?:s|ing)? forward to|want(?:s)? to|wish(?:es)? to|seeks? to|due to|to be held|"
    r"next (?:week|month|year)|tomorrow|soon)\b"
)
# "will continue/expand/strengthen" reports an ongoing relation rather than a new promise
_ONGOING = re.compile(
    r"(?=[ckrfeisdb])\b(?:continue|continues|keep|remain|further|expand|increase|strengthen|deepen|boost|step up)\b"
)
# a speech act done by saying it: "I would like to thank", "let me congratulate", "I want to express"
_WS = re.compile(r"\s+")
_PERFORMATIVE = re.compile(
    r"(?=[w'’la])(?:\b(?:would(?: \w+)? like to|'d like to|’d like to|want to|wish to|let me|allow me to)\s+(?:\w+\s+){0,2}$"
    r"|\b(?:would like to|'d like to|’d like to|want to|wish to|let me|allow me to)\s+(?:also\s+|once again\s+|again\s+|first\s+)?(?:express|convey|extend|say|offer)\s+(?:\w+\s+){0,3}$)"
)
# "any attack on the aircraft", "a potential strike", "every violation": an act spoken of in general,
# as a condition or a rule, not one that took place
_ANY = re.compile(r"(?=[aepf])\b(?:any|every|potential|eventual)\s+(?:[\w-]+\s+){0,2}$")
_REPORTED = re.compile(
    r"\b(?:said|says|say|told|reported|reports|according to|announced|stated|claimed|claims|quoted|cited|alleged)\b",
    re.IGNORECASE,
)


def modality(
    text: str, clause_start: int, trig_start: int, trig_end: int, speech_act: bool = False, wide: bool = False
) -> tuple[str, bool]:
    """The modality of a trigger and whether its future is an ongoing one ("will continue").

    Looks at the words from the clause start to the trigger. ``speech_act``:
    the trigger is an act done by saying it (thanks, congratulations, a
    request), so "I would like to thank" is asserted, not intended. ``wide``:
    the trigger is a noun whose verb may stand further back ("will participate
    in his first bilateral meeting"), so the future is looked for in the whole window.
    """
    before = _WS.sub(" ", text[max(clause_start, trig_start - 60) : trig_start])  # wrapped lines
    low = before.lower()
    if speech_act and _PERFORMATIVE.search(low):
        return ASSERTED, False  # "I would like to thank": the thanks is given now
    # the nearest few words carry the auxiliary; a negation far back usually belongs elsewhere
    near, low_near = before[-35:], low[-35:]
    ongoing = bool(_ONGOING.search(low_near) or _ONGOING.match(text[trig_start : trig_start + 20].lower()))
    hypo_near = _HYPO.search(near)
    neg = _NEG.search(low_near)
    if neg and "not only" not in low_near and not (hypo_near and hypo_near.start() < neg.start()):
        return NEGATED, ongoing  # ("if they are not prepared to": the condition governs)
    if _HYPO.search(before) or _ANY.search(low_near):
        return HYPOTHETICAL, ongoing
    if _FUTURE.search(low if wide else low_near):
        return INTENDED, ongoing
    return ASSERTED, ongoing


def is_reported(text: str, sent_start: int, sent_end: int, trig_start: int) -> bool:
    """A third party's report: "..., officials said" / "according to ..." around the event."""
    return bool(_REPORTED.search(text, sent_start, sent_end))
