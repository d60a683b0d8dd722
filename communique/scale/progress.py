"""One progress bar for long runs (``analyze``, ``ingest``, ``batch``): done/total, documents/s, ETA, failures.

Shown on standard error only when it is a terminal (or ``COMMUNIQUE_PROGRESS``
is set), so logs, pipes and tests stay clean. The total comes from counting
the inputs first (``scale/count.py``), only when the bar is shown; when they
cannot be counted (standard input) the bar shows the count without a total.
The rate is over the whole run, the figure a user compares with the benchmark's.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


def progress_shown(console: Console | None) -> bool:
    return console is not None and (console.is_terminal or bool(os.environ.get("COMMUNIQUE_PROGRESS")))


class RateBar:
    """A context manager: ``bar.update(done, failed)`` after each document.

    ``count`` is called once, and only when the bar is shown, for the total.
    """

    def __init__(
        self,
        label: str,
        console: Console | None = None,
        count: Callable[[], int | None] | None = None,
        shown: bool | None = None,
    ) -> None:
        self.shown = progress_shown(console) if shown is None else shown
        self.t0 = time.perf_counter()
        total = count() if (count is not None and self.shown) else None
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn(label, style="bold", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.1f} docs/s"),
            TextColumn("{task.fields[failed]} failed", style="red"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console or Console(stderr=True),
            transient=False,
            disable=not self.shown,
        )
        self.task = self.progress.add_task(label, total=total, rate=0.0, failed=0)

    def __enter__(self) -> RateBar:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)

    def update(self, done: int, failed: int = 0) -> None:
        elapsed = time.perf_counter() - self.t0
        self.progress.update(self.task, completed=done, rate=done / elapsed if elapsed else 0.0, failed=failed)
