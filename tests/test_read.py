"""The reader: every input format, every refusal, and the real pages and dumps of the dev corpus.

Inputs are written into ``tmp_path`` by each test; URL tests run small
servers on 127.0.0.1 only.
"""

from __future__ import annotations

import glob
import http.server
import io
import json
import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.errors import InputError
from communique.model import Document, doc_id_for
from communique.read import SUPPORTED_EXTENSIONS, iter_documents, read_one

RUSSIAN = "Президент России Владимир Путин провёл переговоры с Президентом Турции. «Мы рады встрече», — сказал он.\n"
FRENCH = "Le président a déclaré à la presse que la coopération franco-allemande était « très forte ». Façade, naïve.\n"


def write(path: Path, data: bytes | str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def refused(location: str, **opts: object) -> InputError:
    """read_one must raise a one-line InputError that names the input."""
    with pytest.raises(InputError) as info:
        read_one(location, **opts)
    err = info.value
    assert "\n" not in str(err)
    assert str(err).startswith(f"{location}: ")
    assert err.source == location
    return err


def errors_and_docs(items: list[Document | InputError]) -> tuple[list[InputError], list[Document]]:
    return [x for x in items if isinstance(x, InputError)], [x for x in items if isinstance(x, Document)]


# ---- plain text and encodings --------------------------------------------


def test_plain_utf8(tmp_path: Path) -> None:
    raw = b"Joint statement.\r\nLine two.\rLine three.\n"
    path = write(tmp_path / "a.txt", raw)
    doc = read_one(path)
    assert doc.text == "Joint statement.\nLine two.\nLine three.\n"
    assert doc.source == path
    assert doc.id == doc_id_for(raw)
    assert doc.body_start == 0


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    doc = read_one(write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + "Ça va.".encode()))
    assert doc.text == "Ça va."


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, codec: str) -> None:
    data = RUSSIAN.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    doc = read_one(write(tmp_path / "u.txt", data))
    assert doc.text == RUSSIAN


def test_utf16_without_bom(tmp_path: Path) -> None:
    doc = read_one(write(tmp_path / "u.txt", (FRENCH * 3).encode("utf-16-le")))
    assert doc.text == FRENCH * 3


def test_cp1251_russian(tmp_path: Path) -> None:
    doc = read_one(write(tmp_path / "ru.txt", (RUSSIAN * 3).encode("cp1251")))
    assert doc.text == RUSSIAN * 3


def test_latin1(tmp_path: Path) -> None:
    doc = read_one(write(tmp_path / "fr.txt", (FRENCH * 2).encode("latin-1")))
    assert doc.text == FRENCH * 2


def test_empty_and_blank_files(tmp_path: Path) -> None:
    assert "empty" in refused(write(tmp_path / "empty.txt", b"")).reason
    assert "empty" in refused(write(tmp_path / "blank.txt", b" \n\t\r\n  ")).reason


def test_binary_file(tmp_path: Path) -> None:
    err = refused(write(tmp_path / "blob.txt", bytes(range(256)) * 40))
    assert "binary file, not text" in err.reason
    err = refused(write(tmp_path / "doc.txt", b"%PDF-1.7\n" + b"x" * 100))
    assert "binary file, not text" in err.reason and "PDF" in err.reason
    for tiny in (b"\x00\x01\x02\xff", b"\x01\x02\x03"):  # too short for the ratios of a long file
        assert "binary file, not text" in refused(write(tmp_path / "tiny.txt", tiny)).reason
    assert read_one(write(tmp_path / "note.txt", b"A short note.")).text == "A short note."


def test_control_characters_are_not_text(tmp_path: Path) -> None:
    assert "binary" in refused(write(tmp_path / "ctl.txt", bytes(range(1, 9)) * 200)).reason


def test_huge_file_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written
    started = time.perf_counter()
    err = refused(str(path))
    assert time.perf_counter() - started < 5  # refused from its size, never read (reading would take longer)
    assert "too large" in err.reason and "50 MB" in err.reason and "20 MB" in err.reason


def test_max_bytes_option(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "x" * 200)
    assert "too large" in refused(path, max_bytes=100).reason
    assert read_one(path, max_bytes=200).text == "x" * 200


