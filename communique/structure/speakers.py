"""From a speaker label to a person's name: "President of Russia Vladimir Putin" → "Vladimir Putin".

A label is a title phrase followed by a name. The name is the run of tokens at
the end of the label that are neither title words nor words of a country's
name ("President of the Syrian Arab Republic Bashar al-Assad": the run stops
at "Republic"). Upper-case briefing labels ("MS. PSAKI") are put in title case.
Page-extraction artefacts that repeat the name ("Recep Tayyip Erdogan Erdogan
Recep TayyipPresident of Turkey") are cut at the first repeated name word.
"""

from __future__ import annotations

import re
from functools import lru_cache

TITLE_WORDS = {
    "president",
    "vice",
    "prime",
    "minister",
    "ministers",
    "foreign",
    "defence",
    "defense",
    "secretary",
    "general",
    "chancellor",
    "federal",
    "king",
    "queen",
    "emir",
    "amir",
    "sheikh",
    "sheikha",
    "crown",
    "prince",
    "princess",
    "sultan",
    "ambassador",
    "envoy",
    "special",
    "press",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "deputy",
    "first",
    "lady",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "his",
    "her",
    "excellency",
    "majesty",
    "highness",
    "royal",
    "senator",
    "sen.",
    "representative",
    "rep.",
    "governor",
    "gov.",
    "mayor",
    "chairman",
    "chairwoman",
    "chair",
    "chief",
    "executive",
    "director",
    "head",
    "leader",
    "commander",
    "admiral",
    "colonel",
    "lieutenant",
    "major",
    "captain",
    "sergeant",
    "speaker",
    "national",
    "security",
    "adviser",
    "advisor",
    "assistant",
    "aide",
    "counsellor",
    "counselor",
    "state",
    "affairs",
    "the",
    "of",
    "and",
    "for",
    "to",
    "on",
    "a",
    "an",
    "acting",
    "former",
    "senior",
    "official",
    "administration",
    "ministry",
    "cabinet",
    "council",
    "house",
    "white",
    "premier",
    "pm",
    "hon.",
    "honorable",
    "honourable",
    "rt.",
    "right",
    "sir",
    "dame",
    "lord",
    "mme",
    "m.",
    "sheik",
    "pope",
    "patriarch",
    "cardinal",
    "archbishop",
    "bishop",
    "imam",
    "ayatollah",
    "supreme",
    "grand",
    "majesty’s",
    "minister’s",
    "director-general",
    "secretary-general",
    "vice-president",
    "vice-premier",
    "co-chair",
    "under",
    "undersecretary",
    "under-secretary",
    "permanent",
    "plenipotentiary",
    "extraordinary",
    "commissioner",
    "high",
    "president-elect",
    "elect",
    "designate",
    "economy",
    "economic",
    "finance",
    "trade",
    "energy",
    "interior",
    "justice",
    "health",
    "education",
    "culture",
    "agriculture",
    "industry",
    "development",
    "emergencies",
    "emergency",
    "transport",
    "labour",
    "labor",
    "treasury",
    "homeland",
    "commerce",
    "intelligence",
    "staff",
    "joint",
    "chiefs",
    "armed",
    "forces",
    "army",
    "navy",
    "air",
    "force",
    "police",
    "central",
    "bank",
    "people’s",
    "people's",
    "republic",
    "federation",
    "kingdom",
    "united",
    "states",
    "arab",
    "islamic",
    "democratic",
    "socialist",
    "union",
    "emirates",
    "nations",
}


@lru_cache(maxsize=1)
def country_words() -> frozenset[str]:
    """Lower-case words of country names and demonyms (pycountry plus common short forms)."""
    words: set[str] = set()
    try:
        import pycountry

        for c in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                val = getattr(c, attr, None)
                if val:
                    words.update(w.lower().strip(",()") for w in val.split())
    except ImportError:  # pragma: no cover - pycountry is a dependency
        pass
    words.update(
        "russia russian russians syria syrian america american americans usa us u.s. uk u.k. britain british iran "
        "iranian turkey turkish türkiye korea korean china chinese japan japanese india indian israel israeli "
        "palestine palestinian egypt egyptian saudi iraq iraqi ukraine ukrainian france french germany german "
        "finland finnish belarus belarusian kazakhstan vietnam venezuela bolivia taiwan moldova".split()
    )
    return frozenset(words - {"and", "of", "the", "de", "da", "la", "le", "el", "al", "islands", "saint", "st."})


