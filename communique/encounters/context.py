"""What a whole record says about its own encounter: reference date, title, dateline, speakers.

Why a separate pass: in transcripts and readouts the strongest evidence is not in
any one sentence. The title names the kind ("Meeting with …", "Readout of … Call
with …", "… at Press Conference"), the dateline names the day and the place
("September 14, 2021, The Kremlin, Moscow"; "Oval Office"), and the speakers of
the turns are the principals. This module gathers those once per document; it
reads other stages' layers (published, title, turns, entities, mentions) and
falls back to the text itself when they are absent, so the encounters stage
still works when run alone.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from communique.encounters import heads, places
from communique.encounters.dates import day_of, find_dates
from communique.model import Document, Entity, Mention
from communique.textutil import SpanIndex, lines, paragraphs, sentences, strip_span

_FRONT_DATE = re.compile(r"^(?:date|published|published_time|pubdate):\s*['\"]?(\d{4}-\d\d-\d\d)", re.M)
_FRONT_TITLE = re.compile(r"^title:\s*(.+(?:\n\s+.+)*)", re.M)
_PARA_BREAK = re.compile(r"\n(?:[^\S\n]*\n)+")
_ANON = {"q", "question", "journalist", "reporter", "audience", "participant", "interpreter", "moderator", "staff"}


@dataclass
class PersonMention:
    start: int
    end: int
    eid: str


@dataclass
class Context:
    doc: Document
    text: str
    ref: date | None
    body: list[tuple[int, int]]
    title: str
    title_span: tuple[int, int] | None
    dateline_end: int  # where the body proper starts (after title and dateline)
    place: str | None
    country: str | None
    place_found: bool
    persons: list[PersonMention] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    turns: list[tuple[int, int, str | None]] = field(default_factory=list)
    labels: list[tuple[int, int]] = field(default_factory=list)  # turn labels: names there are not participants
    principals: list[str] = field(default_factory=list)
    own: str | None = None  # ISO3 of the side the record speaks for (see heads.py)
    head: str | None = None  # its head ("the President"), when the record names one
    title_persons: list[str] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    _paras: list[tuple[int, int]] | None = None
    _pstarts: list[int] = field(default_factory=list)
    _psents: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    _lower: str | None = None
    _places: list[Mention] | None = None
    _place_starts: list[int] = field(default_factory=list)

    _label_index: SpanIndex | None = None

    # ---- mentions ---------------------------------------------------------
    def in_label(self, pos: int) -> bool:
        """Whether ``pos`` is inside a turn label (indexed: not a scan of every label per mention)."""
        if self._label_index is None or len(self._label_index.spans) != len(self.labels):
            self._label_index = SpanIndex(self.labels)
        return self._label_index.holds(pos)

    def persons_in(self, s: int, e: int) -> list[PersonMention]:
        """Person mentions inside ``[s, e)``, and one straddling its start: a sentence split after
        "U.S." still has "U.S. President Joe Biden"."""
        i = bisect.bisect_left(self.starts, s)
        while i > 0 and self.persons[i - 1].end > s and s - self.persons[i - 1].start < 40:
            i -= 1
        out = []
        while i < len(self.persons) and self.persons[i].start < e:
            p = self.persons[i]
            if p.end <= e and not self.in_label(p.start):
                out.append(p)
            i += 1
        return out

    def party_mentions(self, s: int, e: int) -> list[Mention]:
        """Mentions of countries, groups and bodies (COUNTRY, GROUP, ORG) inside ``[s, e)``."""
        out = []
        for m in self.doc.mentions:
            if m.start >= e or m.end <= s:
                continue
            ent = self.entities.get(m.entity or "")
            if m.start >= s and m.end <= e and ent is not None and ent.type in ("COUNTRY", "GROUP", "ORG"):
                out.append(m)
        return out

    def place_mentions(self, s: int, e: int) -> list[Mention]:
        """Mentions of PLACE entities inside ``[s, e)``."""
        if self._places is None:
            self._places = [
                m
                for m in self.doc.mentions
                if (ent := self.entities.get(m.entity or "")) is not None and ent.type == "PLACE"
            ]
            self._places.sort(key=lambda m: m.start)
            self._place_starts = [m.start for m in self._places]
        i = bisect.bisect_left(self._place_starts, s)
        out = []
        while i < len(self._places) and self._places[i].start < e:
            if self._places[i].end <= e:
                out.append(self._places[i])
            i += 1
        return out

    def counterparts(self, speaker: str | None) -> list[str]:
        """The principals a speaker addresses: the others, unless all are of the speaker's own country
        (a press secretary and an adviser are a team, not two sides)."""
        others = [p for p in self.principals if p != speaker]
        own = self.entities[speaker].country if speaker in self.entities else None
        if own and others and all(self.entities[o].country == own for o in others if o in self.entities):
            return []
        return others

    def last_person_before(self, pos: int, floor: int) -> PersonMention | None:
        i = bisect.bisect_left(self.starts, pos) - 1
        if i >= 0 and self.persons[i].start >= floor:
            return self.persons[i]
        return None

    def recent_pair(self, pos: int, have: list[str], reach: int = 1500) -> list[str]:
        """The two people named last before ``pos`` (within ``reach``, outside turn labels), of two
        countries: whom "they" in "when they meet tomorrow" most likely stands for."""
        out = list(have)
        i = bisect.bisect_left(self.starts, pos) - 1
        while i >= 0 and len(out) < 2 and self.persons[i].start >= pos - reach:
            p = self.persons[i]
            i -= 1
            if p.eid in out or self.in_label(p.start):
                continue
            out.append(p.eid)
        if len(out) < 2:
            return []
        a, b = (self.entities.get(x) for x in out[:2])
        if a is None or b is None or (a.country and a.country == b.country):
            return []
        return out[:2]

    def speaker_at(self, pos: int) -> str | None:
        i = bisect.bisect_right(self.turns, (pos, float("inf"), "")) - 1
        while i >= 0:
            s, e, sp = self.turns[i]
            if s <= pos < e:
                return sp
            if e <= pos and i < len(self.turns) - 1:
                break
            i -= 1
        return None

    # ---- sentences, split only where needed ------------------------------------
    def paragraph_spans(self) -> list[tuple[int, int]]:
        """Blocks of the body separated by blank lines (as :func:`textutil.paragraphs`, in one regex pass)."""
        if self._paras is None:
            out: list[tuple[int, int]] = []
            for s, e in self.body:
                pos = s
                for m in _PARA_BREAK.finditer(self.text, s, e):
                    ps, pe = strip_span(self.text, pos, m.start())
                    if pe > ps:
                        out.append((ps, pe))
                    pos = m.end()
                ps, pe = strip_span(self.text, pos, e)
                if pe > ps:
                    out.append((ps, pe))
            self._paras = out
            self._pstarts = [p[0] for p in out]
        return self._paras

    def paragraph_sentences(self, i: int) -> list[tuple[int, int]]:
        """The sentences of paragraph ``i``, split once and kept."""
        got = self._psents.get(i)
        if got is None:
            ps, pe = self.paragraph_spans()[i]
            got = self._psents[i] = sentences(self.text, ps, pe)
        return got

    def iter_sentences(self) -> Iterator[tuple[int, int]]:
        """Every sentence of the body in order, split lazily (callers that stop early split little)."""
        for i in range(len(self.paragraph_spans())):
            yield from self.paragraph_sentences(i)

    @property
    def lower(self) -> str:
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    def sentences_with(self, pattern: re.Pattern[str], lower: re.Pattern[str] | None = None) -> list[tuple[int, int]]:
        """The sentences holding a match of ``pattern``, in order; ``lower`` is the same pattern for
        lower-cased text (no ``re.I``: several times faster), used when lower-casing kept the offsets."""
        if lower is not None and len(self.lower) == len(self.text):
            text, pattern = self.lower, lower
        else:
            text = self.text
        return self.sentences_at(m.start() for s, e in self.body for m in pattern.finditer(text, s, e))

    def sentences_at(self, positions: Iterable[int]) -> list[tuple[int, int]]:
        """The sentences holding any of ``positions``, in order.

        Why: splitting every sentence of a long briefing costs more than the rest of the
        stage; one regex pass over the body finds the few paragraphs worth splitting."""
        paras = self.paragraph_spans()
        out: set[tuple[int, int]] = set()
        for pos in sorted(set(positions)):
            i = bisect.bisect_right(self._pstarts, pos) - 1
            if i < 0 or pos >= paras[i][1]:
                continue
            sents = self.paragraph_sentences(i)
            j = bisect.bisect_right(sents, (pos, float("inf"))) - 1
            if j >= 0 and sents[j][0] <= pos < sents[j][1]:
                out.add(sents[j])
        return sorted(out)


def _as_date(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None


def _persons(doc: Document) -> tuple[list[PersonMention], dict[str, Entity]]:
    ents = {e.id: e for e in doc.entities}
    out = []
    for m in doc.mentions:
        e = ents.get(m.entity or "")
        if e is None or e.type != "PERSON" or e.anonymous or e.name.lower().strip(". ") in _ANON:
            continue
        out.append(PersonMention(m.start, m.end, e.id))
    seen = {p.eid for p in out}
    out += _unmentioned(doc, [e for e in ents.values() if e.type == "PERSON" and e.id not in seen and not e.anonymous])
    out.sort(key=lambda p: (p.start, p.end))
    return out, ents


def _unmentioned(doc: Document, people: list[Entity]) -> list[PersonMention]:
    """People known to the record (e.g. turn speakers) whose mentions no stage wrote: find their
    names and surnames in the text, so "Yesterday Vladimir Putin had a meeting" still has him."""
    if not people:
        return []
    text = doc.flat or doc.text
    forms: dict[str, str] = {}
    for ent in people:
        if ent.name.lower().strip(". ") in _ANON:
            continue
        for n in {ent.name, *ent.aliases}:
            n = " ".join(n.split())
            if len(n) >= 4 and "\n" not in n:
                forms.setdefault(n, ent.id)
        words = [w for w in re.split(r"[\s,]+", ent.name) if w[:1].isupper() and w.lower() not in {"jr", "jr.", "sr"}]
        if words and len(words[-1]) >= 4:
            last = words[-1]
            forms.setdefault(last, ent.id)
            bare = re.sub(r"^(?:[Aa]l|[Ee]l)[-\s]", "", last)
            for f in {bare, "al-" + bare, "Al-" + bare} if bare != last else ():
                forms.setdefault(f, ent.id)
    if not forms:
        return []
    pat = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w-])"
    )
    return [PersonMention(m.start(), m.end(), forms[m.group()]) for m in pat.finditer(text, doc.body_start or 0)]


def _body_start(doc: Document, text: str) -> int:
    """Where the body starts: the reader's ``body_start``, else after YAML front matter."""
    if doc.body_start:
        return doc.body_start
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end > 0:
            nl = text.find("\n", end + 4)
            return nl + 1 if nl > 0 else len(text)
    return 0


