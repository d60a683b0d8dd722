"""Analysis work grows in step with the text: four times the text, about four times the calls.

Why count calls rather than time them: tests never time anything (the machine is
shared), but a stage that compares every item with every other makes the number
of Python-level calls grow with the square of the text, and that count is
exact. ``sys.setprofile`` counts every call, C functions (``str.strip``, list
methods) included; the assertion allows 6× for 4× the text, where a quadratic
stage gives ~16×. The inputs are the pathological label file of issue 15
(``"Q:\\n"`` repeated) and real records run together into one long document, so
clusters, turns, quotes and mentions all grow. Timings are in
``benchmarks/linear.py``.
"""

from __future__ import annotations

import json
import sys

from communique.model import doc_id_for
from communique.pipeline import run
from communique.read.plain import text_document


def _calls(text: str) -> int:
    """Calls made analysing ``text``, counted on a second analysis of it, so that caches warmed by
    whatever ran before (other tests, the first pass) do not favour one size over the other."""
    run(text_document(text, "x.txt", doc_id_for(text)))
    doc = text_document(text, "x.txt", doc_id_for(text))
    n = 0

    def count(frame, event, arg) -> None:
        nonlocal n
        if event in ("call", "c_call"):
            n += 1

    sys.setprofile(count)
    try:
        run(doc)
    finally:
        sys.setprofile(None)
    return n


def test_the_pathological_label_file_is_linear() -> None:
    small, large = _calls("Q:\n" * 500), _calls("Q:\n" * 2000)
    assert large < 6 * small, (small, large)


def test_press_briefings_run_together_are_linear(shared) -> None:
    """60,000 and 240,000 characters of White House records run together: the pipeline makes 4.3×
    the calls (counted warm); the stages that compared every name, turn or mention with every other
    made 6.2×."""
    bench = shared / "corpus" / "bench" / "whitehouse-1500.jsonl"
    parts: list[str] = []
    with open(bench, encoding="utf-8") as fh:
        for line in fh:
            parts.append(json.loads(line)["text"])
            if sum(map(len, parts)) > 240_000:
                break
    text = "\n\n".join(parts)
    small, large = _calls(text[:60_000]), _calls(text[:240_000])
    assert large < 5 * small, (small, large)
