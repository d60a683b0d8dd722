"""Decoded text -> Document: front matter, title, and the 'empty' refusal."""

from __future__ import annotations

from typing import Any

from communique.errors import InputError
from communique.model import Document
from communique.read.frontmatter import split_front_matter


def text_document(text: str, source: str, doc_id: str, meta: dict[str, Any] | None = None) -> Document:
    """A Document over ``text`` as given (already decoded and newline-normalised).

    Front matter fields go into ``meta`` (over the caller's ``meta``, which
    holds what the container knew: corpus columns, HTTP headers), and
    ``body_start`` skips the block.
    """
    merged: dict[str, Any] = dict(meta or {})
    body_start = 0
    found = split_front_matter(text, source)
    if found is not None:
        fields, body_start = found
        merged.update(fields)
    if not text[body_start:].strip():
        raise InputError(source, "empty: nothing after the front matter" if body_start else "empty: no text")
    return Document(
        text=text,
        source=source,
        id=doc_id,
        title=title_from(merged),
        meta=merged,
        body_start=body_start,
    )


def title_from(meta: dict[str, Any]) -> str | None:
    """The metadata title on one line, or None."""
    title = meta.get("title")
    if isinstance(title, str) and title.strip():
        return " ".join(title.split())
    return None
