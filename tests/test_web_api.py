"""The REST API (``communique serve``) through FastAPI's test client, on real documents and crafted hard cases.

The module's store holds the two seeds and three dev records analysed once;
tests that write (ingest) use an app of their own so the others see a fixed
store. Every answer is checked against the documents themselves: a quote's
words are the document's characters at the quote's offsets, a page does not
overlap the next, a filter returns only what it names.
"""

from __future__ import annotations

import http.server
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
from fastapi.testclient import TestClient  # noqa: E402

from communique.model import doc_id_for  # noqa: E402
from communique.store import Store  # noqa: E402
from communique.web import safety  # noqa: E402
from communique.web.app import Settings, create_app  # noqa: E402

LOCAL = "http://localhost"  # the app answers only to its own host names (see communique/web/origin.py)
CLIENT = {"X-Requested-With": "pytest"}  # a non-browser client, as text/plain and form writes must show
DEV = ("kr_17610_phone_obama.txt", "wh_ro_2021-01-26_biden_putin_call.txt", "kr_52816_meeting_erdogan.txt")
LAYERS = ("segments", "mentions", "encounters", "turns", "quotes", "claims", "events", "framing")

SECOND_ACCOUNT = """---
title: Assad and Putin hold talks in Moscow
date: 2021-09-14
---
President Bashar al-Assad held talks with President Vladimir Putin in Moscow yesterday, discussing
cooperation between Syria and Russia.

Putin said that the main problem is the presence of foreign forces in Syria without a UN decision.
"""


# ---- fixtures --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus(seeds_dir: Path, dev_dir: Path) -> dict:
    """Contract records of the seeds and a few dev documents, by file name, with their paths."""
    from communique import analyze

    paths = sorted(seeds_dir.glob("*.txt")) + [dev_dir / name for name in DEV]
    docs = [analyze(p) for p in paths]
    return {"paths": paths, "docs": docs, "by_name": {p.name: d for p, d in zip(paths, docs, strict=True)}}


def _filled_store(corpus: dict) -> Store:
    from communique.encounters import join

    store = Store(":memory:")
    store.upsert_many(corpus["docs"])
    join.update(store, [d.id for d in corpus["docs"]])
    return store


@pytest.fixture(scope="module")
def client(corpus: dict):
    store = _filled_store(corpus)
    with TestClient(create_app(store), base_url=LOCAL, headers=CLIENT) as c:
        yield c
    store.close()


@pytest.fixture(scope="module")
def writable(corpus: dict):
    """A client over a store of its own, for tests that ingest (each asserts only what its own writes change)."""
    store = _filled_store(corpus)
    with TestClient(create_app(store), base_url=LOCAL, headers=CLIENT) as c:
        yield c
    store.close()


@pytest.fixture()
def no_fetch(monkeypatch):
    """Fail the test if anything tries to download or even resolve a host."""

    def boom(*args, **kwargs):
        raise AssertionError("the server tried to reach the network")

    import communique.read.url as url_reader

    monkeypatch.setattr(url_reader, "fetch", boom)
    monkeypatch.setattr(safety, "resolve_host", boom)


def _seed(corpus: dict, n: int = 0):
    return corpus["docs"][n]


def _record(client: TestClient, doc_id: str) -> dict:
    r = client.get(f"/api/documents/{doc_id}")
    assert r.status_code == 200, r.text
    return r.json()


# ---- documents ----------------------------------------------------------------------------
def test_document_pages_cover_the_store_without_overlap(client, corpus) -> None:
    seen: list[str] = []
    offset: int | None = 0
    while offset is not None:
        body = client.get("/api/documents", params={"limit": 2, "offset": offset}).json()
        assert len(body["items"]) <= 2 and body["offset"] == offset
        seen += [d["id"] for d in body["items"]]
        offset = body["next_offset"]
    assert len(seen) == len(set(seen)) == len(corpus["docs"])
    assert set(seen) == {d.id for d in corpus["docs"]}
    dates = [d["published"] for d in client.get("/api/documents").json()["items"] if d["published"]]
    assert dates == sorted(dates, reverse=True), "newest first"


