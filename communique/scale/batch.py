"""``communique batch``: inputs -> a folder of analysed Parquet shards, on this machine or on Ray.

Both engines read the inputs in this process (bad inputs become one-line
failures and the run goes on), analyse each document with the same function
and write the schema of :mod:`communique.scale.parquet`; they differ only in
where the analysis runs. Analysed records given as input are copied, not
analysed again.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rich.console import Console

from communique.errors import CommuniqueError
from communique.scale.inputs import iter_inputs
from communique.scale.parquet import require_pyarrow
from communique.scale.report import BatchReport
from communique.scale.writer import prepare_output

ENGINES = ("local", "ray")


def _is_uri(output: str) -> bool:
    return "://" in output


def run_batch(
    inputs: Iterable[str],
    output: str | Path,
    engine: str = "local",
    workers: int = 0,
    address: str | None = None,
    only: list[str] | None = None,
    kb: list[str] | None = None,
    shard_rows: int = 500,
    overwrite: bool = False,
    console: Console | None = None,
    ray_options: dict[str, Any] | None = None,
) -> BatchReport:
    """Analyse every document of ``inputs`` and write them into the folder ``output``.

    Raises CommuniqueError (one line) for what stops the whole run: no
    pyarrow, no Ray for ``engine="ray"``, an output folder that already holds
    shards. Bad inputs do not raise: they are in ``report.failures``.
    """
    if engine not in ENGINES:
        raise CommuniqueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    require_pyarrow()
    if engine == "ray":
        from communique.scale.rayengine import require_ray

        require_ray()
    out = str(output)
    if not _is_uri(out):
        prepare_output(Path(out), overwrite=overwrite)
    inputs = list(inputs)
    items = iter_inputs(inputs)
    if engine == "local":
        if _is_uri(out):
            raise CommuniqueError(f"{out}: the local engine writes to a folder on this machine, not a URI")
        from communique.ingest import available_cores
        from communique.scale.local import run_local

        for path in kb or []:  # worker processes are forked from here, so they inherit these
            from communique.entities import add_kb_path

            add_kb_path(str(path))
        from communique.scale.count import count_inputs

        return run_local(
            items, Path(out), workers or available_cores(), only, shard_rows, console, lambda: count_inputs(inputs)
        )
    from communique.scale.rayengine import run_ray

    shown = console is not None and console.is_terminal
    return run_ray(items, out, workers, address, only, kb, shard_rows, progress=shown, ray_options=ray_options)
