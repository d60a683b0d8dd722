"""YAML front matter (``---`` … ``---`` at the top of a file), found by content.

Markdown exports of press releases carry their title, date and source URL in
front matter, whatever the file's extension (the White House dumps are
``.txt``), so every text input is checked. The front matter stays in the
document's text — offsets refer to the file as it is — and ``body_start``
says where the record itself begins.
"""

from __future__ import annotations

import datetime as _dt
import logging
import re
from typing import Any

import yaml

_OPEN = re.compile(r"---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_KEY_LINE = re.compile(r"^[A-Za-z_][\w.-]*[ \t]*:", re.MULTILINE)
_MAX_FRONT_MATTER = 64 * 1024  # a metadata block, not a document
log = logging.getLogger("communique.read")


def split_front_matter(text: str, source: str | None = None) -> tuple[dict[str, Any], int] | None:
    """``(fields, body_start)`` when ``text`` opens with front matter, else None.

    Malformed YAML that still looks like ``key: value`` lines counts as front
    matter without fields: the document is read, only the metadata is lost, and
    one warning line naming ``source`` says so (logger ``communique.read``).
    A ``---`` rule over a line of prose is not front matter.
    """
    opening = _OPEN.match(text)
    if opening is None:
        return None
    closing = _CLOSE.search(text, opening.end(), opening.end() + _MAX_FRONT_MATTER)
    if closing is None:
        return None
    block = text[opening.end() : closing.start()]
    body_start = closing.end() + 1 if text.startswith("\n", closing.end()) else closing.end()
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as err:
        if not _KEY_LINE.search(block):
            return None
        where = getattr(err, "problem_mark", None)
        at = f" at line {where.line + 2}" if where is not None else ""
        problem = getattr(err, "problem", None) or "not valid YAML"
        log.warning(
            "warning: %s: front matter ignored (%s%s): the text is read without its metadata",
            source or "<text>",
            problem,
            at,
        )
        return {}, body_start
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}, body_start
    if data is None and not block.strip():
        return {}, body_start  # an empty block is still front matter
    return None


def _plain(value: Any) -> Any:
    """JSON-friendly values: YAML turns ``2021-01-26`` into a date, the output contract wants a string."""
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