def _fallback_title(text: str, head: list[tuple[int, int]], dateline_start: int) -> tuple[str, tuple[int, int] | None]:
    """No title from metadata: the heading line before the dateline (Kremlin-style dumps)."""
    cands = [
        (s, e)
        for s, e in head
        if (dateline_start < 0 or s < dateline_start)
        and 3 <= len(text[s:e].split()) <= 40
        and not text[s:e].rstrip().endswith((".", ":", "?", "!"))
    ]
    if not cands:
        return "", None
    s, e = cands[-1] if dateline_start >= 0 else cands[0]
    return text[s:e].strip(), (s, e)


def _title(doc: Document, text: str, body_start: int) -> tuple[str, tuple[int, int] | None]:
    title = doc.title or doc.meta.get("title") or ""
    if not title:
        m = _FRONT_TITLE.search(text[:3000])
        if m:
            title = re.sub(r"\\\s*\n\s*\\?", "", m.group(1)).strip().strip("'\"").replace("\\_", " ")
    title = " ".join(str(title).split())
    if title:
        i = text.find(title, 0, min(len(text), body_start + 5000))
        return title, ((i, i + len(title)) if i >= 0 else None)
    return "", None


def _head_lines(text: str, body: list[tuple[int, int]], n: int = 14) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in body:
        for ls, le in lines(text, s, e):
            if text[ls:le].strip():
                out.append((ls, le))
                if len(out) >= n:
                    return out
    return out