def test_document_filters(client, corpus) -> None:
    kremlin = client.get("/api/documents", params={"publisher": "president of russia"}).json()["items"]
    assert kremlin and all("President of Russia" in d["publisher"] for d in kremlin)
    want = {d.id for d in corpus["docs"] if d.publisher and "president of russia" in d.publisher.lower()}
    assert {d["id"] for d in kremlin} == want
    got = client.get("/api/documents", params={"since": "2016-01-01", "until": "2021-01-31"}).json()["items"]
    want = {d.id for d in corpus["docs"] if d.published and "2016-01-01" <= d.published <= "2021-01-31"}
    assert {d["id"] for d in got} == want and want
    assert client.get("/api/documents", params={"since": "not a date"}).status_code == 422
    assert client.get("/api/documents", params={"limit": 10_000}).status_code == 422


def test_document_record_is_the_contract(client, corpus) -> None:
    doc = _seed(corpus)
    got = _record(client, doc.id)
    assert got == json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))
    assert _record(client, doc.id[:6])["id"] == doc.id, "a unique prefix names the document"
    r = client.get("/api/documents/0123456789abcdef")
    assert r.status_code == 404 and "0123456789abcdef" in r.json()["detail"]


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_points_into_the_text(client, corpus, layer: str) -> None:
    for doc in corpus["docs"][:2]:
        body = client.get(f"/api/documents/{doc.id}/{layer}").json()
        assert body["doc_id"] == doc.id and body["layer"] == layer
        want = doc.to_dict()[layer]
        assert len(body["items"]) == len(want)
        for item, orig in zip(body["items"], want, strict=True):
            assert item["span_text"] == doc.text[item["start"] : item["end"]]
            assert {k: v for k, v in item.items() if k != "span_text"} == json.loads(json.dumps(orig))
    assert client.get(f"/api/documents/nosuchdoc/{layer}").status_code == 404


def test_document_entities_count_their_mentions(client, corpus) -> None:
    doc = _seed(corpus)
    items = client.get(f"/api/documents/{doc.id}/entities").json()["items"]
    assert {e["id"] for e in items} == {e.id for e in doc.entities}
    for e in items:
        mentions = [m for m in doc.mentions if m.entity == e["id"]]
        assert e["mentions"] == len(mentions)
        assert set(e["spellings"]) == {doc.text[m.start : m.end] for m in mentions}


def test_search_finds_every_word_and_pages(client, corpus) -> None:
    body = client.get("/api/search", params={"q": "Assad Putin", "limit": 1}).json()
    assert len(body["items"]) == 1 and body["next_offset"] == 1
    rest = client.get("/api/search", params={"q": "Assad Putin", "limit": 50, "offset": 1}).json()["items"]
    ids = [body["items"][0]["id"]] + [h["id"] for h in rest]
    want = {d.id for d in corpus["docs"] if "assad" in d.text.lower() and "putin" in d.text.lower()}
    assert len(ids) == len(set(ids)) and set(ids) == want
    assert client.get("/api/search", params={"q": "?! ."}).json()["items"] == []
    assert client.get("/api/search", params={"q": ""}).status_code == 422


@pytest.mark.parametrize("q", ["Putin", "president assad", "trade", "’s", "al-Assad", "UN", "zzz nothing"])
def test_search_finds_every_word_case_insensitively(client, corpus, q: str) -> None:
    """Store.search (the API's and the CLI's): documents holding every word — whole words, not substrings —
    best BM25 score first."""
    from collections import Counter

    from communique.store.search import words

    asked = words(q)
    want = {}
    for d in corpus["docs"]:
        counts = Counter(words(d.text))
        if all(counts[w] for w in asked):
            want[d.id] = sum(counts[w] for w in asked)
    got = client.app.state.store.search(q, limit=50)
    assert {r["id"]: r["hits"] for r in got} == want
    assert [r["score"] for r in got] == sorted((r["score"] for r in got), reverse=True)
    for r in got:
        assert r["marks"] and all(r["snippet"][s:e].casefold() in asked for s, e in r["marks"])


