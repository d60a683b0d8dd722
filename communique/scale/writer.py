"""Analysed documents -> a folder of Parquet shards (``part-00000.parquet``, …), one writer.

Why shards of a bounded size: a corpus may not fit in memory, and many files
let DuckDB, Spark or Ray read the folder in parallel. Each shard holds at most
``shard_rows`` documents, sorted by id; the folder is read as one table with
``read_parquet('OUTPUT/*.parquet')``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from communique.errors import CommuniqueError
from communique.scale.parquet import write_records

SHARD_PATTERN = "part-*.parquet"


def shard_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def prepare_output(output: Path, overwrite: bool = False) -> None:
    """Create the output folder; refuse one that already holds shards unless ``overwrite`` (then delete them)."""
    if output.exists() and not output.is_dir():
        raise CommuniqueError(f"{output}: exists and is not a folder (batch writes a folder of Parquet shards)")
    old = sorted(output.glob(SHARD_PATTERN)) if output.is_dir() else []
    if old and not overwrite:
        raise CommuniqueError(f"{output}: already holds {len(old)} shard(s); use --overwrite to replace them")
    for path in old:
        path.unlink()
    output.mkdir(parents=True, exist_ok=True)


class ShardWriter:
    """Collects contract dicts and writes a shard each time ``shard_rows`` have come."""

    def __init__(self, output: Path, shard_rows: int = 500) -> None:
        self.output = output
        self.shard_rows = max(1, shard_rows)
        self.pending: list[dict[str, Any]] = []
        self.shards = 0
        self.rows = 0

    def add(self, record: dict[str, Any]) -> None:
        self.pending.append(record)
        if len(self.pending) >= self.shard_rows:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.rows += write_records(self.pending, self.output / shard_name(self.shards))
            self.shards += 1
            self.pending = []

    def close(self) -> None:
        self.flush()
