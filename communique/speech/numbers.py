"""Numbers as officials say them: "$1.2bn", "RUB 5 trillion", "two and a half billion dollars", "7%".

One compiled pattern finds a figure with its currency, scale word and unit;
:func:`parse_figure` turns the match into ``(value, unit)``. Quantity
libraries were tried and lose the scale or misread "a 7%", so this is ours.

Unit vocabulary (what ``Claim.unit`` holds, the shared gold's names):
``percent``, ``percentage points``, ISO 4217 codes (``USD``, ``EUR``, ``GBP``,
``CNY``, ``RUB``, ``JPY``, ``INR``, ``TRY``, ``SYP``), ``times`` (multipliers:
"two-fold", "doubled"), and counted things in the plural: ``people``,
``students``, ``doses``, ``tonnes``, ``tonnes per year``, ``barrels``,
``barrels per day``, ``degrees Celsius``, ``cubic metres``, ``MW``, ``GW``, ``km``, ``hectares``,
``companies``, ``jobs``, ``projects``, ``agreements``, ``contracts``,
``formats``, ``ships``, ``aircraft``, ``troops``, ``flights`` (see :data:`COUNT_NOUNS`);
any other counted thing or span of time is named by its plural noun (``agencies``, ``votes``,
``hours``, ``years``: see ``claims``).
"""

from __future__ import annotations

import math
import re

SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
    "an": 1,
}
SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "trln": 1e12,
    "tn": 1e12,
}
CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "gbp": "GBP",
    "yuan": "CNY",
    "renminbi": "CNY",
    "cny": "CNY",
    "rmb": "CNY",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "rub": "RUB",
    "yen": "JPY",
    "jpy": "JPY",
    "rupee": "INR",
    "rupees": "INR",
    "inr": "INR",
    "lira": "TRY",
    "liras": "TRY",
    "syrian pounds": "SYP",
}
CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "U.S.$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "₽": "RUB", "₹": "INR"}
CURRENCY_CODES = {"USD", "EUR", "GBP", "CNY", "RUB", "JPY", "INR", "TRY", "SYP"}

_WORD_NUM = r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# "62,8 percent", "1,5 billion": a decimal comma, told from a thousands comma by its one or two digits
# before a unit or scale word
_DECIMAL_COMMA = r"\d{1,3},\d{1,2}(?=\s?(?:%|per\s?cent|percent|million|billion|trillion|bn|mln|bln)\b|%)"
_SCALE = r"(?:hundred|thousand|million|billion|trillion|mln|bln|trln|bn|mn|tn|k|m|b)"
_CUR_WORD = r"(?:US\s+dollars|U\.S\.\s+dollars|dollars?|euros?|pounds(?:\s+sterling)?|yuan|renminbi|rubles?|roubles?|yen|rupees?|liras?)"

FIGURE = re.compile(
    rf"""
    (?<![\w$€£¥₽₹./:#@%-])
    (?P<sign>US\$|U\.S\.\$|[$€£¥₽₹])?\s?
    (?:(?P<code>USD|EUR|GBP|CNY|RUB|JPY|INR)\s?)?
    (?P<num>
        (?:{_DECIMAL_COMMA})
      | (?:{_DIGITS})
      | (?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+and\s+a\s+half)
      | (?:half\s+an?\b)
      | (?:{_WORD_NUM})
      | (?:a|an)(?=\s+(?:hundred|thousand|million|billion|trillion)\b)
    )
    (?:\s?(?P<range>[-–—]|to)\s?(?P<num2>{_DIGITS}))?
    (?:\s?(?P<scale>{_SCALE})\b(?!['’-]))?
    (?:[\s-]?(?P<pct>%|percent\b|per\s+cent\b|percentage\s+points?\b))?
    (?:\s?(?P<deg>°\s?C\b|degrees?\s+Celsius\b))?
    (?:\s(?P<curword>{_CUR_WORD})\b)?
    """,
    re.X | re.I,
)
MULTIPLIER = re.compile(
    rf"\b(?:(?P<n>{_WORD_NUM}|\d+(?:\.\d+)?)[- ]?fold\b|(?P<n2>{_WORD_NUM}|\d+(?:\.\d+)?)\s+times\s+(?:more|less|higher|lower|larger|bigger|greater|as\s+(?:much|many|high))|(?P<verb>doubled|tripled|trebled|quadrupled|halved))\b",
    re.I,
)
_MULT_VERBS = {"doubled": 2.0, "tripled": 3.0, "trebled": 3.0, "quadrupled": 4.0, "halved": 0.5}