# ---- who said what -------------------------------------------------------------------------
def test_quotes_of_a_speaker_are_the_documents_words(client, corpus) -> None:
    texts = {d.id: d.text for d in corpus["docs"]}
    items = client.get("/api/quotes", params={"speaker": "Putin", "limit": 500}).json()["items"]
    assert items
    for q in items:
        assert "putin" in (q["speaker_name"] or "").lower()
        assert q["text"] == texts[q["doc_id"]][q["span_start"] : q["span_end"]]
    since = client.get("/api/quotes", params={"since": "2021-01-01", "limit": 500}).json()["items"]
    assert since and all(q["published"] >= "2021-01-01" for q in since)


def test_quote_pages_do_not_overlap(client) -> None:
    everything = client.get("/api/quotes", params={"limit": 500}).json()["items"]
    assert len(everything) >= 4
    first = client.get("/api/quotes", params={"limit": 2}).json()
    second = client.get("/api/quotes", params={"limit": 2, "offset": 2}).json()
    key = lambda q: (q["doc_id"], q["span_start"])  # noqa: E731
    assert [key(q) for q in first["items"] + second["items"]] == [key(q) for q in everything[:4]]
    assert first["next_offset"] == 2


def test_turns_by_speaker_and_document(client, corpus) -> None:
    doc = next(d for d in corpus["docs"] if any(t.speaker for t in d.turns))
    speaker = next(doc.entity(t.speaker).name for t in doc.turns if t.speaker)
    surname = speaker.split()[-1]
    items = client.get("/api/turns", params={"speaker": surname, "doc": doc.id[:8], "limit": 500}).json()["items"]
    assert items and all(t["doc_id"] == doc.id for t in items)
    assert all(surname.lower() in ((t["speaker_name"] or "") + (t["label"] or "")).lower() for t in items)
    want = [
        t for t in doc.turns if surname.lower() in ((doc.entity(t.speaker).name if t.speaker else "") + t.label).lower()
    ]
    assert [t["span_start"] for t in items] == [t.start for t in want]


def test_who_finds_a_person_in_any_spelling(client, corpus) -> None:
    texts = {d.id: d.text for d in corpus["docs"]}
    items = client.get("/api/entities", params={"name": "Erdoğan"}).json()["items"]
    assert items, "the ASCII spelling in the record matches the Turkish one asked for"
    assert all("erdogan" in (m["entity_name"] or "").lower() for m in items)
    for m in items:
        assert m["text"] == texts[m["doc_id"]][m["span_start"] : m["span_end"]]
    assert client.get("/api/entities", params={"name": "Nobody Atall"}).json()["items"] == []


@pytest.mark.parametrize(
    ("name", "wider"), [("Vladimir Putin", "Putin"), ("Bashar Assad", "al-Assad"), ("Recep Erdogan", "Erdogan")]
)
def test_who_matches_spellings_and_full_names_narrow(client, name: str, wider: str) -> None:
    """The CLI's ``who`` and the API share one query: a full name finds a subset of what the surname finds."""
    from communique.cli.entities import who_rows
    from communique.entities.translit import words_match

    store = client.app.state.store
    full, surname = who_rows(store, name, limit=1000), who_rows(store, wider, limit=1000)
    assert full and {(r["doc_id"], r["span_start"]) for r in full} <= {(r["doc_id"], r["span_start"]) for r in surname}
    last = name.split()[-1]
    assert all(any(words_match(last, w) for w in (r["entity_name"] or "").replace("-", " ").split()) for r in full)
    assert (
        client.get("/api/entities", params={"name": name, "limit": 500}).json()["items"][0]["doc_id"]
        == full[0]["doc_id"]
    )
    assert who_rows(store, "X") == []


