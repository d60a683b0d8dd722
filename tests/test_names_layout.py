"""Layout repairs for names: Markdown link labels and emphasis, Kremlin tooltip repeats; offsets kept."""

from __future__ import annotations

from communique.entities.stage import run
from communique.model import Document
from communique.structure.layout import blank_markup, names_layout, tooltip_repeats


def test_markdown_link_label_blanked_same_length() -> None:
    src = "[**Fox News’s Bret\nBaier**](https://x.com/RapidResponse47/status/1897137718309871952)**:**"
    out = blank_markup(src)
    assert len(out) == len(src)
    assert out.split() == ["Fox", "News’s", "Bret", "Baier", ":"]


def test_tooltip_repeats_in_every_order() -> None:
    cases = {
        "former president Obama Obama Barack and": "former president Obama and",
        "won Trump Trump DonaldPresident of the United States of America": "won Trump President of the United States of America",
        "China Xi Jinping Xi JinpingPresident of China": "China Xi Jinping President of China",
        "for Barack Obama Obama Barack to come": "for Barack Obama to come",
        "met Recep Tayyip Erdogan Erdogan Recep Tayyip today": "met Recep Tayyip Erdogan today",
    }
    for src, want in cases.items():
        out = names_layout(src)
        assert len(out) == len(src)
        assert " ".join(out.split()) == want


def test_no_repeat_in_ordinary_text() -> None:
    for src in ("New York City and Boutros Boutros-Ghali", "Sirhan Sirhan was", "Netanyahu Benjamin"):
        assert tooltip_repeats(src) == []


def test_tooltip_repeat_makes_no_polluted_person() -> None:
    doc = Document(
        text="We have talked about it with former president Obama Obama Barack and others.", published="2017-06-05"
    )
    run(doc)
    names = [e.name for e in doc.entities if e.type == "PERSON"]
    assert names == ["Barack Obama"]


def test_link_label_outlet_and_person() -> None:
    text = (
        "What They Are Saying\n\n[**Fox News’s Bret\nBaier**](https://x.com/RapidResponse47/status/1)**:**\n"
        "“The best moment.”\n"
    )
    doc = Document(text=text, published="2025-03-05")
    run(doc)
    people = {e.name for e in doc.entities if e.type == "PERSON"}
    assert "Bret Baier" in people
    assert not any("Fox" in p for p in people)
    for m in doc.mentions:  # offsets point at the source's own words
        assert doc.text[m.start : m.end].strip() == doc.text[m.start : m.end]
