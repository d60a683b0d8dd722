"""Analyse inputs and write them to the store: one writer, optionally many analysis processes.

Reading happens in this process (so errors name their inputs in order),
analysis in a pool of worker processes when ``workers`` > 1, and writing back
here, in batches of one transaction each: killing a run leaves every batch
either fully stored or not at all, and running it again replaces, never
duplicates. Results are the same whatever the number of workers, since each
document is analysed on its own.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from communique.errors import InputError
from communique.model import Document
from communique.pipeline import run

Item = Document | InputError


@dataclass
class IngestReport:
    stored: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.stored / self.seconds if self.seconds else 0.0


_ONLY: list[str] | None = None


def _init_worker(only: list[str] | None) -> None:
    global _ONLY
    _ONLY = only


def analyse_item(item: Item) -> Item:
    """Analyse one read document; a failure becomes an InputError naming its source."""
    if isinstance(item, InputError):
        return item
    try:
        return run(item, _ONLY)
    except Exception as exc:  # one bad record must not stop the batch
        return InputError(item.source, f"analysis failed: {type(exc).__name__}: {exc}")


def analysed(items: Iterable[Item], workers: int = 1, only: list[str] | None = None) -> Iterator[Item]:
    """Analysed documents (or errors) in input order, using ``workers`` processes."""
    if workers <= 1:
        _init_worker(only)
        yield from (analyse_item(i) for i in items)
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(workers, initializer=_init_worker, initargs=(only,)) as pool:
        yield from pool.imap(analyse_item, items, chunksize=4)


def _join_update(store, ids: list[str]) -> None:
    try:
        from communique.encounters import join
    except ImportError:
        return
    update = getattr(join, "update", None)
    if update is not None:
        update(store, ids)


def ingest_locations(
    store,
    locations: Iterable[str],
    workers: int = 0,
    only: list[str] | None = None,
    batch: int = 64,
    console: Console | None = None,
    read_options: dict | None = None,
) -> IngestReport:
    """Read, analyse and store everything in ``locations``; failures are reported, never fatal."""
    from communique.read import iter_documents

    workers = workers or os.cpu_count() or 1
    report = IngestReport()
    t0 = time.perf_counter()
    pending: list[Document] = []

    def flush() -> None:
        if pending:
            store.upsert_many(pending)
            _join_update(store, [d.id for d in pending])
            report.stored += len(pending)
            pending.clear()

    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} docs/s"),
        TextColumn("[red]{task.fields[failed]} failed"),
        TimeElapsedColumn(),
        console=console or Console(stderr=True),
        transient=False,
        disable=console is None or not (console.is_terminal or os.environ.get("COMMUNIQUE_PROGRESS")),
    )
    with progress:
        task = progress.add_task("ingest", total=None, rate=0.0, failed=0)
        items = iter_documents(list(locations), **(read_options or {}))
        for item in analysed(items, workers=workers, only=only):
            if isinstance(item, InputError):
                report.failures.append(str(item))
            else:
                pending.append(item)
                if len(pending) >= batch:
                    flush()
            done = report.stored + len(pending) + len(report.failures)
            elapsed = time.perf_counter() - t0
            progress.update(task, completed=done, rate=done / elapsed if elapsed else 0.0, failed=len(report.failures))
        flush()
    report.seconds = time.perf_counter() - t0
    return report
