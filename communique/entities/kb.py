"""Reference data: countries, organisations, places and office holders, loaded once.

The tables ship as TSV files in ``entities/data`` (formats in ``data/README.md``).
Users extend them with files of the same formats: pass paths to :func:`load_kb`,
call :func:`add_kb_path`, or list them in the ``COMMUNIQUE_KB`` environment
variable (separated by ``os.pathsep``). A user file's table is recognised by its
header line, so one extension file may hold rows of one table only.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).with_name("data")
KB_VERSION = "2025.1"
ENV_VAR = "COMMUNIQUE_KB"


@dataclass(slots=True)
class CountryRec:
    iso3: str
    name: str
    aliases: list[str]
    demonyms: list[str]
    capital: str = ""


@dataclass(slots=True)
class OrgRec:
    id: str
    type: str
    name: str
    aliases: list[str]
    country: str | None


@dataclass(slots=True)
class PlaceRec:
    name: str
    aliases: list[str]
    country: str | None
    kind: str


@dataclass(slots=True)
class Office:
    country: str
    office: str
    start: str
    end: str  # "" = still in office

    def held_on(self, date: str | None) -> bool:
        """True when the office was held on ``date`` (YYYY[-MM[-DD]]); unknown date counts as held."""
        if not date:
            return True
        d = date[: max(len(self.start), 4)]
        return self.start[: len(d)] <= d and (not self.end or d <= self.end[: len(d)])


@dataclass(slots=True)
class PersonRec:
    id: str
    name: str
    spellings: list[str] = field(default_factory=list)
    shorts: list[str] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)

    @property
    def country(self) -> str | None:
        c = [o.country for o in self.offices if len(o.country) == 3 and o.country.isupper()]
        return c[-1] if c else None


@dataclass
class KB:
    countries: dict[str, CountryRec] = field(default_factory=dict)
    orgs: dict[str, OrgRec] = field(default_factory=dict)
    places: dict[str, PlaceRec] = field(default_factory=dict)
    people: dict[str, PersonRec] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    # derived indexes, built by :meth:`index`
    country_names: dict[str, str] = field(default_factory=dict)  # surface -> iso3
    demonyms: dict[str, str] = field(default_factory=dict)  # surface -> iso3
    capitals: dict[str, str] = field(default_factory=dict)  # city -> iso3

    def index(self) -> KB:
        self.country_names.clear()
        self.demonyms.clear()
        self.capitals.clear()
        for c in self.countries.values():
            for n in [c.name, *c.aliases]:
                self.country_names.setdefault(n, c.iso3)
            for d in c.demonyms:
                self.demonyms.setdefault(d, c.iso3)
            if c.capital:
                self.capitals.setdefault(c.capital, c.iso3)
        return self


def _split(v: str | None) -> list[str]:
    return [x.strip() for x in (v or "").split("|") if x.strip()]


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return list(reader.fieldnames or []), list(reader)


def _load_file(kb: KB, path: Path) -> None:
    header, rows = _rows(path)
    cols = set(header)
    if "iso3" in cols:
        for r in rows:
            iso3 = r["iso3"].strip()
            old = kb.countries.get(iso3)
            rec = CountryRec(
                iso3,
                r.get("name") or (old.name if old else iso3),
                _split(r.get("aliases")),
                _split(r.get("demonyms")),
                (r.get("capital") or "").strip(),
            )
            if old:
                rec.aliases = old.aliases + [a for a in rec.aliases if a not in old.aliases]
                rec.demonyms = old.demonyms + [a for a in rec.demonyms if a not in old.demonyms]
                rec.capital = rec.capital or old.capital
            kb.countries[iso3] = rec
    elif "office" in cols:
        for r in rows:
            pid = r["id"].strip()
            p = kb.people.get(pid)
            if p is None:
                p = kb.people[pid] = PersonRec(pid, r["name"].strip())
            for s in _split(r.get("spellings")):
                if s not in p.spellings:
                    p.spellings.append(s)
            for s in _split(r.get("short")):
                if s not in p.shorts:
                    p.shorts.append(s)
            if r.get("office"):
                p.offices.append(
                    Office(
                        r["country"].strip(),
                        r["office"].strip(),
                        (r.get("from") or "").strip(),
                        (r.get("to") or "").strip(),
                    )
                )
    elif "kind" in cols:
        for r in rows:
            kb.places[r["name"].strip()] = PlaceRec(
                r["name"].strip(),
                _split(r.get("aliases")),
                (r.get("country") or "").strip() or None,
                r.get("kind") or "",
            )
    elif "type" in cols:
        for r in rows:
            kb.orgs[r["id"].strip()] = OrgRec(
                r["id"].strip(),
                r["type"].strip(),
                r["name"].strip(),
                _split(r.get("aliases")),
                (r.get("country") or "").strip() or None,
            )
    else:
        raise ValueError(f"{path}: unknown reference table (header {header})")
    kb.sources.append(str(path))


_extra: list[str] = []
_cached: KB | None = None


def load_kb(extra_paths: list[str | Path] | None = None) -> KB:
    """Load the shipped tables plus ``extra_paths`` (and ``$COMMUNIQUE_KB``); later rows extend earlier ones."""
    kb = KB()
    for name in ("countries.tsv", "orgs.tsv", "places.tsv", "offices.tsv"):
        _load_file(kb, DATA / name)
    env = [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    for p in [*env, *_extra, *(extra_paths or [])]:
        _load_file(kb, Path(p))
    return kb.index()


def get_kb() -> KB:
    """The process-wide knowledge base (shipped tables + user files), loaded on first use."""
    global _cached
    if _cached is None:
        _cached = load_kb()
    return _cached


def add_kb_path(path: str | Path) -> None:
    """Add a user reference file for every later analysis in this process (what ``--kb PATH`` does)."""
    global _cached
    _extra.append(str(path))
    _cached = None
    from communique.entities import gazetteer

    gazetteer.reset()