def test_claims_and_series(client, corpus) -> None:
    items = client.get("/api/claims", params={"limit": 500}).json()["items"]
    assert len(items) == sum(len(d.claims) for d in corpus["docs"])
    percent = client.get("/api/claims", params={"about": "percent"}).json()["items"]
    assert percent and all(
        "percent" in " ".join(filter(None, (c["unit"], c["quantity"], c["text"]))).lower() for c in percent
    )
    quantity = next(c.quantity for d in corpus["docs"] for c in d.claims if c.quantity)
    word = quantity.split()[-1]
    series = client.get("/api/claims/series", params={"quantity": word}).json()["items"]
    assert series and all(word.lower() in s["quantity"].lower() for s in series)
    whens = [s["when"] for s in series if s["when"]]
    assert whens == sorted(whens)


def test_events_filters(client, corpus) -> None:
    rows = client.get("/api/events", params={"source": "rus", "limit": 500}).json()["items"]
    assert rows and all(e["source_country"] == "RUS" for e in rows)
    kind = rows[0]["type"]
    typed = client.get("/api/events", params={"type": kind, "source": "RUS", "limit": 500}).json()["items"]
    assert typed and all(e["type"] == kind and e["source_country"] == "RUS" for e in typed)

    def country(doc, eid):
        ent = doc.entity(eid)
        return ent.country if ent else None

    want = [
        (d.id, e.start) for d in corpus["docs"] for e in d.events if e.type == kind and country(d, e.source) == "RUS"
    ]
    assert sorted((e["doc_id"], e["span_start"]) for e in typed) == sorted(want)
    assert client.get("/api/events", params={"type": "HUG"}).status_code == 422
    assert client.get("/api/events", params={"target": "Russia"}).status_code == 422


# ---- encounters and framing -------------------------------------------------------------------
def test_encounters_between_countries_and_dates(client) -> None:
    rows = client.get("/api/encounters", params=[("between", "RUS"), ("between", "SYR")]).json()["items"]
    assert rows and all({"RUS", "SYR"} <= set(r["countries"]) for r in rows)
    assert any("Assad" in " ".join(r["participants"]) for r in rows)
    dated = client.get("/api/encounters", params={"since": "2021-01-01", "until": "2021-12-31"}).json()["items"]
    assert dated and all("2021-01-01" <= r["date"] <= "2021-12-31" for r in dated)
    person = client.get("/api/encounters", params={"person": "obama"}).json()["items"]
    assert person and all(any("Obama" in p for p in r["participants"]) for r in person)
    assert client.get("/api/encounters", params={"between": "Russia"}).status_code == 422


def test_compare_joins_a_second_account(writable) -> None:
    r = writable.post("/api/ingest", json={"text": SECOND_ACCOUNT, "source": "syria-today"})
    assert r.status_code == 201, r.text
    rows = writable.get("/api/encounters", params=[("between", "RUS"), ("between", "SYR")]).json()["items"]
    joined = [row for row in rows if row["accounts"] >= 2]
    assert joined, "the crafted account joins the Kremlin's record of the same talks"
    body = writable.get(f"/api/encounters/{joined[0]['group_id']}").json()
    assert len(body["accounts"]) >= 2 and r.json()["id"] in {a["doc_id"] for a in body["accounts"]}
    assert all(a["date"] in ("2021-09-13", None) for a in body["accounts"])
    missing = writable.get("/api/encounters/ffffffffffffffff:9")
    assert missing.status_code == 404 and "ffffffffffffffff:9" in missing.json()["detail"]


def test_framing_and_profile(client, corpus) -> None:
    doc = max(corpus["docs"], key=lambda d: len(d.framing))
    body = client.get(f"/api/framing/{doc.id}").json()
    assert len(body["items"]) == len(doc.framing) and 0 <= body["commentary_share"] <= 1
    assert all(i["text"] == doc.text[i["start"] : i["end"]] for i in body["items"])
    assert client.get("/api/framing/nosuchdoc").status_code == 404
    prof = client.get(f"/api/profile/{doc.publisher}").json()
    assert prof["publisher"] == doc.publisher
    assert prof["documents"] == sum(1 for d in corpus["docs"] if d.publisher == doc.publisher)
    r = client.get("/api/profile/No Such Outlet")
    assert r.status_code == 404 and "No Such Outlet" in r.json()["detail"] and doc.publisher in r.json()["detail"]


