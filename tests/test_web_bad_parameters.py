"""Every bad parameter gets a 4xx naming what is wrong, never a 500 (pages and API alike)."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")

from fastapi.testclient import TestClient  # noqa: E402

from communique.store import Store  # noqa: E402
from communique.web.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def client():
    store = Store(":memory:")
    with TestClient(create_app(store), base_url="http://localhost", raise_server_exceptions=False) as c:
        yield c
    store.close()


def test_a_bad_date_on_the_quotes_page(client) -> None:
    r = client.get("/quotes", params={"since": "x"})
    assert r.status_code == 422 and "YYYY-MM-DD" in r.text


def test_a_search_of_a_thousand_words(client) -> None:
    words = " ".join(f"word{i}" for i in range(1000))
    r = client.get("/search", params={"q": words})
    assert r.status_code == 422 and "at most" in r.text
    r = client.get("/api/search", params={"q": " ".join(f"w{i}" for i in range(120))})
    assert r.status_code == 422 and "at most 50" in r.json()["detail"]
    assert client.get("/api/search", params={"q": "w1 w2"}).status_code == 200


def test_json_nested_too_deep(client) -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    r = client.post("/api/analyze", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 400 and "nested" in r.json()["detail"]


def test_a_lone_surrogate(client) -> None:
    r = client.post(
        "/api/analyze", content=b'{"text": "Putin: \\ud800 hello"}', headers={"content-type": "application/json"}
    )
    assert r.status_code == 400 and "surrogate" in r.json()["detail"]
