"""JSONL and CSV corpora: one Document per row, streamed, a bad row never stops the rest.

A corpus may be far bigger than memory, so rows are read one at a time and
the size cap applies to each row, not to the file. Rows are named
``<file>:<line>`` in errors and ``<file>#<line>`` in ``source`` (when the row
has no ``url``), ``<line>`` being the line of the file where the row starts.
"""

from __future__ import annotations

import codecs
import csv
import json
import sys
from collections.abc import Iterator, Mapping
from typing import Any

from communique.errors import InputError
from communique.model import Document, doc_id_for
from communique.read.encoding import DETECTABLE, normalize_newlines
from communique.read.options import ReadOptions, human_size
from communique.read.plain import text_document

# Columns with a meaning; any other column is kept in ``meta`` as it is.
KNOWN_COLUMNS = ("id", "url", "title", "date", "publisher")


def iter_jsonl(path: str, opts: ReadOptions) -> Iterator[Document | InputError]:
    """One Document per JSON object line; blank lines are skipped."""
    try:
        fh = open(path, "rb")  # closed by the "with" below
    except OSError as err:
        yield _open_error(path, err)
        return
    rows = 0
    with fh:
        lineno = 0
        while True:
            line = fh.readline(opts.max_bytes + 1)
            if not line:
                break
            lineno += 1
            where = f"{path}:{lineno}"
            if len(line) > opts.max_bytes and not line.endswith(b"\n"):
                _skip_rest_of_line(fh)
                rows += 1
                yield InputError(where, f"row too large: more than {human_size(opts.max_bytes)} (raise max_bytes)")
                continue
            if lineno == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8) :]
            if not line.strip():
                continue
            rows += 1
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                yield InputError(where, f"malformed JSON line: {err.msg} at column {err.colno}")
                continue
            except UnicodeDecodeError:
                yield InputError(where, "malformed JSON line: not valid UTF-8")
                continue
            if not isinstance(row, dict):
                yield InputError(where, f"not a JSON object but a {type(row).__name__}")
                continue
            yield _row_document(row, path, lineno, opts)
    if rows == 0:
        yield InputError(path, "empty: no rows")


def iter_csv(path: str, opts: ReadOptions) -> Iterator[Document | InputError]:
    """One Document per row of a CSV file with a header row and a ``text`` column."""
    try:
        encoding = _csv_encoding(path)
    except OSError as err:
        yield _open_error(path, err)
        return
    if encoding is None:
        yield InputError(path, "not valid UTF-8 and no other encoding explains it: save the CSV as UTF-8")
        return
    _raise_field_limit(opts.max_bytes)
    with open(path, encoding=encoding, newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as err:
            yield InputError(path, f"unreadable header row: {err}")
            return
        if header is None:
            yield InputError(path, "empty: no header row")
            return
        names = [h.strip().lower() for h in header]
        if "text" not in names:
            shown = ", ".join(repr(h) for h in header[:12]) or "none"
            yield InputError(path, f"no 'text' column (the columns are: {shown})")
            return
        ended = reader.line_num
        rows = 0
        while True:
            start = ended + 1
            where = f"{path}:{start}"
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                ended = reader.line_num
                rows += 1
                yield InputError(where, f"malformed CSV row: {err}")
                continue
            except UnicodeDecodeError:
                yield InputError(where, f"not valid {encoding} from here on: the rest of the file is not read")
                return
            ended = reader.line_num
            if not any(v.strip() for v in values):
                continue
            rows += 1
            row = {name: value for name, value in zip(names, values, strict=False) if name}
            yield _row_document(row, path, start, opts)
        if rows == 0:
            yield InputError(path, "empty: a header row but no rows")


def _row_document(row: Mapping[str, Any], path: str, line: int, opts: ReadOptions) -> Document | InputError:
    where = f"{path}:{line}"
    text = row.get("text")
    if text is None:
        return InputError(where, "no 'text' field")
    if not isinstance(text, str):
        return InputError(where, f"'text' is a {type(text).__name__}, not a string")
    if len(text) > opts.max_bytes:
        return InputError(where, f"row too large: more than {human_size(opts.max_bytes)} (raise max_bytes)")
    text = normalize_newlines(text)
    if not text.strip():
        return InputError(where, "empty text")
    meta: dict[str, Any] = {}
    for key, value in row.items():
        if key == "text" or value is None or value == "":
            continue
        meta[str(key)] = value
    doc_id = str(meta["id"]) if "id" in meta else doc_id_for(text)
    url = meta.get("url")
    source = url if isinstance(url, str) and url.strip() else f"{path}#{line}"
    try:
        return text_document(text, source, doc_id, meta)
    except InputError as err:
        return InputError(where, err.reason)


def _csv_encoding(path: str) -> str | None:
    """UTF-8 (with or without BOM) when the start of the file is UTF-8, else the detected encoding."""
    with open(path, "rb") as fh:
        sample = fh.read(1 << 20)
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=list(DETECTABLE)).best()
    return best.encoding if best is not None else None


def _raise_field_limit(max_bytes: int) -> None:
    """The csv module refuses fields over 128 KB by default; a whole transcript is one field."""
    want = min(max(max_bytes, 1 << 20), sys.maxsize, 2**31 - 1)
    if csv.field_size_limit() < want:
        csv.field_size_limit(want)


def _skip_rest_of_line(fh: Any) -> None:
    while True:
        chunk = fh.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _open_error(path: str, err: OSError) -> InputError:
    if isinstance(err, FileNotFoundError):
        return InputError(path, "no such file or directory")
    if isinstance(err, IsADirectoryError):
        return InputError(path, "is a directory")
    return InputError(path, err.strerror or str(err))
