"""The clean stage: mark the main content; everything else is page chrome.

Text dumps of web pages carry the site around the record: menus, "View
settings"/font/colour controls, navigation, share/subscribe/newsletter/donate
and GDPR lines, "Latest News", a dateline repeated at the foot. HTML
extractors remove none of it from text dumps, so this stage decides line by
line with general cues, not a list of sites:

- a line matching a chrome phrase (``CHROME`` below: controls, calls to share,
  subscribe, donate, legal notices, form messages) is chrome anywhere;
- at the head and the tail of the page, short lines that are not sentences
  (no closing punctuation, two words or fewer, mostly non-Latin script, link
  or separator lines) are chrome too, as is a tail line repeating a line
  already seen (the repeated dateline);
- lines inside a transcript (a speaker label, or a short reply such as
  "Spasibo.") are never dropped, because content is trimmed only from the
  outside in: once substantive text starts, short lines are kept.

``content`` is then the span from the first to the last content line, minus
chrome runs in between.
"""

from __future__ import annotations

import re
from collections import Counter

from communique.model import Document
from communique.structure.labels import find_labels
from communique.textutil import lines, strip_span

CHROME = re.compile(
    r"""^\W*(?:
      view\ settings|font\ size|site\ colou?rs?|text\ only|high\ contrast|version\ for\ the\ visually\ impaired
    | menu(?:\ close)?|close\ menu|main\ menu|skip\ to\ (?:main\ )?content|back\ to\ top|search(?:\ the\ site)?
    | share(?:\ this)?(?:\ (?:article|page|story|post))?\b.{0,40}|print(?:\ version|\ this\ page)?|send\ by\ e-?mail
    | latest\ news|related\ (?:news|articles|stories|posts)|read\ (?:more|also)|see\ also|more\ (?:news|stories)
    | (?:you\ have\ )?successfully\ subscribed.*|subscribe(?:\ to)?.{0,60}|sign\ up\b.{0,60}|newsletter.{0,60}
    | there\ was\ an\ error\ while\ trying.*|please\ try\ again.*
    | follow\ us.*|like\ us\ on.*|all\ rights\ reserved.*|copyright\b.*|©.*|cookie.*|privacy\ policy.*|terms\ of\ (?:use|service).*
    | official\ (?:website|site|internet\ resource)\ of\ .*|\#+|\\\#+|\*\s*\*\s*\*\ *(?=$)
    | tags?:.*|topics?:.*|categor(?:y|ies):.*|posted\ in.*|filed\ under.*|permalink.*
    | thank\ you\ in\ advance\.?|button-.*|advertisement|sponsored(?:\ content)?|loading\.*
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
# paragraphs that ask the reader for money or data, whatever their length
APPEAL = re.compile(
    r"\b(?:donat(?:e|ion|ions)|paypal|patreon|crypto-?currenc(?:y|ies)|chip(?:ping)?\ in|buy\ us\ a\ coffee"
    r"|gdpr|will\ use\ the\ information\ you\ provide|support\ (?:our|independent)\ (?:work|journalism)"
    r"|maintain\ the\ site|keep\ (?:us|this\ site)\ (?:online|running))\b",
    re.IGNORECASE | re.VERBOSE,
)
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)\]]\s*$")
_LATIN = re.compile(r"[A-Za-z]")


def _is_chrome(line: str) -> bool:
    return bool(CHROME.match(line)) or bool(APPEAL.search(line))


def _is_thin(line: str) -> bool:
    """A line too slight to be content when it stands at the head or tail of a page."""
    s = line.strip()
    words = s.split()
    if len(words) <= 2 and not _SENTENCE_END.search(s):
        return True
    letters = [c for c in s if c.isalpha()]
    if letters and sum(1 for c in letters if _LATIN.match(c)) < len(letters) / 2:
        return True
    return bool(re.fullmatch(r"[\W_]+", s)) or s.endswith("/")


def run(doc: Document) -> None:
    text = doc.flat
    all_lines = [(s, e) for s, e in lines(text, doc.body_start) if text[s:e].strip()]
    if not all_lines:
        doc.content = []
        return
    labels = {lab.start for lab in find_labels(doc, [(doc.body_start, len(text))])}

    def keep_line(s: int, e: int) -> bool:
        ls, _ = strip_span(text, s, e)
        return ls in labels

    chrome = [(_is_chrome(text[s:e]) and not keep_line(s, e)) for s, e in all_lines]
    # trim the head: chrome and thin lines before the first substantive line
    first = 0
    while first < len(all_lines) and (chrome[first] or _is_thin(text[slice(*all_lines[first])])):
        if keep_line(*all_lines[first]):
            break
        first += 1
    # trim the tail: chrome, thin lines and repeats of earlier lines
    last = len(all_lines) - 1
    # how often each line occurs in all_lines[first:last], kept up to date as the tail shrinks
    # (one count per line rather than a set rebuilt per step: a page of repeated lines stays linear)
    earlier = Counter(text[a:b].strip() for a, b in all_lines[first:last])
    while last > first:
        s, e = all_lines[last]
        line = text[s:e].strip()
        if keep_line(s, e):
            break
        if chrome[last] or _is_thin(line) or earlier[line] > 0:
            last -= 1
            earlier[text[slice(*all_lines[last])].strip()] -= 1
            continue
        break
    spans: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for i in range(first, last + 1):
        s, e = all_lines[i]
        if chrome[i]:
            if cur:
                spans.append(cur)
                cur = None
            continue
        s, e = strip_span(text, s, e)
        cur = (cur[0], e) if cur else (s, e)
    if cur:
        spans.append(cur)
    doc.content = spans
