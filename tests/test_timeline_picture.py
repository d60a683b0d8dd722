"""``communique timeline`` on a base install, and the timeline staying readable with 300 encounters.

The picture is hand-written SVG shared with the web page (communique/charts/timeline.py):
no matplotlib needed, PNG through resvg (the plot extra) or a one-line hint, never a traceback.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from itertools import combinations

import pytest
from typer.testing import CliRunner

from communique.charts import timeline
from communique.charts.svg import text_width
from communique.cli import app

runner = CliRunner()
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def example_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("tl") / "ex.duckdb")
    res = runner.invoke(app, ["ingest", "--examples", "--db", db, "-w", "1"])
    assert res.exit_code == 0, res.output
    return db


def test_timeline_draws_svg_without_matplotlib(example_db, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # a base install: importing it fails
    out = tmp_path / "tl.svg"
    res = runner.invoke(app, ["timeline", "--db", example_db, "--out", str(out)])
    assert res.exit_code == 0, res.output
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    dots = root.findall(f".//{SVG}circle")
    filled = [c for c in dots if c.get("fill") != "#ffffff"]
    assert len(filled) == 3 and len(dots) == 4  # three dated encounters; the planned, undated one is hollow
    assert "Helsinki" in "".join(root.itertext())


def test_timeline_default_is_svg(example_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["timeline", "--db", example_db])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "timeline.svg").read_text(encoding="utf-8").startswith("<svg")


def test_png_without_the_plot_extra_is_a_one_line_hint(example_db, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "resvg_py", None)
    res = runner.invoke(app, ["timeline", "--db", example_db, "--out", str(tmp_path / "tl.png")])
    assert res.exit_code == 2
    assert not isinstance(res.exception, ImportError)
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install 'communique[plot]'" in lines[0] and "Traceback" not in res.output


def test_png_with_resvg(example_db, tmp_path):
    pytest.importorskip("resvg_py", reason="PNG needs the plot extra (resvg-py)")
    out = tmp_path / "tl.png"
    res = runner.invoke(app, ["timeline", "--db", example_db, "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_unknown_format_is_one_line(example_db, tmp_path):
    res = runner.invoke(app, ["timeline", "--db", example_db, "--out", str(tmp_path / "tl.pdf")])
    assert res.exit_code == 2
    assert "unknown picture format '.pdf'" in res.stderr and len(res.stderr.strip().splitlines()) == 1


def _many(n: int = 300) -> list[dict]:
    """n encounters over three years, crowded on purpose: 15 places, six kinds, bursts on the same days."""
    places = ["Moscow", "Damascus", "Washington", "Beijing", "Geneva", "Ankara", "Tehran", "Sochi", "New Delhi"]
    places += ["Brussels", "Kyiv", "Paris", "Berlin", "Astana", "Minsk"]
    kinds = ["meeting", "talks", "phone_call", "visit", "summit", "press_conference"]
    return [
        {
            "group_id": f"g{i}",
            "date": date(2021, 1, 1) + timedelta(days=(i * 37) % 1000 if i % 5 else 400),
            "kind": kinds[(i * 7) % 6],
            "place": places[(i * 11) % 15] if i % 6 else None,
            "participants": ["A", "B"],
            "planned": i % 17 == 0,
            "accounts": 1 + i % 4,
        }
        for i in range(n)
    ]


def _boxes(svg: str) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float, float]]]:
    root = ET.fromstring(svg)
    circles = [(float(c.get("cx")), float(c.get("cy")), float(c.get("r"))) for c in root.iter(f"{SVG}circle")]
    labels = []
    for t in root.iter(f"{SVG}text"):
        if t.get("font-size") != str(timeline.LABEL_SIZE):
            continue
        w, x, y = text_width(t.text, timeline.LABEL_SIZE), float(t.get("x")), float(t.get("y"))
        labels.append((x - w / 2, y - timeline.LABEL_SIZE, x + w / 2, y))
    return circles, labels


def test_300_encounters_no_overlapping_labels_or_dots():
    svg = timeline.svg(_many(), "300 encounters")
    circles, labels = _boxes(svg)
    assert len(circles) == 300  # every encounter is drawn
    assert len(labels) >= 40  # places are still named
    for a, b in combinations(labels, 2):
        assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    for (x1, y1, r1), (x2, y2, r2) in combinations(circles, 2):
        assert (x1 - x2) ** 2 + (y1 - y2) ** 2 >= (r1 + r2) ** 2 - 1e-6


def test_layout_is_deterministic():
    assert timeline.svg(_many(), "t") == timeline.svg(list(reversed(_many())), "t")


def test_text_is_escaped():
    rows = [{"group_id": "x", "date": date(2024, 1, 1), "kind": "meeting", "place": "<b>&", "participants": ["<i>"]}]
    svg = timeline.svg(rows, "a <title>")
    ET.fromstring(svg)  # well-formed
    assert "<b>" not in svg and "&lt;b&gt;&amp;" in svg


def test_bad_date_is_one_line(example_db, tmp_path):
    res = runner.invoke(
        app, ["timeline", "--db", example_db, "--until", "2024-02-30", "--out", str(tmp_path / "t.svg")]
    )
    assert res.exit_code == 2 and "--until '2024-02-30': not a date (YYYY-MM-DD)" in res.stderr


def test_undated_encounters_are_drawn_hollow_at_their_latest_report():
    from datetime import date

    from communique.charts import timeline

    rows = [
        {"group_id": "g1", "kind": "talks", "date": date(2023, 3, 10), "place": "Moscow", "participants": ["A", "B"]},
        {
            "group_id": "g2",
            "kind": "talks",
            "date": None,
            "undated": True,
            "window": [None, date(2023, 3, 16)],
            "place": None,
            "participants": ["Sergey Lavrov", "Faisal Mekdad"],
        },
    ]
    svg = timeline.svg(rows)
    assert "undated, by 2023-03-16 talks" in svg and "Faisal Mekdad" in svg
    assert svg.count('fill="#ffffff" fill-opacity') == 1  # one hollow dot, the undated one
