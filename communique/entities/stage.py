"""The entities stage: fill ``entities`` and ``mentions`` (people, countries, organisations, places, groups).

Flow: look up reference-table names (gazetteer) -> recognise people by cues
(people) -> cluster them, adopting the speaker entities the turns stage made
(resolve) -> link lone surnames, first names and role-only phrases -> add
countries, organisations, places and groups -> write entities and mentions.
Everything works on ``doc.flat`` with newlines read as spaces, so offsets are
those of ``doc.text``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from communique import registry
from communique.entities import roles
from communique.entities.actors import add_actor_mentions
from communique.entities.gazetteer import Hit, get_gazetteer
from communique.entities.homonyms import is_us_state
from communique.entities.kb import KB, get_kb
from communique.entities.orgs import OrgPatterns
from communique.entities.people import (
    GIVEN,
    STOP,
    Patterns,
    PersonCand,
    cue_country,
    find_cues,
    good_name,
    name_words,
    titlecase,
)
from communique.entities.recognised import country_said, label_people, link_labels, other_spans, person_cands, recognise
from communique.entities.recogniser import named, using
from communique.entities.resolve import COMMON_SHORTS, Cluster, KBIndex, cluster, single
from communique.lexicon import month_names_re
from communique.model import Document, Entity, Mention
from communique.structure.layout import names_layout
from communique.textutil import SpanIndex, anchored_windows, finditer_in, trie_pattern

_state: dict[int, tuple[Patterns, OrgPatterns, KBIndex]] = {}


def _tools(kb: KB) -> tuple[Patterns, OrgPatterns, KBIndex]:
    key = id(kb)
    if key not in _state:
        _state.clear()
        _state[key] = (Patterns(kb), OrgPatterns(kb), KBIndex(kb))
    return _state[key]


_WORD_SHAPE = re.compile(r"[A-Z][a-z]+")
_name_words: dict[str, re.Pattern[str]] = {}


def _given_words() -> re.Pattern[str]:
    """Whole capitalised words that are common first names (the words a vocative can be).

    One trie-shaped regex: the engine skips every other word in C, where testing each
    capitalised word against the set in Python cost about a millisecond per document.
    """
    if "given" not in _name_words:
        names = [g for g in GIVEN if _WORD_SHAPE.fullmatch(g)]
        _name_words["given"] = re.compile(rf"(?<![\w.'’-])(?:{trie_pattern(names)})(?!\w)")
    return _name_words["given"]


def _first_names(P: Patterns) -> re.Pattern[str]:
    """Capitalised words followed by a space that are first names known to the KB or the name list."""
    key = f"first:{id(P)}"
    if key not in _name_words:
        names = [g for g in P.given_names if _WORD_SHAPE.fullmatch(g)]
        _name_words[key] = re.compile(rf"(?<![\w.'’-])(?:{trie_pattern(names)})(?= )")
    return _name_words[key]


TOKEN = re.compile(r"(?<![\w.'’-])(?:(?:al|el|Al|El)-)?[A-Z][\w'’-]*[\w]")
_MONTHS = month_names_re()
_DATE = re.compile(
    rf"\b({_MONTHS}) (\d{{1,2}}), (\d{{4}})\b|\b(\d{{1,2}}) ({_MONTHS}) (\d{{4}})\b|\b(\d{{4}})-(\d\d)-(\d\d)\b"
)
_GOV_VERB = re.compile(
    r"(?:['’]s (?:policy|policies|practices|position|stance|actions|decision|aggression|support|demands|proposal|"
    r"response|efforts|approach|behaviou?r|interference|involvement|claims|sanctions|pressure|attempts|role|refusal)\b"
    r"| (?:wants|said|says|announced|insists|insisted|accused|accuses|rejected|rejects|refused|"
    r"warned|warns|threatened|demands|demanded|denied|denies|condemned|imposed)\b)"
)


_NOT_CURRENT = {
    "former",
    "next",
    "new",
    "future",
    "previous",
    "late",
    "then",
    "a",
    "an",
    "another",
    "every",
    "each",
    "any",
    "incoming",
    "outgoing",
    "ex",
    "first",
    "last",
    "successive",
    "past",
}


def _date(doc: Document) -> str | None:
    if doc.published:
        return doc.published
    for k in ("date", "published"):
        v = doc.meta.get(k)
        if isinstance(v, str) and re.match(r"\d{4}", v):
            return v[:10]
    m = _DATE.search(doc.flat, 0, min(len(doc.flat), doc.body_start + 2000))
    if not m:
        return None
    months = _MONTHS.split("|")
    if m.group(1):
        return f"{m.group(3)}-{months.index(m.group(1)) + 1:02d}-{int(m.group(2)):02d}"
    if m.group(5):
        return f"{m.group(6)}-{months.index(m.group(5)) + 1:02d}-{int(m.group(4)):02d}"
    return f"{m.group(7)}-{m.group(8)}-{m.group(9)}"


def _regions(flat: str, body_start: int) -> list[tuple[int, int]]:
    out = []
    if body_start > 0:
        # the title of YAML front matter names the principals; it may run over continuation lines
        m = re.search(r"(?m)^title: (.*(?:\n[ \t].*)*)", flat[:body_start])
        if m:
            out.append(m.span(1))
    out.append((body_start, len(flat)))
    return out


_YAML_ESC = re.compile(r"\\_|\\\n[ \t]*\\ |\\\n[ \t]*")


def _compact_front(flat: str, body_start: int) -> tuple[str, list[int] | None, int]:
    """Undo YAML escapes in the front matter ("Jen\\_Psaki", line continuations) so names read whole.

    Returns the working text, a map from its offsets to the original's (None when nothing
    changed) and the body start in working offsets. The body itself is never changed.
    """
    head = flat[:body_start]
    if "\\" not in head:
        return flat, None, body_start
    chars: list[str] = []
    omap: list[int] = []
    pos = 0
    for m in _YAML_ESC.finditer(head):
        chars.extend(head[pos : m.start()])
        omap.extend(range(pos, m.start()))
        chars.append(" ")
        omap.append(m.start())
        pos = m.end()
    chars.extend(head[pos:])
    omap.extend(range(pos, body_start))
    new_body = len(chars)
    omap.extend(range(body_start, len(flat) + 1))
    return "".join(chars) + flat[body_start:], omap, new_body


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    if isinstance(spans, Cover):
        return spans.hits(a)
    return any(s < a[1] and a[0] < e for s, e in spans)


class Cover:
    """Characters covered by a growing set of spans; overlap tests in O(span length)."""

    def __init__(self, n: int, spans: list[tuple[int, int]] = ()) -> None:  # type: ignore[assignment]
        self.mask = bytearray(n + 1)
        for sp in spans:
            self.append(sp)

    def append(self, sp: tuple[int, int]) -> None:
        self.mask[sp[0] : sp[1]] = b"\x01" * (sp[1] - sp[0])

    def __iadd__(self, spans: list[tuple[int, int]]) -> Cover:
        for sp in spans:
            self.append(sp)
        return self

    def hits(self, a: tuple[int, int]) -> bool:
        return 1 in self.mask[a[0] : a[1]]


# ---------------------------------------------------------------- people
def _people(flat: str, text: str, regions, hits: list[Hit], P: Patterns, kb: KB, cues) -> list[PersonCand]:
    cands: list[PersonCand] = []
    for h in hits:
        for r in h.refs:
            if r.kind == "PERSON":
                cands.append(PersonCand(h.start, h.end, h.surface, name_words(h.surface), kb=r.key, source="kb"))
    for s, e in regions:
        for m in cues[(s, e)]:
            nm = P.name_after.match(text, m.end)
            if nm is None:
                continue
            if nm.group("sep").startswith(",") and not m.det:
                continue
            if m.title.lower() in roles.KIN and not m.det:
                continue
            words = nm.group("name").split(" ")
            keep = []
            for w in words:
                if not good_name([w], kb):
                    break
                keep.append(w)
            while keep and not re.search(r"[A-Za-z\u00c0-\u024f]{2}", keep[-1]):
                keep.pop()
            if not keep:
                continue
            name = " ".join(keep)
            ns = nm.start("name")
            ne = ns + len(name)
            title = m.title
            start = m.start
            honor = title.lower() in roles.HONORIFICS and (not m.title2 or m.title2.lower() in roles.HONORIFICS)
            role = None if honor else " ".join(text[start : m.end].split())
            country = cue_country(kb, m)
            tail = re.match(
                r" of (?:the )?([A-Z][\w’' .-]{2,60}?)(?=[,.;:)]| and | to | on | in |$)", text[ne : ne + 70]
            )
            if tail and not country:
                country = kb.country_names.get(tail.group(1))
            cands.append(
                PersonCand(
                    start,
                    ne,
                    name,
                    name_words(name),
                    role=role,
                    office=roles.office_key(role) if role else None,
                    country=country,
                    source="cue",
                )
            )
            cands[-1].name_span = (ns, ne)  # type: ignore[attr-defined]
            if title.lower().rstrip(".") in ("mr", "mrs", "ms", "madam"):
                cands[-1].honorific = title.lower().rstrip(".")
        for m in P.up_label.finditer(flat, s, e):
            name = " ".join(titlecase(w) for w in m.group("name").split())
            title = m.group("title")
            role = None if title.lower() in roles.HONORIFICS else titlecase(title.lower()).title()
            cands.append(
                PersonCand(
                    m.start("cue"),
                    m.end("cue"),
                    name,
                    name_words(name),
                    role=role,
                    office=roles.office_key(role) if role else None,
                    country="USA" if title.lower() in roles.US_ONLY_TITLES else None,
                    source="label",
                )
            )
        for m in P.line_label.finditer(flat, s, e):
            words = name_words(m.group("name"))
            if len(words) >= 2 and good_name(words, kb):
                cands.append(PersonCand(m.start("name"), m.end("name"), m.group("name"), words, source="label"))
        for m in finditer_in(P.appos, text, anchored_windows(P.appos_anchor, text, s, e, 160, 110)):
            words = name_words(m.group("name"))
            if len(words) < 2 or not good_name(words, kb):
                continue
            role = " ".join(m.group("role").split()).rstrip(" -")
            country = None
            for w in re.findall(r"[A-Z][\w.]+(?: [A-Z][\w]+)*", text[m.end("name") : m.end()]):
                country = kb.demonyms.get(w) or kb.country_names.get(w)
                if country:
                    break
            cands.append(
                PersonCand(
                    m.start("name"),
                    m.end("name"),
                    m.group("name"),
                    words,
                    role=role,
                    office=roles.office_key(role),
                    country=country,
                    source="appos",
                )
            )
        for t in _given_words().finditer(flat, s, e):
            m = P.vocative.match(flat, t.start(), e)
            if m is None:
                continue
            w = m.group("name")
            if w in GIVEN and w not in kb.country_names:
                cands.append(PersonCand(m.start(), m.end(), w, [w], source="vocative"))
        for m in P.san.finditer(text, s, e) if "-san" in text else ():
            w = m.group("name")
            if good_name([w], kb):
                cands.append(PersonCand(m.start(), m.end(), w, [w], source="cue"))
        for t in _first_names(P).finditer(text, s, e):
            m = P.given.match(text, t.start(), e)
            if m is None:
                continue
            words = name_words(m.group("name"))
            while len(words) > 1 and not good_name(words[-1:], kb):
                words.pop()
            if len(words) >= 2 and good_name(words, kb):
                name = text[m.start("name") :].split(words[-1], 1)[0] + words[-1]
                cands.append(PersonCand(m.start("name"), m.start("name") + len(name), name, words, source="given"))
    return _merge(cands)


def _before_tooltips(found: list[tuple[int, int, str]], tips: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Recognised spans cut where a tooltip repeat starts; one inside a repeat is dropped."""
    out = []
    for s, e, lab in found:
        for a, _ in tips:
            if s < a <= e:
                e = a - 1  # the "|" before the repeat
        if e > s and not _overlaps((s, e), tips):
            out.append((s, e, lab))
    return out


