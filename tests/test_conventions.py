"""Conventions a Python user expects: --version, shell completion, a short repr, DataFrames from the store."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import communique
from communique.cli import app
from communique.errors import CommuniqueError
from communique.store import Store

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parent.parent / "communique" / "examples" / "transcript_meeting.txt"


def test_version_option():
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0
    assert res.stdout.strip() == f"communique {communique.__version__}"


def test_shell_completion_is_offered():
    res = runner.invoke(app, ["--help"])
    assert "--install-completion" in res.stdout and "--show-completion" in res.stdout


def test_repr_is_short():
    doc = communique.analyze(str(EXAMPLE))
    text = repr(doc)
    assert len(text) < 300 and doc.id in text and "turns=" in text and "entities=" in text
    assert doc.text[:200] not in text


def test_query_as_pandas(tmp_path):
    pd = pytest.importorskip("pandas")
    with Store(tmp_path / "s.duckdb") as st:
        st.upsert(communique.analyze(str(EXAMPLE)))
        frame = st.query("SELECT doc_id, speaker_name FROM turns", as_="pandas")
        assert isinstance(frame, pd.DataFrame) and len(frame) == st.count("turns")
        assert list(st.df("SELECT count(*) AS n FROM turns")["n"]) == [st.count("turns")]
        with pytest.raises(ValueError):
            st.query("SELECT 1", as_="arrow-ish")


def test_df_without_pandas_names_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with Store(tmp_path / "s.duckdb") as st, pytest.raises(CommuniqueError, match="pip install pandas"):
        st.df("SELECT 1")
