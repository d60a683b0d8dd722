"""Find speaker labels in a record: the marks that open a speaker turn.

Label forms of official transcripts and briefings:

- ``Name:`` / ``Title Name:`` (``President of Russia Vladimir Putin:``), the words
  following on the same line or on the next one;
- interpreter notes before the colon (``Bashar al-Assad (retranslated):``,
  ``(in Russian)``) or right after it (``PRIME MINISTER SUGA:  (As interpreted.)``);
- upper-case briefing labels (``MS. PSAKI:``, ``PRESIDENT BIDEN:``);
- anonymous questions: ``Q`` followed by spaces, ``Q:``, ``Question:``.

A label must open a paragraph (the line before is blank), read like a name or
a title (capitalised words and name particles, at most a dozen words), and not
be a generic heading ("Note:", "Latest News:", "Share this:"). This module is
shared by the metadata (kind), segments and turns stages, so it is pure and
cheap: a handful of precompiled regexes over line starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from communique.model import Document

# notes on how the words were delivered; key = normalised note text
DELIVERY_NOTES: dict[str, tuple[str, str | None]] = {
    "retranslated": ("retranslated", None),
    "via interpreter": ("interpreted", None),
    "through interpreter": ("interpreted", None),
    "through an interpreter": ("interpreted", None),
    "through interpretation": ("interpreted", None),
    "via interpretation": ("interpreted", None),
    "as interpreted": ("interpreted", None),
    "as translated": ("interpreted", None),
    "translated": ("interpreted", None),
    "interpreted": ("interpreted", None),
    "in russian": ("original", "ru"),
    "in english": ("original", "en"),
    "in french": ("original", "fr"),
    "in german": ("original", "de"),
    "in chinese": ("original", "zh"),
    "in arabic": ("original", "ar"),
    "in spanish": ("original", "es"),
    "in turkish": ("original", "tr"),
    "in ukrainian": ("original", "uk"),
    "in japanese": ("original", "ja"),
    "in korean": ("original", "ko"),
    "in hindi": ("original", "hi"),
    "in persian": ("original", "fa"),
    "in farsi": ("original", "fa"),
    "in hebrew": ("original", "he"),
    "in italian": ("original", "it"),
    "in portuguese": ("original", "pt"),
}
_NOTE_WORDS = "|".join(sorted((re.escape(k) for k in DELIVERY_NOTES), key=len, reverse=True))
_NOTE = rf"\(\s*(?:{_NOTE_WORDS})\.?\s*\)"

# "Title Name (note):" at a line start; the colon must be followed by white space or the line end
_COLON_LABEL = re.compile(
    rf"^[ \t]*(?P<label>(?P<name>[^\W\d_][^:\n()]{{0,100}}?)(?:\s*(?P<note>{_NOTE}))?)[ \t]*:(?=[ \t]|$)",
    re.MULTILINE | re.IGNORECASE,
)
# "Q    text", "Q: text", "Q. text" at a line start
_Q_LABEL = re.compile(r"^[ \t]*(?P<label>Q)(?:[ \t]*[:.](?=[ \t]|$)|[ \t]+(?=\S)|[ \t]*$)", re.MULTILINE)
# a delivery note opening the words: "PRIME MINISTER SUGA:  (As interpreted.)  Mr. President"
_LEADING_NOTE = re.compile(rf"[ \t]*\n?[ \t]*(?P<note>{_NOTE}|\(\s*(?:{_NOTE_WORDS})\.?\s*\))", re.IGNORECASE)

NAME_PARTICLES = {
    "of",
    "the",
    "and",
    "for",
    "on",
    "to",
    "de",
    "da",
    "del",
    "della",
    "der",
    "den",
    "van",
    "von",
    "al",
    "el",
    "bin",
    "ibn",
    "bint",
    "le",
    "la",
    "y",
    "du",
    "des",
    "dos",
    "das",
    "ul",
    "ud",
    "abu",
    "st",
    "mc",
}
ANONYMOUS = {
    "q",
    "question",
    "questions",
    "journalist",
    "reporter",
    "audience",
    "audience member",
    "participant",
    "participants",
    "voice",
    "voices",
    "unidentified",
    "unidentified speaker",
    "interpreter",
    "moderator",
    "remark",
    "reply",
    "response",
    "answer",
    "a",
}
# A label naming a role nobody is named in ("AIDE:", "OPERATOR:", "SENIOR ADMINISTRATION OFFICIAL:",
# each in the bench corpus's briefings dozens to hundreds of times): an anonymous speaker, not a person.
ROLE_ONLY = re.compile(
    r"(?:(?:senior|white house|administration|administrative|military|defen[cs]e|state department|u\.s\.|"
    r"campaign|staff|audience|event|conference|phone|call)\s+)*"
    r"(?:officials?|aides?|staffers?|staff|operators?|members?|customers?|child|children|students?|workers?)",
    re.IGNORECASE,
)
NOT_LABELS = {
    "note",
    "notes",
    "source",
    "sources",
    "photo",
    "photos",
    "video",
    "tags",
    "tag",
    "update",
    "updated",
    "related",
    "share",
    "share this",
    "topics",
    "topic",
    "subject",
    "date",
    "dates",
    "location",
    "time",
    "summary",
    "background",
    "attachment",
    "attachments",
    "reference",
    "references",
    "warning",
    "disclaimer",
    "correction",
    "latest news",
    "read more",
    "see also",
    "contact",
    "contacts",
    "email",
    "e-mail",
    "phone",
    "tel",
    "fax",
    "address",
    "website",
    "follow us",
    "font size",
    "site colours",
    "site colors",
    "print",
    "download",
    "agenda",
    "keywords",
    "category",
    "categories",
    "editor's note",
    "editor’s note",
    "transcript",
    "context",
    "remarks",
    "statement",
    "readout",
    "fact sheet",
    "participants list",
    "attendees",
    "what",
    "when",
    "where",
    "who",
    "why",
    "how",
    "title",
    "author",
    "posted",
    "published",
    "filed",
    "highlights",
    "key points",
    "quote",
    "example",
    "examples",
    "goal",
    "goals",
    "objective",
    "objectives",
    "results",
    "outcome",
    "step",
    "phase",
    "part",
    "section",
    "chapter",
    "article",
    "annex",
    "appendix",
    "table",
    "figure",
    "menu",
    "search",
    "language",
    "languages",
    "version",
    "copyright",
    "previous",
    "next",
    "home",
    "news",
    "events",
    "documents",
    "also",
    "caption",
    "credit",
    "credits",
    "image",
    "images",
    "listen",
    "watch",
    "media",
    "press",
    "press contact",
    "press release",
    "press office",
    "for immediate release",
    "embargoed",
    "end",
    "ps",
    "p.s",
    "nb",
    "n.b",
    "important",
    "bottom line",
    "the bottom line",
    "in brief",
    "in short",
    "the following",
    "please note",
    "for example",
    "i.e",
    "e.g",
    "speakers",
    "speaker",
    "format",
    "venue",
    "place",
    "places",
    "location and time",
    "duration",
    "agenda item",
    "attendance",
}


@dataclass(slots=True, frozen=True)
class Label:
    """A speaker label found in the text: where it is and what it says."""

    start: int  # first char of the label
    end: int  # just after the colon (or the Q and its spaces)
    label: str  # as written, notes included, without the colon
    name: str  # the label without notes
    delivery: str  # original | interpreted | retranslated
    language: str | None
    anonymous: bool
    body_start: int  # first char of the words (after notes and white space)


def _blank_before(text: str, pos: int, floor: int) -> bool:
    """A label opens a paragraph: the line before it is blank, or it is the first line."""
    ls = text.rfind("\n", 0, pos)
    if ls < floor:
        return True
    prev = text.rfind("\n", 0, ls)
    return not text[max(prev + 1, floor) : ls].strip()


def _reads_like_name(name: str) -> bool:
    words = name.replace("’", "'").split()
    if not words or len(words) > 12:
        return False
    if any(c in name for c in '*_[]{}=<>|/\\"“”;!?@#$%&+'):
        return False
    key = " ".join(words).lower().rstrip(".")
    if key in NOT_LABELS:
        return False
    if name.isupper():
        return True
    for w in words:
        core = w.strip(".,'’-")
        if not core:
            continue
        low = core.lower()
        if low in NAME_PARTICLES or re.match(r"(?:al|el|ad|as|ash|ar|an|at|az|bin|ibn|abu|abd|ul)[-‐]", low):
            continue
        if not core[0].isupper():
            return False
    return True


def _delivery(note: str | None) -> tuple[str, str | None]:
    if not note:
        return "original", None
    key = " ".join(note.strip("() .").lower().split()).rstrip(".")
    return DELIVERY_NOTES.get(key, ("original", None))


def find_labels(doc: Document, spans: list[tuple[int, int]] | None = None) -> list[Label]:
    """Speaker labels inside ``spans`` (default: the document's content, else its body)."""
    text = doc.flat
    if spans is None:
        spans = doc.content or [(doc.body_start, len(text))]
    key = ("labels", tuple(spans))
    cached = doc.cache.get(key)
    if cached is not None:
        return list(cached)
    out: list[Label] = []
    for lo, hi in spans:
        found: dict[int, Label] = {}
        for m in _COLON_LABEL.finditer(text, lo, hi):
            name = m.group("name").strip()
            if not _reads_like_name(name) or not _blank_before(text, m.start(), lo):
                continue
            delivery, language = _delivery(m.group("note"))
            body = m.end()
            lead = _LEADING_NOTE.match(text, body)
            if lead and not m.group("note"):
                delivery, language = _delivery(lead.group("note"))
                body = lead.end()
            while body < hi and text[body].isspace():
                body += 1
            start = m.start("label")
            anonymous = name.lower().rstrip(".") in ANONYMOUS or ROLE_ONLY.fullmatch(name.rstrip(".")) is not None
            found[start] = Label(start, m.end(), m.group("label").strip(), name, delivery, language, anonymous, body)
        for m in _Q_LABEL.finditer(text, lo, hi):
            start = m.start("label")
            if start in found or not _blank_before(text, m.start(), lo):
                continue
            body = m.end()
            delivery, language = "original", None
            lead = _LEADING_NOTE.match(text, body)
            if lead:
                delivery, language = _delivery(lead.group("note"))
                body = lead.end()
            while body < hi and text[body].isspace():
                body += 1
            found[start] = Label(start, m.end(), "Q", "Q", delivery, language, True, body)
        out.extend(found[k] for k in sorted(found))
    doc.cache[key] = tuple(out)
    return out