_CLOCK = re.compile(r"\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?", re.I)


def _dateline(text: str, head: list[tuple[int, int]]) -> tuple[int, int, str | None, tuple]:
    """The first short line that starts with a date or names only a location.

    Returns (line start, line end, date value, (city, iso3, found))."""
    for k, (ls, le) in enumerate(head):
        line = text[ls:le].strip()
        if len(line) > 90 or line.endswith((".", ":", "?")):
            continue
        hits = find_dates(text, ls, le, None)
        if hits and hits[0][0] - ls <= 3 and hits[0][3] in ("explicit", "mismatch"):
            rest = text[hits[0][1] : le]
            loc = places.from_line(rest)
            if not loc[2]:  # a page's meta block laid out a line each: "November 1, 2017" / "14:30" / "Tehran"
                for ns, ne in head[k + 1 : k + 3]:
                    nxt = text[ns:ne].strip()
                    if _CLOCK.fullmatch(nxt):
                        continue
                    if len(nxt) <= 40 and not re.search(r"\d", nxt) and (got := places.from_line(nxt))[2]:
                        return ls, ne, hits[0][2], got
                    break
            return ls, le, hits[0][2], loc
        loc = places.from_line(line)
        if loc[2] and not re.search(r"\d", line):
            return ls, le, None, loc
    return -1, -1, None, (None, None, False)


