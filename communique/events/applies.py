"""Which lexicon matches may be events: the checks made before any actor is looked up.

Why a module of its own: most trigger words are also used in ways that
report no event — a courtesy ("Thank you very much"), a reference to an
encounter already coded ("during our talks"), a modifier ("the negotiating
team"), "thanks to" meaning "because of" — and telling them apart needs only
the words around the match. Doing it first keeps the coder from splitting
sentences and resolving actors where nothing can be coded (the stage's
budget is about 1.5 ms per 1,000 words), and keeps these genre rules in one
readable place.
"""

from __future__ import annotations

import re

from communique.events.lexicon import Entry
from communique.events.scan import prev_word

COURTESY = re.compile(
    r"(?i)^\W*(?:(?:Mr|Mrs|Ms|Madam|Mister|Dr)\.?\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?\s*,\s*)?"
    r"(?:(?:and|well|so|oh|okay|ok|all right|alright|again|once again|many)\W+)*(?:thank you|thanks)\b"
    r"(?:\s+(?:so|very)\s+much|\s+(?:all|again|indeed|everyone|everybody|folks|both|once again|(?:so|very)\s+much))*"
    r"(?:\s*,?\s*(?:(?:Mr|Mrs|Ms|Madam|Mister|Dr)\.?\s+)?(?:[A-Z][\w.’'-]*\s*){0,3})?"
    r"(?:,?\s*for\s+(?:(?:joining|jumping|hopping|being|having|coming|inviting|hosting|taking|making|doing)\b.*|"
    r"your time|your attention|(?:this|the|your|such a|a)\s+(?:warm\s+|kind\s+|wonderful\s+|generous\s+)?"
    r"(?:welcome|reception|hospitality)))?\W*$"
)

_THANKS_TO_CAUSE = re.compile(r"(?i)thanks to\b")

# "my thanks to", "special thanks to": thanks given; bare "thanks to the plan" means "because of"
_THANKS_GIVEN = re.compile(r"(?i)\b(?:my|our|special|many|sincere|heartfelt|deep|warm|warmest|big)\s+$")

# a noun naming an encounter is an event when a verb makes it happen ("had a meeting", "held talks")
_LIGHT_VERB = re.compile(
    r"(?i)\b(?:ha(?:ve|s|d|ving)|hold(?:s|ing)?|held|conduct(?:s|ed|ing)?|attend(?:s|ed|ing)?|"
    r"participat(?:e|es|ed|ing) in|t(?:ake|akes|ook|aken|aking) part in|finish(?:ed|es|ing)?|conclud(?:e|ed|es|ing)|"
    r"complet(?:e|ed|es|ing)|beg(?:in|an|un|ins|inning)|start(?:s|ed|ing)?|resum(?:e|ed|es|ing)|"
    r"pa(?:y|ys|id|ying)|ma(?:de|ke|kes|king)|on|arrang(?:e|ed|ing)|organi[sz](?:e|ed|ing)|"
    r"agreed to|plan(?:s|ned)? to|will|would)"
    r"\s+(?:(?:a|an|the|their|our|his|her|its|two|first|second|third|another|very|most|productive|intensive|"
    r"good|long|detailed|informal|official|bilateral|substantive|frank|constructive|useful|telephone|phone|"
    r"separate|working|state|short|brief|lengthy|extensive|comprehensive|new|next|further|more|expanded|be)\s+){0,4}$"
)

_HELD_AFTER = re.compile(
    r"\s+(?:(?:was|were|is|are|has been|have been|will be|had been|being)\s+)?(?:held|taking place|took place|(?:will )?take place)\b"
)

# "the American negotiating team": a participle qualifying a noun, not a verb
_ADJ_ING_NEXT = re.compile(
    r"\s+(?:team|teams|table|partner|partners|position|positions|process|group|groups|round|rounds|"
    r"session|sessions|mandate|party|parties|side|sides|format|formats|delegation|delegations|mechanism|"
    r"platform|body|bodies|committee|partnership|room|point|agenda)\b"
)

ADDR_NEXT = re.compile(
    r"^\s*(?:you|your|him|her|them|the\s+|his\s+|her\s+)?(?:[A-Z][\w.’'-]*\s+){0,2}?(?i:president|prime minister|minister|"
    r"chancellor|king|queen|emir|sheikh|crown prince|prince|secretary|delegation|mr|mrs|ms|madam|leaders?|counterparts?|"
    r"colleagues?|friends?|guests?|premier|vice|foreign|defen[cs]e|envoys?|ambassadors?|officials?)\b|^\s*(?:you|him|her|them)\b"
)

