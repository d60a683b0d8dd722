"""In a real browser: a page on another origin cannot write to the store, and a rebound name cannot read it.

The app runs under uvicorn on 127.0.0.1; a hostile page is served from
another origin (a second server on another port). The page tries what the
probe of issue 15 did: ``fetch(…, {mode: 'no-cors'})`` with a text/plain body
and an auto-submitted form, at both ``/api/ingest`` and the analyse page. The
store must stay empty while the server saw the requests (so the test is not
passing because nothing was sent). DNS rebinding is played with Chromium's
``--host-resolver-rules``, which makes ``evil.example`` resolve to 127.0.0.1.
Skips like ``test_web_browser.py`` without Playwright or chromium (fails under CI).
"""

from __future__ import annotations

import http.server
import os
import shutil
import socket
import threading
import time

import pytest

pytestmark = pytest.mark.browser


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason} (CI is set, so the browser tests must run)")
    pytest.skip(reason)


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    return sock


@pytest.fixture(scope="module")
def target(tmp_path_factory):
    """The app under uvicorn over an empty store; yields (base URL, port, store, list of (method, path, status))."""
    uvicorn = pytest.importorskip("uvicorn")
    from communique.store import Store
    from communique.web.app import Settings, create_app

    store = Store(tmp_path_factory.mktemp("xorigin") / "x.duckdb")
    app = create_app(store, Settings(bind_host="127.0.0.1"))
    seen: list[tuple[str, str, int]] = []

    @app.middleware("http")
    async def _record(request, call_next):  # what the server answered, seen from outside the guard
        response = await call_next(request)
        seen.append((request.method, request.url.path, response.status_code))
        return response

    sock = _free_socket()
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.02)
    yield {"base": f"http://127.0.0.1:{port}", "port": port, "store": store, "seen": seen}
    srv.should_exit = True
    thread.join(timeout=10)
    sock.close()
    store.close()


def _attack_page(base: str) -> bytes:
    return f"""<!doctype html><title>cute cats</title>
<form id="f1" action="{base}/api/ingest" method="post" enctype="text/plain" target="sink1">
  <input name="THE PRESIDENT: planted by a form" value="x"></form>
<form id="f2" action="{base}/analyze" method="post" enctype="multipart/form-data" target="sink2">
  <input name="text" value="THE PRESIDENT: analysed for a stranger"></form>
<iframe name="sink1"></iframe><iframe name="sink2"></iframe>
<script>
window.done = Promise.all([
  fetch("{base}/api/ingest", {{method: "POST", mode: "no-cors", headers: {{"Content-Type": "text/plain"}},
        body: "THE PRESIDENT: planted by fetch"}}),
  fetch("{base}/api/ingest", {{method: "POST", mode: "no-cors",
        body: new Blob(["THE PRESIDENT: planted by a blob"], {{type: "text/plain"}})}}),
]).then(() => "sent", e => "error " + e);
document.getElementById("f1").submit();
document.getElementById("f2").submit();
</script>""".encode()


@pytest.fixture(scope="module")
def attacker(target):
    """A second server, another origin, serving the hostile page."""
    body = _attack_page(target["base"])

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install playwright)")
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        _missing("no chromium on PATH: install Debian's package (apt-get install -y chromium)")
    with sync_playwright() as p:
        args = ["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP evil.example 127.0.0.1"]
        b = p.chromium.launch(executable_path=path, headless=True, args=args)
        yield b
        b.close()


def test_a_cross_origin_page_cannot_write(target, attacker, browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    statuses: list[tuple[str, int]] = []
    page.on("response", lambda r: statuses.append((r.url, r.status)) if r.url.startswith(target["base"]) else None)
    page.goto(attacker)
    assert page.evaluate("window.done") == "sent"
    deadline = time.monotonic() + 10
    while len(statuses) < 4 and time.monotonic() < deadline:  # the two forms land in their frames
        page.wait_for_timeout(100)
    context.close()
    assert len(statuses) >= 4, statuses  # every forged request reached the server…
    assert all(status in (400, 403) for _, status in statuses), statuses  # …and was refused there
    assert {s[2] for s in target["seen"] if s[0] == "POST"} == {403}, target["seen"]
    assert target["store"].count() == 0


def test_a_rebound_name_cannot_read(target, browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    r = page.goto(f"http://evil.example:{target['port']}/api/documents")
    assert r is not None and r.status == 400 and "not a name of this server" in page.content()
    r = page.goto(f"{target['base']}/api/documents")  # the server's own name still reads
    assert r is not None and r.status == 200
    context.close()
