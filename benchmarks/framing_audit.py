"""Print the framing lexicon entries that match a development or seed document and no bench record.

python benchmarks/framing_audit.py [SHARED]   (default ../shared, else /work/shared)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from communique.framing.audit import dev_only


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared")
    dev = [p.read_text(encoding="utf-8") for p in [*shared.glob("seeds/*.txt"), *shared.glob("corpus/dev/*.txt")]]
    bench_file = shared / "corpus" / "bench" / "whitehouse-1500.jsonl"
    bench = [json.loads(line)["text"] for line in bench_file.open(encoding="utf-8") if line.strip()]
    for f, row, alt in dev_only(dev, bench):
        print(f"{f}\t{row}\t{alt}")


if __name__ == "__main__":
    main()
