"""The local engine of ``communique batch``: worker processes on this machine, one Parquet writer.

It is ``ingest``'s own machinery (:func:`communique.ingest.analysed`: a fork
pool, results in input order) with a shard writer in place of the store, so
``batch --engine local`` and ``ingest`` analyse alike and need nothing beyond
pyarrow.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from rich.console import Console

from communique.errors import InputError
from communique.ingest import analysed
from communique.scale.inputs import Item
from communique.scale.progress import RateBar
from communique.scale.report import BatchReport
from communique.scale.writer import ShardWriter


def run_local(
    items: Iterable[Item],
    output: Path,
    workers: int,
    only: list[str] | None = None,
    shard_rows: int = 500,
    console: Console | None = None,
    total: Callable[[], int | None] | None = None,
) -> BatchReport:
    """Analyse ``items`` with ``workers`` processes and write them as shards into ``output``."""
    report = BatchReport("local", workers=workers)
    writer = ShardWriter(output, shard_rows)
    t0 = time.perf_counter()
    with RateBar("batch", console, count=total) as bar:
        for item in analysed(items, workers=workers, only=only):
            if isinstance(item, InputError):
                report.failures.append(str(item))
            else:
                writer.add(item.to_dict())
            bar.update(writer.rows + len(writer.pending) + len(report.failures), len(report.failures))
        writer.close()
    report.written = writer.rows
    report.seconds = time.perf_counter() - t0
    return report
