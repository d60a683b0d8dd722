"""End-to-end in headless Chromium: the who-met-whom network and the claim-series chart.

Same rules as tests/test_web_browser.py, whose browser fixtures it uses
(Debian's ``chromium`` through Playwright's ``executable_path``; skip with the
reason when absent, fail under CI). The store holds the seeds and the dev
corpus, so the pictures have something to show. The screenshots it takes are
the README's (``COMMUNIQUE_SCREENSHOTS=docs/screenshots``).
"""

from __future__ import annotations

import math
import socket
import threading
import time

import pytest
from test_web_browser import browser, page, shots  # noqa: F401  (fixtures shared with the page tests)

from communique.model import Document

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def charts_server(seeded_store, analysed_dev):
    uvicorn = pytest.importorskip("uvicorn")
    from communique.encounters import join
    from communique.web.app import Settings, create_app

    dev = [Document.from_dict(d) for d in analysed_dev.values()]
    store, _, _ = seeded_store("charts", *dev)
    join.update(store, [d.id for d in dev])
    app = create_app(store, Settings())
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    srv.should_exit = True
    thread.join(timeout=10)
    sock.close()
    store.close()


def _turned(x: float, y: float, w: float, h: float, transform: str) -> list[tuple[float, float]]:
    """The corners of a text's box after its ``rotate(deg cx cy)``."""
    deg, cx, cy = (float(v) for v in transform[len("rotate(") : -1].split())
    t = math.radians(deg)
    out = []
    for px, py in ((x, y), (x + w, y), (x + w, y + h), (x, y + h)):
        dx, dy = px - cx, py - cy
        out.append((cx + dx * math.cos(t) - dy * math.sin(t), cy + dx * math.sin(t) + dy * math.cos(t)))
    return out


def _overlap(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> bool:
    """Whether two convex polygons overlap by more than a hair (separating-axis test)."""
    for poly in (a, b):
        for i in range(len(poly)):
            (x1, y1), (x2, y2) = poly[i], poly[(i + 1) % len(poly)]
            nx, ny = y2 - y1, x1 - x2
            pa = [nx * x + ny * y for x, y in a]
            pb = [nx * x + ny * y for x, y in b]
            norm = math.hypot(nx, ny) or 1.0
            if (min(max(pa), max(pb)) - max(min(pa), min(pb))) / norm <= 0.5:
                return False
    return True


def test_network_view_shows_who_met_whom_and_filters_by_date(charts_server, page, shots):  # noqa: F811
    page.goto(f"{charts_server}/network")
    chart = page.locator("svg.network")
    assert chart.bounding_box()["height"] > 300
    names = page.locator("svg.network text").all_text_contents()
    assert "Joe Biden" in names and "Vladimir Putin" in names
    edges = page.locator("svg.network path").count()
    assert edges >= 5
    # the labels as the browser lays them out (its text metrics, each turned along its radius) never overlap
    rects = page.locator("svg.network a.node text").evaluate_all(
        "els => els.map(e => { const b = e.getBBox(); return [b.x, b.y, b.width, b.height, e.getAttribute('transform')]; })"
    )
    polys = [_turned(*r) for r in rects]
    for i, a in enumerate(polys):
        for b in polys[i + 1 :]:
            assert not _overlap(a, b), (a, b)
    page.screenshot(path=str(shots / "network.png"), full_page=True)
    # a date filter keeps fewer encounters
    page.fill("#network-filters input[name=since]", "2021-01-01")
    page.fill("#network-filters input[name=until]", "2021-12-31")
    page.click("#network-filters button[type=submit]")
    page.wait_for_url("**/network?**since=2021-01-01**")
    assert "Vladimir Putin" in page.locator("svg.network text").all_text_contents()  # the January 2021 call
    assert page.locator("svg.network path").count() < edges
    # countries as nodes; a node opens that country's timeline
    page.select_option("#network-filters select[name=by]", "country")
    page.click("#network-filters button[type=submit]")
    page.wait_for_selector("svg.network")
    assert "Russian Federation" in page.locator("svg.network text").all_text_contents()
    page.locator("svg.network a.node:has(text:text-is('Russian Federation')) circle").click()
    page.wait_for_selector("svg.timeline")
    assert "between=RUS" in page.url
    assert page.errors == []  # type: ignore[attr-defined]


def test_claim_series_chart(charts_server, page, shots):  # noqa: F811
    page.goto(f"{charts_server}/claims?series=trade")
    chart = page.locator("svg.series")
    assert chart.bounding_box()["height"] > 200
    assert page.locator("svg.series circle").count() >= 3
    assert "percent" in page.locator("svg.series text").all_text_contents()
    page.screenshot(path=str(shots / "claims-series.png"), full_page=True)
    point = page.locator("svg.series a").first
    tip = point.locator("title").text_content()
    point.locator("circle").click()  # a point opens its figure's words in the document, highlighted
    page.wait_for_selector("#text span.hl")
    words = "".join(page.locator("#text span.hl").all_text_contents())
    assert any(ch.isdigit() for ch in words) and words.split()[-1] in tip, (words, tip)
    assert page.errors == []  # type: ignore[attr-defined]


def test_timeline_screenshot(charts_server, page, shots):  # noqa: F811
    page.goto(f"{charts_server}/encounters")
    assert page.locator("svg.timeline circle").count() >= 10
    page.screenshot(path=str(shots / "timeline-all.png"), full_page=True)
    assert page.errors == []  # type: ignore[attr-defined]
