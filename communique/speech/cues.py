"""Reporting cues: the verbs and phrases that turn a span of text into someone's words.

One list per use, compiled once. Direct quotes accept the widest set (the
quote marks already say "these are words"); indirect quotes in narrative need
a verb that reports speech or a stated position; inside a speaker's turn only
plain verbs of saying count, because a leader describing what someone *did*
is his own claim, not a quotation.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def lists() -> dict[str, tuple[str, ...]]:
    """Every cue list of ``data/cues.tsv`` by name (``list<TAB>regex fragment`` rows)."""
    text = resources.files("communique.speech").joinpath("data", "cues.tsv").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, frag = line.partition("\t")
        if not frag.strip():
            raise ValueError(f"cues.tsv: a row without a pattern: {line!r}")
        out.setdefault(name.strip(), []).append(frag.strip())
    return {k: tuple(v) for k, v in out.items()}


def alt(name: str) -> str:
    """The list ``name`` as one regex alternation (longest first, so "pointed out" beats "pointed")."""
    return "|".join(sorted(lists()[name], key=len, reverse=True))


_DIRECT_VERBS = alt("direct_verb")
# reporting verb, optional "in a statement"-like adjunct, optional "that", punctuation, then the quote
DIRECT_BEFORE = re.compile(
    rf"\b(?P<verb>{_DIRECT_VERBS})"
    r"(?P<adj>\s+(?:in|on|at|during|via|through|to|after|before|while|when)\s+[^,:;“”\"]{1,70}?)?"
    r"(?:,?\s+(?:and\s+I\s+)?quote,?)?"
    r"(?:\s+that)?\s*[,:;]?\s*$"
)
# "according to X," / "As per the statement," / "in the words of X,"
ACCORDING = re.compile(r"\b(?:according to|as per|in the words of)\s+(?P<subj>[^,:;]{2,90}?)\s*[,:]?\s*$", re.I)
# "Sputnik quoted Peskov … saying:" and "… quoting the foreign minister Lavrov:"
QUOTING = re.compile(
    r"\b(?P<verb>quoted|quoting|cited|citing)\s+(?P<obj>.{2,140}?)(?:\s+as)?(?:\s+(?:saying|stating|adding|to say))?\s*[,:;]?\s*$",
    re.I | re.S,
)
# '…,” said Lavrov.' / '…,” he added.' / '…,” the minister said'
AFTER_VERB_FIRST = re.compile(rf"^\s*[,.]?\s*(?P<verb>{_DIRECT_VERBS})\s+(?P<subj>[^,.;:“”\"]{{2,80}}?)\s*(?:[,.;]|$)")
AFTER_SUBJ_FIRST = re.compile(
    rf"^\s*[,.]?\s*(?P<subj>[^,.;:“”\"]{{2,80}}?)\s+(?:also\s+|then\s+|later\s+)?(?P<verb>{_DIRECT_VERBS})\b"
)
# the label form of stakeholder round-ups: "Name, Title:" or "[Org President Name](url):"
_BOLD_COLON = r"\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*$"  # ':' or '**:**' ending a label
MD_LABEL = re.compile(r"\[(?P<subj>[^\[\]]{2,200}?)\s*:?\s*\]\([^)]*\)\s*(?:\*\*|__)?\s*:?\s*(?:\*\*|__)?\s*$")
# a label on its own line, a name wrapped onto a second line allowed ("**Sen. Ted\nCruz**:")
LABEL = re.compile(
    r"(?:^|\n)\s*(?P<subj>[^\n:“”\"]{2,160}?(?:\n[^\n:“”\"\[\]]{1,60}?)?)\s*(?:\]\([^)]*\))?\s*:?" + _BOLD_COLON
)

# A quote that opens with a verb continues its subject's clause: X “expressed gratitude …”
PARTIAL_VERB = re.compile(r"^(?:also\s+)?[a-z]+(?:ed|es)\b")

# Narrative (readouts, news): verbs whose object is a stated position.
INDIRECT_VERBS = re.compile(rf"\b(?P<verb>{alt('indirect_verb')})\b")
# Inside a turn: only plain verbs of saying, so a leader's account of deeds stays his own.
TURN_VERBS = re.compile(rf"\b(?P<verb>{alt('turn_verb')})\b")
ADVERBS = rf"(?:(?:{alt('adverb')})\s+)*"
# Courtesies are acts, not positions: "reaffirmed his invitation", "conveyed his greetings".
COURTESY_OBJECT = re.compile(
    rf"\s*(?:his|her|their|its|the)?\s*(?:sincere\s+|warm\s+|best\s+)?(?:{alt('courtesy_object')})",
    re.I,
)
# Fronted adverbials that may precede the subject of a main reporting clause.
FRONTED = re.compile(rf"(?:{alt('fronted')})\b[^,;]{{0,80}},\s*")
CONTINUATION = re.compile(rf"^(?:{alt('continuation')})\b")
STATEMENT_REF = re.compile(
    r"\b(?:as per|according to|in)\s+the\s+(?:statement|communiqu[ée]|release|readout)\b|\bthe\s+statement\b", re.I
)
# A stated position named by a noun: "his view is that …", "President Biden’s comment that …".
NOMINAL = re.compile(
    r"(?P<owner>\b(?:[Hh]is|[Hh]er)|(?:\b[Tt]he\s+)?\b[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}[’']s)\s+"
    r"(?:(?:own|firm|clear|strong|stated|public|repeated)\s+)?"
    rf"(?P<noun>{alt('nominal_noun')})\s+(?:(?:is|was|has\s+been|remains)\s+)?that\b"
)

# "we heard the President say …": speech perceived by the voice that reports it
HEARD = re.compile(
    r"\b(?:heard|hear|hearing)\s+(?P<subj>him|her|them|(?:the\s+|our\s+)?[A-Za-z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
    rf"\s+(?:{ADVERBS})(?P<verb>{alt('perceived_verb')})\b"
)