_UPPER_PARTICLES = {"AL", "EL", "BIN", "IBN", "VAN", "VON", "DE", "DA", "DEL", "DER", "LA", "LE", "BINT", "ABU"}


def _title_case(word: str) -> str:
    if word.upper() in _UPPER_PARTICLES:
        return word.lower()
    parts = re.split(r"([-‐’'])", word)
    out = []
    for i, p in enumerate(parts):
        if p in "-‐’'":
            out.append(p)
        elif i > 0 and parts[i - 1] in "’'" and len(p) == 1:
            out.append(p.lower())  # O'Brien keeps, but "people’s" s stays lower
        elif p.upper() in _UPPER_PARTICLES and i + 1 < len(parts) and parts[i + 1] in "-‐":
            out.append(p.lower())  # AL-KADHIMI -> al-Kadhimi
        else:
            out.append(p[:1].upper() + p[1:].lower())
    return "".join(out)


def _cut_repetition(tokens: list[str]) -> list[str]:
    seen: set[str] = set()
    for i, t in enumerate(tokens):
        key = t.lower().strip(".,")
        if key in seen and key not in TITLE_WORDS:
            short_repeat = i + 1 < len(tokens) and tokens[i + 1].lower().strip(".,") in seen
            if len(key) > 2 or short_repeat:  # "Xi Jinping Xi Jinping": a short word repeated with the next
                return tokens[:i]
        if t[:1].isupper():
            seen.add(key)
    return tokens


# Words of a company's or body's name that end a label's title phrase, not begin a person's name.
_ORG_WORDS = frozenset({"board", "management", "directors", "fund", "company", "corporation", "group", "agency"})


def _given_name_start(name_tokens: list[str]) -> int:
    """Where the person's name begins inside a run of capitalised words that also holds an
    organisation's name: after the last organisation word, else at a known first name that is not
    the run's first word ("Rosneft Igor Sechin"). 0 when the run is all name."""
    from communique.entities.people import GIVEN  # the reference list of common first names

    if len(name_tokens) < 3:
        return 0
    cut = max((k + 1 for k, t in enumerate(name_tokens[:-2]) if t.lower() in _ORG_WORDS), default=0)
    if cut:
        return cut
    if name_tokens[0] in GIVEN:
        return 0
    return next((k for k, t in enumerate(name_tokens[1:-1], start=1) if t in GIVEN), 0)


def name_from_label(label: str) -> tuple[str, str]:
    """Split a label (notes already removed) into (person name, title phrase)."""
    text = label.strip().rstrip(":").strip()
    upper = text.isupper()
    # glued artefacts such as "TayyipPresident": split a lower→upper joint
    text = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", text)
    tokens = _cut_repetition(text.split())
    if not tokens:
        return label.strip(), ""
    cw = country_words()
    i = len(tokens)
    while i > 0:
        low = tokens[i - 1].lower().strip(",")
        if low in TITLE_WORDS or low in cw:
            break
        i -= 1
    name_tokens = tokens[i:]
    title_tokens = tokens[:i]
    j = _given_name_start(name_tokens)
    if j:  # "Chairman of Gazprom Management Board Alexei Miller": the company is not part of the name
        title_tokens, name_tokens = title_tokens + name_tokens[:j], name_tokens[j:]
    if not name_tokens:  # a role alone ("THE PRESIDENT"): the role is all the label says
        name_tokens, title_tokens = tokens, []
    if upper:
        name_tokens = [_title_case(t) for t in name_tokens]
    return " ".join(name_tokens), " ".join(title_tokens)
