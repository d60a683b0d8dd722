"""Opening the store file while another process may hold it: wait for DuckDB's file lock, then say who holds it.

DuckDB lets one process write a database file, or several read it, never
both: a second process gets ``IO Error: Could not set lock on file``. The
store's own writers (``communique ingest``, the web server's ingest and
analyze) hold the file only while they write a batch, and the server reads
with short read-only connections (see ``communique/web/access.py``), so a
conflict lasts a moment: an opener waits and tries again, with a growing
pause, for up to ``wait`` seconds, and only then gives up with one line
naming the file and the process holding it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import duckdb

from communique.errors import CommuniqueError

DEFAULT_WAIT_S = 30.0


class StoreBusy(CommuniqueError):
    """Another process held the store's file for longer than the caller would wait."""


def is_lock_conflict(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.Error) and "Could not set lock on file" in str(exc)


def holder(exc: BaseException) -> str:
    """``process 1234`` from DuckDB's message, or a vaguer phrase when it names none."""
    m = re.search(r"PID (\d+)", str(exc))
    return f"process {m.group(1)}" if m else "another process"


def connect(
    path: str,
    read_only: bool = False,
    wait: float = DEFAULT_WAIT_S,
    on_wait: Callable[[str], None] | None = None,
) -> duckdb.DuckDBPyConnection:
    """``duckdb.connect(path)``, retried while another process holds the file, for up to ``wait`` seconds.

    ``on_wait(message)`` is called once, when the first attempt finds the
    file locked (the CLI prints it, so a user knows why nothing happens).
    """
    deadline = time.monotonic() + max(0.0, wait)
    pause = 0.02
    told = False
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            if not is_lock_conflict(exc):
                raise
            if time.monotonic() >= deadline:
                raise StoreBusy(
                    f"{path}: the store is in use by {holder(exc)} (waited {wait:g} s); try again when it has finished"
                ) from exc
            if on_wait is not None and not told:
                on_wait(f"{path}: in use by {holder(exc)}; waiting for it (up to {wait:g} s)…")
                told = True
            time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
            pause = min(pause * 2, 0.5)
