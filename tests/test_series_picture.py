"""A claim series over time as a picture: ``communique series`` (SVG/PNG) and the chart on the claims page."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from itertools import combinations

import pytest
from typer.testing import CliRunner

from communique.charts import series
from communique.cli import app
from communique.speech.periods import midpoint

runner = CliRunner()
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2015", date(2015, 7, 2)),
        ("2021-H1", date(2021, 4, 1)),
        ("2021-Q3", date(2021, 8, 14)),
        ("2016-01/2016-04", date(2016, 2, 29)),
        ("2009/2021", date(2015, 7, 2)),
        ("2023-03-15", date(2023, 3, 15)),
        ("since 2023", None),
        ("annual", None),
        ("2023-24", None),
        ("2021-13/2021-14", None),
        (None, None),
    ],
)
def test_period_midpoint(period, expected):
    assert midpoint(period) == expected


def claim(i: int, value: float, unit: str = "percent", period: str | None = None, change: str | None = None):
    return {
        "when": period,
        "published": date(2017, 1, 1 + i % 28),
        "period": period,
        "value": value,
        "unit": unit,
        "change": change,
        "quantity": "trade",
        "speaker_name": "Someone <b>",
        "title": "A & B",
        "doc_id": f"d{i}",
        "span_start": 10 * i,
        "text": "trade grew",
    }


def test_panels_per_unit_points_at_their_period_and_colours():
    rows = [
        claim(0, 12, period="2016", change="increase"),
        claim(1, 7.8, period="2015", change="decrease"),
        claim(2, 45),  # no period: its document's date
        claim(3, 5e9, unit="USD", period="2016-H1"),
        claim(4, 1, unit="times", period="annual"),  # no place for "annual": the document's date
    ]
    svg = series.svg(rows, "trade", href=lambda r: f"/documents/{r['doc_id']}")
    root = ET.fromstring(svg)
    text = "".join(root.itertext())
    assert "percent" in text and "USD" in text and "times" in text and "5 bn" in text
    fills = [c.get("fill") for c in root.iter(f"{SVG}circle")]
    assert series.CHANGE_COLOURS["increase"] in fills and series.CHANGE_COLOURS["decrease"] in fills
    links = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert links == sorted(links, key=lambda h: ["d1", "d0", "d2", "d3", "d4"].index(h.rsplit("/", 1)[1]))
    assert "<b>" not in svg and "Someone &lt;b&gt;" in svg


def test_labels_never_touch_dots_or_each_other():
    rows = [claim(i, (i * 37) % 90, period=str(2010 + i % 8)) for i in range(50)]
    root = ET.fromstring(series.svg(rows, "crowd"))
    dots = [(float(c.get("cx")), float(c.get("cy"))) for c in root.iter(f"{SVG}circle") if c.get("r") == "4.5"]
    labels = []
    for g in root.iter(f"{SVG}g"):  # a point and its label (a link when the chart has somewhere to go)
        for t in g.iter(f"{SVG}text"):
            w, x, y = series.text_width(t.text, 10), float(t.get("x")), float(t.get("y"))
            labels.append((x - w / 2, y - 9, x + w / 2, y + 2))
    assert len(labels) >= 10
    for a, b in combinations(labels, 2):
        assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
    for lb in labels:
        for cx, cy in dots:
            assert lb[2] <= cx - 4.5 or cx + 4.5 <= lb[0] or lb[3] <= cy - 4.5 or cy + 4.5 <= lb[1]


def test_more_units_than_panels_are_counted():
    rows = [claim(i, i + 1, unit=f"u{i}", period="2016") for i in range(6)]
    svg = series.svg(rows)
    assert "2 not drawn" in svg and svg.count(">u") == series.MAX_PANELS


def test_nothing_to_draw_is_empty():
    assert series.svg([]) == ""


@pytest.fixture(scope="module")
def example_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("series") / "ex.duckdb")
    assert runner.invoke(app, ["ingest", "--examples", "--db", db, "-w", "1"]).exit_code == 0
    return db


def test_cli_series(example_db, tmp_path):
    out = tmp_path / "s.svg"
    res = runner.invoke(app, ["series", "trade", "--db", example_db, "--out", str(out)])
    assert res.exit_code == 0, res.output
    text = "".join(ET.fromstring(out.read_text(encoding="utf-8")).itertext())
    assert "Claims about “trade” over time" in text and "12" in text and "percent" in text
    res = runner.invoke(app, ["series", "nothing-like-it", "--db", example_db, "--out", str(out)])
    assert res.exit_code == 1 and "no dated claims" in res.stderr


def test_cli_series_png(example_db, tmp_path):
    pytest.importorskip("resvg_py", reason="PNG needs the plot extra (resvg-py)")
    out = tmp_path / "s.png"
    assert runner.invoke(app, ["series", "trade", "--db", example_db, "--out", str(out)]).exit_code == 0
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_claims_page_shows_the_series_chart(seeded_store):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from communique.web.app import Settings, create_app

    store, _, _ = seeded_store("seriespage")
    client = TestClient(
        create_app(store, Settings()), base_url="http://localhost"
    )  # the app answers to its own host names
    r = client.get("/claims", params={"series": "trade"})
    assert r.status_code == 200
    assert '<svg class="series"' in r.text and 'href="/documents/' in r.text
    assert '<svg class="series"' not in client.get("/claims").text
