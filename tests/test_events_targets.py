"""The events stage against its measured targets (see communique/events/README.md).

Floors sit just under the figures measured when the stage landed, so a change
that loses accuracy fails here; the issue's targets are noted where the stage
does not reach them yet.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import mean

REPO = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("events_bench", REPO / "benchmarks" / "events.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def plover(shared: Path, tmp_path_factory) -> dict:
    gold = shared / "plover" / "gsr_dev.json"
    if not gold.exists():
        pytest.skip("no PLOVER gold in ../shared")
    pred = tmp_path_factory.mktemp("plover") / "pred.jsonl"
    pred.write_text("\n".join(_bench().plover_lines(gold)) + "\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(shared / "eval" / "score_events.py"), "--gold", str(gold), "--pred", str(pred), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout)


def test_plover_dev_type_f1_and_spurious(plover):
    assert plover["missing_predictions"] == 0
    assert plover["type_macro_f1"] >= 0.80  # target 0.80
    assert plover["spurious_per_sentence"] <= 0.20  # target 0.20


def test_plover_dev_full_recall(plover):
    assert (
        plover["full_recall"] >= 0.70
    )  # target 0.75; misses are mostly actors the entities stage leaves without a country


def test_event_recall_on_seeds_and_dev(seed_scores, dev_scores):
    scores = {**seed_scores, **dev_scores}
    with_events = {k: v for k, v in scores.items() if "event_recall" in v}
    assert with_events
    assert mean(with_events, "event_recall") >= 0.55  # target 0.80


def test_events_stage_speed(analysed_dev, dev_dir):
    from communique.events.stage import run
    from communique.model import Document

    docs = [Document.from_dict(d) for d in analysed_dev.values()]
    for d in docs:
        d.events = []
    words = sum(len(d.text.split()) for d in docs)
    run(docs[0])
    t0 = time.perf_counter()
    for d in docs:
        run(d)
    ms_per_1000 = 1000 * (time.perf_counter() - t0) / (words / 1000)
    assert ms_per_1000 <= 8.0  # target 4 ms per 1,000 words (measured ~3); slack for a loaded CI machine