def build(doc: Document) -> Context:
    text = doc.flat or doc.text
    start = _body_start(doc, text)
    body = [(max(s, start), e) for s, e in doc.content if e > start] if doc.content else [(start, len(text))]
    if not body:
        body = [(start, len(text))]
    title, tspan = _title(doc, text, start)
    # the lines the clean stage left out just before the content ("Chigi Palace" / "Rome, Italy" above
    # the time of a White House pool report) are still the record's dateline
    lead_in = [(start, body[0][0])] if 0 < body[0][0] - start <= 300 else []
    head = _head_lines(text, lead_in + body)
    dl_s, dl_e, dl_date, (city, iso3, found) = _dateline(text, head)
    if not title:
        title, tspan = _fallback_title(text, head, dl_s)
    ref = _as_date(doc.published)
    if ref is None:
        m = _FRONT_DATE.search(text[:3000])
        ref = _as_date(m.group(1) if m else None) or _as_date(day_of(dl_date))
    persons, ents = _persons(doc)
    ctx = Context(
        doc=doc,
        text=text,
        ref=ref,
        body=body,
        title=title,
        title_span=tspan,
        dateline_end=max(dl_e, tspan[1] if tspan else -1),
        place=city,
        country=iso3,
        place_found=found,
        persons=persons,
        starts=[p.start for p in persons],
        entities=ents,
    )
    ctx.turns = sorted((t.start, t.end, t.speaker) for t in doc.turns)
    for t in doc.turns:
        if t.body_start > t.start:
            ctx.labels.append((t.start, t.body_start))
        else:
            colon = text.find(":", t.start, min(t.end, t.start + 90))
            if colon > 0 and "\n" not in text[t.start : colon].strip():
                ctx.labels.append((t.start, colon + 1))
    ctx.title_persons = _title_persons(ctx)
    ctx.principals = _principals(ctx)
    _read_bare_titles(ctx)
    if not ctx.place_found:
        ctx.place, ctx.country = _venue_in_opening(ctx)
    return ctx


def _wordy(c: str) -> bool:
    return c.isalnum() or c == "_"


def has_word(hay: str, needle: str) -> bool:
    """``needle`` occurs in ``hay`` not glued to a word character on either side.

    The same test as a ``(?<!\\w)…(?!\\w)`` regex, without compiling one pattern per name
    (thousands of names a corpus: compiling them cost more than the rest of the stage)."""
    if not needle:
        return False
    n = len(needle)
    i = hay.find(needle)
    while i >= 0:
        if (i == 0 or not _wordy(hay[i - 1])) and (i + n >= len(hay) or not _wordy(hay[i + n])):
            return True
        i = hay.find(needle, i + 1)
    return False