def test_every_cli_query_has_an_endpoint(client) -> None:
    paths = set(client.get("/api/openapi.json").json()["paths"])
    cli_to_api = {
        "show": "/api/documents/{doc_id}",
        "search": "/api/search",
        "turns": "/api/turns",
        "entities": "/api/documents/{doc_id}/entities",
        "who": "/api/entities",
        "quotes": "/api/quotes",
        "claims": "/api/claims/series",
        "encounters": "/api/encounters",
        "compare": "/api/encounters/{group_id}",
        "framing": "/api/framing/{doc_id}",
        "profile": "/api/profile/{publisher}",
        "analyze": "/api/analyze",
        "ingest": "/api/ingest",
    }
    from communique.cli import app as cli

    commands = {c.name or c.callback.__name__ for c in cli.registered_commands}
    for command, path in cli_to_api.items():
        assert command in commands or command.replace("_", "-") in commands
        assert path in paths, f"`communique {command}` has no endpoint {path}"


# ---- analyse and ingest -------------------------------------------------------------------------
def test_analyze_text_returns_the_contract_and_stores_nothing(writable, corpus) -> None:
    doc = _seed(corpus, 1)
    before = writable.get("/api/info").json()["documents"]
    r = writable.post("/api/analyze", json={"text": doc.text})
    assert r.status_code == 200, r.text
    got = r.json()
    assert got["id"] == doc_id_for(doc.text) and got["text"] == doc.text
    assert [(t["start"], t["label"]) for t in got["turns"]] == [(t.start, t.label) for t in doc.turns]
    assert writable.get("/api/info").json()["documents"] == before


def test_analyze_upload_reads_like_the_file(writable, corpus) -> None:
    path = corpus["paths"][0]
    data = path.read_bytes()
    r = writable.post("/api/analyze", files={"file": (path.name, data, "text/plain")})
    assert r.status_code == 200, r.text
    got = r.json()
    want = corpus["docs"][0]
    assert got["id"] == want.id and got["text"] == want.text and got["source"] == f"upload:{path.name}"
    assert len(got["quotes"]) == len(want.quotes) and len(got["turns"]) == len(want.turns)
    plain = writable.post("/api/analyze", content=data, headers={"content-type": "text/plain; charset=utf-8"})
    assert plain.status_code == 200 and plain.json()["id"] == want.id


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), "binary"),
        ("corpus.jsonl", b'{"text": "a"}\n', "corpus"),
        ("empty.txt", b"", "empty"),
        ("../../etc/passwd", b"   \n\n ", "empty"),
    ],
)
def test_analyze_refuses_what_is_not_a_text_record(writable, name, data, reason) -> None:
    r = writable.post("/api/analyze", files={"file": (name, data, "application/octet-stream")})
    assert r.status_code == 400 and reason in r.json()["detail"]
    assert "/etc" not in r.json()["detail"], "a file name never becomes a path"


def test_a_path_sent_as_text_is_text_not_a_file(writable) -> None:
    r = writable.post("/api/analyze", json={"text": "/etc/passwd"})
    assert r.status_code == 200 and r.json()["text"] == "/etc/passwd" and r.json()["source"] == "<request>"


def test_script_in_a_document_round_trips_as_data(writable) -> None:
    text = "Statement\n\nThe minister said: <script>alert('x')</script> & <b>bold</b> \"quoted\".\n"
    r = writable.post("/api/ingest", json={"text": text})
    assert r.status_code == 201, r.text
    assert r.headers["location"] == f"/api/documents/{r.json()['id']}"
    got = writable.get(r.headers["location"])
    assert got.json()["text"] == text
    assert got.headers["content-type"].startswith("application/json")
    assert got.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in got.headers["content-security-policy"]
    hits = writable.get("/api/search", params={"q": "alert"}).json()["items"]
    assert any("<script>alert('x')</script>" in h["snippet"] for h in hits)


