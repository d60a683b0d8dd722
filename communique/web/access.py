"""How the server reaches its store: a short connection per request, so the file is free between requests.

DuckDB allows one process to write a file, or several to read it. A server
that kept its connection open for its whole life locked every other process
out: ``communique ingest`` or ``search`` on the same store failed with
``Could not set lock on file`` as long as the page was open. So the server
(:class:`FileAccess`, what ``communique serve`` uses) holds nothing between
requests:

* a reading request opens the file **read-only** for its own duration
  (several readers, in this process or others, share the file);
* a writing request (ingest or analyze from the page, the encounter join when
  its tables are out of date) opens it read-write for the write alone.

Both wait, with retries, while another process holds the file (see
``communique/store/lock.py``): ``communique ingest`` releases it after every
batch, so the page is served between batches and shows each new document
once its batch is committed. Inside this process, a readers–writer lock keeps
a read-write connection from opening while read-only ones are open (DuckDB
refuses two configurations of one file in one process).

:class:`HeldStore` keeps the former behaviour for a :class:`Store` object
handed in (tests, ``:memory:``): one connection, a cursor per request.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from communique.errors import CommuniqueError
from communique.store.db import Store
from communique.store.lock import DEFAULT_WAIT_S, connect


def store_view(path: str, con: Any) -> Store:
    """A Store over ``con`` (a cursor or a connection of its own), without opening anything."""
    view = Store.__new__(Store)
    view.path = path
    view.con = con
    return view


class ReadersWriter:
    """Many readers or one writer at a time, a waiting writer served before new readers."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            while self._writing or self._writers_waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            while self._writing or self._readers:
                self._cond.wait()
            self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class HeldStore:
    """One connection for the app's life; each request talks through a cursor of its own."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.path = store.path
        self._cursor_lock = threading.Lock()
        self._write_lock = threading.Lock()

    def _cursor(self) -> Any:
        with self._cursor_lock:
            return self.store.con.cursor()

    @contextmanager
    def read(self) -> Iterator[Store]:
        cur = self._cursor()
        try:
            yield store_view(self.path, cur)
        finally:
            cur.close()

    @contextmanager
    def write(self) -> Iterator[Store]:
        with self._write_lock:
            cur = self._cursor()
            try:
                yield store_view(self.path, cur)
            finally:
                cur.close()

    def close(self) -> None:
        self.store.close()


class FileAccess:
    """A store file opened per request: read-only to read, read-write only to write (see the module docstring)."""

    def __init__(self, path: str, read_only: bool = False, wait: float = DEFAULT_WAIT_S) -> None:
        self.path = path
        self.wait = wait
        self._lock = ReadersWriter()
        Store(path, read_only=read_only, wait=wait).close()  # the schema exists (or the file is missing: an error)

    @contextmanager
    def read(self) -> Iterator[Store]:
        with self._lock.reading():
            try:
                con = connect(self.path, read_only=True, wait=self.wait)
            except CommuniqueError:
                raise
            try:
                yield store_view(self.path, con)
            finally:
                con.close()

    @contextmanager
    def write(self) -> Iterator[Store]:
        with self._lock.writing():
            store = Store(self.path, wait=self.wait)
            try:
                yield store
            finally:
                store.close()

    def close(self) -> None:
        pass


@contextmanager
def encounter_store(access: HeldStore | FileAccess, server_read_only: bool) -> Iterator[Store]:
    """A read view for the encounter functions, whose join tables are brought up to date first.

    The encounter functions call ``join.ensure_current``, which writes when
    some stored encounters have no group yet. That check runs on a read view
    behind :class:`ReadOnlyGuard`; only when it finds work, and the server may
    write, is the join run on a short write connection. A read-only server
    cannot: the guard's ``IndexOutOfDate`` (a 503, or a notice on the page)
    reaches the caller.
    """
    from communique.encounters import join
    from communique.web.readonly import IndexOutOfDate, ReadOnlyGuard

    if not server_read_only:
        with access.read() as st:
            try:
                join.ensure_current(store_view(st.path, ReadOnlyGuard(st.con)))
                current = True
            except IndexOutOfDate:
                current = False
        if not current:
            with access.write() as st:
                join.ensure_current(st)
    with access.read() as st:
        yield store_view(st.path, ReadOnlyGuard(st.con))