def _read_bare_titles(ctx: Context) -> None:
    """Set the record's side and head, and read "the President" as a mention of that head."""
    ctx.own = heads.own_country(ctx.doc.publisher, (ctx.entities.get(sp) for _, _, sp in ctx.turns if sp))
    if ctx.own is None:
        return
    counts = Counter(p.eid for p in ctx.persons)
    ctx.head = heads.head(ctx.entities.values(), ctx.own, counts)
    found = heads.bare_titles(ctx.text, ctx.body)
    if not found:
        return
    who = {t: heads.head(ctx.entities.values(), ctx.own, counts, t) for t in {t for _, _, t in found}}
    added = [
        PersonMention(s, e, who[t])
        for s, e, t in found
        if who[t] and not any(p.start < e and s < p.end for p in ctx.persons_in(s, e))
    ]
    if added:
        ctx.persons = sorted(ctx.persons + added, key=lambda p: (p.start, p.end))
        ctx.starts = [p.start for p in ctx.persons]


def _title_persons(ctx: Context) -> list[str]:
    """People the title names: mentions inside it, else entity names found in its string."""
    if ctx.title_span:
        ids = list(dict.fromkeys(p.eid for p in ctx.persons_in(*ctx.title_span)))
        if ids:
            return ids
    title = ctx.title
    if not title:
        return []
    by_alias: list[str] = []
    by_surname: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    for p in ctx.persons:
        counts[p.eid] = counts.get(p.eid, 0) + 1
    for eid, ent in ctx.entities.items():
        if ent.type != "PERSON" or eid not in counts:
            continue
        names = [ent.name, *ent.aliases]
        if any(len(n) >= 5 and " " in n.strip() and has_word(title, n) for n in names):
            by_alias.append(eid)
            continue
        parts = [
            w for w in re.split(r"[\s,]+", ent.name) if w and w[0].isupper() and w.lower() not in {"jr", "jr.", "sr"}
        ]
        if parts and len(parts[-1]) >= 3 and has_word(title, parts[-1]):
            by_surname.setdefault(parts[-1], []).append(eid)
    out = list(by_alias)
    for cands in by_surname.values():
        if any(c in out for c in cands):
            continue
        out.append(max(cands, key=lambda c: counts.get(c, 0)))
    return sorted(out, key=lambda eid: title.find(ctx.entities[eid].name.split()[-1]))


def _principals(ctx: Context) -> list[str]:
    """Title persons plus the speakers who hold the floor (by words), not the floor's questioners."""
    words: dict[str, int] = {}
    nturns: dict[str, int] = {}
    for s, e, sp in ctx.turns:
        if sp is None:
            continue
        ent = ctx.entities.get(sp)
        if ent is None or ent.type != "PERSON" or ent.anonymous or ent.name.lower().strip(". ") in _ANON:
            continue
        words[sp] = words.get(sp, 0) + len(ctx.text[s:e].split())
        nturns[sp] = nturns.get(sp, 0) + 1
    total = sum(words.values()) or 1
    out = list(ctx.title_persons)
    share = 0.2 if out else 0.1
    for sp, w in sorted(words.items(), key=lambda kv: -kv[1]):
        if sp not in out and w / total >= share and len(out) < 4:
            out.append(sp)
    return out


def _venue_in_opening(ctx: Context) -> tuple[str | None, str | None]:
    """No dateline: the first venue or city named as a location in the opening paragraphs."""
    n = 0
    for s, e in ctx.body:
        for ps, pe in paragraphs(ctx.text, s, min(e, s + 3000)):
            for h in places.places_in(ctx.text, ps, min(pe, ps + 1500)):
                if h.kind in ("venue", "city") and places.located(ctx.text, h):
                    return h.place, h.country
            n += 1
            if n >= 4:
                return None, None
    return None, None
