"""Milliseconds per 1,000 words the entities stage adds, over the dev corpus and a JSONL bench corpus.

Usage: python benchmarks/entities.py [BENCH.jsonl] [--n 200]
The structure stages run first (untimed); only ``communique.entities.stage.run`` is timed.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from communique.entities.stage import run as entities_run
from communique.model import Document
from communique.pipeline import run as run_stages

REPO = Path(__file__).resolve().parent.parent
DEV = REPO.parent / "shared" / "corpus" / "dev"


def measure(docs: list[Document]) -> tuple[float, int]:
    for d in docs:
        run_stages(d, only=["turns"])
    entities_run(Document(text="warm up: President Vladimir Putin met Russian officials in Moscow."))
    words = sum(len(d.text.split()) for d in docs)
    t0 = time.perf_counter()
    for d in docs:
        entities_run(d)
    return (time.perf_counter() - t0) * 1000 / max(words, 1) * 1000, words


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "bench", nargs="?", default=str(REPO.parent / "shared" / "corpus" / "bench" / "whitehouse-1500.jsonl")
    )
    ap.add_argument("--n", type=int, default=200)
    a = ap.parse_args()
    if DEV.exists():
        from communique.read import read_one

        ms, words = measure([read_one(str(p)) for p in sorted(DEV.glob("*.txt"))])
        print(f"dev corpus: {words} words, {ms:.2f} ms per 1,000 words")
    bench = Path(a.bench)
    if bench.exists():
        docs = []
        with open(bench, encoding="utf-8") as f:
            for line in f:
                if len(docs) >= a.n:
                    break
                r = json.loads(line)
                docs.append(Document(text=r["text"], source=r.get("url") or r.get("id", ""), published=r.get("date")))
        ms, words = measure(docs)
        print(f"{bench.name} (first {len(docs)}): {words} words, {ms:.2f} ms per 1,000 words")


if __name__ == "__main__":
    main()
