"""Bad inputs a batch must report on one line and pass by: FIFOs, devices, folders it cannot list.

A FIFO hung the batch forever (``open`` waits for a writer) and a subfolder
``os.walk`` could not list was skipped in silence. Each case runs the CLI in a
subprocess with a timeout, so a hang fails the test instead of stalling it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from communique.read import iter_documents

REPO = Path(__file__).resolve().parent.parent
GOOD = REPO / "communique" / "examples" / "transcript_meeting.txt"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")


def _analyze(*paths: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "communique", "analyze", *map(str, paths)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)


@needs_fifo
def test_a_fifo_is_refused_and_the_batch_goes_on(tmp_path: Path) -> None:
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    res = _analyze(fifo, GOOD)
    errors = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(errors) == 1 and "f.txt" in errors[0] and "not a regular file" in errors[0], res.stderr
    assert len(res.stdout.splitlines()) == 1


@needs_fifo
def test_fifos_inside_a_folder_are_refused(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_bytes(GOOD.read_bytes())
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "rows.jsonl")
    res = _analyze(tmp_path)
    errors = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(errors) == 2 and all("named pipe" in e for e in errors), res.stderr
    assert len(res.stdout.splitlines()) == 1


def test_an_unreadable_subfolder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "good.txt").write_bytes(GOOD.read_bytes())
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_bytes(GOOD.read_bytes())
    real = os.scandir

    def scandir(path=".", *a, **k):  # what chmod 000 does for anyone but root (tests may run as root)
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, *a, **k)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(iter_documents([str(tmp_path)]))
    errors = [i for i in items if isinstance(i, Exception)]
    assert len(items) == 2 and len(errors) == 1
    assert "locked" in str(errors[0]) and "permission denied" in str(errors[0])


def test_the_pathological_label_file_is_analysed_and_the_batch_goes_on(tmp_path: Path) -> None:
    """16,000 lines of "Q:" (a label and nothing else) took 10 s in the clean stage alone, growing with the
    square of its length; it is read like any other file now (its linear work: test_linear_work.py)."""
    labels = tmp_path / "labels.txt"
    labels.write_text("Q:\n" * 16000, encoding="utf-8")
    res = _analyze(labels, GOOD)
    assert res.returncode == 0, res.stderr
    assert len(res.stdout.splitlines()) == 2