def test_mixed_invalid_utf8_is_refused(tmp_path: Path) -> None:
    data = "Talks — “productive”, said the minister. ".encode() * 5 + "café".encode("latin-1")
    err = refused(write(tmp_path / "mixed.txt", data))
    assert "not valid UTF-8" in err.reason


def test_unknown_option() -> None:
    with pytest.raises(TypeError, match="max_bites"):
        read_one("x.txt", max_bites=3)


def test_missing_path(tmp_path: Path) -> None:
    path = str(tmp_path / "nope.txt")
    assert "no such file" in refused(path).reason
    [err] = list(iter_documents([path]))
    assert isinstance(err, InputError) and err.source == path


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1).filter(str.strip))
def test_utf8_round_trip(text: str) -> None:
    """Any UTF-8 text reads back as itself (no front matter or CR in it to change things)."""
    import tempfile

    if text.startswith("---") or "\r" in text:
        return
    with tempfile.TemporaryDirectory() as tmp:
        doc = read_one(write(Path(tmp) / "t.txt", text))
    assert doc.text == text


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600), st.sampled_from(["x.txt", "x.html", "x.md", "x"]))
def test_any_bytes_read_or_refused(data: bytes, name: str) -> None:
    """Whatever the bytes, reading gives a Document or a one-line InputError: never a crash."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / name, data)
        try:
            doc = read_one(path)
        except InputError as err:
            assert "\n" not in str(err) and err.source == path
        else:
            assert doc.text.strip() and "\r" not in doc.text


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<div>",
                "</div>",
                "<h1>",
                "</h1>",
                "<b>",
                "<br>",
                "<!--",
                "-->",
                "<script>",
                "</script>",
                "<table><tr><td>",
                "&nbsp;",
                "&amp",
                "<",
                ">",
                "Talks ",
                "President: ",
                "\n",
                "<html>",
                "<body>",
                "<?xml version='1.0'?>",
            ]
        ),
        max_size=40,
    )
)
def test_any_html_read_or_refused(parts: list[str]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / "p.html", "".join(parts))
        try:
            read_one(path)
        except InputError as err:
            assert "\n" not in str(err)


# ---- front matter --------------------------------------------------------

FRONT = """---
title: "Readout of a Call\\_with the President"
date: '2021-01-26'
published_time: 2021-01-26 14:26:27-05:00
source_url: https://example.org/readout
---
\x20
The President spoke today with the Prime Minister.
"""


@pytest.mark.parametrize("name", ["call.md", "call.markdown", "call.txt"])
def test_front_matter(tmp_path: Path, name: str) -> None:
    doc = read_one(write(tmp_path / name, FRONT))
    assert doc.text == FRONT  # the whole file: offsets are into the file as it is
    assert doc.text[doc.body_start :].startswith(" \nThe President spoke")
    assert doc.text[: doc.body_start].endswith("---\n")
    assert doc.meta["title"] == "Readout of a Call\u00a0with the President"
    assert doc.title == "Readout of a Call with the President"
    assert doc.meta["date"] == "2021-01-26"
    assert doc.meta["published_time"].startswith("2021-01-26T14:26:27")
    assert doc.meta["source_url"] == "https://example.org/readout"
    json.dumps(doc.to_dict())  # dates came out as strings


def test_malformed_front_matter_still_reads(tmp_path: Path) -> None:
    text = "---\ntitle: [unclosed\ndate: 2021-01-01\n---\nBody text here.\n"
    doc = read_one(write(tmp_path / "bad.md", text))
    assert doc.text == text
    assert "title" not in doc.meta and doc.title is None
    assert doc.text[doc.body_start :] == "Body text here.\n"


def test_rule_is_not_front_matter(tmp_path: Path) -> None:
    text = "---\nA line of prose, not metadata.\n---\nMore prose.\n"
    doc = read_one(write(tmp_path / "rule.md", text))
    assert doc.body_start == 0 and doc.meta == {}


def test_front_matter_only_is_empty(tmp_path: Path) -> None:
    assert "empty" in refused(write(tmp_path / "fm.md", "---\ntitle: x\n---\n\n")).reason


# ---- HTML ----------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Talks with the Prime Minister | Example Office</title>
<meta property="og:site_name" content="Example Office">
<meta property="og:title" content="Talks with the Prime Minister">
<meta property="article:published_time" content="2019-05-14T10:00:00+03:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article>
<h1>Talks with the Prime Minister</h1>
<div class="lead"><p>The President held talks with the Prime Minister,
who is on an official visit.</p></div>
<div class="meta"><time datetime="2019-05-14">May 14, 2019</time><div class="place">The Capital</div></div>
<div class="content">
<p><b>The President:</b> Mr Prime Minister, welcome. We have much to discuss today, including trade,
energy and security in the region.</p>
<p>Our trade grew by 12 percent last year, and we expect more.</p>
<p><b>The Prime Minister</b> (retranslated): Thank you, Mr President. I am glad to be here
again and to continue our dialogue.</p>
<p>We share many interests and I hope our talks will be productive.</p>
</div>
</article>
<footer><p>Copyright 2019 Example Office. All rights reserved.</p></footer>
</body></html>
"""


