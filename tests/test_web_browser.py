"""End-to-end: the pages in a real headless browser (Debian's ``chromium``, driven by Playwright).

The app runs under uvicorn on 127.0.0.1 in a background thread over a store
holding the two seeds. The tests open the news seed's document view, click a
quote in the side panel and check that the highlight lands on exactly the
quote's words, and check that an entity page and the encounter timeline
render. Screenshots go to ``$COMMUNIQUE_SCREENSHOTS`` (or a temporary folder).

Never a downloaded browser build: the browser is the system's ``chromium``,
passed to Playwright as ``executable_path``. Without Playwright or chromium
these tests skip, saying why — except under CI (``CI`` set), where they fail,
so CI cannot pass without having run them.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

NEWS_SEED = "003_1bbcd682f14d80c8.txt"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _missing(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"{reason} (CI is set, so the browser tests must run: see .ci/run)")
    pytest.skip(reason)


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    _missing("no chromium on PATH: install Debian's package (apt-get install -y chromium)")
    raise AssertionError("unreachable")


@pytest.fixture(scope="module")
def server(seeded_store):
    """The app under uvicorn on a free port of 127.0.0.1; yields its base URL and the seed documents."""
    uvicorn = pytest.importorskip("uvicorn")
    from communique.web.app import Settings, create_app

    store, docs, wire = seeded_store("browser")
    docs["wire.md"] = wire
    app = create_app(store, Settings())

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.02)
    yield {"base": f"http://127.0.0.1:{port}", "docs": docs}
    srv.should_exit = True
    thread.join(timeout=10)
    sock.close()
    store.close()


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install playwright)")
    path = _chromium()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    where = os.environ.get("COMMUNIQUE_SCREENSHOTS")
    out = Path(where) if where else Path(tmp_path_factory.mktemp("screenshots"))
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.errors = errors  # type: ignore[attr-defined]
    yield pg
    context.close()


def test_clicking_a_quote_highlights_its_words(server, page, shots):
    news = server["docs"][NEWS_SEED]
    page.goto(f"{server['base']}/documents/{news.id}")
    assert page.locator("#text span[data-s]").count() > 100
    for i in (1, 0):  # clicking a second item moves the highlight
        q = news.quotes[i]
        page.click(f"#item-q{i} button.item")
        lit = page.locator("#text span.hl")
        page.wait_for_function("document.querySelectorAll('#text span.hl').length > 0")
        texts = lit.all_text_contents()
        assert "".join(texts) == news.text[q.start : q.end]
        classes = lit.evaluate_all("els => els.map(e => e.className)")
        assert all(" q" in f" {c}" for c in classes)
        assert page.locator(f"#item-q{i} button.item.active").count() == 1
    assert page.evaluate("location.hash") == "#item=q0"
    page.screenshot(path=str(shots / "document-quote.png"))
    page.screenshot(path=str(shots / "document-full.png"), full_page=True)
    # clicking the words finds their items in the panel
    page.locator("#text span.hl:not(:has(a))").first.click()
    assert page.locator("#item-q0 button.item.sel").count() == 1
    assert page.errors == []  # type: ignore[attr-defined]


def test_link_with_a_span_highlights_on_arrival(server, page):
    news = server["docs"][NEWS_SEED]
    c = news.claims[0]
    page.goto(f"{server['base']}/documents/{news.id}#span={c.start}-{c.end}")
    page.wait_for_function("document.querySelectorAll('#text span.hl').length > 0")
    assert "".join(page.locator("#text span.hl").all_text_contents()) == news.text[c.start : c.end]


def test_legend_switches_a_layer_off(server, page):
    news = server["docs"][NEWS_SEED]
    page.goto(f"{server['base']}/documents/{news.id}")
    page.uncheck("#legend input[data-layer=q]")
    assert "no-q" in (page.get_attribute("#text", "class") or "")


def test_entity_page_renders(server, page, shots):
    page.goto(f"{server['base']}/who/Putin")
    assert "Vladimir Putin" in page.inner_text("h1")
    assert page.locator("#mentions tbody tr").count() >= 2
    assert page.locator("#spellings .chip").count() >= 2
    page.screenshot(path=str(shots / "entity.png"), full_page=True)
    page.click("#mentions tbody tr a[href*='#span=']")
    page.wait_for_function("document.querySelectorAll('#text span.hl').length > 0")
    assert page.errors == []  # type: ignore[attr-defined]


def test_timeline_renders_and_links_to_the_compare_view(server, page, shots):
    page.goto(f"{server['base']}/encounters?between=RUS&between=SYR")
    dots = page.locator("svg.timeline circle")
    assert dots.count() >= 1
    assert page.locator("svg.timeline").bounding_box()["height"] > 50
    page.screenshot(path=str(shots / "timeline.png"), full_page=True)
    # the 2023 meeting, reported by the news seed and the wire (the hollow dots after it are undated talks)
    page.locator('svg.timeline a circle:not([fill="#ffffff"])').last.click()
    page.wait_for_selector(".compare .account")
    assert page.locator(".compare .account").count() == 2
    boxes = [b.bounding_box() for b in page.locator(".compare .account").all()]
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 2 and boxes[0]["x"] < boxes[1]["x"]  # side by side
    page.screenshot(path=str(shots / "compare.png"), full_page=True)
    assert page.errors == []  # type: ignore[attr-defined]
