"""The HTML pages over a store holding the two seeds: each page answers with real content, the
document view carries every layer with exact offsets, text is escaped, read-only refuses analyze.

The markup renderer is tested on its own first (overlaps, escaping, offsets);
the page tests need ../shared (the seeds) and skip without it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("jinja2")

from fastapi.testclient import TestClient  # noqa: E402

from communique.model import Document  # noqa: E402
from communique.web.markup import Mark, render  # noqa: E402

NEWS_SEED = "003_1bbcd682f14d80c8.txt"  # the Syria News article (the other seed is the Kremlin transcript)
XSS = "<script>alert(1)</script>"


class Pieces(HTMLParser):
    """Collects (offset, text, classes) of every ``span[data-s]`` piece, and all text outside them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[int, str, set[str]]] = []
        self.stack: list[tuple[int, set[str]] | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "span":
            return
        a = dict(attrs)
        if "data-s" in a:
            self.stack.append((int(a["data-s"] or 0), set((a.get("class") or "").split())))
            self.pieces.append((int(a["data-s"] or 0), "", set((a.get("class") or "").split())))
        else:
            self.stack.append(None)

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if any(s is not None for s in self.stack) and self.pieces:
            off, text, cls = self.pieces[-1]
            self.pieces[-1] = (off, text + data, cls)


def pieces_of(html: str) -> list[tuple[int, str, set[str]]]:
    body = html.split('id="text"', 1)[1].split("</div>", 1)[0]
    parser = Pieces()
    parser.feed("<div " + body)
    return parser.pieces


# ---- the renderer ------------------------------------------------------------------------
def test_render_cuts_at_every_boundary_and_keeps_offsets():
    text = "Putin said: <b>trade</b> & growth"
    marks = [Mark("q0", 12, 24, "q", label="Putin"), Mark("m0", 0, 5, "m", href="/e?x=1&y=2"), Mark("c0", 15, 20, "cl")]
    html = str(render(text, marks))
    got = pieces_of('<div id="text">' + html + "</div>")
    assert "".join(t for _, t, _ in got) == text
    for off, t, _ in got:
        assert text[off : off + len(t)] == t
    by_text = {t: cls for _, t, cls in got}
    assert by_text["trade"] == {"q", "cl"}
    assert by_text["Putin"] == {"m"}
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert 'href="/e?x=1&amp;y=2"' in html
    assert 'data-l="Putin"' in html  # the quote's speaker label, drawn by CSS, adds no text


def test_render_clamps_bad_spans_and_handles_empty_text():
    assert str(render("", [Mark("x", 0, 3, "q")])) == ""
    html = str(render("abc", [Mark("x", 2, 99, "q"), Mark("y", 2, 2, "m"), Mark("z", -4, 1, "cl")]))
    assert "".join(t for _, t, _ in pieces_of('<div id="text">' + html + "</div>")) == "abc"


# ---- pages over a store -------------------------------------------------------------------
@pytest.fixture(scope="module")
def web(seeded_store):
    from communique.web.app import Settings, create_app

    hostile = Document(
        text=f"Title {XSS}\n\nPresident Vladimir Putin: We discussed {XSS} & trade.\n",
        source="javascript:alert(1)",
        title=f"Hostile {XSS}",
        publisher=f"Pub {XSS}",
        content=[(0, 60)],
    )
    store, docs, _wire = seeded_store("web", hostile)
    app = create_app(store, Settings())
    with TestClient(app) as client:
        yield {"client": client, "store": store, "docs": docs, "hostile": hostile, "app": app}
    store.close()


@pytest.fixture(scope="module")
def news(web) -> Document:
    return web["docs"][NEWS_SEED]


def test_home_lists_counts_and_recent_documents(web, news):
    r = web["client"].get("/")
    assert r.status_code == 200
    assert "documents" in r.text and news.title in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_documents_list(web, news):
    r = web["client"].get("/documents")
    assert r.status_code == 200 and f"/documents/{news.id}" in r.text
    r = web["client"].get("/documents", params={"publisher": "Syria News"})
    assert news.id in r.text and web["hostile"].id not in r.text


def test_news_seed_document_view_shows_all_five_layers(web, news):
    r = web["client"].get(f"/documents/{news.id}")
    assert r.status_code == 200
    got = pieces_of(r.text)
    # offsets are exact: the pieces, in order, are the text
    assert "".join(t for _, t, _ in got) == news.text
    assert all(news.text[o : o + len(t)] == t for o, t, _ in got)
    classes = set().union(*(c for _, _, c in got))
    for layer in ("t", "tl", "q", "m", "cl", "ev", "cm", "ld", "bp"):
        assert layer in classes, f"no piece of layer {layer!r}"
    assert any(c.startswith("spk") for c in classes)
    for sec in ("turns", "quotes", "entities", "claims", "events", "framing", "boilerplate"):
        assert f'id="sec-{sec}"' in r.text
    # the first quote: its panel item names the span, and its pieces carry the quote class
    q = news.quotes[0]
    assert f'data-item="q0" data-start="{q.start}" data-end="{q.end}"' in r.text
    quoted = "".join(t for o, t, c in got if q.start <= o < q.end)
    assert quoted == news.text[q.start : q.end]
    assert all("q" in c for o, _, c in got if q.start <= o < q.end)
    # entities are linked to their pages; encounters to the compare view
    assert re.search(rf'<a href="/entities/{news.id}/e\d+">', r.text)
    assert 'href="/encounters/' in r.text
    assert '<script src="/static/doc.js"' in r.text


def test_hostile_text_is_escaped_everywhere(web):
    hostile = web["hostile"]
    client = web["client"]
    for url in (f"/documents/{hostile.id}", "/documents", "/", "/search?q=alert", "/turns", f"/framing/{hostile.id}"):
        r = client.get(url)
        assert r.status_code == 200, url
        assert XSS not in r.text, url
    r = client.get(f"/documents/{hostile.id}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert 'href="javascript:' not in r.text  # a non-http source is shown, never linked
    r = client.get("/search", params={"q": XSS})
    assert XSS not in r.text


def test_unknown_ids_answer_a_404_page(web):
    client = web["client"]
    for url in ("/documents/nosuchdoc", "/framing/nosuchdoc", "/entities/nosuchdoc/e1", "/encounters/nosuch:9"):
        r = client.get(url)
        assert r.status_code == 404, url
        assert "text/html" in r.headers["content-type"] and "Not found" in r.text


def test_document_entities_page(web, news):
    r = web["client"].get(f"/documents/{news.id}/entities")
    assert r.status_code == 200
    assert "Bashar al-Assad" in r.text and f"/entities/{news.id}/" in r.text


def test_entity_pages(web, news):
    client = web["client"]
    r = client.get("/who/Putin")
    assert r.status_code == 200
    assert "Vladimir Putin" in r.text and "Spellings found" in r.text and "President Putin" in r.text
    assert r.text.count("/documents/") >= 2  # mentions in both seeds
    lavrov = next(e for e in news.entities if e.name.endswith("Lavrov"))
    r = client.get(f"/entities/{news.id}/{lavrov.id}")
    assert r.status_code == 200 and lavrov.name in r.text
    assert "We will continue to support" in r.text  # his quote
    syria = next(e for e in news.entities if e.type == "COUNTRY" and e.country == "SYR")
    r = client.get(f"/entities/{news.id}/{syria.id}")
    assert r.status_code == 200 and "Encounters" in r.text
    r = client.get("/entities", params={"name": "Assad"})
    assert r.status_code == 200 and "/who/Bashar" in r.text
    assert client.get("/who/Nobody%20Atall").status_code == 404


def test_corpus_listings(web, news):
    client = web["client"]
    lavrov = next(q for q in news.quotes if "Lavrov" in (news.entity(q.speaker).name if q.speaker else ""))
    q = " ".join(news.text[lavrov.start : lavrov.end].split())[:40]
    for url, must in (
        ("/quotes", q),
        ("/quotes?speaker=Lavrov", q),
        ("/claims", "percent"),
        ("/turns?speaker=Assad", "Assad"),
        ("/events?type=CONSULT", "CONSULT"),
        ("/search?q=earthquake", f"/documents/{news.id}"),
    ):
        r = client.get(url)
        assert r.status_code == 200, url
        assert must in r.text, url


def test_encounter_timeline_and_compare(web, news):
    client = web["client"]
    r = client.get("/encounters", params=[("between", "RUS"), ("between", "SYR")])
    assert r.status_code == 200
    assert "<svg" in r.text and "<circle" in r.text
    assert re.search(r"<td[^>]*>2</td>", r.text)  # the 2023 meeting, reported by the news seed and the wire
    gid = re.search(r'href="/encounters/([^"]+)"', r.text).group(1)
    r = client.get(f"/encounters/{gid}")
    assert r.status_code == 200
    assert 'class="account"' in r.text and "participants" in r.text
    r = client.get(f"/encounters/{news.id}:0")  # a member id names its group too
    assert r.text.count('class="account"') == 2
    assert "Example Wire" in r.text and "Syria News" in r.text and "only here" in r.text


def test_framing_and_profile(web, news):
    client = web["client"]
    r = client.get(f"/framing/{news.id}")
    assert r.status_code == 200 and "commentary" in r.text and "Passages" in r.text
    r = client.get("/profile")
    assert r.status_code == 200 and "Syria News" in r.text
    r = client.get("/profile/Syria News")
    assert r.status_code == 200 and "Top loaded terms" in r.text
    assert client.get("/profile/Nobody").status_code == 404


def test_static_files_are_served(web):
    client = web["client"]
    assert "pieceAt" in client.get("/static/doc.js").text
    assert ".hl" in client.get("/static/style.css").text


def test_analyze_pasted_text_shows_layers_without_storing(web):
    client = web["client"]
    before = web["store"].count()
    assert "<form" in client.get("/analyze").text
    r = client.post(
        "/analyze",
        data={"text": "President of Russia Vladimir Putin: Mr President, welcome to Moscow.\n"},
    )
    assert r.status_code == 200 and "not stored" in r.text
    classes = set().union(*(c for _, _, c in pieces_of(r.text)))
    assert {"t", "tl", "m", "spk0"} <= classes
    assert web["store"].count() == before


def test_analyze_upload_and_refusals(web):
    from communique.web.app import Settings, create_app

    client = web["client"]
    r = client.post("/analyze", files={"file": ("x.txt", f"Mr Lavrov said {XSS}.".encode(), "text/plain")})
    assert r.status_code == 200 and XSS not in r.text
    r = client.post("/analyze", data={"url": "file:///etc/passwd"})
    assert r.status_code == 400 and "only http and https" in r.text
    assert client.post("/analyze", data={"text": "  "}).status_code == 400
    small = TestClient(create_app(web["store"], Settings(max_upload_bytes=50)))
    r = small.post("/analyze", files={"file": ("x.txt", b"a" * 100, "text/plain")})
    assert r.status_code == 413 and "too large" in r.text


def test_read_only_refuses_analyze(web, news):
    from communique.web.app import Settings, create_app

    client = TestClient(create_app(web["store"], Settings(read_only=True)))
    r = client.get("/analyze")
    assert r.status_code == 403 and "read-only" in r.text and "<textarea" not in r.text
    assert client.post("/analyze", data={"text": "Putin: hello"}).status_code == 403
    r = client.get(f"/documents/{news.id}")
    assert r.status_code == 200 and 'href="/analyze"' not in r.text
