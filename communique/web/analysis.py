"""Analysis for the web server: in a worker process of its own, one document at a time, within a time budget.

Why a process and not a thread: analysis is pure-Python CPU work, and a thread
doing it holds the interpreter lock, so every read the server answers meanwhile
waits its turn (the pages and the API are threads of the same process). In a
worker process the analysis runs on its own core and the server's threads stay
free for reads. Why a budget: a pathological record could keep the worker busy
for minutes; past ``budget_s`` seconds the worker is stopped (and a fresh one
started for the next request) and the request is answered 503, naming the
budget. Requests wait for the worker on an ``asyncio.Lock``, which holds no
thread, so a queue of analyses cannot starve the thread pool that serves reads.

The worker is started on first use (``spawn``, so it shares no locks or
connections with the server's threads), warmed with a short record so the
reference data load outside any request's budget, and stopped with the
application.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from typing import Any

from communique.model import Document

DEFAULT_BUDGET_S = 60.0


class AnalysisTimeout(Exception):
    """An analysis went past the server's time budget."""

    def __init__(self, budget_s: float) -> None:
        self.detail = (
            f"analysis stopped after {budget_s:g} s, this server's time budget per document; "
            "analyse a record this large with `communique analyze`"
        )
        super().__init__(self.detail)


def _run(doc: Document) -> Document:
    from communique.pipeline import run

    return run(doc)


def _warm() -> None:
    """Load the pipeline's reference data once, so a request's budget is spent on its own document."""
    from communique.model import doc_id_for
    from communique.read.plain import text_document

    text = "Readout\n\nPresident Vladimir Putin spoke with Prime Minister Alexander Stubb by phone on trade."
    _run(text_document(text, "<warm-up>", doc_id_for(text)))


class Analyser:
    """One worker process that analyses documents in turn (see the module docstring)."""

    def __init__(self, budget_s: float = DEFAULT_BUDGET_S) -> None:
        self.budget_s = budget_s
        self._pool: Any = None
        self._start = threading.Lock()
        self._turn: asyncio.Lock | None = None

    def _get_pool(self) -> Any:
        with self._start:
            if self._pool is None:
                pool = multiprocessing.get_context("spawn").Pool(1)
                pool.apply(_warm)  # outside any request's budget
                self._pool = pool
            return self._pool

    def _stop(self) -> None:
        with self._start:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.terminate()
            pool.join()

    async def analyse(self, doc: Document) -> Document:
        """``doc`` analysed in the worker; AnalysisTimeout past the budget."""
        if self._turn is None:
            self._turn = asyncio.Lock()
        async with self._turn:
            loop = asyncio.get_running_loop()
            done: asyncio.Future[Document] = loop.create_future()

            def settle(result: Any, failed: bool = False) -> None:
                def set_it() -> None:
                    if done.done():
                        return
                    if failed:
                        done.set_exception(result)
                    else:
                        done.set_result(result)

                loop.call_soon_threadsafe(set_it)

            pool = await asyncio.to_thread(self._get_pool)
            pool.apply_async(_run, (doc,), callback=settle, error_callback=lambda exc: settle(exc, True))
            try:
                return await asyncio.wait_for(done, self.budget_s)
            except TimeoutError:
                await asyncio.to_thread(self._stop)
                raise AnalysisTimeout(self.budget_s) from None

    def close(self) -> None:
        self._stop()
