"""One progress bar for long runs (``ingest``, ``batch``): done/total, documents/s and failures.

Shown on standard error only when it is a terminal (or ``COMMUNIQUE_PROGRESS``
is set), so logs and tests stay clean; the rate is over the whole run, the
figure a user compares with the benchmark's.
"""

from __future__ import annotations

import os
import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


class RateBar:
    """A context manager: ``bar.update(done, failed)`` after each document."""

    def __init__(self, label: str, console: Console | None = None) -> None:
        shown = console is not None and (console.is_terminal or bool(os.environ.get("COMMUNIQUE_PROGRESS")))
        self.t0 = time.perf_counter()
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn(f"[bold]{label}[/bold]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.1f} docs/s"),
            TextColumn("[red]{task.fields[failed]} failed"),
            TimeElapsedColumn(),
            console=console or Console(stderr=True),
            transient=False,
            disable=not shown,
        )
        self.task = self.progress.add_task(label, total=None, rate=0.0, failed=0)

    def __enter__(self) -> RateBar:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)

    def update(self, done: int, failed: int = 0) -> None:
        elapsed = time.perf_counter() - self.t0
        self.progress.update(self.task, completed=done, rate=done / elapsed if elapsed else 0.0, failed=failed)
