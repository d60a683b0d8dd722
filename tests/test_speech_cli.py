"""Store queries behind ``communique quotes`` / ``communique claims`` and the commands themselves."""

from __future__ import annotations

import pytest

from communique.model import Claim, Document, Quote

store_mod = pytest.importorskip("communique.store", reason="communique.store is not written yet")


def _doc(text: str, published: str, claims: list[tuple[str, float, str, str, str | None]]) -> Document:
    doc = Document(text=text, published=published, title=f"Talks {published}", source=f"{published}.txt")
    putin = doc.new_entity("PERSON", "Vladimir Putin")
    putin.add_alias("President Putin")
    lavrov = doc.new_entity("PERSON", "Sergey Lavrov")
    ministry = doc.new_entity("ORG", "Ministry of Foreign Affairs of Russia")
    i = text.index("We will")
    doc.quotes.append(Quote(i, i + 20, lavrov.id, "direct", via=ministry.id, cue="said"))
    for anchor, value, unit, quantity, period in claims:
        s = text.index(anchor)
        doc.claims.append(Claim(s, s + len(anchor), putin.id, value, unit, quantity, "increase", period))
    return doc


@pytest.fixture()
def store(tmp_path):
    st = store_mod.Store(tmp_path / "t.duckdb")
    st.upsert(
        _doc(
            "Trade grew 4 percent. We will keep working.",
            "2017-07-04",
            [("4 percent", 4, "percent", "Russia-China trade", "2016")],
        )
    )
    st.upsert(
        _doc(
            "Trade grew 37 percent. We will keep working here.",
            "2018-07-04",
            [("37 percent", 37, "percent", "Russia-China trade", "2018-H1")],
        )
    )
    st.upsert(
        _doc(
            "We will keep going. Students: 25,000 people.",
            "2019-01-01",
            [("25,000 people", 25000, "people", "Chinese students", None)],
        )
    )
    yield st
    st.close()


def test_quotes_by_speaker_alias_about_and_since(store):
    from communique.speech import queries

    rows = queries.quotes(store.con, speaker="lavrov")
    assert len(rows) == 3 and {r["via_name"] for r in rows} == {"Ministry of Foreign Affairs of Russia"}
    assert queries.quotes(store.con, speaker="Putin") == []
    assert len(queries.quotes(store.con, about="keep going")) == 1
    assert len(queries.quotes(store.con, since="2018-01-01")) == 2


def test_claims_filters(store):
    from communique.speech import queries

    assert len(queries.claims(store.con, about="trade")) == 2
    assert len(queries.claims(store.con, speaker="President Putin")) == 3
    assert queries.claims(store.con, speaker="Lavrov") == []


def test_claim_series_lines_up_by_period(store):
    from communique.speech import queries

    rows = queries.claim_series(store.con, "trade")
    assert [(r["when"], r["value"]) for r in rows] == [("2016", 4.0), ("2018-H1", 37.0)]


def test_cli_tables(store, tmp_path):
    from typer.testing import CliRunner

    from communique.cli import app

    path = store.path
    store.close()
    runner = CliRunner()
    r = runner.invoke(app, ["quotes", "--speaker", "Lavrov", "--db", path])
    assert r.exit_code == 0, r.output
    assert "Sergey Lavrov" in r.output
    r = runner.invoke(app, ["claims", "--series", "trade", "--db", path])
    assert r.exit_code == 0, r.output
    assert "2018-H1" in r.output and "37 percent" in r.output
    r = runner.invoke(app, ["claims", "--about", "students", "--db", path])
    assert r.exit_code == 0 and "25,000 people" in r.output
    r = runner.invoke(app, ["claims", "--about", "nothing-like-this", "--db", path])
    assert r.exit_code == 1
