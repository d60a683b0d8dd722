"""Where an encounter took place: cities, venues that stand for a city, and countries.

Why our own small gazetteer: the place of an encounter is a city ("Moscow",
"Hangzhou"), and records often name only a venue ("The Kremlin", "Oval
Office") or a room, which must map to its city. Capitals come from the entities
stage's country table (read-only); ``data/places.tsv`` adds venues and the
cities summits are held in. PLACE entities found by the entities stage are used
as well (see :func:`communique.encounters.stage`).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_COUNTRIES = _HERE.parent / "entities" / "data" / "countries.tsv"


_HISTORIC = {"SUN", "YUG", "CSK", "DDR", "SCG", "ANT", "YMD", "BUR", "ZAR", "TMP"}


@dataclass(frozen=True, slots=True)
class PlaceHit:
    start: int
    end: int
    place: str | None  # the city; None for a country or for transit ("Aboard Air Force One")
    country: str | None  # ISO3
    kind: str  # city | venue | country | transit


@dataclass(frozen=True, slots=True)
class _Entry:
    place: str | None
    country: str | None
    kind: str


def _rows(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    return [r for r in csv.reader(lines[1:], delimiter="\t")]


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, _Entry]:
    """Name → entry, loaded once."""
    table: dict[str, _Entry] = {}
    for row in _rows(_COUNTRIES):
        row += [""] * (6 - len(row))
        iso3, _, name, aliases, _, capital = row[:6]
        for n in [name, *[a for a in aliases.split("|") if a]]:
            table.setdefault(n, _Entry(None, iso3, "country"))
        if capital and iso3 not in _HISTORIC:
            table.setdefault(capital, _Entry(capital, iso3, "city"))
    for row in _rows(_HERE / "data" / "places.tsv"):
        row += [""] * (4 - len(row))
        name, iso3, kind, city = row[:4]
        if kind == "venue":
            table[name] = _Entry(city or None, iso3 or None, "venue")
        elif kind == "transit":
            table[name] = _Entry(None, None, "transit")
        else:
            table[name] = _Entry(city or name, iso3 or None, "city")
    for extra, iso3 in (("Russia", "RUS"), ("the United States", "USA"), ("China", "CHN"), ("Britain", "GBR")):
        table.setdefault(extra, _Entry(None, iso3, "country"))
    return table


_TOKEN = re.compile(r"[^\s,]+|,")
_SEQ = re.compile(r"[A-Z0-9][\w'’.-]*(?:(?:\s+|\s*,\s*|(?:\s+(?:of|the|de|el|la|al))+\s+)[A-Z][\w'’.-]*)*")


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str], int]:
    """Normalised name → gazetteer name, and the longest name in words."""
    idx = {" ".join(n.replace(",", " , ").split()): n for n in gazetteer()}
    return idx, max((len(k.split()) for k in idx), default=1)


def lookup(name: str) -> tuple[str | None, str | None, str] | None:
    """``(city, iso3, kind)`` for a known place name, else None."""
    e = gazetteer().get(name.strip()) or gazetteer().get(name.strip().removeprefix("the ").removeprefix("The "))
    return (e.place, e.country, e.kind) if e else None


def places_in(text: str, start: int, end: int) -> list[PlaceHit]:
    """Known places named in ``text[start:end]``: capitalised runs looked up word n-gram by n-gram
    (one pass and dictionary look-ups, much faster than one big alternation)."""
    out: list[PlaceHit] = []
    for m in _SEQ.finditer(text, start, end):
        out += _run_hits(text, m)
    return out


def located_places(text: str, start: int, end: int) -> list[PlaceHit]:
    """The places of ``text[start:end]`` introduced as a location (see :func:`located`): only the
    capitalised runs right after "in", "at", "to"… are looked up, so a sentence full of names costs little."""
    out: list[PlaceHit] = []
    for p in _BEFORE_PLACE.finditer(text, start, end):
        run = _SEQ.match(text, p.end(), end)
        if run:
            out += [h for h in _run_hits(text, run, first_only=True) if located(text, h)]
    return out


def _run_hits(text: str, m: re.Match[str], first_only: bool = False) -> list[PlaceHit]:
    """The places of one capitalised run, longest name first from each word (or from its first only)."""
    idx, longest = _index()
    table = gazetteer()
    out = []
    toks = [(t.start(), t.end()) for t in _TOKEN.finditer(m.group())]
    base = m.start()
    i = 0
    while i < len(toks):
        hit = None
        for j in range(min(len(toks), i + longest), i, -1):
            s0, e0 = base + toks[i][0], base + toks[j - 1][1]
            key = " ".join(text[s0:e0].replace(",", " , ").split())
            name = idx.get(key) or idx.get(key.rstrip("."))
            if name:
                if key != name and key.rstrip(".") == name:
                    e0 -= 1
                hit = (s0, e0, name, j)
                break
        if hit:
            e = table[hit[2]]
            out.append(PlaceHit(hit[0], hit[1], e.place, e.country, e.kind))
            i = hit[3]
        elif first_only:
            break
        else:
            i += 1
        if first_only:
            break
    return out


_PREP = re.compile(
    r"(?:\b(?:in|at|to|inside|here\s+in|hosted\s+in|held\s+in)\s+(?:the\s+)?"
    r"|\b(?:resort|city|town|port|village|capital|suburb)\s+of\s+)$",
    re.I,
)


_BEFORE_PLACE = re.compile(
    r"\b(?i:in|at|to|inside|(?:resort|city|town|port|village|capital|suburb)\s+of)\s+(?:the\s+)?(?=[A-Z0-9])"
)


def located(text: str, hit: PlaceHit) -> bool:
    """Whether the place is introduced as a location ("in Moscow", "at the Kremlin", "to St Petersburg",
    "the Black Sea resort of Sochi")."""
    return bool(_PREP.search(text[max(0, hit.start - 20) : hit.start]))


# Seas, regions and continents: places, but never where two leaders sit down together.
_NOT_A_SITE = re.compile(
    r"\b(?:Sea|Ocean|Gulf|Strait|Straits|Peninsula|Region|Mountains|River|Basin|Coast|Continent)\b"
    r"|^(?:the\s+)?(?:Middle\s+East|Near\s+East|Far\s+East|Indo-Pacific|Asia-Pacific|Pacific|Atlantic|Arctic|Europe"
    r"|Asia|Africa|Latin\s+America|South\s+America|North\s+America|Central\s+Asia|South\s+Caucasus|Caucasus"
    r"|Balkans|Western\s+Balkans|Sahel|Levant|Scandinavia|Eurasia|Donbas|Donbass)$"
)


def is_site(name: str) -> bool:
    """Whether a place name (not in the gazetteer) can be where an encounter is held."""
    return not _NOT_A_SITE.search(name.strip())


def from_line(line: str) -> tuple[str | None, str | None, bool]:
    """The place a dateline or location line names: ``(city, iso3, found)``.

    "The Kremlin, Moscow" → Moscow; "Novo-Ogaryovo, Moscow Region" → Novo-Ogaryovo;
    "Oval Office" → Washington; "Aboard Air Force One" → no place (found, but None).
    """
    parts = [p.strip(" .") for p in line.split(",") if p.strip(" .")]
    venue: tuple[str | None, str | None] | None = None
    country = None
    for p in parts:
        hit = lookup(p)
        if hit is None:
            for h in places_in(p, 0, len(p)):
                if h.kind == "transit":
                    return None, None, True
            continue
        city, iso3, kind = hit
        if kind == "transit":
            return None, None, True
        if kind == "city":
            return city, iso3, True
        if kind == "venue" and venue is None:
            venue = (city, iso3)
        if kind == "country":
            country = iso3
    if venue:
        return venue[0], venue[1], True
    if parts and len(parts) >= 2 and country and re.fullmatch(r"[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3}", parts[0]):
        return parts[0], country, True  # "Hakone, Japan": an unknown city with a known country
    return None, country, country is not None
