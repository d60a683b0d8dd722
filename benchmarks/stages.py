"""Time of each stage per ~1,000 words, over generated or given documents.

Usage:
    python benchmarks/stages.py [FOLDER_OR_JSONL ...] [--limit N]

Prints, for every stage of the pipeline, its mean CPU milliseconds per document
and per 1,000 words, so the stage to optimise is plain to see. The sum is the
single-core CPU time of the full pipeline (CPU time, so a busy machine skews it less); 20 ms per 1,000-word document is the
50 documents/s target.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import generated, load  # noqa: E402

from communique.pipeline import STAGES  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="*")
    ap.add_argument("--limit", type=int, default=200)
    args = ap.parse_args()
    docs = load(args.inputs, args.limit) if args.inputs else generated(args.limit)
    warm = generated(3)
    for d in warm:
        for s in STAGES:
            s.fn(d)
    spent = {s.name: 0.0 for s in STAGES}
    words = 0
    for d in docs:
        words += len(d.text.split())
        for s in STAGES:
            t = time.process_time()
            s.fn(d)
            spent[s.name] += time.process_time() - t
    n = len(docs)
    total = sum(spent.values())
    print(f"{n} documents, {words / n:.0f} words each on average")
    print(f"{'stage':<12}{'ms/doc':>9}{'ms/1k words':>13}{'share':>8}")
    for name, sec in spent.items():
        print(f"{name:<12}{1000 * sec / n:>9.2f}{1e6 * sec / words:>13.2f}{sec / total:>8.0%}")
    print(f"{'total':<12}{1000 * total / n:>9.2f}{1e6 * total / words:>13.2f}   -> {n / total:.1f} docs/s")


if __name__ == "__main__":
    main()
