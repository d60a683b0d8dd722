"""Read commands over the store: whole ids, candidates for an ambiguous prefix, true totals under --limit,
and one behaviour for a missing store or an unknown name."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from communique.cli import app

runner = CliRunner()
LONG = "2023-12-13-press-briefing-by-press-secretary-karine-jean-pierre"
TEXT = (
    "Foreign Minister Sergei Lavrov met Foreign Minister Faisal Mekdad in Moscow on 12 December 2023.\n\n"
    "Sergei Lavrov said the sides discussed humanitarian aid. Lavrov added that trade grew.\n\n"
    "SERGEI LAVROV: We discussed aid and trade with our Syrian friends.\n\n"
    "FAISAL MEKDAD: Thank you, Mr Lavrov.\n"
)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("reads")
    corpus = folder / "c.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for suffix in ("a", "b", "c"):
            record = {"id": f"{LONG}-{suffix}", "title": f"Talks {suffix}", "date": "2023-12-13", "text": TEXT}
            fh.write(json.dumps(record) + "\n")
    path = str(folder / "s.duckdb")
    res = runner.invoke(app, ["ingest", str(corpus), "--db", path, "-w", "1"])
    assert res.exit_code == 0, res.output
    return path


def test_tables_print_whole_ids(db):
    res = runner.invoke(app, ["turns", "--db", db])
    assert res.exit_code == 0, res.output
    assert f"{LONG}-a" in res.stdout
    res = runner.invoke(app, ["who", "Sergei Lavrov", "--db", db])
    assert f"{LONG}-b" in res.stdout


def test_ambiguous_prefix_lists_the_candidates(db):
    res = runner.invoke(app, ["show", LONG, "--db", db])
    assert res.exit_code == 1
    assert "ambiguous" in res.stderr and "no such document" not in res.stderr
    for suffix in ("a", "b", "c"):
        assert f"{LONG}-{suffix}" in res.stderr
    one = runner.invoke(app, ["show", f"{LONG}-b", "--db", db])
    assert one.exit_code == 0 and "Talks b" in one.stdout


def test_who_header_counts_the_whole_store(db):
    full = runner.invoke(app, ["who", "Sergei Lavrov", "--db", db])
    assert full.exit_code == 0, full.output
    head = full.stdout.splitlines()[0]
    total = int(head.split(": ")[1].split()[0])
    assert total >= 6 and "in 3 document(s)" in head
    cut = runner.invoke(app, ["who", "Sergei Lavrov", "-n", "2", "--db", db])
    assert f"{total} mention(s) in 3 document(s)" in cut.stdout
    assert f"showing 2 of {total}" in cut.stdout


def test_turns_title_says_showing(db):
    res = runner.invoke(app, ["turns", "-n", "2", "--db", db])
    assert "showing 2 of 6 turn(s)" in res.stdout


def test_who_nobody_is_an_error(db):
    res = runner.invoke(app, ["who", "Nobody Atall", "--db", db])
    assert res.exit_code == 1
    assert "no person matching" in res.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["search", "aid"],
        ["who", "Lavrov"],
        ["turns"],
        ["show", "abc"],
        ["entities", "abc"],
        ["encounters"],
        ["encounters", "--person", "Mekdad"],
        ["compare", "abc"],
        ["quotes"],
        ["claims"],
        ["framing", "abc"],
        ["profile", "Kremlin"],
        ["export", "--format", "jsonl"],
    ],
)
def test_missing_store_is_an_error_naming_it(tmp_path, args):
    path = tmp_path / "none" / "missing.duckdb"
    res = runner.invoke(app, [*args, "--db", str(path)])
    assert res.exit_code == 2, res.output
    assert str(path) in res.stderr
    assert not path.exists()
