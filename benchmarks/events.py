"""Measure the events stage: PLOVER gold sentences, seed/dev gold, and speed.

    .venv/bin/python benchmarks/events.py [--shared ../shared] [--only plover|docs|speed|bench] [--json]
                                          [--bench-docs N] [--profile]

* plover: each gold sentence is analysed as its own record with the whole
  pipeline (``communique.analyze(text)``), written as one JSONL line, and
  scored by the shared ``eval/score_events.py`` (pairs lines with gold by text).
* docs: seeds and the dev corpus analysed and scored by ``eval/score.py``;
  reports mean event_recall per set, and predicted events per gold event
  (the scorer's ``event_count`` = [predicted, gold], summed over documents).
* speed: milliseconds of CPU the events stage takes per 1,000 words over the
  dev corpus and seeds (the other stages run first and are not timed; best of
  several passes, so a busy machine inflates it less).
* bench: the same over the first N items of ``corpus/bench/whitehouse-1500.jsonl``
  (long White House briefings); ``--profile`` prints where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import itertools
import json
import os
import pstats
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


def _score_events(shared: Path, gold: Path, pred: str) -> dict:
    out = subprocess.run(
        [sys.executable, str(shared / "eval" / "score_events.py"), "--gold", str(gold), "--pred", pred, "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout)


def score_plover(shared: Path) -> dict:
    """The whole development half, and its even- and odd-indexed records apart.

    Rules are tuned looking at the even records only; the odd ones stand in for
    sentences never seen (the other half of the gold standard is not here).
    """
    gold = shared / "plover" / "gsr_dev.json"
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        f.write("\n".join(plover_lines(gold)) + "\n")
        pred = f.name
    res = _score_events(shared, gold, pred)
    records = json.loads(gold.read_text(encoding="utf-8"))
    for half, start in (("even", 0), ("odd", 1)):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as g:
            json.dump(records[start::2], g)
        sub = _score_events(shared, Path(g.name), pred)
        os.unlink(g.name)
        res[half] = {k: v for k, v in sub.items() if k != "missing_predictions"}
    os.unlink(pred)
    return res


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("shared_score", shared / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def score_docs(shared: Path) -> dict:
    """event_recall and event_count per seed/dev document with gold events, and the summaries."""
    from communique import analyze

    scorer = _scorer(shared)
    out: dict = {}
    for label, gold_dir, root in (
        ("seeds", shared / "gold", shared),
        ("dev", shared / "corpus" / "dev" / "gold", shared / "corpus" / "dev"),
        ("phenomena", shared / "corpus" / "phenomena" / "gold", shared / "corpus" / "phenomena"),
    ):
        per = {}
        for gf in sorted(gold_dir.glob("*.json")):
            gold = json.loads(gf.read_text(encoding="utf-8"))
            if not gold.get("events"):
                continue
            path = root / gold["file"]
            d = analyze(path).to_dict()
            r = scorer.score_doc(gold, path.read_text(encoding="utf-8"), scorer.Pred(d))
            per[path.name] = {"event_recall": r.get("event_recall"), "event_count": r.get("event_count")}
        recalls = [v["event_recall"] for v in per.values()]
        pred, gold_n = sum(v["event_count"][0] for v in per.values()), sum(v["event_count"][1] for v in per.values())
        out[label] = {
            "mean_event_recall": round(sum(recalls) / len(recalls), 3) if recalls else None,
            "predicted": pred,
            "gold": gold_n,
            "per_doc": per,
        }
    sets = ("seeds", "dev", "phenomena")
    pred = sum(out[k]["predicted"] for k in sets)
    gold_n = sum(out[k]["gold"] for k in sets)
    out["predicted_per_gold"] = round(pred / gold_n, 2) if gold_n else None
    out["max_doc_predicted_per_gold"] = round(
        max(v["event_count"][0] / v["event_count"][1] for k in sets for v in out[k]["per_doc"].values()),
        2,
    )
    return out


def _time_events(docs: list, reps: int = 5, profile: bool = False) -> dict:
    """Best-of-``reps`` CPU time of the events stage over ``docs`` (sentence caches cleared each pass)."""
    from communique.events.stage import run as events_run

    words = sum(len(d.text.split()) for d in docs)
    events_run(docs[0])  # warm the caches (lexicon, gazetteers)
    best = float("inf")
    for _ in range(reps):
        for d in docs:
            d.cache.clear()
        t0 = time.process_time()
        for d in docs:
            events_run(d)
        best = min(best, time.process_time() - t0)
    if profile:
        pr = cProfile.Profile()
        pr.enable()
        for d in docs:
            d.cache.clear()
            events_run(d)
        pr.disable()
        pstats.Stats(pr, stream=sys.stderr).sort_stats("tottime").print_stats(20)
    return {"documents": len(docs), "words": words, "ms_per_1000_words": round(1000 * best / (words / 1000), 3)}


def _before_events():
    from communique.pipeline import plan

    return [s.name for s in plan() if s.name not in ("events", "framing")]


def speed(shared: Path, profile: bool = False) -> dict:
    """ms of CPU per 1,000 words for the events stage alone, over the dev corpus and seeds."""
    from communique import analyze

    paths = sorted((shared / "corpus" / "dev").glob("*.txt")) + sorted((shared / "seeds").glob("*.txt"))
    return _time_events([analyze(p, only=_before_events()) for p in paths], profile=profile)


def speed_bench(shared: Path, n: int, profile: bool = False) -> dict:
    """The same over the first ``n`` White House briefings of the benchmark corpus."""
    from communique import analyze
    from communique.model import Document

    docs = []
    with open(shared / "corpus" / "bench" / "whitehouse-1500.jsonl", encoding="utf-8") as f:
        for line in itertools.islice(f, n):
            r = json.loads(line)
            docs.append(analyze(Document(text=r["text"], publisher=r.get("publisher")), only=_before_events()))
    return _time_events(docs, reps=3, profile=profile)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared")
    ap.add_argument("--only", choices=["plover", "docs", "speed", "bench"])
    ap.add_argument("--bench-docs", type=int, default=40)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    shared = _shared(a.shared)
    res: dict = {}
    if a.only in (None, "plover"):
        res["plover"] = score_plover(shared)
    if a.only in (None, "docs"):
        res["docs"] = score_docs(shared)
    if a.only in (None, "speed"):
        res["speed"] = speed(shared, a.profile)
    if a.only == "bench":
        res["bench"] = speed_bench(shared, a.bench_docs, a.profile)
    print(json.dumps(res, indent=None if not a.json else 1))


if __name__ == "__main__":
    main()
