"""The store: idempotent upsert, atomic writes, interrupted ingest, search, export."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from communique import analyze
from communique.store import Store

EXAMPLES = Path(__file__).resolve().parent.parent / "communique" / "examples"


def _corpus(tmp_path: Path, n: int) -> Path:
    """n distinct records made by recombining the bundled examples (each one a distinct input)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    for i in range(n):
        (folder / f"doc{i:04d}.txt").write_text(texts[i % len(texts)] + f"\nReference number {i}.\n", encoding="utf-8")
    return folder


def _layer_counts(st: Store) -> dict[str, int]:
    return {t: st.count(t) for t in ("documents", "turns", "entities", "mentions", "segments")}


def test_upsert_replaces_never_duplicates(tmp_path):
    st = Store(tmp_path / "t.duckdb")
    doc = analyze(EXAMPLES / "transcript_meeting.txt")
    st.upsert(doc)
    first = _layer_counts(st)
    st.upsert(analyze(EXAMPLES / "transcript_meeting.txt"))
    assert _layer_counts(st) == first
    assert first["documents"] == 1 and first["turns"] == 4
    back = st.get(doc.id)
    assert back.to_dict() == doc.to_dict()
    assert st.get(doc.id[:6]).id == doc.id


def test_failed_write_keeps_the_old_version(tmp_path, monkeypatch):
    st = Store(tmp_path / "t.duckdb")
    doc = analyze(EXAMPLES / "transcript_meeting.txt")
    st.upsert(doc)
    before = _layer_counts(st)
    import communique.store.db as db

    real = db.document_rows

    def broken(d):
        rows = real(d)
        rows["turns"].append(("bad",))  # wrong arity: the insert fails mid-transaction
        return rows

    monkeypatch.setattr(db, "document_rows", broken)
    with pytest.raises(Exception):  # noqa: B017 - any insert error must roll back
        st.upsert(doc)
    assert _layer_counts(st) == before


def test_killed_ingest_then_rerun_is_consistent(tmp_path):
    folder = _corpus(tmp_path, 200)
    db_path = tmp_path / "k.duckdb"
    cmd = [
        sys.executable,
        "-m",
        "communique.cli.__main__",
        "ingest",
        str(folder),
        "--db",
        str(db_path),
        "-w",
        "1",
        "--batch",
        "8",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and not db_path.exists():
        time.sleep(0.05)
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # run it again to the end
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    st = Store(db_path, read_only=True)
    counts = _layer_counts(st)
    assert counts["documents"] == 200
    ids = st.con.execute("SELECT count(DISTINCT id) FROM documents").fetchone()[0]
    assert ids == 200
    # every document has exactly its own layers: turns per document equal a fresh analysis
    per_doc = dict(st.con.execute("SELECT doc_id, count(*) FROM turns GROUP BY doc_id").fetchall())
    for path in sorted(folder.glob("*.txt"))[:12]:
        fresh = analyze(path)
        assert per_doc.get(fresh.id, 0) == len(fresh.turns)


def test_search_and_export(tmp_path):
    st = Store(tmp_path / "t.duckdb")
    for p in sorted(EXAMPLES.iterdir()):
        if p.suffix in (".txt", ".md"):
            st.upsert(analyze(p))
    hits = st.search("Kiitos")
    assert len(hits) == 1 and "Kiitos" in hits[0]["snippet"]
    assert st.search("nothing-like-this-anywhere") == []
    from communique.export import export_store

    out = tmp_path / "all.jsonl"
    assert export_store(st, "jsonl", out) == 3
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["id"] for r in rows} == set(st.ids())
    csv_out = tmp_path / "turns.csv"
    assert export_store(st, "csv", csv_out, layer="turns") == st.count("turns")
    pq = tmp_path / "docs.parquet"
    assert export_store(st, "parquet", pq) == 3
    import duckdb

    n, turns = duckdb.connect().execute(f"SELECT count(*), sum(len(turns)) FROM '{pq}'").fetchone()
    assert n == 3 and turns == st.count("turns")


def test_default_path_honours_environment(tmp_path, monkeypatch):
    from communique.store import default_db_path

    monkeypatch.setenv("COMMUNIQUE_DB", str(tmp_path / "x.duckdb"))
    assert default_db_path() == tmp_path / "x.duckdb"
    assert os.fspath(Store().path) == str(tmp_path / "x.duckdb")


def test_two_workers_give_the_same_store_as_one(tmp_path):
    from communique.export import contract_rows
    from communique.ingest import ingest_locations

    folder = _corpus(tmp_path, 24)
    dumps = []
    for w in (1, 2):
        st = Store(tmp_path / f"w{w}.duckdb")
        report = ingest_locations(st, [str(folder)], workers=w, batch=5)
        assert report.stored == 24 and not report.failures
        dumps.append(sorted(json.dumps(d, sort_keys=True) for d in contract_rows(st)))
        st.close()
    assert dumps[0] == dumps[1]


def test_an_older_store_gains_new_columns(tmp_path):
    """A store made before encounters had date windows takes new documents without losing its rows."""
    import duckdb

    from communique.store.schema import TABLES

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    old_cols = TABLES["encounters"].replace(", date_from DATE, date_to DATE", "")
    assert old_cols != TABLES["encounters"]
    for name, cols in TABLES.items():
        con.execute(f"CREATE TABLE {name} ({old_cols if name == 'encounters' else cols})")
    con.execute("INSERT INTO documents (id, text) VALUES ('old', 'kept')")
    con.close()
    st = Store(path)
    doc = analyze(sorted(p for p in EXAMPLES.iterdir() if p.suffix == ".txt")[0])
    st.upsert(doc)
    assert st.count() == 2 and st.get(doc.id) is not None
    cols = [
        r["column_name"]
        for r in st.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'encounters'")
    ]
    assert cols[-2:] == ["date_from", "date_to"]