def test_html_page(tmp_path: Path) -> None:
    raw = PAGE.encode()
    path = write(tmp_path / "talks.html", raw)
    doc = read_one(path)
    assert doc.id == doc_id_for(raw) and doc.source == path
    lines = doc.text.split("\n\n")
    assert lines[0] == "Talks with the Prime Minister"
    assert "May 14, 2019" in lines
    assert "The President held talks with the Prime Minister, who is on an official visit." in lines
    assert any(line.startswith("The President: Mr Prime Minister, welcome.") for line in lines)
    assert any(line.startswith("The Prime Minister (retranslated): Thank you") for line in lines)
    assert "\n\n\n" not in doc.text
    assert "Copyright" not in doc.text and "Home" not in doc.text
    assert doc.title == "Talks with the Prime Minister"
    assert doc.meta["publisher"] == "Example Office"
    assert doc.meta["date"].startswith("2019-05-14")


def test_html_publication_date_is_the_articles_not_an_embedded_photos(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Interview</title></head><body><h1>Interview</h1>"
        '<div itemscope><meta itemprop="datePublished" content="2016-10-11"/><img src="a.jpg"/></div>'
        '<div><time itemprop="datePublished" datetime="2016-10-12">October 12, 2016</time></div>'
        "<article><p>The interview was recorded on October 11, 2016 in Kovrov. It was long and it covered "
        "relations with France, Syria and the United States in some detail.</p>"
        "<p>Question: Mr President, thank you for this interview. What do you expect?</p></article></body></html>"
    )
    doc = read_one(write(tmp_path / "interview.html", page.encode()))
    assert doc.meta["date"] == "2016-10-12"


def test_html_related_links_and_status_lines_stay_out() -> None:
    """What the extractor kept, cleaned: a related item's link at the end, and dated status lines met
    further down the page, are not the article (the extractor's body blocks are given here as it
    returned them on such a page)."""
    from lxml import html as lhtml

    from communique.read.html import _with_header, _without_trailing_links

    page = (
        "<html><body><h1>Meeting with Ali Khamenei</h1>"
        "<div><p>November 1, 2017</p><p>Tehran</p></div>"
        "<article><p>During his working visit to Iran, Vladimir Putin met with Ayatollah Ali Khamenei.</p>"
        "<p>The conversation took place after the meeting with President Hassan Rouhani.</p></article>"
        "<div><p>November 1, 2017</p><p>Publication date: November 1, 2017, 17:30</p></div>"
        '<div><h3>See also</h3><a href="/n/1">Meeting with President of Iran Hassan Rouhani</a>'
        "<div>November 1, 2017</div></div></body></html>"
    )
    tree = lhtml.fromstring(page)
    body = [
        "During his working visit to Iran, Vladimir Putin met with Ayatollah Ali Khamenei.",
        "The conversation took place after the meeting with President Hassan Rouhani.",
        "Meeting with President of Iran Hassan Rouhani November 1, 2017",
    ]
    kept = _without_trailing_links(tree, body)
    assert kept == body[:2]
    blocks = _with_header(tree, "Meeting with Ali Khamenei", kept)
    assert blocks == ["Meeting with Ali Khamenei", "November 1, 2017", "Tehran", *body[:2]]
    assert _without_trailing_links(tree, body[:2]) == body[:2]  # an article's last paragraph is no link
    # dated lines met after the lead and the next paragraph are not put back as a dateline
    assert "Publication date: November 1, 2017, 17:30" not in _with_header(tree, "Meeting with Ali Khamenei", body)


