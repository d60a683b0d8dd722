"""Reporting cues: the verbs and phrases that turn a span of text into someone's words.

One list per use, compiled once. Direct quotes accept the widest set (the
quote marks already say "these are words"); indirect quotes in narrative need
a verb that reports speech or a stated position; inside a speaker's turn only
plain verbs of saying count, because a leader describing what someone *did*
is his own claim, not a quotation.
"""

from __future__ import annotations

import re

_DIRECT_VERBS = (
    "said|says|added|adds|stressed|stresses|noted|notes|stated|states|declared|declares|emphasi[sz]ed|"
    "emphasi[sz]es|underlined|underscored|explained|explains|remarked|commented|wrote|writes|tweeted|posted|"
    "asserted|insisted|warned|warns|recalled|continued|concluded|affirmed|reaffirmed|pointed out|went on|"
    "replied|responded|answered|announced|observed|argued|urged|asked|acknowledged|confirmed|highlighted|"
    "told(?:\\s+(?:the\\s+)?[\\w'’-]+){0,3}|tells|reiterated|mentioned|put it|described it|called it"
)
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
MD_LABEL = re.compile(r"\[(?P<subj>[^\[\]]{2,200}?)\s*:?\s*\]\([^)]*\)\s*:?\s*$")
LABEL = re.compile(r"(?:^|\n)\s*(?P<subj>[^\n:“”\"]{2,160}?)\s*(?:\]\([^)]*\))?\s*:?\s*:\s*$")

# A quote that opens with a verb continues its subject's clause: X “expressed gratitude …”
PARTIAL_VERB = re.compile(r"^(?:also\s+)?[a-z]+(?:ed|es)\b")

# Narrative (readouts, news): verbs whose object is a stated position.
INDIRECT_VERBS = re.compile(
    r"\b(?P<verb>said|stated|noted|stressed|emphasi[sz]ed|underlined|underscored|highlighted|affirmed|reaffirmed|"
    r"confirmed|reiterated|made\s+clear|made\s+it\s+clear|pointed\s+out|pointed\s+to|raised|expressed|voiced|"
    r"conveyed|renewed|called\s+for|urged|warned|added|asserted|considered|suggested|told|explained|announced|"
    r"declared|insisted|argued|recalled|committed\s+to|assured|informed|briefed|outlined|set\s+out|"
    r"expressed\s+(?:his|her)\s+(?:concern|support|hope|view)|believes|thinks)\b"
)
# Inside a turn: only plain verbs of saying, so a leader's account of deeds stays his own.
TURN_VERBS = re.compile(
    r"\b(?P<verb>said|says|noted|stated|pointed\s+out|suggested|told\s+(?:me|us)|asked|stressed|"
    r"emphasi[sz]ed|underlined|made\s+(?:it\s+)?clear|warned|claimed|argued|insisted|declared|announced|promised|"
    r"has\s+said|have\s+said|had\s+said)\b"
)
ADVERBS = r"(?:(?:also|again|once\s+again|further|then|firmly|strongly|repeatedly|clearly|publicly|later|earlier)\s+)*"
# Courtesies are acts, not positions: "reaffirmed his invitation", "conveyed his greetings".
COURTESY_OBJECT = re.compile(
    r"\s*(?:his|her|their|its|the)?\s*(?:sincere\s+|warm\s+|best\s+)?(?:invitation|greetings|condolences|congratulations|"
    r"thanks|wishes|regards|sympathy|birthday)",
    re.I,
)
# Fronted adverbials that may precede the subject of a main reporting clause.
FRONTED = re.compile(
    r"(?:In|On|During|At|After|Before|Following|Regarding|As\s+for|As\s+to|With|Speaking|Turning|Regionally|"
    r"Separately|Meanwhile|However|Also|Moreover|Furthermore|In\s+addition|Additionally|Earlier|Later|"
    r"Specifically|Finally|Similarly|Likewise|Further|Today|Yesterday|Previously|For\s+his\s+part|For\s+her\s+part|"
    r"On\s+his\s+part|On\s+her\s+part)\b[^,;]{0,80},\s*"
)
CONTINUATION = re.compile(r"^(?:In particular|Specifically|In addition|Moreover|Furthermore)\b")
STATEMENT_REF = re.compile(
    r"\b(?:as per|according to|in)\s+the\s+(?:statement|communiqu[ée]|release|readout)\b|\bthe\s+statement\b", re.I
)
# A stated position named by a noun: "his view is that …", "President Biden’s comment that …".
NOMINAL = re.compile(
    r"(?P<owner>\b(?:[Hh]is|[Hh]er)|(?:\b[Tt]he\s+)?\b[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}[’']s)\s+"
    r"(?:(?:own|firm|clear|strong|stated|public|repeated)\s+)?"
    r"(?P<noun>view|position|comments?|remarks?|statement|message|assessment|belief|argument|assurances?|pledge|"
    r"promise|words|conviction)\s+(?:(?:is|was|has\s+been|remains)\s+)?that\b"
)