def test_ingest_replaces_never_duplicates(writable) -> None:
    before = writable.get("/api/info").json()["documents"]
    text = SECOND_ACCOUNT + "\nBoth sides agreed to meet again.\n"
    first = writable.post("/api/ingest", json={"text": text}).json()
    again = writable.post("/api/ingest", json={"text": text}).json()
    assert first["id"] == again["id"] and not first["replaced"] and again["replaced"]
    assert writable.get("/api/info").json()["documents"] == before + 1
    assert writable.get(f"/api/documents/{first['id']}").json()["published"] == "2021-09-14"


def test_bad_bodies(writable) -> None:
    assert writable.post("/api/analyze", content=b"{", headers={"content-type": "application/json"}).status_code == 400
    assert writable.post("/api/analyze", json={"text": ""}).status_code == 422
    assert writable.post("/api/analyze", json={"text": "a", "url": "https://x.org"}).status_code == 422
    r = writable.post("/api/analyze", content=b"x", headers={"content-type": "application/pdf"})
    assert r.status_code == 415 and "application/pdf" in r.json()["detail"]


# ---- safety ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "unsupported URL scheme 'file'"),
        ("ftp://example.org/readout.txt", "unsupported URL scheme 'ftp'"),
        ("/etc/passwd", "unsupported URL scheme none"),
        ("-", "unsupported URL scheme none"),
        ("http:///nohost", "names no host"),
        ("https://user:pw@example.org/", "user name or password"),
    ],
)
def test_urls_refused_without_fetching(writable, no_fetch, url: str, reason: str) -> None:
    r = writable.post("/api/analyze", json={"url": url})
    assert r.status_code == 400 and reason in r.json()["detail"], r.text


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "10.1.2.3", "169.254.169.254", "[::1]"])
def test_private_addresses_are_refused(writable, monkeypatch, host: str) -> None:
    import communique.read.url as url_reader

    monkeypatch.setattr(url_reader, "fetch", lambda *a, **k: pytest.fail("fetched a private address"))
    r = writable.post("/api/analyze", json={"url": f"http://{host}:9/secret"})
    assert r.status_code == 400 and "private, loopback or reserved" in r.json()["detail"]


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == "/slow":
            time.sleep(2)
        body = b"Readout\n\nPresident Vladimir Putin had a telephone conversation with President Emmanuel Macron.\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a client that hangs up before the body (the DNS-rebinding test) is expected here


@pytest.fixture()
def local_site():
    server = _QuietServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_is_fetched_when_private_addresses_are_allowed(corpus, local_site) -> None:
    store = Store(":memory:")
    app = create_app(store, Settings(allow_private_urls=True, url_timeout_s=0.5))
    with TestClient(app, base_url=LOCAL, headers=CLIENT) as c:
        r = c.post("/api/analyze", json={"url": f"{local_site}/readout"})
        assert r.status_code == 200, r.text
        assert r.json()["source"] == f"{local_site}/readout" and "Macron" in r.json()["text"]
        slow = c.post("/api/analyze", json={"url": f"{local_site}/slow"})
        assert slow.status_code == 400 and "timed out" in slow.json()["detail"]
    store.close()


def test_dns_rebinding_is_refused_at_the_connected_address(corpus, local_site, monkeypatch) -> None:
    """The name resolves to a public address when checked, then to 127.0.0.1 when the client
    connects (a rebinding attack): the response is refused before its body is read."""
    from communique.web import safety

    monkeypatch.setattr(safety, "resolve_host", lambda host, port: ["93.184.216.34"])
    url = local_site.replace("127.0.0.1", "localhost") + "/readout"
    store = Store(":memory:")
    with TestClient(create_app(store, Settings(url_timeout_s=2)), base_url=LOCAL, headers=CLIENT) as c:
        r = c.post("/api/analyze", json={"url": url})
        assert r.status_code == 400, r.text
        assert "answered from a private, loopback or reserved address (127.0.0.1)" in r.json()["detail"]
        page = c.post("/analyze", data={"url": url, "token": c.app.state.form_token})
        assert "reserved address (127.0.0.1)" in page.text and "Macron" not in page.text
    store.close()


