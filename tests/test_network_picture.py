"""The who-met-whom network: its graph from timeline rows, its picture (CLI and page), readable and
deterministic. The browser test (tests/test_web_browser.py) shows it in a real page."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from itertools import combinations

import pytest
from typer.testing import CliRunner

from communique.charts import network
from communique.cli import app

runner = CliRunner()
SVG = "{http://www.w3.org/2000/svg}"


def row(i: int, names: list[str], countries: list[str], d: date | None = date(2023, 3, 15), kind: str = "meeting"):
    return {"group_id": f"g{i}", "date": d, "kind": kind, "participants": names, "countries": countries}


def test_graph_counts_shared_encounters_and_merges_short_names():
    items = [
        row(0, ["Vladimir Putin", "Bashar al-Assad"], ["RUS", "SYR"]),
        row(1, ["Putin", "Bashar al-Assad"], ["RUS", "SYR"], date(2021, 9, 13), "talks"),
        row(2, ["Hafez al-Assad", "Vladimir Putin"], ["SYR", "RUS"]),
        row(3, ["Kishida Fumio", "Joe Biden"], ["JPN", "USA"]),
        row(4, ["Fumio Kishida", "Joe Biden"], ["JPN", "USA"]),
        row(5, ["Joe Biden"], ["USA"]),  # one known participant: no edge
    ]
    g = network.build(items, by="person")
    pairs = {frozenset((g.nodes[e.a], g.nodes[e.b])): e for e in g.edges}
    e = pairs[frozenset(("Vladimir Putin", "Bashar al-Assad"))]
    assert e.weight == 2 and e.first == date(2021, 9, 13) and e.last == date(2023, 3, 15)
    assert e.kinds == {"meeting": 1, "talks": 1}
    assert frozenset(("Vladimir Putin", "Hafez al-Assad")) in pairs  # father and son stay two people
    assert sum("Kishida" in n for n in g.nodes.values()) == 1
    assert "Putin" not in g.nodes.values()
    c = network.build(items, by="country")
    assert {g_ for g_ in c.nodes.values()} >= {"Russian Federation", "Syria", "Japan", "United States"}
    assert {frozenset((x.a, x.b)): x.weight for x in c.edges}[frozenset(("RUS", "SYR"))] == 3


def _crowd(n: int = 300) -> list[dict]:
    people = [f"Person Number{i:03d} Surname{i % 7}" for i in range(90)]
    return [
        row(i, [people[i % 90], people[(i * 7 + 3) % 90]], ["AAA", "BBB"], date(2020, 1, 1) + timedelta(days=i))
        for i in range(n)
    ]


def _labels(svg: str) -> list[tuple[float, float, float]]:
    """(x, y, angle) of each node label: its anchor point and rotation."""
    out = []
    for t in ET.fromstring(svg).iter(f"{SVG}text"):
        tr = t.get("transform")
        if tr:
            rot, x, y = (float(v) for v in tr[len("rotate(") : -1].split())
            out.append((x, y, rot))
    return out


def test_many_nodes_keep_labels_apart_and_say_what_was_left_out():
    g = network.build(_crowd(), by="person", limit=60)
    assert len(g.nodes) == 60 and g.total == 90
    svg = network.svg(g, "crowd")
    assert "the 60 of 90 people with most encounters" in svg
    labels = _labels(svg)
    assert len(labels) == 60
    # labels start one label-height of arc apart on the circle, and point outward, so none can touch
    for (x1, y1, _), (x2, y2, _) in combinations(labels, 2):
        assert math.hypot(x1 - x2, y1 - y2) >= network.LABEL_SIZE + 1
    root = ET.fromstring(svg)
    w, h = float(root.get("width")), float(root.get("height"))
    assert all(0 < x < w and 0 < y < h for x, y, _ in labels)


def test_layout_is_deterministic_and_order_independent():
    a = network.svg(network.build(_crowd(), limit=40), "t")
    b = network.svg(network.build(list(reversed(_crowd())), limit=40), "t")
    assert a == b


def test_text_is_escaped():
    g = network.build([row(0, ["<script>x</script>", "A & B"], ["RUS", "SYR"])])
    svg = network.svg(g, "<t>")
    ET.fromstring(svg)
    assert "<script>" not in svg


@pytest.fixture(scope="module")
def example_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("net") / "ex.duckdb")
    assert runner.invoke(app, ["ingest", "--examples", "--db", db, "-w", "1"]).exit_code == 0
    return db


def test_cli_network_svg_and_date_filter(example_db, tmp_path):
    out = tmp_path / "n.svg"
    res = runner.invoke(app, ["network", "--db", example_db, "--out", str(out)])
    assert res.exit_code == 0, res.output
    text = "".join(ET.fromstring(out.read_text(encoding="utf-8")).itertext())
    assert "Alexander Stubb" in text and "Kassym-Jomart Tokayev" in text and "Abdullah" in text
    res = runner.invoke(app, ["network", "--db", example_db, "--since", "2025-01-01", "--out", str(out)])
    assert res.exit_code == 0, res.output
    text = "".join(ET.fromstring(out.read_text(encoding="utf-8")).itertext())
    assert "Alexander Stubb" in text and "Abdullah" not in text  # the 2024 summit is filtered out
    res = runner.invoke(app, ["network", "--db", example_db, "--by", "country", "--out", str(out)])
    assert res.exit_code == 0 and "Finland" in out.read_text(encoding="utf-8")


def test_cli_network_png(example_db, tmp_path):
    pytest.importorskip("resvg_py", reason="PNG needs the plot extra (resvg-py)")
    out = tmp_path / "n.png"
    assert runner.invoke(app, ["network", "--db", example_db, "--out", str(out)]).exit_code == 0
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_cli_network_nothing_matches(example_db, tmp_path):
    res = runner.invoke(app, ["network", "--db", example_db, "--since", "2030-01-01", "--out", str(tmp_path / "n.svg")])
    assert res.exit_code == 1 and "no encounters" in res.stderr


def test_network_page(seeded_store):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from communique.web.app import Settings, create_app

    store, _, _ = seeded_store("netpage")
    client = TestClient(
        create_app(store, Settings()), base_url="http://localhost"
    )  # the app answers to its own host names
    r = client.get("/network")
    assert r.status_code == 200
    assert 'class="network"' in r.text and "Bashar al-Assad" in r.text and 'id="network-pairs"' in r.text
    assert "/encounters?person=Vladimir+Putin" in r.text
    r = client.get("/network", params={"by": "country", "until": "2000-01-01"})
    assert r.status_code == 200 and "No encounters between two known countries match." in r.text
    r = client.get("/network", params={"by": "country"})
    assert "/encounters?between=RUS&amp;between=SYR" in r.text or "/encounters?between=SYR&amp;between=RUS" in r.text


def test_bad_dates_are_one_line_or_a_notice(example_db, tmp_path, seeded_store):
    res = runner.invoke(app, ["network", "--db", example_db, "--since", "x", "--out", str(tmp_path / "n.svg")])
    assert res.exit_code == 2 and "--since 'x': not a date (YYYY-MM-DD)" in res.stderr
    assert not (tmp_path / "n.svg").exists()
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from communique.web.app import Settings, create_app

    store, _, _ = seeded_store("netdates")
    r = TestClient(create_app(store, Settings()), base_url="http://localhost").get(
        "/network", params={"until": "2023-13-01"}
    )
    assert r.status_code == 400 and "is not a date for “until”" in r.text
