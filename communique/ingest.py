"""Analyse inputs and write them to the store: one writer, optionally many analysis processes.

Reading happens in this process (so errors name their inputs in order),
analysis in a pool of worker processes when ``workers`` > 1 (default: every
core this process may use), and writing back here, in batches of one
transaction each: killing a run leaves every batch either fully stored or not
at all, and running it again replaces, never duplicates. The store's file is
held only while a batch is written (``Store.release`` after each), so
``communique serve`` and read commands on the same store work meanwhile. Results are the same
whatever the number of workers, since each document is analysed on its own.

Analysed records — the Parquet of ``communique batch``, the JSONL of
``communique analyze`` — are stored as they are, not analysed again.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from rich.console import Console

from communique.errors import InputError
from communique.model import Document
from communique.pipeline import run
from communique.scale.inputs import Analysed, Item, iter_planned, only_records, plan_inputs
from communique.scale.progress import RateBar


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


def _start_worker(only: list[str] | None) -> None:
    """A pool worker's start: the stages to run, and the batch's collection threshold (see batch_gc)."""
    _init_worker(only)
    gc.set_threshold(GC_GEN0, *gc.get_threshold()[1:])


# Garbage collection during a batch. The reference data (gazetteers, the KB,
# lexicons) is hundreds of thousands of long-lived objects; every full
# collection walked them all again, and the default gen-0 threshold (700
# allocations) starts a collection every few hundred layer records. Freezing
# what is loaded before the batch (``gc.freeze``, also what keeps forked
# workers sharing those pages) and collecting gen 0 less often made a one-worker
# ``batch`` about 10 % faster (benchmarks/scale.py). Layer records hold no
# cycles, so reference counting frees them as before.
GC_GEN0 = 50_000


@contextmanager
def batch_gc() -> Iterator[None]:
    """Freeze what is loaded now and collect gen 0 less often; restored (and unfrozen) on exit."""
    before = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_GEN0, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity, which containers and ``taskset`` narrow)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def analyse_item(item: Item) -> Document | InputError:
    """Analyse one read document; a failure becomes an InputError naming its source."""
    if isinstance(item, InputError):
        return item
    if isinstance(item, Analysed):
        return item.doc
    try:
        return run(item, _ONLY)
    except Exception as exc:  # one bad record must not stop the batch
        return InputError(item.source, f"analysis failed: {type(exc).__name__}: {exc}")


def analysed(items: Iterable[Item], workers: int = 1, only: list[str] | None = None) -> Iterator[Document | InputError]:
    """Analysed documents (or errors) in input order, using ``workers`` processes."""
    if workers <= 1:
        _init_worker(only)
        warm_up(only)
        with batch_gc():
            yield from (analyse_item(i) for i in items)
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    if ctx.get_start_method() == "fork":
        warm_up(only)
    with batch_gc(), ctx.Pool(workers, initializer=_start_worker, initargs=(only,)) as pool:
        for result in pool.imap(_pool_task, map(_to_wire, items), chunksize=4):
            yield _from_wire(result)


def warm_up(only: list[str] | None = None) -> None:
    """Load every stage's reference data here, before forking: the workers then share one copy
    (copy-on-write) and start at full speed, instead of each loading its own."""
    from pathlib import Path

    sample = Path(__file__).resolve().parent / "examples" / "transcript_meeting.txt"
    try:
        run(Document(text=sample.read_text(encoding="utf-8"), source=str(sample)), only)
    except Exception:  # a warm-up is an optimisation: the workers report any real failure
        pass


# InputError does not survive pickling (its __init__ takes two arguments, Exception's pickle passes one),
# so errors cross the process boundary as plain tuples.
Wire = tuple[str, str]


def _to_wire(item: Item | Document) -> Item | Document | Wire:
    return (item.source, item.reason) if isinstance(item, InputError) else item


def _from_wire(item: Item | Document | Wire) -> Item | Document:
    return InputError(*item) if isinstance(item, tuple) else item


def _pool_task(item: Item | Wire) -> Document | Wire:
    return _to_wire(analyse_item(_from_wire(item)))  # type: ignore[return-value]


def _join_update(store, ids: list[str]) -> None:
    from communique.encounters import join

    join.update(store, ids)


def ingest_locations(
    store,
    locations: Iterable[str],
    workers: int = 0,
    only: list[str] | None = None,
    batch: int = 64,
    console: Console | None = None,
    read_options: dict | None = None,
    on_stored: Callable[[int], None] | None = None,
) -> IngestReport:
    """Read, analyse and store everything in ``locations``; failures are reported, never fatal.

    ``workers`` = 0 uses every available core; inputs that are all analysed
    records use none (there is nothing to analyse). ``on_stored(n)`` is called
    after each committed batch with the count so far (benchmarks time it).
    """
    from communique.read.options import ReadOptions

    opts = ReadOptions.from_opts(read_options or {})
    locations = list(locations)
    plan = plan_inputs(locations)
    workers = 1 if only_records(plan) else (workers or available_cores())
    report = IngestReport()
    store.release()  # analysing the first batch needs no lock on the file
    t0 = time.perf_counter()
    pending: list[Document] = []

    def flush() -> None:
        if pending:
            latest = list({d.id: d for d in pending}.values())  # an input given twice: the later one, once
            store.upsert_many(latest)
            _join_update(store, [d.id for d in latest])
            store.release()  # hold the file only while writing: the server and other readers get in between
            report.stored += len(latest)  # documents stored, not inputs read: the same bytes twice are one
            pending.clear()
            if on_stored is not None:
                on_stored(report.stored)

    from communique.scale.count import count_inputs

    with RateBar("ingest", console, count=lambda: count_inputs(locations)) as bar:
        for item in analysed(iter_planned(plan, opts), workers=workers, only=only):
            if isinstance(item, InputError):
                report.failures.append(str(item))
            else:
                pending.append(item)
                if len(pending) >= batch:
                    flush()
            bar.update(report.stored + len(pending) + len(report.failures), len(report.failures))
        flush()
    report.seconds = time.perf_counter() - t0
    return report
