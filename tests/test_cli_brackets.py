"""Messages keep their square brackets: install hints, paths, URLs and record text are never read as Rich markup."""

from __future__ import annotations

import sys

from typer.testing import CliRunner

from communique.cli import app

runner = CliRunner()


def test_serve_hint_keeps_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as on a base install: `import uvicorn` fails
    res = runner.invoke(app, ["serve", "--db", "x.duckdb"])
    assert res.exit_code == 2
    assert "pip install 'communique[web]'" in res.stderr


def test_path_with_brackets_in_an_error(tmp_path):
    db = tmp_path / "[web]" / "store.duckdb"
    res = runner.invoke(app, ["search", "aid", "--db", str(db)])
    assert res.exit_code != 0
    assert "[web]" in res.stderr


def test_bracketed_title_in_a_table(tmp_path):
    src = tmp_path / "note.md"
    src.write_text(
        "---\ntitle: '[Photo] Talks with [bold]the Minister'\ndate: 2024-01-02\n---\n\n"
        "The ministers discussed humanitarian aid at length.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "s.duckdb")
    assert runner.invoke(app, ["ingest", str(src), "--db", db, "-w", "1"]).exit_code == 0
    res = runner.invoke(app, ["search", "humanitarian", "--db", db])
    assert res.exit_code == 0, res.output
    assert "[Photo]" in res.stdout and "[bold]" in res.stdout