# counted things: noun (possibly after adjectives) -> unit name
COUNT_NOUNS: dict[str, str] = {
    "people": "people",
    "persons": "people",
    "individuals": "people",
    "citizens": "people",
    "residents": "people",
    "nationals": "people",
    "migrants": "people",
    "visitors": "people",
    "tourists": "people",
    "pilgrims": "people",
    "civilians": "people",
    "victims": "people",
    "lives": "people",
    "workers": "people",
    "employees": "people",
    "refugees": "people",
    "students": "students",
    "doses": "doses",
    "vaccines": "doses",
    "vaccine doses": "doses",
    "tonnes": "tonnes",
    "tons": "tonnes",
    "metric tons": "tonnes",
    "barrels": "barrels",
    "cubic metres": "cubic metres",
    "cubic meters": "cubic metres",
    "mw": "MW",
    "megawatts": "MW",
    "gw": "GW",
    "gigawatts": "GW",
    "km": "km",
    "kilometres": "km",
    "kilometers": "km",
    "hectares": "hectares",
    "companies": "companies",
    "firms": "companies",
    "enterprises": "companies",
    "jobs": "jobs",
    "projects": "projects",
    "agreements": "agreements",
    "contracts": "contracts",
    "formats": "formats",
    "ships": "ships",
    "vessels": "ships",
    "aircraft": "aircraft",
    "planes": "aircraft",
    "troops": "troops",
    "soldiers": "troops",
    "servicemen": "troops",
    "flights": "flights",
    "schools": "schools",
    "hospitals": "hospitals",
    "tanks": "tanks",
}
_NOUN_RX = "|".join(sorted((re.escape(k) for k in COUNT_NOUNS), key=len, reverse=True))
# up to three modifiers between the figure and its noun: "1 million Russian-speaking Israelis", "20 priority projects"
COUNTED = re.compile(
    rf"\s*(?:[—–-]\s*)?(?:of\s+)?(?P<mods>(?:(?!(?:{_NOUN_RX})\b)[\w'’-]+\s+){{0,3}}?)(?P<noun>{_NOUN_RX})\b(?P<rate>\s+(?:per|a)\s+(?:year|day|annum))?",
    re.I,
)
# "Israelis", "Syrians": a demonym plural counts people
DEMONYM_PLURAL = re.compile(r"\s*(?P<mods>(?:[\w'’-]+\s+){0,2}?)(?P<noun>[A-Z][a-z]+(?:is|ans|ese|ians))\b")


def word_value(s: str) -> float | None:
    """Value of a spelled-out number ("twenty-five", "two and a half", "half a")."""
    s = " ".join(s.lower().replace("-", " ").split())
    if s in {"half a", "half an"}:
        return 0.5
    if s.endswith(" and a half"):
        base = word_value(s[: -len(" and a half")])
        return None if base is None else base + 0.5
    total = 0.0
    for w in s.split():
        if w not in SMALL:
            return None
        total += SMALL[w]
    return total


def number_value(s: str) -> float | None:
    s = s.strip()
    if re.fullmatch(r"\d{1,3},\d{1,2}", s):
        return float(s.replace(",", "."))
    if re.fullmatch(_DIGITS, s):
        value = float(s.replace(",", ""))
        return value if math.isfinite(value) else None  # 309+ digits: past a float, and past any real figure
    return word_value(s)


def parse_figure(m: re.Match[str]) -> tuple[float, str | None, bool]:
    """``(value, unit or None, spelled)`` of a :data:`FIGURE` match; unit None means "count or bare"."""
    num = m.group("num")
    value = number_value(num)
    if value is None:
        return float("nan"), None, True
    spelled = not num[:1].isdigit()
    scale = (m.group("scale") or "").lower()
    if scale:
        if scale in {"m", "b", "k"} and not (m.group("sign") or m.group("code")):
            return float("nan"), None, spelled  # a bare "5 m" is metres, "3 k" is unclear
        value *= SCALES[scale]
    if not math.isfinite(value):  # 1e309 and beyond overflow to inf, which JSON cannot carry: not a figure
        return float("nan"), None, spelled
    unit: str | None = None
    if m.group("deg"):
        unit = "degrees Celsius"
    elif m.group("pct"):
        unit = "percentage points" if "point" in m.group("pct").lower() else "percent"
    elif m.group("sign"):
        unit = CURRENCY_SIGNS.get(m.group("sign"), "USD")
    elif m.group("code"):
        unit = m.group("code").upper()
    elif m.group("curword"):
        unit = CURRENCY_WORDS.get(" ".join(m.group("curword").lower().split()))
    return value, unit, spelled


def multiplier(m: re.Match[str]) -> float | None:
    if m.group("verb"):
        return _MULT_VERBS[m.group("verb").lower()]
    n = m.group("n") or m.group("n2")
    return number_value(n) if n else None
