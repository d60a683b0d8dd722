"""Ids holding "/" (JSONL ids such as ``a/b``) open in the pages and the API; id prefixes are literal."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")

from fastapi.testclient import TestClient  # noqa: E402

from communique.pipeline import run  # noqa: E402
from communique.read.plain import text_document  # noqa: E402
from communique.store import Store  # noqa: E402
from communique.web.app import create_app  # noqa: E402

EXAMPLE = (Path(__file__).resolve().parent.parent / "communique" / "examples" / "transcript_meeting.txt").read_text()
SLASHED = "briefings/2021/a-b"


@pytest.fixture(scope="module")
def client():
    store = Store(":memory:")
    doc = run(text_document(EXAMPLE, "x.txt", SLASHED))
    store.upsert_many([doc])
    with TestClient(create_app(store), base_url="http://localhost") as c:
        c.doc = doc  # type: ignore[attr-defined]
        yield c
    store.close()


@pytest.mark.parametrize("path", [SLASHED, SLASHED.replace("/", "%2F")])
def test_an_id_with_slashes_opens(client, path: str) -> None:
    r = client.get(f"/api/documents/{path}")
    assert r.status_code == 200 and r.json()["id"] == SLASHED
    for layer in ("turns", "entities", "mentions"):
        r = client.get(f"/api/documents/{path}/{layer}")
        assert r.status_code == 200 and r.json()["doc_id"] == SLASHED, layer
    assert client.get(f"/api/framing/{path}").status_code == 200
    for page in (f"/documents/{path}", f"/documents/{path}/entities", f"/framing/{path}"):
        r = client.get(page)
        assert r.status_code == 200 and "Not found" not in r.text, page


def test_entity_page_of_a_slashed_id(client) -> None:
    ent = client.doc.entities[0]
    r = client.get(f"/entities/{SLASHED}/{ent.id}")
    assert r.status_code == 200


def test_id_prefix_treats_percent_and_underscore_literally() -> None:
    store = Store(":memory:")
    docs = [run(text_document(EXAMPLE + "\n" + i, "x.txt", i)) for i in ("test_one", "testXone", "1000abcd")]
    store.upsert_many(docs)
    got = store.get("test_o")
    assert got is not None and got.id == "test_one"  # "_" is not "any character"
    assert store.get("10%a") is None  # "%" is not "anything"
    store.close()
