"""HTML -> text: the page's main text, one paragraph a line, a blank line between.

trafilatura finds the article body. Its XML output is turned into text here
rather than taking its plain-text output, because the plain text separates
paragraphs by a single newline and the stages after reading rely on paragraph
breaks (speaker labels of a transcript start a paragraph). News and official
pages put the headline, the lead and the dateline *above* the body, where the
extractor does not look; they are taken from the page between its ``<h1>`` and
the first paragraph of the body, so the title and date stay in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from communique.errors import InputError
from communique.lexicon import month_forms_re
from communique.model import Document
from communique.read.encoding import decode
from communique.read.plain import title_from

HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")

# Tags whose start and end break the text into blocks (paragraph-like units).
_BLOCK = frozenset(
    "address article aside blockquote body br caption dd details dialog div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul "
    # trafilatura's XML
    "head item list quote row cell lb code doc".split()
)
# Tags whose content is never text a reader sees.
_SKIP = frozenset(
    "script style noscript template svg math button select option textarea input iframe object embed canvas video "
    "audio map head title meta link nav aside footer form".split()
)
_HIDDEN_CLASSES = frozenset({"hidden", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "d-none"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
_SPACE = re.compile(r"[ \t\n\r\f\v]+")  # HTML white space; NBSP is content and stays
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_NON_WORD = re.compile(r"\W+")

# How far below the headline to look for the header and a dropped dateline.
_MAX_HEADER_BLOCKS = 40
_MAX_HEADER_CHARS = 6000
_TOP_BODY_BLOCKS = 3
_DATELINE_CHARS = 120
# a date after a related item's link text: "… Rouhani November 1, 2017"
_TRAILING_DATE = re.compile(
    r"\s*(?:[A-Z][a-z]+\s+\d{1,2},\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|\d{4}-\d{2}-\d{2})\s*$"
)
_MONTH = "(?:" + month_forms_re() + ")"
_DATE = re.compile(
    rf"\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+\d{{4}}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{4}\b",
    re.IGNORECASE,
)

# <meta> properties of the article itself that state when it was published, best first.
_ARTICLE_DATE_KEYS = ("article:published_time", "og:published_time")
# other <meta> names that may state it, tried after the article's <time itemprop="datePublished">
_DATE_KEYS = (
    "datepublished",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "citation_publication_date",
    "parsely-pub-date",
    "sailthru.date",
)


def looks_like_html(data: bytes) -> bool:
    """True when bytes of unknown kind start like an HTML page."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower()


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` near its top, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def html_document(
    data: bytes, source: str, doc_id: str, charset: str | None = None, url: str | None = None
) -> Document:
    """A Document from an HTML page's bytes; raises InputError when no text can be found.

    ``charset`` is what the transport said (HTTP ``Content-Type``); the
    page's own ``<meta charset>`` comes next, then detection.
    """
    markup = decode(data, source, charset or declared_charset(data))
    if not markup.strip():
        raise InputError(source, "empty: no text")
    text, meta = extract(markup, url=url)
    if not text.strip():
        raise InputError(source, "no main text found in the HTML page")
    meta["format"] = "html"
    return Document(text=text, source=source, id=doc_id, title=title_from(meta), meta=meta)


def extract(markup: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """``(text, meta)`` of a page: header blocks + trafilatura's body, or every visible block as a fallback."""
    markup = _XML_DECL.sub("", markup, count=1)
    tree = _parse(markup)
    meta = _page_meta(tree) if tree is not None else {}
    body, extracted_meta = _trafilatura_blocks(markup, url)
    for key, value in extracted_meta.items():
        meta.setdefault(key, value)
    if body and tree is not None:
        body = _without_trailing_links(tree, body)
    if body:
        blocks = _with_header(tree, meta.get("title"), body) if tree is not None else body
    else:
        blocks = list(_blocks(_body(tree))) if tree is not None else []
    title = _collapse(meta["title"]) if isinstance(meta.get("title"), str) else ""
    if blocks and title and all(_key(title) not in _key(b) for b in blocks[:3]):
        blocks.insert(0, title)  # a page whose headline is only in <title>
    return "\n\n".join(blocks), meta


# ---- trafilatura ---------------------------------------------------------


def _trafilatura_blocks(markup: str, url: str | None) -> tuple[list[str], dict[str, Any]]:
    """The body's blocks and the metadata trafilatura found; ``([], {})`` when it finds nothing."""
    import trafilatura  # imported late: loading it takes a while and plain text never needs it

    try:
        xml = trafilatura.extract(
            markup,
            url=url,
            output_format="xml",
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            include_formatting=False,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # a third-party parser failing on odd markup: fall back, never crash
        return [], {}
    if not xml:
        return [], {}
    try:
        root = etree.fromstring(xml.encode("utf-8"))
    except etree.XMLSyntaxError:
        return [], {}
    main = root.find("main")
    blocks = list(_blocks(main if main is not None else root))
    meta: dict[str, Any] = {}
    for attr, key in (
        ("title", "title"),
        ("sitename", "publisher"),
        ("date", "date"),
        ("url", "url"),
        ("author", "author"),
        ("description", "description"),
        ("language", "language"),
    ):
        value = root.get(attr)
        if value and value.strip():
            meta[key] = value.strip()
    return blocks, meta


# ---- the page itself -----------------------------------------------------


def _parse(markup: str) -> Any | None:
    try:
        return lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return None


def _body(tree: Any) -> Any:
    body = tree.find("body")
    return body if body is not None else tree


def _page_meta(tree: Any) -> dict[str, Any]:
    """Metadata the page states outright: Open Graph, article dates, ``<html lang>``."""
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if key and content:
            found.setdefault(key, content)
    meta: dict[str, Any] = {}
    if "og:title" in found:
        meta["title"] = found["og:title"]
    if "og:site_name" in found:
        meta["publisher"] = found["og:site_name"]
    # A <time itemprop="datePublished"> is the article's own stamp; a <meta itemprop> of that name may
    # belong to an embedded photo or video (the Kremlin's slider states its photos' dates first).
    stamp = tree.find(".//time[@itemprop='datePublished']")
    stamped = (stamp.get("datetime") or "").strip() if stamp is not None else ""
    date = next((found[k] for k in _ARTICLE_DATE_KEYS if k in found), None) or stamped or None
    if date is None:
        date = next((found[k] for k in _DATE_KEYS if k in found), None)
    if date:
        meta["date"] = date
    if "og:url" in found:
        meta["url"] = found["og:url"]
    lang = tree.get("lang")
    if lang:
        meta["language"] = lang.strip()
    return meta


def _find_h1(tree: Any, title: str | None) -> Any | None:
    """The page's headline: the visible ``<h1>`` that matches the metadata title.

    Without a metadata title, the first visible ``<h1>``. With one that no
    ``<h1>`` matches, None: that ``<h1>`` is likely the site's logo, and
    walking down from it would collect the site's menus.
    """
    want = _key(title) if title else ""
    for h1 in tree.iter("h1"):
        if _hidden(h1) or any(_skipped(a) for a in h1.iterancestors()):
            continue
        got = _key(h1.text_content())
        # "in" both ways: <title> often adds the site's name, an <h1> sometimes a kicker.
        if got and (not want or want in got or (got in want and 2 * len(got) >= len(want))):
            return h1
    return None


def _with_header(tree: Any, title: str | None, body: list[str]) -> list[str]:
    """The body with what the page shows around its top: headline, lead, dateline, place.

    Everything between the headline and the body's first paragraph is kept;
    among the first few paragraphs of the body, a short line with a date that
    the extractor dropped (a dateline laid out between lead and body) is put
    back where it was. If the body is not met soon after the headline (a page
    laid out otherwise), only the headline is added.
    """
    h1 = _find_h1(tree, title)
    if h1 is None:
        return body
    keys = [_key(b) for b in body[:_TOP_BODY_BLOCKS]]
    header: list[str] = []
    inserts: dict[int, list[str]] = {}
    matched = -1  # index of the last body block met in the page
    size = 0
    for count, block in enumerate(_blocks(_body(tree), begin=h1)):
        got = _key(block)
        hit = next((i for i in range(matched + 1, len(keys)) if _same_block(got, keys[i])), None)
        if hit is not None:
            matched = hit
            if matched == len(keys) - 1:
                break
        elif matched < 0:
            header.append(block)
        elif matched == 0 and len(block) <= _DATELINE_CHARS and _DATE.search(block):
            # only between the lead and the rest: further down, dated lines are related links and
            # "Publication date: …" status lines, not a dateline
            inserts.setdefault(matched, []).append(block)
        size += len(block)
        if count > _MAX_HEADER_BLOCKS or size > _MAX_HEADER_CHARS:
            break
    if matched < 0:  # the body was never met: keep only the headline
        headline = _collapse(h1.text_content())
        header = [headline] if headline and _key(headline) not in keys else []
        inserts = {}
    out = list(header)
    for i, block in enumerate(body):
        out.append(block)
        out.extend(inserts.get(i, ()))
    return out


def _without_trailing_links(tree: Any, body: list[str]) -> list[str]:
    """The body without the related-item links the extractor kept at its end.

    A "See also" list item ("Meeting with President of Iran Hassan Rouhani
    November 1, 2017") is a link's text, perhaps with a date after it. A last
    block that is nothing but the text of one of the page's links is such an
    item; an article's own closing paragraph is not a link.
    """
    links = {_key(a.text_content()) for a in tree.iter("a")}
    links.discard("")
    out = list(body)
    while len(out) > 1:
        last = _TRAILING_DATE.sub("", out[-1])
        if len(last) >= 12 and _key(last) in links:
            out.pop()
        else:
            break
    return out


def _same_block(got: str, want: str) -> bool:
    if not got or not want:
        return False
    return got == want or (len(want) >= 12 and len(got) >= 12 and got[:40] == want[:40])


# ---- linearising a tree into blocks --------------------------------------


def _blocks(root: Any, begin: Any | None = None) -> Iterator[str]:
    """The text of ``root`` as blocks (paragraphs), white space collapsed, hidden parts left out.

    With ``begin``, blocks start at that element (its own text included).
    """
    parts: list[str] = []
    active = begin is None
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = _tag(el)
        if event == "start":
            if tag is None or _skipped(el):
                walker.skip_subtree()
                continue
            if el is begin:
                parts.clear()
                active = True
            if tag in _BLOCK:
                yield from _flush(parts)
            if active and el.text:
                parts.append(el.text)
        else:
            if tag in _BLOCK:
                yield from _flush(parts)
            if active and el.tail:
                parts.append(el.tail)
    yield from _flush(parts)


def _flush(parts: list[str]) -> Iterable[str]:
    if not parts:
        return ()
    text = _collapse("".join(parts))
    parts.clear()
    return (text,) if text else ()


def _tag(el: Any) -> str | None:
    tag = el.tag
    if not isinstance(tag, str):
        return None  # comment or processing instruction
    return tag.rsplit("}", 1)[-1].lower()


def _skipped(el: Any) -> bool:
    tag = _tag(el)
    return tag is None or tag in _SKIP or _hidden(el)


def _hidden(el: Any) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    if style and _HIDDEN_STYLE.search(style.lower()):
        return True
    classes = el.get("class")
    return bool(classes) and not _HIDDEN_CLASSES.isdisjoint(classes.split())


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _key(text: str | None) -> str:
    """Letters and digits only, lower case: to compare the same words laid out differently."""
    return _NON_WORD.sub("", text or "").lower()
