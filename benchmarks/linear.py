"""Analysis time against document size: 1×, 4× and 16× the text, up to the 20 MB read cap.

Usage:
    python benchmarks/linear.py [--base 1250000] [--steps 3] [--label-file]

One document is made of White House records (``../shared`` bench corpus) run
together, cut to ``base``, ``4 × base`` and ``16 × base`` characters (default
1.25 MB, 5 MB, 20 MB); ``--label-file`` uses the pathological ``"Q:\\n" × n``
file of issue 15 instead. Each is analysed once after a warm-up, and the CPU
time of every stage is printed per size with its microseconds per 1,000
characters: a linear stage keeps that figure flat across the sizes (issue 21's
target: within 1.5× between 100 KB and 20 MB), a quadratic one multiplies it by
4 at each step. The last line gives the whole pipeline's ratio between the
largest and the smallest size, and the peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("COMMUNIQUE_SHARED", REPO.parent / "shared"))
sys.path.insert(0, str(REPO))

from communique.model import doc_id_for  # noqa: E402
from communique.pipeline import STAGES  # noqa: E402
from communique.read.plain import text_document  # noqa: E402


def records_text(n: int) -> str:
    parts: list[str] = []
    size = 0
    while size < n:
        with open(SHARED / "corpus" / "bench" / "whitehouse-1500.jsonl", encoding="utf-8") as fh:
            for line in fh:
                parts.append(json.loads(line)["text"])
                size += len(parts[-1]) + 2
                if size >= n:
                    break
    return "\n\n".join(parts)[:n]


def timed(text: str) -> dict[str, float]:
    doc = text_document(text, "long.txt", doc_id_for(text))
    spent = {}
    for stage in STAGES:
        t = time.process_time()
        stage.fn(doc)
        spent[stage.name] = time.process_time() - t
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=int, default=1_250_000, help="characters of the smallest document")
    ap.add_argument("--steps", type=int, default=3, help="sizes: base, 4×base, 16×base, …")
    ap.add_argument("--label-file", action="store_true", help='the pathological "Q:\\n" × n file instead')
    args = ap.parse_args()
    sizes = [args.base * 4**i for i in range(args.steps)]
    make = (lambda n: "Q:\n" * (n // 3)) if args.label_file else records_text
    timed(make(20_000))  # warm-up: reference data, compiled patterns
    rows = []
    for n in sizes:
        spent = timed(make(n))
        rows.append((n, spent))
        total = sum(spent.values())
        print(f"{n / 1e6:6.2f} MB  {total:8.1f} s CPU  {1e9 * total / n:8.1f} µs/1k chars", flush=True)
    print(f"\n{'stage':<12}" + "".join(f"{n / 1e6:>10.2f}MB" for n, _ in rows) + "   (µs per 1,000 characters)")
    for stage in STAGES:
        print(f"{stage.name:<12}" + "".join(f"{1e9 * s[stage.name] / n:>12.1f}" for n, s in rows))
    first, last = rows[0], rows[-1]
    per = [sum(s.values()) / n for n, s in (first, last)]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\ntime per character, {last[0] / 1e6:g} MB vs {first[0] / 1e6:g} MB: ×{per[1] / per[0]:.2f}; peak RSS {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
