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
        "former president Obama Obama Barack and": "Obama Barack",
        "won Trump Trump DonaldPresident of the United States of America": "Trump Donald",
        "China Xi Jinping Xi JinpingPresident of China": "Xi Jinping",
        "for Barack Obama Obama Barack to come": "Obama Barack",
        "met Recep Tayyip Erdogan Erdogan Recep Tayyip today": "Erdogan Recep Tayyip",
        "Finland Sauli Niinisto Niinistö SauliPresident of Finland": "Niinistö Sauli",
    }
    for src, tip in cases.items():
        out, tips = names_layout(src)
        assert len(out) == len(src)
        assert [src[s:e] for s, e in tips] == [tip]
        assert out[tips[0][0] - 1] == "|"  # set apart from the name it repeats


def test_no_repeat_in_ordinary_text() -> None:
    for src in ("New York City and Boutros Boutros-Ghali", "Sirhan Sirhan was", "Netanyahu Benjamin"):
        assert tooltip_repeats(src) == []


def test_tooltip_repeat_is_a_mention_of_the_same_person() -> None:
    doc = Document(
        text="We have talked about it with former president Obama Obama Barack and others.", published="2017-06-05"
    )
    run(doc)
    people = [e for e in doc.entities if e.type == "PERSON"]
    assert [e.name for e in people] == ["Barack Obama"]
    i = doc.text.index("Obama Barack")
    assert any(m.start == i and m.entity == people[0].id for m in doc.mentions)


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


def test_link_label_name_beats_a_title_cue_and_a_country_surname() -> None:
    text = (
        "What they say\n\n[**Rep. Jim\nJordan**](https://x.com/Jim_Jordan/status/1)**:** “Great.”\n\n"
        "[**Rotary International**](https://x.com/r/status/1): “Good.”\n"
    )
    doc = Document(text=text, published="2025-03-05")
    run(doc)
    assert [(e.type, e.name) for e in doc.entities if e.type in ("PERSON", "COUNTRY")] == [("PERSON", "Jim Jordan")]
