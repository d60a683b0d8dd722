"""pyarrow is the parquet extra: the help of the commands that need it says so, and without it they give the hint."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from communique.cli import app

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parent.parent / "communique" / "examples"
HINT = "pip install 'communique[parquet]'"


@pytest.mark.parametrize("command", ["batch", "export"])
def test_help_names_the_extra(command):
    res = runner.invoke(app, [command, "--help"])
    assert res.exit_code == 0
    assert HINT in " ".join(res.stdout.split())


@pytest.fixture
def no_pyarrow(monkeypatch):
    for name in list(sys.modules):
        if name == "pyarrow" or name.startswith("pyarrow."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)


def test_batch_without_pyarrow_gives_the_hint(no_pyarrow, tmp_path):
    res = runner.invoke(app, ["batch", str(EXAMPLES), str(tmp_path / "out")])
    assert res.exit_code == 2
    assert HINT in res.stderr and "Traceback" not in res.output


def test_export_parquet_without_pyarrow_gives_the_hint(no_pyarrow, tmp_path):
    db = str(tmp_path / "s.duckdb")
    assert runner.invoke(app, ["ingest", "--examples", "--db", db, "-w", "1"]).exit_code == 0
    res = runner.invoke(app, ["export", "--format", "parquet", "--out", str(tmp_path / "x.parquet"), "--db", db])
    assert res.exit_code == 2
    assert HINT in res.stderr
