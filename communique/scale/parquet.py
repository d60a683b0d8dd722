"""Analysed documents as Parquet: one row per document, the contract's fields as columns.

Why an explicit schema rather than letting pyarrow infer one: shards written by
different processes (or Ray tasks) must have the very same schema, whatever
their rows hold — a shard where no document has a claim would otherwise get a
``list<null>`` column and DuckDB, Spark or pandas could not read the folder as
one table. The schema is derived from the dataclasses of :mod:`communique.model`,
so a field added there appears here without an edit; the layers are nested
``list<struct>`` columns exactly as in the output contract, ``content`` is
``list<list<int64>>`` and ``meta`` is JSON text (its keys vary per corpus).
Rows are sorted by id within each table written, and :func:`read_records` sorts a whole folder, so
outputs of different engines compare equal.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from communique.errors import CommuniqueError
from communique.model import LAYERS

# the contract's top-level fields, in the contract's order; then the layers and ``meta``
TOP_FIELDS = ("id", "source", "title", "publisher", "published", "language", "kind", "text")
PARQUET_EXTRA = "communique[parquet]"


def require_pyarrow() -> Any:
    """pyarrow, or a one-line error naming the extra that installs it."""
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401  (a submodule the writers need)
    except ImportError as exc:
        raise CommuniqueError(f"Parquet needs pyarrow: pip install '{PARQUET_EXTRA}'") from exc
    return pyarrow


def _arrow_type(hint: Any) -> tuple[Any, bool]:
    """The Arrow type of a dataclass field and whether its values travel as JSON text."""
    pa = require_pyarrow()
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return _arrow_type(args[0])
    if origin is list:
        (item,) = typing.get_args(hint) or (str,)
        inner, as_json = _arrow_type(item)
        if not as_json:
            return pa.list_(inner), False
    scalar = {bool: pa.bool_(), int: pa.int64(), float: pa.float64(), str: pa.string()}
    if hint in scalar:
        return scalar[hint], False
    return pa.string(), True  # anything richer (a dict, a nested type) is stored as JSON text


@lru_cache(maxsize=1)
def layer_fields() -> dict[str, tuple[tuple[str, Any, bool], ...]]:
    """For each layer: its fields as (name, Arrow type, stored-as-JSON)."""
    out = {}
    for layer, cls in LAYERS.items():
        hints = typing.get_type_hints(cls)
        out[layer] = tuple((f.name, *_arrow_type(hints[f.name])) for f in fields(cls))
    return out


@lru_cache(maxsize=1)
def record_schema() -> Any:
    """The Arrow schema of one analysed document (stable column order)."""
    pa = require_pyarrow()
    cols = [(name, pa.string()) for name in TOP_FIELDS]
    cols.append(("content", pa.list_(pa.list_(pa.int64()))))
    for layer, flds in layer_fields().items():
        cols.append((layer, pa.list_(pa.struct([(name, typ) for name, typ, _ in flds]))))
    cols.append(("meta", pa.string()))
    return pa.schema(cols)


def _json_fields(layer: str) -> list[str]:
    return [name for name, _, as_json in layer_fields()[layer] if as_json]


def to_row(record: dict[str, Any]) -> dict[str, Any]:
    """A contract dict made ready for the schema: ``meta`` and rich layer fields become JSON text."""
    row = {name: record.get(name) for name in TOP_FIELDS}
    row["content"] = [list(span) for span in record.get("content") or []]
    for layer in LAYERS:
        items = record.get(layer) or []
        rich = _json_fields(layer)
        if rich:
            items = [{**x, **{k: json.dumps(x.get(k), ensure_ascii=False, default=str) for k in rich}} for x in items]
        row[layer] = items
    row["meta"] = json.dumps(record.get("meta") or {}, ensure_ascii=False, default=str)
    return row


def from_row(row: dict[str, Any]) -> dict[str, Any]:
    """The contract dict back from a Parquet row (inverse of :func:`to_row`)."""
    record = dict(row)
    for layer in LAYERS:
        rich = _json_fields(layer)
        items = record.get(layer) or []
        if rich:
            items = [{**x, **{k: json.loads(x[k]) for k in rich if isinstance(x.get(k), str)}} for x in items]
        record[layer] = items
    meta = record.get("meta")
    record["meta"] = json.loads(meta) if isinstance(meta, str) and meta else dict(meta or {})
    record["content"] = [list(span) for span in record.get("content") or []]
    return record


def records_table(records: Iterable[dict[str, Any]]) -> Any:
    """An Arrow table of contract dicts, sorted by id."""
    pa = require_pyarrow()
    rows = sorted((to_row(r) for r in records), key=lambda r: r["id"] or "")
    return pa.Table.from_pylist(rows, schema=record_schema())


def write_records(records: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write contract dicts to one Parquet file; returns how many rows."""
    require_pyarrow()
    import pyarrow.parquet as pq

    table = records_table(records)
    pq.write_table(table, str(path))
    return table.num_rows


def write_records_stream(records: Iterable[dict[str, Any]], path: str | Path, group_rows: int = 200) -> int:
    """Write contract dicts to one Parquet file a row group at a time (bounded memory; rows keep their order)."""
    pa = require_pyarrow()
    import pyarrow.parquet as pq

    n = 0
    with pq.ParquetWriter(str(path), record_schema()) as writer:
        group: list[dict[str, Any]] = []
        for record in records:
            group.append(to_row(record))
            if len(group) >= group_rows:
                writer.write_table(pa.Table.from_pylist(group, schema=record_schema()))
                n, group = n + len(group), []
        if group or n == 0:
            writer.write_table(pa.Table.from_pylist(group, schema=record_schema()))
            n += len(group)
    return n


def is_records_schema(names: Iterable[str]) -> bool:
    """True when columns look like analysed documents (text and every layer), not a raw corpus."""
    have = set(names)
    return "text" in have and "id" in have and all(layer in have for layer in LAYERS)


def parquet_files(location: str | Path) -> list[Path]:
    """The Parquet files of a file or a folder (recursively, sorted, hidden ones skipped)."""
    path = Path(location)
    if path.is_file():
        return [path]
    found = [
        p
        for p in path.rglob("*.parquet")
        if p.is_file() and not any(part.startswith((".", "_")) for part in p.relative_to(path).parts)
    ]
    return sorted(found)


def iter_rows(path: str | Path, batch_rows: int = 256) -> Iterator[dict[str, Any]]:
    """Rows of one Parquet file as dicts, a batch at a time (a shard may be larger than memory)."""
    require_pyarrow()
    import pyarrow.parquet as pq

    with pq.ParquetFile(str(path)) as pf:
        for batch in pf.iter_batches(batch_size=batch_rows):
            yield from batch.to_pylist()


def read_records(location: str | Path) -> list[dict[str, Any]]:
    """Every analysed document of a Parquet file or folder as contract dicts, sorted by id."""
    out = [from_row(row) for path in parquet_files(location) for row in iter_rows(path)]
    return sorted(out, key=lambda r: r["id"])
