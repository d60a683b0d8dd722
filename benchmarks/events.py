"""Measure the events stage: PLOVER gold sentences, seed/dev gold, and speed.

    .venv/bin/python benchmarks/events.py [--shared ../shared] [--only plover|docs|speed] [--json]

* PLOVER: each gold sentence is analysed as its own record with the whole
  pipeline (``communique.analyze(text)``), written as one JSONL line, and
  scored by the shared ``eval/score_events.py`` (pairs lines with gold by text).
* docs: seeds and the dev corpus analysed and scored by ``eval/score.py``;
  reports event_recall and event_count (predicted, gold) per document.
* speed: milliseconds the events stage takes per 1,000 words (other stages run
  first and are not timed).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _shared(arg: str | None) -> Path:
    return Path(arg or os.environ.get("COMMUNIQUE_SHARED") or REPO.parent / "shared")


def plover_lines(gold_path: Path) -> list[str]:
    """One contract JSON line per distinct gold sentence."""
    from communique import analyze

    seen: set[str] = set()
    lines = []
    for r in json.loads(gold_path.read_text(encoding="utf-8")):
        t = r["text"]
        if r.get("event") == "DOCUMENT" or t in seen:
            continue
        seen.add(t)
        lines.append(json.dumps(analyze(t).to_dict(), ensure_ascii=False))
    return lines


def score_plover(shared: Path) -> dict:
    gold = shared / "plover" / "gsr_dev.json"
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        f.write("\n".join(plover_lines(gold)) + "\n")
        pred = f.name
    out = subprocess.run(
        [sys.executable, str(shared / "eval" / "score_events.py"), "--gold", str(gold), "--pred", pred, "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    os.unlink(pred)
    return json.loads(out.stdout)


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("shared_score", shared / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def score_docs(shared: Path) -> dict:
    """event_recall and event_count per seed/dev document with gold events."""
    from communique import analyze

    scorer = _scorer(shared)
    out = {}
    for gold_dir, root in ((shared / "gold", shared), (shared / "corpus" / "dev" / "gold", shared / "corpus" / "dev")):
        for gf in sorted(gold_dir.glob("*.json")):
            gold = json.loads(gf.read_text(encoding="utf-8"))
            if not gold.get("events"):
                continue
            path = root / gold["file"]
            d = analyze(path).to_dict()
            r = scorer.score_doc(gold, path.read_text(encoding="utf-8"), scorer.Pred(d))
            out[path.name] = {"event_recall": r.get("event_recall"), "event_count": r.get("event_count")}
    return out


def speed(shared: Path) -> dict:
    """ms per 1,000 words for the events stage alone, over the dev corpus and seeds."""
    from communique import analyze
    from communique.events.stage import run as events_run
    from communique.pipeline import plan

    docs = []
    for p in sorted((shared / "corpus" / "dev").glob("*.txt")) + sorted((shared / "seeds").glob("*.txt")):
        docs.append(analyze(p, only=[s.name for s in plan() if s.name != "events" and s.name != "framing"]))
    words = sum(len(d.text.split()) for d in docs)
    events_run(docs[0])  # warm the caches (lexicon, gazetteer)
    t0 = time.perf_counter()
    reps = 3
    for _ in range(reps):
        for d in docs:
            events_run(d)
    dt = (time.perf_counter() - t0) / reps
    return {"documents": len(docs), "words": words, "ms_per_1000_words": round(1000 * dt / (words / 1000), 3)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared")
    ap.add_argument("--only", choices=["plover", "docs", "speed"])
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    shared = _shared(a.shared)
    res: dict = {}
    if a.only in (None, "plover"):
        res["plover"] = score_plover(shared)
    if a.only in (None, "docs"):
        docs = score_docs(shared)
        recalls = [v["event_recall"] for v in docs.values() if v["event_recall"] is not None]
        res["docs"] = {
            "mean_event_recall": round(sum(recalls) / len(recalls), 3) if recalls else None,
            "max_pred_per_gold": round(max(v["event_count"][0] / v["event_count"][1] for v in docs.values()), 2),
            "per_doc": docs,
        }
    if a.only in (None, "speed"):
        res["speed"] = speed(shared)
    print(json.dumps(res, indent=None if not a.json else 1))


if __name__ == "__main__":
    main()