def _merge(cands: list[PersonCand]) -> list[PersonCand]:
    """Overlapping candidates are one mention: keep the widest span, pool what the others know."""
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[PersonCand] = []
    for c in cands:
        if out and c.start < out[-1].end:
            top = out[-1]
            if c.end > top.end and c.start >= top.start:
                # a longer overlap to the right: keep the one with more name
                if len(c.words) > len(top.words):
                    top.end = c.end
                    top.name, top.words = c.name, c.words
                    if hasattr(top, "name_span"):  # the name now runs to the longer one's end
                        top.name_span = (top.name_span[0], c.end)  # type: ignore[attr-defined]
            if len(c.words) > len(top.words) and c.start >= top.start and c.end <= top.end:
                top.name, top.words = c.name, c.words
            top.kb = top.kb or c.kb
            top.role = top.role or c.role
            top.office = top.office or c.office
            top.country = top.country or c.country
            if top.source in ("given", "kb") and c.source in ("cue", "label", "appos"):
                top.source = c.source
            continue
        out.append(c)
    return out


_TITLE_WORDS = {w.lower() for t in roles.TITLES for w in t.split()} | {"the", "first", "second", "lady", "gentleman"}


def _publisher_country(doc: Document, kb: KB) -> str | None:
    """The country whose side the publisher speaks for ("The White House" -> USA), if it names one."""
    pub = doc.publisher or ""
    for h in get_gazetteer().scan(pub, 0, len(pub)):
        for r in h.refs:
            c = r.key if r.kind in ("COUNTRY", "DEMONYM", "CAPITAL") else None
            if r.kind in ("ORG", "GROUP"):
                c = kb.orgs[r.key].country
            elif r.kind == "PLACE":
                c = kb.places[r.key].country
            if c and len(c) == 3:
                return c
    return None


