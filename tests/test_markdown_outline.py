"""The `--format md` outline shows what a reader saw: planned encounters marked, no Markdown escapes or link
syntax from scraped records, numbers as people write them."""

from __future__ import annotations

import json

from communique.model import Claim, Document, Encounter, Entity, Quote
from communique.render import figure, plain, to_markdown

TEXT = (
    "Putin will meet Erdogan in two days, the [Kremlin said](https://kremlin.ru/a_(b)). "
    "He said 1,000,000 people had left. They met last week."
)


def _doc() -> Document:
    ents = [
        Entity(id="e1", type="PERSON", name="Vladimir Putin"),
        Entity(id="e2", type="PERSON", name="Recep Tayyip Erdogan"),
    ]
    said = TEXT.index("the [Kremlin")
    return Document(
        text=TEXT,
        id="x",
        title="Press Briefing by Press Secretary Jen\\_Psaki and Director\\",
        published="2024-05-03",
        entities=ents,
        encounters=[
            Encounter("meeting", None, "Ankara", ["e1", "e2"], 0, 34, planned=True),
            Encounter("meeting", None, None, ["e1", "e2"], TEXT.index("They"), len(TEXT)),
            Encounter("talks", None, None, ["e1", "e2"], 0, 5, date_window={"from": "2024-04-22", "to": "2024-04-28"}),
        ],
        quotes=[Quote(said, TEXT.index(").") + 1, "e1", "indirect")],
        claims=[Claim(TEXT.index("1,000,000"), TEXT.index(" people"), "e1", 1e6, "people", "people who had left")],
    )


def test_planned_and_undated_encounters_are_marked():
    md = to_markdown(_doc())
    assert "- meeting (planned, undated) at Ankara" in md
    assert "- meeting (undated, by 2024-05-03)" in md
    assert "- talks (between 2024-04-22 and 2024-04-28)" in md
    assert "date unknown" not in md


def test_no_markdown_escapes_or_link_syntax():
    md = to_markdown(_doc())
    assert md.startswith("# Press Briefing by Press Secretary Jen_Psaki and Director\n")
    assert "the Kremlin said" in md and "](" not in md


def test_numbers_as_written():
    md = to_markdown(_doc())
    assert "1,000,000 people" in md and "1e+06" not in md
    assert [figure(v) for v in (1e6, 2.5, 0.125, 12.0, 3.5e9)] == ["1,000,000", "2.5", "0.125", "12", "3,500,000,000"]


def test_bench_title_is_plain(shared):
    bench = shared / "corpus" / "bench" / "whitehouse-1500.jsonl"
    if not bench.exists():
        import pytest

        pytest.skip(f"{bench} is absent")
    first = json.loads(bench.open(encoding="utf-8").readline())
    assert "\\_" in first["title"]
    assert "\\" not in plain(first["title"])