_DET_BEFORE = re.compile(
    r"(?:\b(?:a|an|the|this|that|these|those|my|your|his|her|its|our|their|whose|every|each|any|no)|['’]s)"
    r"\s+(?:(?!(?:will|would|shall|to|can|could|may|might|must|should|did|does|do|not|also)\b)[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)

_NOUN_FORMS = frozenset({"visit", "visits", "meeting", "meetings", "call", "calls", "fight", "fights", "battle"})

_DEMAND_NOUN = frozenset(
    "meet meets meeting growing rising strong high higher increased increasing global domestic consumer market "
    "energy".split()
)

# the words that may stand right before "must"/"should" when someone is asked to act (names are capitalised)
_ASKED = frozenset(
    "you and or also still really certainly definitely now then all both sides side countries nations parties "
    "governments government authorities leaders forces regime rebels troops".split()
)

_ENABLE_BEFORE = re.compile(r"\b(?:will|would|to|can|could|which|that|may|might)\s+$", re.IGNORECASE)

_JOINT_CUE = re.compile(
    r"\b(?:and|both|two|together|jointly|they|They|their|leaders|presidents|Presidents|sides|parties)\b"
)

# objects that are carried out or satisfied, not people: "executed a warrant", "meet the demand"
_THING_NEXT = re.compile(
    r"(?:\s+(?:of\s+)?(?:a|an|the|its|their|his|her|this|that|our|these)?\s*(?:[\w-]+\s+){0,2}?)"
    r"(?:warrant|warrants|order|orders|plan|plans|contract|contracts|agreement|agreements|deal|deals|strategy|"
    r"search|transaction|transactions|transfer|program|programme|policy|project|operation|task|tasks|will)\b"
)
_GOAL_NEXT = re.compile(
    r"\s+(?:[\w’'-]+\s+){0,3}?(?:need|needs|demand|demands|challenge|challenges|goal|goals|target|targets|"
    r"requirement|requirements|obligation|obligations|expectation|expectations|standard|standards|criteria|"
    r"deadline|deadlines|threshold|commitment|commitments)\b"
)
_ADJ_BEFORE = re.compile(r"\b(?:the|an|a|already|mutually|jointly)\s+$", re.IGNORECASE)


def applies(
    text: str, ts: int, te: int, entry: Entry, s: int, e: int, cs: int = -1, ce: int = -1, record: bool = False
) -> bool:
    """Whether a lexicon line applies at this match: not a courtesy, not a mere reference, not a modifier.

    * "Thank you." / "Thank you very much, Mr President." is a courtesy, not an act of support;
    * a noun naming an encounter ("noun" lines, and "visit" used as a noun) is an event only
      when a verb makes it happen ("had a meeting", "paid a visit", "talks were held") —
      "during our talks", "this visit" refer to an encounter already coded;
    * "-ing" before an organisational noun ("the negotiating team") qualifies it;
    * the cheap conditions of some lines, tested before any actor is looked up: an addressee
      after "welcome"/"receive" ("addr"), an asker before "should" ("modal"), a joint subject
      for an intention in a long record ("plan").
    """
    word = text[ts:te].split()[0].lower()
    flags = entry.flags
    if "addr" in flags and not ADDR_NEXT.match(text[ts + len(word) : ts + len(word) + 60]):
        return False
    if "modal" in flags:
        prev = prev_word(text, ts, s)
        if MODAL_PASSIVE.match(text, te) or prev == "I" or not (prev[:1].isupper() or prev.lower() in _ASKED):
            return False  # "it should be said", "we must", "the process should work": nobody is asked to act
    if (
        record
        and entry.type == "CONCEDE"
        and word.startswith("allow")
        and _ENABLE_BEFORE.search(text, max(s, ts - 12), ts)
    ):
        return False  # "will allow us to", "which would allow": makes possible, grants nothing
    if record and "plan" in flags and not _JOINT_CUE.search(text, max(s, ts - 120), ts):
        return False
    if entry.type == "SUPPORT" and word.startswith("thank"):
        clause = text[cs:ce] if 0 <= cs < ce else text[s:e]
        if COURTESY.match(text[s:e]) or COURTESY.match(clause):
            return False
        if _THANKS_TO_CAUSE.match(text, ts) and not _THANKS_GIVEN.search(text, max(s, ts - 12), ts):
            return False
    if word in ("demand", "demands") and prev_word(text, ts, s).lower() in _DEMAND_NOUN:
        return False  # "to meet growing demand"
    nominal = "noun" in entry.flags or (
        word in _NOUN_FORMS and _DET_BEFORE.search(text, max(s, ts - 60), ts) is not None
    )
    if nominal:
        before = " ".join(text[max(s, ts - 80) : ts].split()) + " "
        if not (_LIGHT_VERB.search(before) or _HELD_AFTER.match(text, te, e)):
            return False
    if word.endswith("ing") and " " not in text[ts:te].strip() and _ADJ_ING_NEXT.match(text, te, e):
        return False
    if word.startswith("execut") and _THING_NEXT.match(text, te, min(e, te + 40)):
        return False  # "executed a seizure warrant": carried out, nobody killed
    if word in ("meet", "meets", "met", "meeting") and _GOAL_NEXT.match(text, te, min(e, te + 50)):
        return False  # "meet Ukraine's urgent need", "met the deadline": satisfied, nobody met
    if word == "agreed" and _ADJ_BEFORE.search(text, max(s, ts - 12), ts):
        return False  # "the agreed schedule"
    if word in ("plan", "plans") and _DET_BEFORE.search(text, max(s, ts - 60), ts):
        return False  # "the Action Plan to implement": a document, not an intention
    return True


MODAL_PASSIVE = re.compile(
    r"\s+(?:not\s+|also\s+|\w+ly\s+)*(?:be|have been)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|ld|nt|ght|id)\b"
)