def _office_holder(doc: Document, name: str, P: Patterns, kb: KB, idx: KBIndex, date: str | None) -> str | None:
    """The reference id of who holds the office a bare label names ("THE PRESIDENT", "THE VICE PRESIDENT")
    on the record's date, for the label's country or else the publisher's side; None when not one person."""
    words = name.split()
    if not words or not all(w.lower() in _TITLE_WORDS or w in kb.demonyms or w in kb.country_names for w in words):
        return None
    office = roles.office_key(name)
    if not office:
        return None
    cues = find_cues(P, name, 0, len(name))
    country = (cue_country(kb, cues[0]) if cues else None) or _publisher_country(doc, kb)
    return idx.holder(office, country, date) if country else None


def _speaker_cands(doc: Document, P: Patterns, kb: KB, idx: KBIndex, date: str | None) -> list[PersonCand]:
    out = []
    for ent in doc.entities:
        if ent.type != "PERSON" or ent.anonymous:
            continue
        name = ent.name
        if name.isupper():
            name = " ".join(titlecase(w) for w in name.split())
        holder = _office_holder(doc, name, P, kb, idx, date)
        if holder:  # a label that names an office: its holder on the record's date
            c = PersonCand(-1, -1, kb.people[holder].name, name_words(kb.people[holder].name), source="speaker")
            c.speaker, c.kb, c.role, c.office = ent.id, holder, name, roles.office_key(name)
            out.append(c)
            continue
        words = name_words(name)
        if not words:
            continue
        c = PersonCand(-1, -1, name, words, source="speaker", speaker=ent.id, country=ent.country)
        for al in ent.aliases:
            for m in find_cues(P, al, 0, len(al))[:1]:
                if m.title.lower() not in roles.HONORIFICS:
                    c.role = c.role or " ".join(al[m.start : m.end].split())
                    c.office = c.office or roles.office_key(c.role)
                c.country = c.country or cue_country(kb, m)
        out.append(c)
    return out