def test_html_detected_by_content(tmp_path: Path) -> None:
    doc = read_one(write(tmp_path / "page", PAGE))
    assert doc.text.startswith("Talks with the Prime Minister\n\n")


def test_html_declared_legacy_charset(tmp_path: Path) -> None:
    page = f'<html><head><meta charset="windows-1251"></head><body><h1>Заголовок</h1><p>{RUSSIAN}</p></body></html>'
    doc = read_one(write(tmp_path / "ru.htm", page.encode("cp1251")))
    assert RUSSIAN.strip() in doc.text


def test_malformed_html(tmp_path: Path) -> None:
    page = "<html><body><div><p>First paragraph of the statement <b>unclosed<p>Second paragraph</div></span></table>"
    doc = read_one(write(tmp_path / "broken.html", page))
    assert "First paragraph of the statement unclosed" in doc.text
    assert "Second paragraph" in doc.text


def test_html_without_text(tmp_path: Path) -> None:
    page = "<html><head><script>var x = 1;</script></head><body><div> </div><img src='a.png'><style>p{}</style></body></html>"
    err = refused(write(tmp_path / "nothing.html", page))
    assert "no main text found" in err.reason


# ---- the real Kremlin pages and the dev dumps ----------------------------


def _gold_anchors(gold: dict) -> list[str]:
    out = []
    for layer in ("content", "segments", "turns", "quotes", "claims", "events", "encounters", "framing"):
        for item in gold.get(layer) or []:
            if isinstance(item, dict):
                out += [item[k] for k in ("from", "to", "anchor") if isinstance(item.get(k), str)]
    return out


def test_kremlin_pages_keep_gold_anchors(shared: Path) -> None:
    pages = sorted((shared / "corpus" / "html").glob("kremlin_*.html"))
    assert len(pages) == 4
    found = total = 0
    for page in pages:
        number = page.stem.split("_")[1]
        [gold_path] = glob.glob(str(shared / "corpus" / "dev" / "gold" / f"kr_{number}_*.json"))
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        doc = read_one(str(page))
        text = doc.text.replace("\u00a0", " ")
        anchors = _gold_anchors(gold)
        hits = sum(a.replace("\u00a0", " ") in text for a in anchors)
        assert hits >= len(anchors) - 1, f"{page.name}: {len(anchors) - hits} gold anchors not in the text"
        found += hits
        total += len(anchors)
        assert doc.title == gold["title"]
        assert doc.meta["date"] == gold["published"]
        assert text.startswith(gold["title"] + "\n\n")
        assert doc.meta["publisher"]
    assert found / total > 0.98


def test_dev_dumps(dev_dir: Path) -> None:
    files = sorted(dev_dir.glob("*.txt"))
    assert files
    for path in files:
        doc = read_one(str(path))
        raw = path.read_bytes()
        assert doc.source == str(path) and doc.id == doc_id_for(raw)
        assert doc.text == raw.decode("utf-8-sig").replace("\r\n", "\n")
        if doc.text.startswith("---\n"):
            assert doc.title and doc.meta.get("date") and doc.meta.get("source_url")
            head = doc.text[: doc.body_start]
            assert head.endswith("\n---\n") and head.count("\n---\n") == 1
        else:
            assert doc.body_start == 0


# ---- corpora ---------------------------------------------------------------


