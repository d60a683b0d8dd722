"""The metadata stage: title, publisher, publication date and kind of record.

Sources, in order of trust: what the reader found (front matter, HTML meta,
corpus columns), then the page itself — a dateline near the top ("September
14, 2021, The Kremlin, Moscow"), a sentence that dates "yesterday" explicitly
("yesterday, Wednesday 15 March 2023" means the page is of the 16th), a site
signature in the chrome ("Official website of …", a GDPR notice naming the
site). With no date stated, ``published`` stays null: never a guess.

The kind comes from the title's genre words (statement, readout, telephone
conversation) and from how much of the content is speaker turns.
"""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlparse

from communique.model import Document
from communique.structure.datelines import DATE_RE, WEEKDAYS, date_at_start, match_to_date, parse_meta_date
from communique.structure.labels import find_labels
from communique.structure.turns import transcript_regions
from communique.textutil import lines

# web sites whose publisher the address tells (front matter source_url, corpus url, fetched URL)
DOMAIN_PUBLISHERS = {
    "whitehouse.gov": "The White House",
    "archives.gov": "The White House",
    "kremlin.ru": "President of Russia (official website)",
    "mid.ru": "Ministry of Foreign Affairs of Russia",
    "state.gov": "U.S. Department of State",
    "defense.gov": "U.S. Department of Defense",
    "gov.uk": "UK Government",
    "fmprc.gov.cn": "Ministry of Foreign Affairs of China",
    "mea.gov.in": "Ministry of External Affairs of India",
    "sana.sy": "SANA",
    "tass.com": "TASS",
    "tass.ru": "TASS",
    "reuters.com": "Reuters",
    "apnews.com": "Associated Press",
    "un.org": "United Nations",
    "nato.int": "NATO",
    "europa.eu": "European Union",
}
_SIGNATURES = [
    re.compile(r"official (?:website|site|internet resource) of (?:the )?(?P<pub>[A-Z][^\n.]{2,60}?)\s*$", re.I | re.M),
    re.compile(r"(?P<pub>[A-Z][\w&.' -]{1,40}?) will use the information you provide", re.M),
    re.compile(r"^(?P<pub>[A-Z][\w&.' -]{1,40}?) is (?:a collaborative effort|an independent (?:news|media))", re.M),
    re.compile(
        r"©\s*(?:\d{4}\s*[-–]?\s*(?:\d{4})?\s*)?(?P<pub>[A-Z][\w&.' -]{1,40}?)(?:\.|,|\s+All rights|\s*$)", re.M
    ),
]
_YESTERDAY = re.compile(
    r"\b(?P<rel>yesterday|today|last night|this morning)\s*[,(]?\s*(?:on\s+)?(?=" + DATE_RE.pattern + ")",
    re.IGNORECASE,
)
KIND_BY_TITLE = [
    (
        re.compile(
            r"\b(?:readout|telephone conversation|phone (?:call|conversation)|call with|spoke (?:by phone )?with)\b",
            re.I,
        ),
        "readout",
    ),
    (
        re.compile(
            r"^(?:joint )?(?:statement|declaration|communiqu[eé])\b|\bjoint (?:statement|declaration|communiqu[eé])\b(?!.*\bsigned\b)",
            re.I,
        ),
        "statement",
    ),
    (re.compile(r"^statement (?:by|from|on)\b", re.I), "statement"),
]


def _publisher_from_url(url: str) -> str | None:
    host = urlparse(url).netloc.lower().split(":")[0]
    for dom, pub in DOMAIN_PUBLISHERS.items():
        if host == dom or host.endswith("." + dom):
            return pub
    return None


def find_title(doc: Document) -> str | None:
    for key in ("title", "headline"):
        val = doc.meta.get(key)
        if isinstance(val, str) and val.strip():
            return " ".join(val.split())
    if not doc.content:
        return None
    s, e = doc.content[0]
    first = doc.flat[s:e].split("\n", 1)[0].strip()
    if first and len(first.split()) <= 30 and not first.endswith((".", ":", "?")) and not date_at_start(first):
        return " ".join(first.split())
    return None


def find_publisher(doc: Document) -> str | None:
    val = doc.meta.get("publisher") or doc.meta.get("site_name")
    if isinstance(val, str) and val.strip():
        return val.strip()
    for key in ("source_url", "url", "canonical_url"):
        url = doc.meta.get(key)
        if isinstance(url, str) and url.startswith("http"):
            pub = _publisher_from_url(url)
            if pub:
                return pub
    if doc.source.startswith(("http://", "https://")):
        pub = _publisher_from_url(doc.source)
        if pub:
            return pub
    text = doc.flat
    for i, sig in enumerate(_SIGNATURES):
        m = sig.search(text, doc.body_start)
        if m:
            pub = " ".join(m.group("pub").split()).strip(" .,")
            return f"{pub} (official website)" if i == 0 else pub
    return None


def find_published(doc: Document) -> str | None:
    for key in ("date", "published", "published_time", "datePublished", "pubdate"):
        d = parse_meta_date(doc.meta.get(key))
        if d:
            return d
    text = doc.flat
    body = [(s, e) for s, e in lines(text, doc.body_start) if text[s:e].strip()]
    # a dateline among the first lines of the page (or a date line closing it)
    for s, e in body[:12] + body[-3:]:
        line = text[s:e].strip()
        if len(line.split()) <= 14:
            d = date_at_start(line)
            if d:
                return d.isoformat()
    # "yesterday, Wednesday 15 March 2023": the page is of the day after
    head_end = body[min(len(body) - 1, 15)][1] if body else len(text)
    m = _YESTERDAY.search(text, doc.body_start, head_end)
    if m:
        dm = DATE_RE.match(text, m.end())
        d = match_to_date(dm) if dm else None
        if d:
            weekday = dm.group("weekday") if dm else None
            if weekday and WEEKDAYS[d.weekday()] != weekday.lower():
                return None  # the page contradicts itself: do not guess
            return (d + timedelta(days=1) if m.group("rel").lower() in ("yesterday", "last night") else d).isoformat()
    return None


_MEETING_TITLE = re.compile(r"(?:meeting|talks|negotiations|conversation)s?\s+(?:with|of|between)\b", re.I)


def find_kind(doc: Document) -> str:
    title = doc.title or ""
    for rx, kind in KIND_BY_TITLE:
        if rx.search(title):
            if kind == "readout" and len(find_labels(doc)) >= 2:
                break
            return kind
    labels = find_labels(doc)
    content_chars = sum(e - s for s, e in doc.content) or 1
    if len(labels) >= 2:
        # a transcript may open with a lead paragraph; prose after it makes the record mixed
        regions = transcript_regions(doc, labels)
        last_end = regions[-1][1] if regions else labels[-1].start
        after = sum(max(0, e - max(s, last_end)) for s, e in doc.content)
        return "mixed" if after / content_chars > 0.25 else "transcript"
    if re.search(r"\b(?:readout|telephone conversation|phone call)\b", title, re.I) or _MEETING_TITLE.match(title):
        return "readout"  # "Meeting with Ali Khamenei" told in prose, with no transcript
    return "news"


def run(doc: Document) -> None:
    doc.title = doc.title or find_title(doc)
    doc.publisher = doc.publisher or find_publisher(doc)
    doc.published = doc.published or find_published(doc)
    doc.kind = find_kind(doc)
