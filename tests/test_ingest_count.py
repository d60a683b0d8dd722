"""``ingest`` counts the documents it stored, not the inputs it read: the same bytes twice are one."""

from __future__ import annotations

from pathlib import Path

from communique.ingest import ingest_locations
from communique.store import Store

EXAMPLES = Path(__file__).resolve().parent.parent / "communique" / "examples"


def test_the_same_bytes_twice_count_once(tmp_path: Path) -> None:
    data = (EXAMPLES / "transcript_meeting.txt").read_bytes()
    (tmp_path / "a.txt").write_bytes(data)
    (tmp_path / "b.txt").write_bytes(data)  # the same record under another name: one id
    (tmp_path / "c.md").write_bytes((EXAMPLES / "readout_call.md").read_bytes())
    store = Store(str(tmp_path / "s.duckdb"))
    try:
        report = ingest_locations(store, [str(tmp_path)], workers=1)
        assert store.count() == 2
        assert report.stored == 2 and not report.failures
    finally:
        store.close()
