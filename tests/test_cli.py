"""The command line end to end: analyze formats, a batch with bad inputs, ingest and queries."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from communique.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "communique" / "examples"
runner = CliRunner()


def test_analyze_examples_jsonl_is_the_contract():
    res = runner.invoke(app, ["analyze", "--examples"])
    assert res.exit_code == 0, res.output
    docs = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(docs) == 3
    required = {
        "id",
        "source",
        "title",
        "publisher",
        "published",
        "language",
        "kind",
        "text",
        "content",
        "segments",
        "entities",
        "mentions",
        "encounters",
        "turns",
        "quotes",
        "claims",
        "events",
        "framing",
    }
    for d in docs:
        assert required <= set(d)
        for s, e in d["content"]:
            assert 0 <= s < e <= len(d["text"])
        for t in d["turns"]:
            assert d["text"][t["start"] : t["end"]].startswith(t["label"].split()[0])


def test_analyze_md_outline():
    res = runner.invoke(app, ["analyze", str(EXAMPLES / "transcript_meeting.txt"), "--format", "md"])
    assert res.exit_code == 0
    assert "# Meeting with Prime Minister of Finland Alexander Stubb" in res.stdout
    assert "**Kassym-Jomart Tokayev** (retranslated)" in res.stdout


def test_batch_goes_on_after_bad_inputs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    good = EXAMPLES / "transcript_meeting.txt"
    res = runner.invoke(app, ["analyze", str(tmp_path / "missing.txt"), str(empty), str(binary), str(good)])
    assert res.exit_code == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 3
    for bad, line in zip(["missing.txt", "empty.txt", "blob.txt"], lines, strict=True):
        assert bad in line and line.startswith("error:")
    assert len(res.stdout.splitlines()) == 1  # the good document still came out


def test_ingest_show_search_turns_export(tmp_path):
    db = str(tmp_path / "c.duckdb")
    res = runner.invoke(app, ["ingest", "--examples", "--db", db, "-w", "1"])
    assert res.exit_code == 0, res.output
    assert "ingested 3 document(s)" in res.stderr
    again = runner.invoke(app, ["ingest", "--examples", "--db", db, "-w", "1", str(tmp_path / "nope.txt")])
    assert again.exit_code == 1 and "nope.txt" in again.stderr
    from communique.store import Store

    st = Store(db, read_only=True)
    assert st.count() == 3  # re-ingest replaced, the failure lost nothing
    doc_id = st.ids()[0]
    st.close()
    assert runner.invoke(app, ["show", doc_id, "--db", db]).exit_code == 0
    res = runner.invoke(app, ["search", "Kiitos", "--db", db])
    assert res.exit_code == 0 and "1 document(s)" in res.stdout
    res = runner.invoke(app, ["turns", "--speaker", "Tokayev", "--db", db])
    assert res.exit_code == 0 and "2 turn(s)" in res.stdout
    out = tmp_path / "x.jsonl"
    assert runner.invoke(app, ["export", "--format", "jsonl", "--out", str(out), "--db", db]).exit_code == 0
    assert len(out.read_text().splitlines()) == 3


def test_unknown_stage_is_a_clear_error():
    res = runner.invoke(app, ["analyze", str(EXAMPLES / "transcript_meeting.txt"), "--only", "nonsense"])
    assert res.exit_code == 2 and "unknown stage" in res.stderr