def test_jsonl_corpus(tmp_path: Path) -> None:
    rows = [
        {"id": "r1", "title": "One", "date": "2021-01-01", "url": "https://example.org/1", "text": "First record."},
        {"text": "Second record.\r\nwith a CRLF", "publisher": "Somebody"},
    ]
    lines = [json.dumps(rows[0]), "{not json", "", json.dumps(rows[1]), json.dumps({"text": "  "}), "[1, 2]"]
    path = write(tmp_path / "c.jsonl", "\n".join(lines) + "\n")
    errors, docs = errors_and_docs(list(iter_documents([path])))
    assert [d.text for d in docs] == ["First record.", "Second record.\nwith a CRLF"]
    first, second = docs
    assert first.id == "r1" and first.title == "One" and first.source == "https://example.org/1"
    assert first.meta["date"] == "2021-01-01"
    assert second.source == f"{path}#4" and second.id == doc_id_for("Second record.\nwith a CRLF")
    assert second.meta["publisher"] == "Somebody"
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:5", f"{path}:6"]
    assert "malformed JSON" in errors[0].reason and "empty text" in errors[1].reason
    assert all("\n" not in str(e) for e in errors)


def test_corpus_refused_by_read_one(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl", '{"text": "x"}\n')
    assert "iter_documents" in refused(path).reason


def test_csv_corpus(tmp_path: Path) -> None:
    big = "Long transcript. " * 20000  # over the csv module's default 128 KB field limit
    content = 'id,Title,text\nk1,First,"Line one\nline two"\nk2,Second,' + big + "\nk3,Empty,\n"
    path = write(tmp_path / "c.csv", content)
    errors, docs = errors_and_docs(list(iter_documents([path])))
    assert [d.id for d in docs] == ["k1", "k2"]
    assert docs[0].text == "Line one\nline two" and docs[0].title == "First"
    assert docs[0].source == f"{path}#2" and docs[1].source == f"{path}#4"
    assert docs[1].text == big
    [err] = errors
    assert err.source == f"{path}:5" and "empty" in err.reason


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = write(tmp_path / "notext.csv", "id,body\n1,hello\n2,world\n")
    [err] = list(iter_documents([path]))
    assert isinstance(err, InputError) and err.source == path
    assert "no 'text' column" in err.reason and "'body'" in err.reason


def test_csv_legacy_encoding(tmp_path: Path) -> None:
    path = write(tmp_path / "fr.csv", ("id,text\n1," + FRENCH.strip().replace(",", "") + "\n").encode("cp1252"))
    [doc] = list(iter_documents(path))  # a single location as a plain string works too
    assert isinstance(doc, Document) and doc.text == FRENCH.strip().replace(",", "")


def test_huge_jsonl_row(tmp_path: Path) -> None:
    path = write(tmp_path / "big.jsonl", json.dumps({"text": "y" * 5000}) + "\n" + json.dumps({"text": "ok"}) + "\n")
    errors, docs = errors_and_docs(list(iter_documents([path], max_bytes=1000)))
    assert [d.text for d in docs] == ["ok"]
    assert errors[0].source == f"{path}:1" and "too large" in errors[0].reason


# ---- folders and many inputs ---------------------------------------------


def test_folder(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Bravo.")
    write(tmp_path / "a.md", "Alpha.")
    write(tmp_path / "sub" / "c.html", "<html><body><h1>Charlie</h1><p>Charlie text.</p></body></html>")
    write(tmp_path / "sub" / "d.jsonl", '{"text": "Delta."}\n{"text": "Echo."}\n')
    write(tmp_path / ".hidden.txt", "Hidden.")
    write(tmp_path / ".git" / "x.txt", "Hidden too.")
    write(tmp_path / "notes.pdf", b"%PDF-1.4")
    write(tmp_path / "empty.txt", "")
    items = list(iter_documents([str(tmp_path), str(tmp_path / "missing.txt")]))
    errors, docs = errors_and_docs(items)
    assert [d.text.split("\n")[0] for d in docs] == ["Alpha.", "Bravo.", "Charlie", "Delta.", "Echo."]
    assert [os.path.basename(e.source) for e in errors] == ["empty.txt", "missing.txt"]
    assert ".txt" in SUPPORTED_EXTENSIONS and ".jsonl" in SUPPORTED_EXTENSIONS


def test_empty_folder(tmp_path: Path) -> None:
    write(tmp_path / "image.png", b"\x89PNG")
    [err] = list(iter_documents([str(tmp_path)]))
    assert isinstance(err, InputError) and "no readable files" in err.reason
    assert "directory" in refused(str(tmp_path)).reason


# ---- stdin -----------------------------------------------------------------


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b"Statement from stdin.\r\n"))
    doc = read_one("-")
    assert doc.text == "Statement from stdin.\n" and doc.source == "<stdin>"
    monkeypatch.setattr(sys, "stdin", _Stdin(b""))
    [err] = list(iter_documents(["-"]))
    assert isinstance(err, InputError) and err.source == "<stdin>" and "empty" in err.reason


