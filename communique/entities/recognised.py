"""What the statistical recogniser found, made ready for the entities stage.

The recogniser (``recogniser.py``) proposes spans; the stage's rules and lists stay first
(a title cue, a speaker label or a reference name wins where they overlap). Here its
PERSON spans become person candidates with titles, possessives and non-name words
trimmed, and its ORG and PLACE spans become organisations and places, linked to the
reference data when a list holds them. Speaker labels at a line start ("AIDE:",
"OPERATOR:") are the turns stage's business and never a recognised name.
"""

from __future__ import annotations

import re

from communique.entities import roles
from communique.entities.gazetteer import Hit
from communique.entities.kb import KB
from communique.entities.orgs import HEADS
from communique.entities.people import STOP, PersonCand, good_name, name_words
from communique.entities.recogniser import common_words, get_recogniser
from communique.textutil import SpanIndex

Span = tuple[int, int, str]

# offices and occupations written before a name ("SBA Administrator Kelly Loeffler", "Fox News anchor Bret Baier")
_OCCUPATIONS = {
    "administrator", "director", "chairman", "chairwoman", "chair", "ceo", "cfo", "coo", "founder", "co-founder",
    "commissioner", "anchor", "host", "correspondent", "reporter", "editor", "columnist", "analyst", "mayor",
    "attorney", "judge", "justice", "coach", "commentator", "author", "executive", "officer", "chief", "head",
    "spokesperson", "spokesman", "spokeswoman", "congressman", "congresswoman", "senator", "representative",
    "governor", "lieutenant", "superintendent", "surgeon", "adviser", "advisor", "assistant", "deputy", "acting",
}  # fmt: skip
_TITLE_WORDS = (
    _OCCUPATIONS
    | {w.lower() for t in roles.TITLES for w in t.split()}
    | {
        "the",
        "mr",
        "mrs",
        "ms",
        "dr",
        "his",
        "her",
        "former",
        "madam",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "sgt",
    }
)
_LEAD = re.compile(r"[\w.’'-]+\s+")
_POSSESSIVE = re.compile(r"['’]s?$")


def recognise(flat: str, text: str, regions: list[tuple[int, int]]) -> list[Span]:
    """The recogniser's spans over the stage's working text, inside the regions read.

    ``text`` has line breaks as spaces; blank lines of ``flat`` are put back so that the
    recogniser does not read across paragraphs (same length, same offsets)."""
    if "\n\n" in flat:
        chars = list(text)
        for m in re.finditer(r"\n(?=\n)", flat):
            chars[m.start()] = "\n"
            chars[m.start() + 1] = "\n"
        text = "".join(chars)
    out: list[Span] = []
    for s, e in regions:
        out += [(a + s, b + s, lab) for a, b, lab in get_recogniser().spans(text[s:e])]
    return [sp for sp in out if not _is_label(text, sp)]


