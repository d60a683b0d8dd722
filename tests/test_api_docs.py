"""The API's interactive docs page: Swagger UI from the files a PyPI package ships, served by this
server (no CDN, no inline script), and a hint instead of an error when the package is missing."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from communique.web import api_docs  # noqa: E402
from communique.web.app import Settings, create_app  # noqa: E402


@pytest.fixture
def client(tmp_path):
    return TestClient(create_app(tmp_path / "docs.duckdb", Settings()), base_url="http://localhost")


def test_docs_page_uses_local_assets_only(client):
    if api_docs.assets() is None:
        pytest.skip("fastapi-offline is not installed (part of the web extra)")
    r = client.get("/api/docs")
    assert r.status_code == 200
    html = r.text
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/") or s.startswith("data:") for s in sources), sources
    assert "cdn" not in html.lower() and "http" not in html.lower()
    assert all(m.strip() == "" for m in re.findall(r"<script[^>]*>(.*?)</script>", html, re.S))  # no inline script
    assert "script-src 'self'" in r.headers["content-security-policy"]
    for path in ("/api/docs/assets/swagger-ui-bundle.js", "/api/docs/assets/swagger-ui.css", "/static/api-docs.js"):
        got = client.get(path)
        assert got.status_code == 200 and len(got.content) > 100, path
    assert "SwaggerUIBundle" in client.get("/api/docs/assets/swagger-ui-bundle.js").text
    assert client.get("/api/openapi.json").json()["openapi"].startswith("3.")


def test_docs_page_without_the_package_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(api_docs, "assets", lambda: None)
    client = TestClient(create_app(tmp_path / "d.duckdb", Settings()), base_url="http://localhost")
    r = client.get("/api/docs")
    assert r.status_code == 503 and "pip install 'communique[web]'" in r.text


def test_pages_link_the_docs(client):
    assert 'href="/api/docs"' in client.get("/").text