# ---- URLs ------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {
        "/page": (200, "text/html; charset=utf-8", PAGE.encode()),
        "/plain": (200, "text/plain; charset=windows-1251", (RUSSIAN * 2).encode("cp1251")),
        "/image": (200, "image/png", b"\x89PNG\r\n"),
        "/big": (200, "text/plain", b"z" * 5000),
    }

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
            return
        if self.path == "/drip":  # a byte now and then: never idle long enough for the read timeout
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
            return
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if self.path != "/big":  # no length: the cap must work while streaming
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def test_url_html(server: str) -> None:
    url = f"{server}/moved"
    doc = read_one(url, timeout=2)
    assert doc.source == url and doc.text.startswith("Talks with the Prime Minister\n\n")
    assert doc.meta["content_type"] == "text/html" and doc.id == doc_id_for(PAGE.encode())


def test_url_text_with_charset(server: str) -> None:
    assert read_one(f"{server}/plain", timeout=2).text == RUSSIAN * 2


def test_url_errors(server: str) -> None:
    assert "HTTP error 404" in refused(f"{server}/missing", timeout=2).reason
    assert "too large" in refused(f"{server}/big", timeout=2, max_bytes=1000).reason
    assert "unsupported content type 'image/png'" in refused(f"{server}/image", timeout=2).reason
    assert "too many redirects" in refused(f"{server}/loop", timeout=2).reason


def test_url_check_sees_every_redirect(server: str) -> None:
    """A caller's URL check runs on the redirect target too, before it is requested."""
    seen: list[str] = []

    def check(url: str) -> None:
        seen.append(url)
        if url.endswith("/page"):
            raise InputError(url, "refused by the caller's check")

    err = refused(f"{server}/moved", timeout=2, check_url=check)
    assert err.reason == f"redirect to {server}/page refused: refused by the caller's check"
    assert seen == [f"{server}/moved", f"{server}/page"]
    assert read_one(f"{server}/moved", timeout=2, check_url=lambda url: None).text.startswith("Talks")


def test_url_deadline(server: str) -> None:
    started = time.perf_counter()
    err = refused(f"{server}/drip", timeout=1, deadline=0.5)
    assert "timed out" in err.reason and time.perf_counter() - started < 2


def test_url_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, never listening: connections are refused
        err = refused(f"http://127.0.0.1:{port}/x", timeout=1)
    assert "cannot connect" in err.reason


def test_url_hangs() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()
    accepted: list[socket.socket] = []

    def accept_and_wait() -> None:
        conn, _ = listener.accept()
        accepted.append(conn)
        stop.wait(10)

    thread = threading.Thread(target=accept_and_wait, daemon=True)
    thread.start()
    try:
        started = time.perf_counter()
        err = refused(f"http://127.0.0.1:{listener.getsockname()[1]}/slow", timeout=1)
        assert time.perf_counter() - started < 5
        assert "timed out" in err.reason
    finally:
        stop.set()
        thread.join(2)
        for conn in accepted:
            conn.close()
        listener.close()


@pytest.mark.parametrize("url", ["ftp://example.org/file.txt", "file:///etc/hostname"])
def test_url_scheme(url: str) -> None:
    assert "only http and https" in refused(url).reason


def test_input_error_survives_pickling() -> None:
    """Worker processes send InputErrors back to the parent: they must pickle with their fields."""
    import pickle

    err = pickle.loads(pickle.dumps(InputError("a.txt", "empty file")))
    assert isinstance(err, InputError) and err.source == "a.txt" and str(err) == "a.txt: empty file"
