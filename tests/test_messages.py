"""Messages read once: a refused redirect says "refused" once; malformed front matter is reported, not dropped."""

from __future__ import annotations

import http.server
import logging
import threading
from pathlib import Path

import pytest

from communique.errors import InputError
from communique.read import read_one


@pytest.fixture()
def redirecting():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(302)
            self.send_header("Location", "http://internal.example/secret")
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/moved"
    httpd.shutdown()
    httpd.server_close()


def test_a_refused_redirect_says_refused_once(redirecting: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from communique.web import safety

    monkeypatch.setattr(safety, "resolve_host", lambda host, port: ["10.0.0.7"])

    def check(url: str) -> str:
        return url if url == redirecting else safety.check_url(url)

    with pytest.raises(InputError) as err:
        read_one(redirecting, timeout=2, check_url=check)
    assert "refused: refused" not in str(err.value)
    assert "redirect to http://internal.example/secret refused: 'internal.example' is a private" in str(err.value)


def test_malformed_front_matter_is_reported(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: [unclosed\ndate: 2021-01-01\n---\nBody text here.\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="communique.read"):
        doc = read_one(str(path))
    assert doc.text[doc.body_start :] == "Body text here.\n"
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1 and str(path) in lines[0] and "front matter ignored" in lines[0]


def test_static_files_and_framework_answers_carry_the_security_headers() -> None:
    pytest.importorskip("fastapi", reason="the web extra is not installed")
    from fastapi.testclient import TestClient

    from communique.store import Store
    from communique.web.app import create_app

    store = Store(":memory:")
    client = TestClient(create_app(store), base_url="http://localhost")
    static = sorted(p.name for p in (Path(__file__).resolve().parent.parent / "communique/web/static").iterdir())
    for url in [f"/static/{static[0]}", "/no/such/page", "/static/nothing.css", "/api/nothing"]:
        r = client.get(url)
        assert r.headers.get("x-content-type-options") == "nosniff", url
        assert "default-src" in r.headers.get("content-security-policy", ""), url
    store.close()