# ---------------------------------------------------------------- the stage
@dataclass(slots=False)
class _Span:
    start: int
    end: int
    key: str
    type: str
    name: str
    country: str | None
    surface: str
    nested: bool = False


# "Vladimir Region", "Moscow Oblast": a name holding one of these words is a place, not a person.
_PLACE_WORDS = "Region|Oblast|Province|Territory|Krai|District|County|Governorate|Prefecture|Okrug"
_PLACE_TAIL = re.compile(rf"\b(?:{_PLACE_WORDS})\b")

# An editor's insertion that completes a name: "[US Secretary of State John] Kerry". A Markdown link
# "[text](url)" is left alone.
_EDITORIAL_BRACKETS = re.compile(r"\[([^\[\]\n]{1,80})\](?= [A-Z])")


def _unbracket(text: str, kb: KB) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each editor's insertion read as plain words next to the name it completes.

    "[John] Kerry" becomes "  John Kerry": the same length, the inserted words one place to the
    right so a single space joins them to the surname, as the name patterns expect. Returns the
    spans that moved; mentions found inside them are moved back (``run``). An inserted demonym
    ("[Russian] Foreign Ministry") completes an organisation, which its own pattern reads."""
    moved: list[tuple[int, int]] = []
    parts: list[str] = []
    last = 0
    for m in _EDITORIAL_BRACKETS.finditer(text):
        inner = m.group(1)
        tail = (inner.split() or [""])[-1]
        if tail in kb.demonyms or tail in kb.country_names:
            continue
        parts += [text[last : m.start()], "  ", inner]
        moved.append((m.start() + 2, m.end()))
        last = m.end()  # the space after "]" now joins the inner words to the surname
    if not moved:
        return text, moved
    parts.append(text[last:])
    return "".join(parts), moved


# A lone surname before one of these names a thing named after the person ("the Marshall Plan").
_EPONYM_HEAD = re.compile(
    r"\s+(?:Fellowship|Fellows|Program(?:me)?|Prize|Award|Medal|Foundation|Institute|Act|Doctrine|Plan|Cent(?:er|re)|"
    r"University|College|School|Scholarship|Scholars|Lecture|Commission|Library|Museum|Memorial|Airport|Street|"
    rf"Avenue|Boulevard|Bridge|Building|Hall|Room|Cup|Amendment|Line|Fund|Trust|Dam|Station|{_PLACE_WORDS})\b"
)


def run(doc: Document) -> None:
    kb = get_kb()
    gaz = get_gazetteer()
    P, orgp, idx = _tools(kb)
    flat, omap, body_start = _compact_front(doc.flat, doc.body_start)
    links = link_labels(flat)  # quotes' link labels ("[Fox News’s Bret Baier](url):"), before the markup goes
    flat, tips = names_layout(flat)  # Markdown markup blanked, Kremlin tooltip repeats set apart; same offsets
    text, shifted = _unbracket(flat.replace("\n", " "), kb)
    regions = _regions(flat, body_start)
    date = _date(doc)

    hits = [h for s, e in regions for h in gaz.scan(text, s, e) if not is_us_state(text, h.start, h.end)]
    cues = {(s, e): find_cues(P, text, s, e) for s, e in regions}
    cands = [c for c in _people(flat, text, regions, hits, P, kb, cues) if not _PLACE_TAIL.search(c.name)]
    found = recognise(flat, text, regions)
    cands = _merge(cands + label_people(links, text, kb))  # a longer name in a link label wins
    found = _before_tooltips(found, tips)  # a tooltip repeat is linked below, not part of a new name
    cands = _merge(cands + [c for c in person_cands(found, text, cands, hits, kb) if not _PLACE_TAIL.search(c.name)])
    for c in cands:  # "Turkish journalist Ahmet Yilmaz", "Giorgia Bianchi of Italy": the country the text gives
        if c.country is None and c.source not in ("kb", "label"):
            c.country = country_said(text, c.start, c.end, kb)
    speakers = _speaker_cands(doc, P, kb, idx, date)
    clusters, where = cluster(cands + speakers, kb, idx, date)
    by_kb = {cl.kb: cl for cl in clusters if cl.kb}

    person_spans = Cover(len(text), [(c.start, c.end) for c in cands])
    name_spans = [getattr(c, "name_span", (c.start, c.end)) for c in cands]
    hit_spans = Cover(len(text), [(h.start, h.end) for h in hits if not any(r.kind == "PERSON" for r in h.refs)])

    inverted: list[PersonCand] = []
    # Kremlin pages repeat a name surname-first after it ("Netanyahu Benjamin"): the same person
    cluster_forms = []
    for cl in clusters:
        forms = {" ".join(c.name.split()) for c in cl.cands if len(c.words) >= 2 and c.source != "role"}
        if cl.kb:
            forms.update(n for n in (kb.people[cl.kb].name, *kb.people[cl.kb].spellings) if "," not in n)
        cluster_forms.append(
            (cl, [(f.split()[-1] + " " + " ".join(f.split()[:-1])) for f in sorted(forms, key=lambda f: (-len(f), f))])
        )  # longest first, the same order every run
    inverted_at = _occurrences(text, {inv for _, invs in cluster_forms for inv in invs})
    for cl, invs in cluster_forms:
        for inv in invs:
            where_inv = inverted_at.get(inv, [])
            for s, e in regions:
                k = bisect.bisect_left(where_inv, s)
                while k < len(where_inv) and where_inv[k] + len(inv) <= e:
                    i = where_inv[k]
                    k += 1
                    if not _overlaps((i, i + len(inv)), person_spans):
                        # a one-word form ("MBS") is sought as "MBS ": its mention ends before the space
                        name = inv.rstrip()
                        c = PersonCand(i, i + len(name), name, name_words(name), source="inverted", kb=cl.kb)
                        cl.add(c)
                        where[id(c)] = cl
                        inverted.append(c)
                        person_spans.append((c.start, c.end))
    # lone surnames and first names of people already found; lone short forms of well-known office holders
    memo: dict[str, Cluster | None] = {}
    extra: list[PersonCand] = []
    for s, e in regions:
        for m in TOKEN.finditer(text, s, e):
            span = m.span()
            word = m.group()
            if word.endswith(("'s", "’s")):
                word = word[:-2]
            if len(word) < 2 or word in STOP or _overlaps(span, person_spans) or _overlaps(span, hit_spans):
                continue
            if _EPONYM_HEAD.match(text, span[1]):
                continue  # "the Mansfield Fellowship Program", "the Marshall Plan": named after, not the person
            if word not in memo:
                cl = single(word, None, clusters, kb, idx, date, create=False)
                if cl is None and len(word) >= 3:
                    cl = single(word, None, clusters, kb, idx, date, create=False, first_names=True)
                if cl is None and len(word) >= 4 and word not in COMMON_SHORTS and word not in kb.country_names:
                    pid = idx.short(word, date=date, exact=True)
                    if pid:
                        cl = by_kb.get(pid)
                        if cl is None:
                            cl = by_kb[pid] = Cluster(kb=pid)
                            clusters.append(cl)
                memo[word] = cl
            cl = memo[word]
            if cl is not None:
                c = PersonCand(span[0], span[0] + len(word), word, [word], source="short", kb=cl.kb)
                cl.add(c)
                where[id(c)] = cl
                extra.append(c)
    person_spans += [(c.start, c.end) for c in extra]
    extra += inverted

    # role-only references: "the Russian foreign minister", "President of the French Republic"
    # (the clusters holding each office, kept current as the loop adds to them: not a scan per cue)
    holders: dict[tuple[str | None, str | None], dict[int, Cluster]] = {}
    for cl in clusters:
        for key in cl.offices(kb, date):
            holders.setdefault(key, {})[id(cl)] = cl
    own_side = _publisher_country(doc, kb)
    for s, e in regions:
        for m in cues[(s, e)]:
            if _overlaps((m.start, m.end), person_spans):
                continue
            title = m.title
            if title.endswith("s") and title.lower() not in ("ms", "mrs"):
                continue
            start = m.start
            role = " ".join(text[start : m.end].split())
            office = roles.office_key(role)
            country = cue_country(kb, m)
            before = text[max(0, start - 12) : start].lower().split()
            bare = country is None and bool(before) and before[-1] == "the"
            if bare:  # "the Vice President": the record's own side's, when the record names that holder
                country = own_side
            if not office or not country or (before and before[-1] in _NOT_CURRENT):
                continue
            fits = list(holders.get((office, country), {}).values())
            cl = fits[0] if len(fits) == 1 else None
            if bare and cl is None:
                continue
            if cl is None and not fits:
                pid = idx.holder(office, country, date)
                if pid:
                    cl = by_kb.get(pid)
                    if cl is None:
                        cl = by_kb[pid] = Cluster(kb=pid)
                        clusters.append(cl)
                        for key in cl.offices(kb, date):
                            holders.setdefault(key, {})[id(cl)] = cl
            c = PersonCand(start, m.end, role, [], role=role, office=office, country=country, source="role")
            where[id(c)] = cl
            if cl is not None:
                cl.cands.append(c)
                holders.setdefault((office, country), {})[id(cl)] = cl
            extra.append(c)

    mentions: list[Mention] = []
    _person_entities(doc, kb, clusters, date, text)
    for c in cands + extra:
        cl = where.get(id(c))
        mentions.append(Mention(c.start, c.end, cl.eid if cl else None))
    all_person = [(c.start, c.end) for c in cands + extra]
    name_spans += [(c.start, c.end) for c in extra if c.source != "role"]

    mentions += _other_entities(doc, text, regions, hits, orgp, kb, name_spans, found)
    for a, b in shifted:  # back to the page's own offsets inside an editor's insertion
        for m in mentions:
            if a <= m.start < b:
                m.start -= 1
            if a < m.end <= b:
                m.end -= 1
    if omap is not None:
        for m in mentions:
            m.start, m.end = omap[m.start], omap[m.end - 1] + 1
    _label_mentions(doc, mentions)
    del all_person
    seen = {(m.start, m.end) for m in doc.mentions}
    doc.mentions.extend(m for m in mentions if (m.start, m.end) not in seen and not seen.add((m.start, m.end)))
    doc.mentions.sort(key=lambda m: (m.start, -m.end))
    add_actor_mentions(doc)  # demonyms, metonyms, blocs and bodies the steps above left bare


def _occurrences(text: str, needles: set[str]) -> dict[str, list[int]]:
    """Every start (overlaps included, ascending) of each needle "Surname Given…" in ``text``, in one scan.

    Why not ``text.find`` per needle: a long transcript names thousands of people, and one
    scan of the whole text per name grows with the square of its length. Each needle is a
    whitespace-free first word, a space, then the rest, so the places where some first word
    is followed by a space are found with one trie pattern, and only the needles of the
    word found there are compared.
    """
    by_first: dict[str, list[str]] = {}
    for n in needles:
        by_first.setdefault(n.split(" ", 1)[0], []).append(n)
    out: dict[str, list[int]] = {}
    if not by_first:
        return out
    pattern = re.compile(f"(?=({trie_pattern(by_first)}) )")
    for m in pattern.finditer(text):
        p = m.start()
        # the first word is the text up to the space (a first word holds no whitespace), so it is the only one
        for n in by_first[m.group(1)]:
            if text.startswith(n, p):
                out.setdefault(n, []).append(p)
    return out


def _next_id(doc: Document) -> str:
    n = max((int(e.id[1:]) for e in doc.entities if e.id[1:].isdigit()), default=0)
    return f"e{n + 1}"


def _person_entities(doc: Document, kb: KB, clusters: list[Cluster], date: str | None, text: str) -> None:
    for cl in clusters:
        spanned = [c for c in cl.cands if c.start >= 0]
        if not spanned and not cl.speakers:
            continue
        kbp = kb.people.get(cl.kb or "")
        full = [c for c in cl.cands if len(c.words) >= 2 and c.source != "role"]
        if kbp:
            name = kbp.name
        elif full:
            best = max(full, key=lambda c: (c.source not in ("label", "speaker"), len(c.words), len(c.name)))
            name = " ".join(best.name.split())
            if name.isupper():
                name = " ".join(titlecase(w) for w in name.split())
        else:
            name = next((c.name for c in cl.cands if c.words), cl.cands[0].name)
        ent = doc.entity(cl.speakers[0]) if cl.speakers else None
        if ent is None:
            ent = Entity(id=_next_id(doc), type="PERSON", name=name)
            ent.add_alias(name)
            doc.entities.append(ent)
        else:
            if kbp or len(name.split()) > len(ent.name.split()) or ent.name.isupper():
                ent.name = name
                ent.add_alias(name)
        for other in cl.speakers[1:]:
            oe = doc.entity(other)
            if oe is None:
                continue
            for al in oe.aliases:
                ent.add_alias(al)
            for r in oe.roles:
                ent.add_role(r)
            for t in doc.turns:
                if t.speaker == other:
                    t.speaker = ent.id
            doc.entities.remove(oe)
        cl.eid = ent.id
        ent.kb_id = cl.kb or ent.kb_id
        for c in cl.cands:
            if c.source != "role":
                ent.add_alias(" ".join(c.name.split()))
            if c.start >= 0:
                ent.add_alias(" ".join(text[c.start : c.end].split()))
            if c.role:
                ent.add_role(c.role)
        if kbp:
            held = [o for o in kbp.offices if o.held_on(date)] or kbp.offices[-1:]
            ent.country = ent.country or (held[0].country if held and len(held[0].country) == 3 else kbp.country)
            if not ent.roles and held:
                cn = kb.countries.get(held[0].country)
                ent.add_role(f"{held[0].office} of {cn.name}" if cn else f"{held[0].office}, {held[0].country}")
        if not ent.country:
            cs = [c.country for c in cl.cands if c.country]
            if cs:
                ent.country = max(set(cs), key=cs.count)


def _other_entities(
    doc: Document,
    text: str,
    regions,
    hits: list[Hit],
    orgp: OrgPatterns,
    kb: KB,
    name_spans: list[tuple[int, int]],
    found: list[tuple[int, int, str]] = (),  # type: ignore[assignment]
) -> list[Mention]:
    spans: list[_Span] = []
    for h in hits:
        r = h.refs[0]
        if r.kind == "PERSON":
            continue
        if r.kind in ("COUNTRY", "DEMONYM") and not any(x.kind == "PLACE" for x in h.refs):
            spans.append(_Span(h.start, h.end, "C:" + r.key, "COUNTRY", kb.countries[r.key].name, r.key, h.surface))
        elif r.kind == "CAPITAL":
            if _GOV_VERB.match(text, h.end):
                spans.append(_Span(h.start, h.end, "C:" + r.key, "COUNTRY", kb.countries[r.key].name, r.key, h.surface))
            else:
                spans.append(_Span(h.start, h.end, "P:" + h.surface, "PLACE", h.surface, r.key, h.surface))
        elif r.kind in ("ORG", "GROUP"):
            o = kb.orgs[r.key]
            spans.append(_Span(h.start, h.end, "O:" + o.id, o.type, o.name, o.country, h.surface))
        elif r.kind == "PLACE" or any(x.kind == "PLACE" for x in h.refs):
            r = next(x for x in h.refs if x.kind == "PLACE")
            p = kb.places[r.key]
            spans.append(_Span(h.start, h.end, "P:" + p.name, "PLACE", p.name, p.country, h.surface))
    for s, e in regions:
        starts = {h.start: h.end for h in hits}
        for oc in orgp.generic_orgs(text, s, e):
            # "Gazprom and China National Petroleum Corporation": two organisations, not one
            k = starts.get(oc.start)
            if k is not None and k + 5 < oc.end and text.startswith(" and ", k):
                oc.start = k + 5
                oc.name = text[oc.start : oc.end]
                oc.key = "org:" + " ".join(oc.name.lower().split())
            spans.append(_Span(oc.start, oc.end, oc.key, oc.type, oc.name, oc.country, text[oc.start : oc.end]))
            if getattr(oc, "alias", None):
                spans[-1].alias = oc.alias  # type: ignore[attr-defined]
        dem_starts = [h.start for h in hits if s <= h.start < e and h.refs[0].kind == "DEMONYM"]
        for oc in orgp.ministries(text, s, e) + orgp.institutions(text, s, e, dem_starts):
            spans.append(_Span(oc.start, oc.end, oc.key, oc.type, oc.name, oc.country, text[oc.start : oc.end]))
    cover = Cover(len(text), name_spans)
    spans = [sp for sp in spans if not cover.hits((sp.start, sp.end))]
    # what the recogniser found and no rule or list did: organisations and places of no list
    cover += [(sp.start, sp.end) for sp in spans if sp.type != "COUNTRY"]
    countries = SpanIndex((sp.start, sp.end) for sp in spans if sp.type == "COUNTRY")
    for s, e, typ, name, country in other_spans(found, text, kb):
        # a country's name may sit inside the name ("South China Sea"), never across its edge
        if not cover.hits((s, e)) and not countries.crosses(s, e):
            key = ("org:" + " ".join(name.lower().split())) if typ == "ORG" else "P:" + name
            spans.append(_Span(s, e, key, typ, name, country, text[s:e]))
    spans.sort(key=lambda sp: (sp.start, -(sp.end - sp.start)))
    kept: list[_Span] = []
    for sp in spans:
        if kept and sp.start < kept[-1].end:
            outer = kept[-1]
            if sp.end <= outer.end and sp.type == "COUNTRY" and outer.type != "COUNTRY":
                sp.nested = True
                kept.append(sp)
                kept[-1], kept[-2] = kept[-2], kept[-1]  # keep the outer last for overlap checks
            continue
        kept.append(sp)
    # an unqualified ministry is the document's one ministry of that function, when there is one
    qualified: dict[str, list[str]] = {}
    for sp in kept:
        if sp.key.startswith("ministry:") and not sp.key.endswith(":"):
            f = sp.key.split(":")[1]
            if sp.key not in qualified.setdefault(f, []):
                qualified[f].append(sp.key)
    by_key: dict[str, _Span] = {}
    for sp in kept:
        if sp.key.startswith("ministry:") and sp.key.endswith(":"):
            q = qualified.get(sp.key.split(":")[1], [])
            if len(q) == 1:
                sp.key = q[0]
        by_key.setdefault(sp.key, sp)
    ents: dict[str, Entity] = {}
    out = []
    for sp in kept:
        ent = ents.get(sp.key)
        if ent is None:
            first = by_key[sp.key]
            ent = Entity(id=_next_id(doc), type=first.type, name=first.name, country=first.country)
            ent.add_alias(first.name)
            doc.entities.append(ent)
            ents[sp.key] = ent
        ent.add_alias(" ".join(sp.surface.split()))
        if getattr(sp, "alias", None):
            ent.add_alias(sp.alias)  # type: ignore[attr-defined]
        out.append(Mention(sp.start, sp.end, ent.id))
    return out


def _label_mentions(doc: Document, mentions: list[Mention]) -> None:
    """Every speaker turn's label names its speaker: make sure a mention says so.

    The mentions' starts are indexed per entity (sorted, searched by bisection), so a
    transcript of thousands of turns is not checked against every mention per turn.
    """
    starts: dict[str | None, list[int]] = {}
    for m in mentions:
        starts.setdefault(m.entity, []).append(m.start)
    for v in starts.values():
        v.sort()
    for t in doc.turns:
        if not t.speaker:
            continue
        lab_end = t.start + len(t.label.rstrip(": ")) if t.label else t.body_start
        mine = starts.get(t.speaker, [])
        i = bisect.bisect_left(mine, t.start)
        if i < len(mine) and mine[i] < max(lab_end, t.start + 1):
            continue
        name = re.split(r"\s*[(:]", t.label or "", maxsplit=1)[0].strip()
        if name and doc.flat.startswith(name, t.start):
            mentions.append(Mention(t.start, t.start + len(name), t.speaker))
            bisect.insort(starts.setdefault(t.speaker, []), t.start)


def _with_recogniser(choice: str) -> Callable[[Document], None]:
    """The entities stage run with the named recogniser: how ``use={"entities": "spacy"}``
    (or ``--use entities=none``) reaches it, for one analysis and not the whole process."""

    def run_with(doc: Document) -> None:
        with using(named(choice)):
            run(doc)

    run_with.__name__ = f"run_with_{choice}"
    return run_with


for _choice in ("crf", "spacy", "none"):
    registry.implementation("entities", _choice, _with_recogniser(_choice))
