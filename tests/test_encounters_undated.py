"""Undated encounters stay in the store views: seed 003's Lavrov–Mekdad and Shoigu–Abbas talks (no day given)
are listed, marked undated, with their document's date closing the window they lie in."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from communique.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def db(seeds_dir, tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("undated") / "s.duckdb")
    res = runner.invoke(app, ["ingest", str(seeds_dir / "003_1bbcd682f14d80c8.txt"), "--db", path, "-w", "1"])
    assert res.exit_code == 0, res.output
    return path


def test_cli_lists_undated_talks(db):
    res = runner.invoke(app, ["encounters", "--person", "Mekdad", "--db", db])
    assert res.exit_code == 0, res.output
    assert "Faisal Mekdad" in res.stdout and "undated, by 2023-03-16" in res.stdout
    res = runner.invoke(app, ["encounters", "--person", "Shoigu", "--db", db])
    assert "Sergey Shoigu" in res.stdout


def test_rows_carry_the_window_and_respect_date_filters(db):
    from communique.encounters import timeline
    from communique.store import Store

    with Store(db) as st:
        rows = timeline.rows(st, person="Mekdad")
        assert len(rows) == 1 and rows[0]["undated"] and str(rows[0]["window"][1]) == "2023-03-16"
        assert timeline.rows(st, person="Mekdad", since="2023-03-01", until="2023-03-31")
        assert not timeline.rows(st, person="Mekdad", since="2024-01-01")
        assert not timeline.rows(st, person="Mekdad", include_undated=False)
        dated = [r for r in timeline.rows(st) if not r["undated"]]
        assert dated and all(r["window"] is None for r in dated)


def test_api_lists_undated_talks(db):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from communique.web.app import create_app

    with TestClient(create_app(db), base_url="http://localhost") as client:
        items = client.get("/api/encounters", params={"person": "Mekdad"}).json()["items"]
    assert len(items) == 1 and items[0]["undated"] and items[0]["window"][1] == "2023-03-16"
