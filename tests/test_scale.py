"""Scale: `communique batch` (local processes and Ray) to Parquet, and `ingest` of what it wrote."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from communique.cli import app
from communique.model import Document

pa = pytest.importorskip("pyarrow", reason="the Parquet output needs pyarrow (the [parquet] extra)")
import pyarrow.parquet as pq  # noqa: E402

from communique.scale.inputs import iter_inputs  # noqa: E402
from communique.scale.parquet import from_row, read_records, record_schema, to_row  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "communique" / "examples"
runner = CliRunner()


def _corpus(tmp_path: Path, n: int = 5) -> Path:
    """n distinct records recombined from the bundled examples, plus a page with front matter."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    for i in range(n):
        (folder / f"doc{i:02d}.txt").write_text(texts[i % len(texts)] + f"\nReference {i}.\n", encoding="utf-8")
    (folder / "readout.md").write_text((EXAMPLES / "readout_call.md").read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def _broken() -> Document:
    """A document whose analysis raises (its text is not a string): it must fail alone, named."""
    doc = Document(text="placeholder", source="broken-record")
    doc.text = None  # type: ignore[assignment]
    return doc


def test_schema_is_the_contract_in_order_and_round_trips():
    from communique import analyze

    names = record_schema().names
    assert names[:9] == ["id", "source", "title", "publisher", "published", "language", "kind", "text", "content"]
    assert names[9:-1] == [
        "segments",
        "entities",
        "mentions",
        "encounters",
        "turns",
        "quotes",
        "claims",
        "events",
        "framing",
    ]
    assert names[-1] == "meta"
    assert str(record_schema().field("turns").type).startswith("list<item: struct<start: int64, end: int64")
    for path in sorted(EXAMPLES.iterdir()):
        record = analyze(path).to_dict()
        table = pa.Table.from_pylist([to_row(record)], schema=record_schema())
        assert from_row(table.to_pylist()[0]) == record


def test_a_rich_field_travels_as_json():
    from communique.scale.parquet import _arrow_type

    assert _arrow_type(dict[str, int]) == (pa.string(), True)
    assert _arrow_type(list[str] | None) == (pa.list_(pa.string()), False)
    assert _arrow_type(float) == (pa.float64(), False)


def test_local_batch_writes_shards_duckdb_reads_and_ingest_stores_them_unchanged(tmp_path, monkeypatch):
    import duckdb

    from communique.export import contract_rows
    from communique.store import Store

    corpus = _corpus(tmp_path)
    out = tmp_path / "out"
    res = runner.invoke(
        app, ["batch", str(corpus), str(tmp_path / "missing.txt"), str(out), "-w", "1", "--shard-rows", "4"]
    )
    assert res.exit_code == 1, res.output
    assert "missing.txt: no such file or directory" in res.stderr
    assert "wrote 6 document(s)" in res.stderr and "1 failed" in res.stderr
    shards = sorted(p.name for p in out.glob("*.parquet"))
    assert shards == ["part-00000.parquet", "part-00001.parquet"]
    for shard in out.glob("*.parquet"):
        ids = pq.read_table(shard, columns=["id"]).column("id").to_pylist()
        assert ids == sorted(ids)
    n, turns, quoted = (
        duckdb.connect()
        .execute(
            f"SELECT count(*), sum(len(turns)), sum(len(list_filter(quotes, lambda q: q.kind = 'direct'))) "
            f"FROM read_parquet('{out}/*.parquet')"
        )
        .fetchone()
    )
    assert n == 6 and turns > 0 and quoted >= 0

    # the same inputs ingested directly, and the shards ingested without analysing anything again
    direct = Store(tmp_path / "direct.duckdb")
    from communique.ingest import ingest_locations

    assert ingest_locations(direct, [str(corpus)], workers=1).stored == 6
    import communique.ingest as ingest_mod

    def no_analysis(*_a, **_k):
        raise AssertionError("analysed records must not be analysed again")

    monkeypatch.setattr(ingest_mod, "run", no_analysis)
    res = runner.invoke(app, ["ingest", str(out), "--db", str(tmp_path / "from_batch.duckdb")])
    assert res.exit_code == 0, res.output
    assert "ingested 6 document(s)" in res.stderr
    from_batch = Store(tmp_path / "from_batch.duckdb")
    dump = [sorted(json.dumps(d, sort_keys=True) for d in contract_rows(s)) for s in (direct, from_batch)]
    assert dump[0] == dump[1]
    groups = [s.query("SELECT count(*) AS n FROM encounter_groups")[0]["n"] for s in (direct, from_batch)]
    assert groups[0] == groups[1] > 0  # the encounters join ran on the ingested shards too


def test_ingest_reads_analysed_jsonl_and_batch_reads_a_raw_parquet_corpus(tmp_path, monkeypatch):
    from communique.store import Store

    res = runner.invoke(app, ["analyze", "--examples", "--out", str(tmp_path / "analysed.jsonl")])
    assert res.exit_code == 0
    records = [json.loads(line) for line in (tmp_path / "analysed.jsonl").read_text().splitlines()]
    st = Store(tmp_path / "s.duckdb")
    from communique.ingest import ingest_locations

    report = ingest_locations(st, [str(tmp_path / "analysed.jsonl")], workers=2)
    assert report.stored == 3 and not report.failures
    assert {d["id"]: d for d in (st.get(r["id"]).to_dict() for r in records)} == {r["id"]: r for r in records}
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(json.dumps(records[0]) + "\n" + json.dumps({"text": "a raw row"}) + "\n", encoding="utf-8")
    got = list(iter_inputs([str(mixed)]))
    assert [type(i).__name__ for i in got] == ["Analysed", "InputError"]
    assert str(got[1]).startswith(f"{mixed}:2: not an analysed document")

    raw = tmp_path / "raw.parquet"
    pq.write_table(
        pa.table(
            {
                "id": ["a1", "a2", "a3"],
                "title": ["One", "Two", "Three"],
                "date": ["2024-05-14", "2024-05-15", "2024-05-16"],
                "text": [
                    (EXAMPLES / "news_summit.txt").read_text(),
                    "   ",
                    (EXAMPLES / "transcript_meeting.txt").read_text(),
                ],
            }
        ),
        raw,
    )
    notext = tmp_path / "notext.parquet"
    pq.write_table(pa.table({"body": ["x"]}), notext)
    items = list(iter_inputs([str(raw), str(notext)]))
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "Document", "InputError"]
    assert str(items[1]) == f"{raw}:2: empty text"
    assert str(items[3]).startswith(f"{notext}: no 'text' column")
    assert items[0].id == "a1" and items[0].meta["date"] == "2024-05-14" and items[0].title == "One"


