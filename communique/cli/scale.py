"""The ``batch`` command: analyse a corpus into Parquet shards, on local cores or on a Ray cluster."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from communique.cli.app import app
from communique.cli.console import err, error, print_failed
from communique.cli.core import KbOption, OnlyOption, _only
from communique.errors import CommuniqueError


class Engine(str, Enum):
    local = "local"
    ray = "ray"


@app.command()
def batch(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Inputs (files, folders, URLs, JSONL/CSV/Parquet corpora), then the OUTPUT folder.",
            metavar="INPUT... OUTPUT",
        ),
    ],
    engine: Annotated[
        Engine, typer.Option("--engine", "-e", help="local: processes on this machine; ray: a Ray cluster.")
    ] = Engine.local,
    address: Annotated[
        str | None,
        typer.Option(
            "--address", help="Ray cluster to join (e.g. auto, or ray://head:10001); default: start one here."
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", "-w", help="Analysis processes / Ray tasks at once (0 = every core).")
    ] = 0,
    only: OnlyOption = None,
    shard_rows: Annotated[
        int, typer.Option("--shard-rows", help="Documents per shard: at most (local), at least per write task (Ray).")
    ] = 500,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace the part-*.parquet shards already in OUTPUT.")
    ] = False,
    kb: KbOption = None,
) -> None:
    """Analyse records into OUTPUT/part-*.parquet: one row per document, layers as nested columns.

    Needs the parquet extra (pyarrow): pip install 'communique[parquet]'; `ingest` keeps records without it.
    Read the result with `communique ingest OUTPUT`, DuckDB (read_parquet('OUTPUT/*.parquet')), Spark or pandas.
    """
    from communique.scale.batch import run_batch

    if len(paths) < 2:
        error("give at least one INPUT and then the OUTPUT folder")
        raise typer.Exit(2)
    *inputs, output = paths
    if address and engine is not Engine.ray:
        error("--address is for --engine ray")
        raise typer.Exit(2)
    try:
        report = run_batch(
            inputs,
            output,
            engine=engine.value,
            workers=workers,
            address=address,
            only=_only(only),
            kb=[str(p) for p in kb or []],
            shard_rows=shard_rows,
            overwrite=overwrite,
            console=err,
        )
    except CommuniqueError as exc:
        error(str(exc))
        raise typer.Exit(2) from exc
    for failure in report.failures:
        print_failed(str(failure))
    err.print(
        f"wrote {report.written} document(s) to {Path(output) if '://' not in output else output} "
        f"with the {report.engine} engine ({report.workers} worker(s)) in {report.seconds:.1f} s "
        f"({report.rate:.1f} docs/s), {len(report.failures)} failed",
        highlight=False,
    )
    if report.failures:
        raise typer.Exit(1)