def _is_label(text: str, sp: Span) -> bool:
    """An upper-case speaker label ("AIDE:", "MS. PSAKI:"): the turns stage reads those."""
    if not text[sp[0] : sp[1]].isupper() or not re.match(r"[ \t]*:", text[sp[1] : sp[1] + 3]):
        return False
    line = text.rfind("\n", 0, sp[0]) + 1
    head = text[line : sp[0]]
    return not head.strip() or head.isupper() or len(head) < 12


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Leading titles and articles out, a trailing possessive or dot out."""
    while True:
        m = _LEAD.match(text, s, e)
        word = m.group().strip().lower().rstrip(".") if m else ""
        if m and (word in _TITLE_WORDS or word in common_words()):
            s = m.end()  # "President", "Later": a title or a sentence's first word, not the name
        else:
            break
    m = _POSSESSIVE.search(text, s, e)
    if m:
        e = m.start()
    while e > s and text[e - 1] in ".,;:-’'":
        e -= 1
    return s, e


# Words that end an organisation's name, never a person's: the organisation heads of ``orgs.py``
# and the endings of company names.
_ORG_END = re.compile(
    rf"\b(?:{HEADS}|Cabinet|Futures|Aerospace|Holdings|Industries|Technologies|Systems|Airlines|Motors|Partners|"
    r"Ventures|Labs|Inc|Ltd|LLC|Group|Trust|Caucus|Initiative|Program|Programme|Project|Fellowship)\b"
)
_OUTLET = re.compile(r"(?P<outlet>[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3})['’]s +(?=[A-Z])")


def person_cands(found: list[Span], text: str, cands: list[PersonCand], hits: list[Hit], kb: KB) -> list[PersonCand]:
    """Person candidates for recognised PERSON spans that no rule found.

    A span overlapping a candidate of a title cue, label or apposition is left to it; one
    that widens a lone first name ("Steve" -> "Steve Holland") joins it. One word alone is
    not a candidate: the stage links lone words to the people found ("Yoshi", "Joe") later."""
    strong = SpanIndex((c.start, c.end) for c in cands if c.source not in ("given", "vocative"))
    named = SpanIndex((h.start, h.end) for h in hits)
    out = []
    for s, e, lab in found:
        if lab != "PERSON":
            continue
        s, e = _trim(text, s, e)
        o = _OUTLET.match(text, s, e)
        if o:  # "Breitbart’s Matthew Boyle": the outlet, then the person
            s, e = _trim(text, o.end(), e)
        if e <= s or strong.meets(s, e):
            continue
        if named.contains(s, e):
            continue  # inside a reference name (a place, an organisation, a country)
        words = name_words(text[s:e])
        if len(words) < 2 or not all(w[:1].isupper() for w in words) or any(w in STOP for w in words):
            continue  # a lone word is left to the stage's lone-word linking (surnames, first names)
        if not good_name(words, kb) or any(len(w) == 1 for w in words[-1:]):
            continue
        if all(w.lower() in common_words() for w in words) or words[-1].lower() in common_words():
            continue  # "Policy Issues", "Quad Vaccine Partnership": common words, not a name
        if _ORG_END.search(text, s, e):
            continue  # "Jobs Cabinet", "Schmidt Futures": an organisation's ending
        out.append(PersonCand(s, e, text[s:e], words, source="ner"))
    return out


_DEM_BEFORE = re.compile(r"(?P<dem>[A-Z][\w.]+)(?: [a-z-]+){0,2} $")
_OF_AFTER = re.compile(r",? (?:of|from) (?:the )?(?P<c>[A-Z][\w.]+(?: [A-Z][\w.]+){0,3})")


def country_said(text: str, s: int, e: int, kb: KB) -> str | None:
    """The country the text gives a person: "Turkish journalist Ahmet Yilmaz", "Ahmet Yilmaz of Turkey"."""
    m = _DEM_BEFORE.search(text, max(0, s - 40), s)
    if m and m.group("dem") in kb.demonyms:
        return kb.demonyms[m.group("dem")]
    m = _OF_AFTER.match(text, e)
    if m:
        words = m.group("c").split()
        for k in range(len(words), 0, -1):
            iso = kb.country_names.get(" ".join(words[:k]))
            if iso:
                return iso
    return None


def other_spans(found: list[Span], text: str, kb: KB) -> list[tuple[int, int, str, str, str | None]]:
    """Recognised organisations and places as (start, end, type, name, country)."""
    out = []
    for s, e, lab in found:
        if lab == "PERSON":
            o = _OUTLET.match(text, s, e)
            if o:  # "Breitbart’s Matthew Boyle": the outlet is an organisation
                lab, e = "ORG", o.end("outlet")
            elif _ORG_END.fullmatch(text[s:e].split()[-1]):
                lab = "ORG"  # "Schmidt Futures": the recogniser's person with an organisation's ending
            else:
                continue
        if text.startswith(("the ", "The "), s):
            s += 4
        s, e = s, e
        while e > s and text[e - 1] in ".,;:-’'":
            e -= 1
        m = _POSSESSIVE.search(text, s, e)
        if m and m.start() > s:
            e = m.start()
        name = " ".join(text[s:e].split())
        if len(name) < 2 or not name[:1].isupper() or name in kb.country_names or name in kb.demonyms:
            continue
        if name in STOP or name.lower() in _TITLE_WORDS:
            continue
        typ = "ORG" if lab == "ORG" else "PLACE"
        country = None
        if typ == "PLACE":
            rec = kb.places.get(name)
            country = rec.country if rec else kb.capitals.get(name)
        else:
            first = name.split()[0]
            country = kb.demonyms.get(first) or kb.country_names.get(first)
        out.append((s, e, typ, name, country))
    return out


# A Markdown link whose label introduces a quote: "[Fox News’s Bret Baier](https://…): “…”"
_LINK_LABEL = re.compile(r"\[(?P<label>[^\[\]]{3,200}?)\]\((?:https?:|/)[^)\s]*\)(?=[*_]*\s*:)")


def link_labels(flat: str) -> list[tuple[int, int]]:
    """Spans of the labels of Markdown links that introduce a quote (read before the markup is blanked)."""
    return [m.span("label") for m in _LINK_LABEL.finditer(flat)] if "](" in flat else []


def _name_like(w: str, kb: KB, countries: bool = False) -> bool:
    """A word that can be part of a person's name (``countries``: a country's name may, as a
    surname can be one: "Jim Jordan")."""
    return (
        w[:1].isupper()
        and not (w.isupper() and len(w) > 1)
        and w not in STOP
        and w.lower() not in common_words()
        and w.lower() not in _TITLE_WORDS
        and w.split("-")[0].lower() not in _TITLE_WORDS  # "Ambassador-designate", "President-elect"
        and not _ORG_END.fullmatch(w)
        and (countries or (w not in kb.country_names and w not in kb.demonyms))
        and not w.endswith(("'s", "’s"))
    )


def label_people(labels: list[tuple[int, int]], text: str, kb: KB) -> list[PersonCand]:
    """The person a quote's link label ends with: "[Outlet’s Title First Last](url):" gives First Last.

    The name is the run of two to four name-like words at the label's end (capitalised, not a
    title, a common word, an organisation's ending or a country); an outlet or body alone
    ("[Rotary International](url):") gives nobody."""
    out = []
    for s, e in labels:
        words = list(re.finditer(r"\S+", text[s:e]))
        k = len(words)
        while k > 0 and _name_like(words[k - 1].group().strip("*_,"), kb, countries=True):
            k -= 1
        run = words[k:]
        while run and not _name_like(run[0].group().strip("*_,"), kb):
            run = run[1:]  # the name starts with a name word, not a country ("Jim Jordan" is kept)
        if run and k > 0 and words[k - 1].group().lower() in ("of", "for", "and"):
            run = run[1:]  # "Secretary of Agriculture Brooke Rollins": the word after "of" is the title's
        if not 2 <= len(run) <= 4:
            continue
        a, b = s + run[0].start(), s + run[-1].end()
        while b > a and text[b - 1] in "*_,":
            b -= 1
        out.append(PersonCand(a, b, text[a:b], name_words(text[a:b]), source="label"))
    return out