def test_bodies_over_the_limits_get_413() -> None:
    store = Store(":memory:")
    app = create_app(store, Settings(max_upload_bytes=1_000, max_body_bytes=4_000))
    with TestClient(app, base_url=LOCAL, headers=CLIENT) as c:
        big = c.post("/api/analyze", content=b"x" * 5_000, headers={"content-type": "text/plain"})
        assert big.status_code == 413 and "limit" in big.json()["detail"]

        def chunks():  # no Content-Length: the limit is enforced as the body streams in
            for _ in range(10):
                yield b"y" * 1_000

        streamed = c.post("/api/analyze", content=chunks(), headers={"content-type": "text/plain"})
        assert streamed.status_code == 413
        text = c.post("/api/analyze", json={"text": "z" * 2_000})
        assert text.status_code == 413 and "text too large" in text.json()["detail"]
        upload = c.post("/api/analyze", files={"file": ("a.txt", b"w " * 1_000, "text/plain")})
        assert upload.status_code == 413 and "upload too large" in upload.json()["detail"]
        small = c.post("/api/analyze", json={"text": "A short statement."})
        assert small.status_code == 200
    store.close()


def test_read_only_refuses_analyze_and_ingest(corpus) -> None:
    store = _filled_store(corpus)
    with TestClient(create_app(store, Settings(read_only=True)), base_url=LOCAL, headers=CLIENT) as c:
        for path in ("/api/analyze", "/api/ingest"):
            r = c.post(path, json={"text": "Some text."})
            assert r.status_code == 403 and "read-only" in r.json()["detail"]
        assert c.get("/api/info").json()["read_only"] is True
        assert c.get("/api/documents").status_code == 200
    store.close()


def test_read_only_file_store_serves_encounters(corpus, tmp_path) -> None:
    path = tmp_path / "ro.duckdb"
    from communique.encounters import join

    with Store(path) as st:
        st.upsert_many(corpus["docs"][:2])
        join.update(st, [d.id for d in corpus["docs"][:2]])
    app = create_app(path, Settings(read_only=True))
    with TestClient(app, base_url=LOCAL, headers=CLIENT) as c:
        rows = c.get("/api/encounters").json()["items"]
        assert rows and c.get(f"/api/encounters/{rows[0]['group_id']}").status_code == 200
        assert c.get("/api/profile/Syria").status_code == 200, "the profile's TEMP table works read-only"
    app.state.store.close()
    stale = tmp_path / "stale.duckdb"
    with Store(stale) as st:  # filled without the join: a read-only server cannot build its index
        st.upsert(corpus["docs"][0])
    app = create_app(stale, Settings(read_only=True))
    with TestClient(app, base_url=LOCAL, headers=CLIENT) as c:
        r = c.get("/api/encounters")
        assert r.status_code == 503 and "communique encounters" in r.json()["detail"]
    app.state.store.close()


def test_parallel_reads_during_ingest(writable, corpus) -> None:
    """Each request has its own cursor: reads running in threads beside a write all succeed."""
    doc = _seed(corpus)
    urls = [f"/api/documents/{doc.id}", "/api/search?q=Putin", "/api/quotes", "/api/encounters", "/api/profile/Syria"]

    def get(i: int) -> int:
        return writable.get(urls[i % len(urls)]).status_code

    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(get, i) for i in range(40)]
        posted = writable.post("/api/ingest", json={"text": "Readout\n\nThe two ministers spoke by phone on trade."})
        assert posted.status_code == 201
        assert [f.result() for f in futures] == [200] * 40


# ---- the command ------------------------------------------------------------------------------
def test_serve_binds_to_localhost_by_default(tmp_path, monkeypatch) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from communique.cli import app as cli

    calls: list[tuple] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    db = tmp_path / "s.duckdb"
    Store(db).close()
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--read-only", "--port", "8123"])
    assert result.exit_code == 0, result.output
    app, kw = calls[0]
    assert kw["host"] == "127.0.0.1" and kw["port"] == 8123
    assert app.state.settings.read_only and app.state.store.path == str(db)
    app.state.store.close()
    missing = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb"), "--read-only"])
    assert missing.exit_code == 2 and "no store here yet" in missing.output