def test_existing_shards_are_kept_unless_overwrite(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "part-00000.parquet").write_bytes(b"old")
    args = ["batch", str(EXAMPLES / "news_summit.txt"), str(out), "-w", "1"]
    res = runner.invoke(app, args)
    assert res.exit_code == 2 and "already holds 1 shard(s)" in res.stderr
    assert runner.invoke(app, [*args, "--overwrite"]).exit_code == 0
    assert len(read_records(out)) == 1


def test_two_local_workers_fail_alone_and_match_one(tmp_path):
    """Two processes, a missing input and a record whose analysis raises: the rest is written, as with one."""
    from communique.scale.local import run_local

    corpus = _corpus(tmp_path)
    reports, outs = [], []
    for workers in (1, 2):  # read afresh: one worker analyses the very Document objects it is given
        items = [*iter_inputs([str(corpus), str(tmp_path / "missing.txt")]), _broken()]
        out = tmp_path / f"w{workers}"
        out.mkdir()
        reports.append(run_local(iter(items), out, workers, shard_rows=3))
        outs.append(read_records(out))
    assert outs[0] == outs[1] and len(outs[0]) == 6
    assert reports[0].failures == reports[1].failures
    assert reports[1].failures[0].endswith("missing.txt: no such file or directory")
    assert reports[1].failures[1].startswith("broken-record: analysis failed: ")


