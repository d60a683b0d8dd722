"""Inputs -> Documents: files, folders, URLs, stdin and JSONL/CSV corpora.

Two entry points:

- :func:`read_one` reads one document (a ``.txt``/``.md``/``.html`` file, an
  http(s) URL, or ``-`` for stdin) and raises :class:`~communique.errors.InputError`
  when it cannot;
- :func:`iter_documents` reads many (folders recursively, corpora row by
  row) and *yields* an InputError for each input or row that fails, so one
  bad file never stops a batch.

``Document.text`` is the decoded text after universal-newline normalisation
(``\\r\\n`` and ``\\r`` become ``\\n``) — for HTML, the extracted main text — and
is never changed afterwards: all offsets refer to it. YAML front matter stays
in the text; ``body_start`` points past it and its fields are in ``meta``.

Options (keyword arguments of both functions): ``max_bytes`` (default 20 MB,
per document or corpus row), ``timeout`` (URL connect/read timeout, default
10 s), ``deadline`` (a whole download, default six times ``timeout``) and
``max_redirects`` (default 5).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator

from communique.errors import InputError
from communique.model import Document, doc_id_for
from communique.read.corpus import iter_csv, iter_jsonl
from communique.read.encoding import decode, normalize_newlines
from communique.read.files import SUPPORTED_EXTENSIONS, kind_of, read_bytes, refuse_special, too_large, walk
from communique.read.html import HTML_CONTENT_TYPES, html_document, looks_like_html
from communique.read.options import ReadOptions
from communique.read.plain import text_document
from communique.read.url import fetch, is_url

__all__ = ["SUPPORTED_EXTENSIONS", "ReadOptions", "iter_documents", "read_one"]

STDIN = "-"
STDIN_SOURCE = "<stdin>"


def read_one(location: str, **opts: object) -> Document:
    """One document from a path, an http(s) URL or ``-`` (stdin).

    Raises InputError (one line: ``<location>: <reason>``) when the input is
    missing, empty, binary, too large, unreachable — or a corpus, which holds
    many documents and is read with :func:`iter_documents`.
    """
    return _read(str(location), ReadOptions.from_opts(opts))


def iter_documents(locations: Iterable[str] | str, **opts: object) -> Iterator[Document | InputError]:
    """Documents from many inputs, in order; a failing input or row yields an InputError and reading goes on.

    Folders are read recursively (files with a :data:`SUPPORTED_EXTENSIONS`
    extension, sorted, hidden ones skipped); ``.jsonl`` and ``.csv`` files
    give one Document per row.
    """
    options = ReadOptions.from_opts(opts)  # checked now, not at the first next()
    if isinstance(locations, (str, os.PathLike)):
        locations = [locations]  # type: ignore[list-item]
    return _iter(locations, options)


def _iter(locations: Iterable[str], opts: ReadOptions) -> Iterator[Document | InputError]:
    for location in locations:
        location = os.fspath(location)
        if location != STDIN and not is_url(location) and os.path.isdir(location):
            found = False
            for path in walk(location):
                found = True
                if isinstance(path, InputError):
                    yield path
                else:
                    yield from _iter_file(path, opts)
            if not found:
                yield InputError(
                    location, f"no readable files in this folder (looked for {', '.join(SUPPORTED_EXTENSIONS)})"
                )
        else:
            yield from _iter_file(location, opts)


def _iter_file(location: str, opts: ReadOptions) -> Iterator[Document | InputError]:
    kind = None if location == STDIN or is_url(location) else kind_of(location)
    if kind in ("jsonl", "csv"):
        try:
            refuse_special(location)  # a corpus is opened directly: never a FIFO that blocks the batch
        except InputError as err:
            yield err
            return
    if kind == "jsonl":
        yield from iter_jsonl(location, opts)
    elif kind == "csv":
        yield from iter_csv(location, opts)
    else:
        try:
            yield _read(location, opts)
        except InputError as err:
            yield err


def _read(location: str, opts: ReadOptions) -> Document:
    if location == STDIN:
        return _from_stdin(opts)
    if is_url(location):
        return _from_url(location, opts)
    kind = kind_of(location)
    if kind in ("jsonl", "csv"):
        raise InputError(
            location, f"a {kind.upper()} corpus holds many documents: read it with iter_documents (one per row)"
        )
    data = read_bytes(location, opts.max_bytes)
    if kind == "html" or (kind is None and looks_like_html(data)):
        return html_document(data, location, doc_id_for(data))
    return _text(data, location)


def _text(data: bytes, source: str, charset: str | None = None, meta: dict | None = None) -> Document:
    text = normalize_newlines(decode(data, source, charset))
    return text_document(text, source, doc_id_for(data), meta)


def _from_stdin(opts: ReadOptions) -> Document:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(STDIN_SOURCE, "standard input is not available")
    data = stream.read(opts.max_bytes + 1)
    if len(data) > opts.max_bytes:
        raise InputError(STDIN_SOURCE, too_large(None, opts.max_bytes))
    if not data:
        raise InputError(STDIN_SOURCE, "empty: nothing on standard input")
    if looks_like_html(data):
        return html_document(data, STDIN_SOURCE, doc_id_for(data))
    return _text(data, STDIN_SOURCE)


def _from_url(url: str, opts: ReadOptions) -> Document:
    got = fetch(url, opts)
    if not got.data:
        raise InputError(url, "empty: the server sent no content")
    meta = {"url": got.url, "content_type": got.mime} if got.mime else {"url": got.url}
    if got.mime in HTML_CONTENT_TYPES or (got.mime in ("", "application/octet-stream") and looks_like_html(got.data)):
        doc = html_document(got.data, url, doc_id_for(got.data), charset=got.charset, url=got.url)
        for key, value in meta.items():
            doc.meta.setdefault(key, value)
        return doc
    if got.mime.startswith("text/") or got.mime in ("", "application/octet-stream"):
        return _text(got.data, url, got.charset, meta)
    raise InputError(url, f"unsupported content type '{got.mime}': only HTML and plain text can be read")
