"""Exports of the store: JSONL (the contract), CSV (one table), Parquet (one row per document), PLOVER.

The Parquet export has the schema of ``communique batch``'s shards (see ``communique.scale.parquet``), so
the two can be read together and either can be ingested again.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

from communique.errors import CommuniqueError
from communique.store.schema import TABLES


def contract_rows(store):
    """Each stored document as its contract dict."""
    for (data,) in store.con.execute("SELECT data FROM documents ORDER BY published NULLS LAST, id").fetchall():
        yield json.loads(data)


def _rows_by_id(store, batch: int = 200):
    """Each stored document as its contract dict, in id order, a few at a time (a store may outgrow memory)."""
    cur = store.con.execute("SELECT data FROM documents ORDER BY id")
    while rows := cur.fetchmany(batch):
        for (data,) in rows:
            yield json.loads(data)


def write_parquet(rows, path: Path) -> int:
    """One Parquet file, one row per document, with the same schema as ``communique batch``'s shards."""
    from communique.scale.parquet import write_records_stream

    return write_records_stream(rows, path)


def export_store(store, fmt: str, output: Path | None, layer: str = "documents") -> int:
    """Write the store in ``fmt`` to ``output`` (standard output when None); returns the record count."""
    if fmt == "parquet":
        if output is None:
            raise CommuniqueError("parquet export needs --out FILE")
        return write_parquet(_rows_by_id(store), output)
    sink = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "jsonl":
            n = 0
            for d in contract_rows(store):
                sink.write(json.dumps(d, ensure_ascii=False) + "\n")
                n += 1
            return n
        if fmt == "csv":
            if layer not in TABLES:
                raise CommuniqueError(f"unknown layer {layer!r}; choose one of {', '.join(TABLES)}")
            cols = "* EXCLUDE (data)" if layer == "documents" else "*"
            cur = store.con.execute(f"SELECT {cols} FROM {layer}")
            w = csv.writer(sink)
            w.writerow([c[0] for c in cur.description])
            n = 0
            for row in cur.fetchall():
                w.writerow(["|".join(map(str, v)) if isinstance(v, list) else v for v in row])
                n += 1
            return n
        if fmt in ("plover", "plover-csv"):
            from communique.events.export import plover_records
            from communique.model import Document

            records = [r for d in contract_rows(store) for r in plover_records(Document.from_dict(d))]
            if fmt == "plover":
                for r in records:
                    sink.write(json.dumps(r, ensure_ascii=False) + "\n")
            else:
                buf = io.StringIO()
                flat = [
                    {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v) for k, v in r.items()}
                    for r in records
                ]
                if flat:
                    w = csv.DictWriter(buf, fieldnames=list(flat[0]))
                    w.writeheader()
                    w.writerows(flat)
                sink.write(buf.getvalue())
            return len(records)
        raise CommuniqueError(f"unknown export format {fmt!r}")
    finally:
        if output:
            sink.close()
