"""Progress of long runs: inputs counted first (cheaply), a bar with total, rate and ETA on a terminal,
nothing when standard error is not one."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from communique.cli import app
from communique.scale.count import count_inputs

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parent.parent / "communique" / "examples"


def test_count_inputs(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps({"text": f"doc {i}"}) for i in range(5)) + "\n\n", encoding="utf-8")
    table = tmp_path / "t.csv"
    table.write_text('id,text\n1,"two\nlines"\n2,plain\n', encoding="utf-8")
    assert count_inputs([str(EXAMPLES)]) == 3
    assert count_inputs([str(corpus), str(table), str(EXAMPLES / "readout_call.md")]) == 8
    assert count_inputs(["https://example.org/a.html", str(tmp_path / "missing.txt")]) == 2
    assert count_inputs(["-"]) is None


def test_analyze_shows_a_bar_with_total_on_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNIQUE_PROGRESS", "1")  # stands for "standard error is a terminal"
    res = runner.invoke(app, ["analyze", "--examples", "--out", str(tmp_path / "o.jsonl")])
    assert res.exit_code == 0, res.output
    assert "analyze" in res.stderr and "3/3" in res.stderr and "docs/s" in res.stderr and "ETA" in res.stderr


def test_ingest_bar_has_the_total(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNIQUE_PROGRESS", "1")
    res = runner.invoke(app, ["ingest", "--examples", "--db", str(tmp_path / "s.duckdb"), "-w", "1"])
    assert res.exit_code == 0, res.output
    assert "3/3" in res.stderr and "ETA" in res.stderr


def test_nothing_when_piped(tmp_path, monkeypatch):
    monkeypatch.delenv("COMMUNIQUE_PROGRESS", raising=False)
    res = runner.invoke(app, ["analyze", "--examples", "--out", str(tmp_path / "o.jsonl")])
    assert res.exit_code == 0 and res.stderr == ""
