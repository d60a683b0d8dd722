"""A page on another origin cannot write to the store, and a foreign ``Host`` is refused (CSRF, DNS rebinding).

The requests here are the ones a hostile page makes the user's browser send
(see ``communique/web/origin.py``); the browser itself is driven in
``test_web_cross_origin_browser.py``.
"""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")

from fastapi.testclient import TestClient  # noqa: E402

from communique.store import Store  # noqa: E402
from communique.web.app import Settings, create_app  # noqa: E402

TEXT = "THE PRESIDENT: Planted by another site."


@pytest.fixture()
def app():
    store = Store(":memory:")
    yield create_app(store)
    store.close()


def _client(app, host: str = "http://localhost") -> TestClient:
    return TestClient(app, base_url=host)


def test_a_text_plain_write_from_another_origin_is_refused(app) -> None:
    c = _client(app)
    r = c.post(
        "/api/ingest",
        content=TEXT,
        headers={"Origin": "http://evil.example", "Content-Type": "text/plain", "X-Requested-With": "x"},
    )
    assert r.status_code == 403 and "another origin" in r.json()["detail"]
    assert app.state.store.count() == 0


def test_a_form_posted_by_another_site_is_refused(app) -> None:
    c = _client(app)
    for path in ("/api/ingest", "/api/analyze", "/analyze"):
        r = c.post(
            path, files={"file": ("a.txt", TEXT.encode(), "text/plain")}, headers={"Sec-Fetch-Site": "cross-site"}
        )
        assert r.status_code == 403, path
    r = c.post("/api/ingest", json={"text": TEXT}, headers={"Origin": "null"})
    assert r.status_code == 403
    assert app.state.store.count() == 0


def test_a_simple_write_without_origin_must_show_a_client_header(app) -> None:
    """A browser that sends no Origin could still post text/plain: such writes need a header a page cannot add."""
    c = _client(app)
    r = c.post("/api/ingest", content=TEXT, headers={"Content-Type": "text/plain"})
    assert r.status_code == 403 and "X-Requested-With" in r.json()["detail"]
    assert app.state.store.count() == 0
    ok = c.post("/api/ingest", content=TEXT, headers={"Content-Type": "text/plain", "X-Requested-With": "curl"})
    assert ok.status_code == 201
    assert c.post("/api/analyze", json={"text": TEXT}).status_code == 200  # JSON needs no header: a page must ask first


def test_same_origin_writes_pass(app) -> None:
    c = _client(app, "http://127.0.0.1:8000")
    r = c.post(
        "/api/analyze",
        json={"text": TEXT},
        headers={"Origin": "http://127.0.0.1:8000", "Sec-Fetch-Site": "same-origin"},
    )
    assert r.status_code == 200


def test_the_analyse_form_needs_its_token(app) -> None:
    c = _client(app)
    assert c.post("/analyze", data={"text": TEXT}).status_code == 403
    form = c.get("/analyze").text
    assert f'value="{app.state.form_token}"' in form
    assert c.post("/analyze", data={"text": TEXT, "token": app.state.form_token}).status_code == 200


def test_a_foreign_host_is_refused_reads_included(app) -> None:
    """DNS rebinding: the attacker's name, pointed at 127.0.0.1, still arrives as the Host header."""
    r = _client(app, "http://evil.example:8000").get("/api/documents")
    assert r.status_code == 400 and "not a name of this server" in r.json()["detail"]
    for host in ("http://localhost:8000", "http://127.0.0.1:8000", "http://[::1]:8000"):
        assert _client(app, host).get("/api/documents").status_code == 200, host


def test_allowed_hosts_and_a_wildcard_bind() -> None:
    store = Store(":memory:")
    named = create_app(store, Settings(extra_hosts=("archive.lan",)))
    assert _client(named, "http://archive.lan").get("/api/documents").status_code == 200
    assert _client(named, "http://10.0.0.5").get("/api/documents").status_code == 400
    wild = create_app(store, Settings(bind_host="0.0.0.0"))
    assert _client(wild, "http://10.0.0.5:8000").get("/api/documents").status_code == 200  # an IP cannot be rebound
    assert _client(wild, "http://evil.example").get("/api/documents").status_code == 400
    store.close()