def test_ingest_with_two_workers_reports_a_bad_input_instead_of_hanging(tmp_path):
    """Errors cross the process boundary (InputError itself does not pickle): the run ends, exit 1."""
    cmd = [
        sys.executable,
        "-m",
        "communique.cli.__main__",
        "ingest",
        str(EXAMPLES),
        str(tmp_path / "missing.txt"),
        "--db",
        str(tmp_path / "s.duckdb"),
        "-w",
        "2",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 1, proc.stderr
    assert "missing.txt: no such file or directory" in proc.stderr and "ingested 3 document(s)" in proc.stderr


def test_progress_bar_shows_documents_per_second(monkeypatch):
    from rich.console import Console

    from communique.scale.progress import RateBar

    monkeypatch.setenv("COMMUNIQUE_PROGRESS", "1")
    buf = io.StringIO()
    console = Console(file=buf, width=120, force_terminal=False)
    with RateBar("ingest", console) as bar:
        bar.update(7, 1)
    text = buf.getvalue()
    assert "7" in text and "docs/s" in text and "1 failed" in text
    assert "ingest" in text


def test_ingest_default_uses_every_available_core():
    from communique.ingest import available_cores

    assert available_cores() == len(os.sched_getaffinity(0))
    from inspect import signature

    from communique.ingest import ingest_locations

    assert signature(ingest_locations).parameters["workers"].default == 0


def _ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI must test the Ray engine: install the [ray] extra (pip install -e '.[ray]')")
        pytest.skip("Ray is not installed (pip install 'communique[ray]'); the Ray engine is not tested here")
    return ray


@pytest.fixture(scope="module")
def local_ray():
    """One small local Ray instance for the module (~8 s to start): 2 CPUs, no dashboard, a small object store."""
    ray = _ray()
    ray.init(num_cpus=2, include_dashboard=False, object_store_memory=120 * 1024 * 1024, logging_level="warning")
    yield ray
    ray.shutdown()


def test_ray_engine_writes_what_the_local_engine_writes(tmp_path, local_ray):
    from communique.scale.local import run_local
    from communique.scale.rayengine import run_ray

    corpus = _corpus(tmp_path)

    def items():
        return iter([*iter_inputs([str(corpus), str(tmp_path / "missing.txt")]), _broken()])

    (tmp_path / "local").mkdir()
    local = run_local(items(), tmp_path / "local", 1, shard_rows=3)
    remote = run_ray(items(), tmp_path / "ray", workers=2, shard_rows=3)
    assert remote.written == local.written == 6
    assert sorted(remote.failures) == sorted(local.failures) and len(local.failures) == 2
    assert read_records(tmp_path / "ray") == read_records(tmp_path / "local")
    schemas = {
        pq.read_schema(p).remove_metadata()
        for p in [*tmp_path.glob("local/*.parquet"), *tmp_path.glob("ray/*.parquet")]
    }
    assert len(schemas) == 1 and schemas.pop().equals(record_schema())

    # the command line, on the Ray instance already running
    res = runner.invoke(app, ["batch", str(EXAMPLES), str(tmp_path / "cli"), "--engine", "ray", "-w", "2"])
    assert res.exit_code == 0, res.output
    assert "wrote 3 document(s)" in res.stderr and "ray engine" in res.stderr
    assert all(p.name.startswith("part-") for p in (tmp_path / "cli").glob("*.parquet"))


def test_one_document_twice_in_a_batch_is_stored_once(tmp_path):
    """The same record as raw text and as a batch shard, in one ingest: stored once, no key violation."""
    from communique.ingest import ingest_locations
    from communique.store import Store

    out = tmp_path / "out"
    assert runner.invoke(app, ["batch", str(EXAMPLES / "news_summit.txt"), str(out), "-w", "1"]).exit_code == 0
    st = Store(tmp_path / "s.duckdb")
    report = ingest_locations(st, [str(out), str(EXAMPLES / "news_summit.txt")], workers=2)
    assert not report.failures and st.count() == 1
