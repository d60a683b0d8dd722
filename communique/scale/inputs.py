"""Inputs of ``batch`` and ``ingest``: raw records to analyse, or records analysed already.

Why a layer above :mod:`communique.read`: the output of ``communique batch``
(a folder of Parquet shards) and of ``communique analyze`` (a JSONL of the
contract) must go into the store *without* being analysed again, and a raw
corpus may come as Parquet too. So each location is first classified —
``records`` (analysed documents in Parquet or JSONL), ``parquet`` (a raw corpus
with a ``text`` column) or ``raw`` (everything the reader knows) — and read
accordingly. Failures are yielded as :class:`InputError`, never raised, so one
bad file or row never stops a batch.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from communique.errors import CommuniqueError, InputError
from communique.model import Document
from communique.read import iter_documents
from communique.read.files import SUPPORTED_EXTENSIONS
from communique.read.options import ReadOptions
from communique.read.url import is_url
from communique.scale.parquet import from_row, is_records_schema, iter_rows, require_pyarrow

PARQUET = ".parquet"


@dataclass(slots=True)
class Analysed:
    """A document read back from analysed output: store or copy it, do not analyse it again."""

    doc: Document


Item = Document | Analysed | InputError


def plan_inputs(locations: Iterable[str]) -> list[tuple[str, str]]:
    """Each location as ``(kind, path)``; kind is ``records``, ``parquet`` or ``raw``.

    A folder holding Parquet or JSONL files is expanded into its files (sorted,
    hidden ones skipped, like the reader's own walk) so each can be classified;
    any other folder is left whole to the reader.
    """
    out: list[tuple[str, str]] = []
    for location in locations:
        location = os.fspath(location)
        if location == "-" or is_url(location) or not os.path.isdir(location):
            out.append((_kind(location), location))
            continue
        files = _walk(location)
        if any(f.lower().endswith((PARQUET, ".jsonl")) for f in files):
            out += [(_kind(f), f) for f in files]
        else:
            out.append(("raw", location))
    return out


def only_records(plan: list[tuple[str, str]]) -> bool:
    """True when nothing needs analysis (then no worker processes are worth starting)."""
    return bool(plan) and all(kind == "records" for kind, _ in plan)


def iter_inputs(locations: Iterable[str], **read_options: Any) -> Iterator[Item]:
    """Every document of ``locations``, in order: raw Documents, Analysed ones, and InputErrors."""
    opts = ReadOptions.from_opts(read_options)
    return iter_planned(plan_inputs(locations), opts)


def iter_planned(plan: list[tuple[str, str]], opts: ReadOptions) -> Iterator[Item]:
    for kind, path in plan:
        if kind == "raw":
            yield from iter_documents([path], **_as_kwargs(opts))
        elif path.lower().endswith(PARQUET):
            yield from iter_parquet(path, opts)
        else:
            yield from iter_analysed_jsonl(path)


def _as_kwargs(opts: ReadOptions) -> dict[str, Any]:
    return {name: getattr(opts, name) for name in ReadOptions.__dataclass_fields__}


def _walk(folder: str) -> list[str]:
    found: list[tuple[tuple[str, ...], str]] = []
    wanted = (*SUPPORTED_EXTENSIONS, PARQUET)
    # a subfolder that cannot be listed stays in the plan as itself, so the reader reports it on its line
    unreadable = lambda err: found.append(((os.path.relpath(err.filename or folder, folder),), err.filename or folder))  # noqa: E731
    for top, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = os.path.relpath(top, folder)
        parts = () if rel == "." else tuple(rel.split(os.sep))
        for name in files:
            ext = os.path.splitext(name)[1].lower()
            # "_"-files beside Parquet shards are a writer's bookkeeping (_SUCCESS, _metadata), not data
            if not name.startswith(".") and ext in wanted and not (ext == PARQUET and name.startswith("_")):
                found.append(((*parts, name), os.path.join(top, name)))
    return [path for _, path in sorted(found)]


def _kind(path: str) -> str:
    lower = path.lower()
    if lower.endswith(PARQUET) and os.path.isfile(path):
        return "records" if _parquet_is_records(path) else "parquet"
    if lower.endswith(".jsonl") and os.path.isfile(path) and _jsonl_is_records(path):
        return "records"
    return "raw"


def _parquet_is_records(path: str) -> bool:
    try:
        require_pyarrow()
        import pyarrow.parquet as pq

        return is_records_schema(pq.read_schema(path).names)
    except Exception:  # unreadable or no pyarrow: iter_parquet reports it on its one line
        return False


def _jsonl_is_records(path: str, limit: int = 64 << 20) -> bool:
    """Whether the first row of a JSONL file is an analysed document (from ``communique analyze``)."""
    try:
        with open(path, "rb") as fh:
            for _ in range(1000):
                line = fh.readline(limit)
                if not line:
                    return False
                if line.strip():
                    row = json.loads(line.decode("utf-8-sig"))
                    return isinstance(row, dict) and is_records_schema(row)
    except (OSError, ValueError):
        return False
    return False


def analysed_item(record: Any, where: str) -> Analysed | InputError:
    """An analysed record as a Document, or an error naming the row."""
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return InputError(where, "not an analysed document: no 'text' string")
    try:
        return Analysed(Document.from_dict(record))
    except (KeyError, TypeError, ValueError) as exc:
        return InputError(where, f"not an analysed document: {type(exc).__name__}: {exc}")


def iter_analysed_jsonl(path: str) -> Iterator[Analysed | InputError]:
    """Analysed documents of a JSONL file written by ``communique analyze`` (or ``export --format jsonl``)."""
    try:
        fh = open(path, encoding="utf-8-sig")
    except OSError as exc:
        yield InputError(path, exc.strerror or str(exc))
        return
    with fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputError(f"{path}:{lineno}", f"malformed JSON line: {exc.msg} at column {exc.colno}")
                continue
            if isinstance(record, dict) and not is_records_schema(record):
                yield InputError(f"{path}:{lineno}", "not an analysed document: it has no layers (mix no raw rows in)")
                continue
            yield analysed_item(record, f"{path}:{lineno}")


def iter_parquet(path: str, opts: ReadOptions) -> Iterator[Item]:
    """Rows of a Parquet file: analysed documents as they are, or a raw corpus (a ``text`` column) to analyse."""
    try:
        require_pyarrow()
        import pyarrow.parquet as pq

        names = pq.read_schema(path).names
    except CommuniqueError as exc:
        yield InputError(path, str(exc))
        return
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        yield InputError(path, f"not a readable Parquet file: {type(exc).__name__}: {exc}")
        return
    records = is_records_schema(names)
    if not records and "text" not in names:
        yield InputError(path, f"no 'text' column (the columns are: {', '.join(map(repr, names[:12]))})")
        return
    from communique.read.corpus import _row_document  # the reader's own row -> Document rule

    n = 0
    try:
        for n, row in enumerate(iter_rows(path), 1):
            if records:
                yield analysed_item(from_row(row), f"{path}:{n}")
            else:
                yield _row_document(_plain(row), path, n, opts)
    except Exception as exc:  # a damaged page or row group: report it, keep the rows read so far
        yield InputError(f"{path}:{n + 1}", f"unreadable Parquet row: {type(exc).__name__}: {exc}")
        return
    if n == 0:
        yield InputError(path, "empty: no rows")


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """Parquet values as the JSON reader would give them (dates as ISO text), so metadata reads them alike."""
    out = {}
    for key, value in row.items():
        if isinstance(value, (datetime, date)):
            value = value.isoformat()
        elif not isinstance(value, (str, int, float, bool, list, dict, type(None))):
            value = str(value)
        out[key] = value
    return out
