"""`communique serve` and CLI commands on one store at the same time: a real server process, CLI processes
ingesting and searching while the pages and the API are read, and the new document on the page afterwards.

DuckDB lets one process write a file or several read it; the server holds the file only during a request
(read-only), ingest only while it writes a batch, and both wait for the other (web/access.py, store/lock.py).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "communique" / "examples"
NEW = """---
title: Talks on the Zanzibar grain corridor
date: 2024-05-02
---

The foreign ministers discussed the Zanzibar grain corridor and humanitarian deliveries.
"""


def _cli(*args: str, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "communique", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_cli_ingest_and_search_while_the_server_runs(tmp_path):
    db = str(tmp_path / "shared.duckdb")
    first = _cli("ingest", str(EXAMPLES), "--db", db, "-w", "1")
    assert first.wait(timeout=300) == 0, first.stderr.read()
    port = _free_port()
    server = _cli("serve", "--db", db, "--port", str(port))
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/api/documents", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("server did not start: " + server.stderr.read1().decode(errors="replace"))

        # readers keep the server busy for the whole time the CLI writes and reads
        failures: list[str] = []
        stop = threading.Event()

        def browse() -> None:
            while not stop.is_set():
                for url in ("/api/documents", "/documents", "/search?q=aid", "/api/search?q=president"):
                    r = httpx.get(base + url, timeout=60)
                    if r.status_code != 200:
                        failures.append(f"{url}: {r.status_code}")

        browser = threading.Thread(target=browse)
        browser.start()
        src = tmp_path / "zanzibar.md"
        src.write_text(NEW, encoding="utf-8")
        try:
            ingest = _cli("ingest", str(src), "--db", db, "-w", "1")
            search = _cli("search", "humanitarian", "--db", db)
            assert search.wait(timeout=120) == 0, search.stderr.read()
            assert ingest.wait(timeout=300) == 0, ingest.stderr.read()
            assert "ingested 1 document(s)" in ingest.stderr.read()
            later = _cli("search", "zanzibar", "--db", db)
            assert later.wait(timeout=120) == 0, later.stderr.read()
            assert "Zanzibar grain corridor" in later.stdout.read()
        finally:
            stop.set()
            browser.join(timeout=120)
        assert not failures, failures

        hits = httpx.get(f"{base}/api/search", params={"q": "zanzibar"}, timeout=30).json()["items"]
        assert [h["title"] for h in hits] == ["Talks on the Zanzibar grain corridor"]
        page = httpx.get(f"{base}/documents", timeout=30).text
        assert "Zanzibar grain corridor" in page
        assert "<mark>Zanzibar</mark>" in httpx.get(f"{base}/search", params={"q": "zanzibar"}, timeout=30).text
    finally:
        server.terminate()
        server.wait(timeout=30)


def _hold(db: str, release: Path) -> subprocess.Popen:
    """Another process holding the store's file for writing until ``release`` exists (two minutes at most).

    Released by the test, not after a fixed time: on a loaded machine the CLI may take longer to start
    than any fixed hold, and would then never meet the lock it is meant to wait for."""
    code = (
        f"import duckdb, os, time; c = duckdb.connect({db!r}); print('held', flush=True)\n"
        f"end = time.monotonic() + 120\n"
        f"while not os.path.exists({str(release)!r}) and time.monotonic() < end: time.sleep(0.05)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_cli_waits_for_a_writer_and_says_so(tmp_path):
    from communique.store import Store

    db = str(tmp_path / "busy.duckdb")
    Store(db).close()
    release = tmp_path / "release"
    holder = _hold(db, release)
    try:
        proc = _cli("ingest", str(EXAMPLES / "readout_call.md"), "--db", db, "-w", "1")
        first = proc.stderr.readline()  # the CLI says it waits, while the file is still held
        assert f"in use by process {holder.pid}; waiting" in first, first
        release.touch()
        assert proc.wait(timeout=300) == 0
        assert "ingested 1 document(s)" in proc.stderr.read()
    finally:
        release.touch()
        holder.wait(timeout=30)


def test_a_store_held_too_long_is_one_line_naming_it(tmp_path):
    from communique.store import Store
    from communique.store.lock import StoreBusy

    db = str(tmp_path / "busy.duckdb")
    Store(db).close()
    release = tmp_path / "release"
    holder = _hold(db, release)
    try:
        with pytest.raises(StoreBusy, match=rf"{db}: the store is in use by process {holder.pid}"):
            Store(db, read_only=True, wait=0.3)
    finally:
        release.touch()
        holder.wait(timeout=30)
