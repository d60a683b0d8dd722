"""Byte-identical output before and after a change that should not change behaviour (a speed-up).

Usage:
    python benchmarks/snapshot.py save DIR     # analyse the sets, write DIR/<set>.jsonl
    python benchmarks/snapshot.py check DIR    # analyse again, compare with DIR, list what differs

The sets: the dev, phenomena and silver-encounter documents of ../shared and the
first 300 records of the bench corpus (``$COMMUNIQUE_SHARED`` or ../shared).
Output is the CLI's JSONL (``communique analyze --format jsonl``), so "identical"
means identical bytes of the output contract. ``check`` exits 1 when any
document differs and names the first differing field of each. Why a script
and not a test: it analyses ~500 documents (minutes on a shared machine), and a
snapshot is only meaningful against a baseline taken on the same tree.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("COMMUNIQUE_SHARED", REPO.parent / "shared"))
BENCH_RECORDS = 300


def sets(tmp: Path) -> dict[str, list[str]]:
    bench = tmp / "bench-300.jsonl"
    with open(SHARED / "corpus/bench/whitehouse-1500.jsonl", encoding="utf-8") as src:
        bench.write_text("".join(line for _, line in zip(range(BENCH_RECORDS), src, strict=False)), encoding="utf-8")
    return {
        "dev": sorted(str(p) for p in (SHARED / "corpus/dev").glob("*.txt")),
        "phenomena": sorted(str(p) for p in (SHARED / "corpus/phenomena").glob("*.txt")),
        "silver": [str(SHARED / "corpus/silver/encounters/docs")],
        "bench": [str(bench)],
    }


def analyse(paths: list[str], out: Path) -> None:
    cmd = [sys.executable, "-m", "communique", "analyze", *paths, "--format", "jsonl", "--out", str(out)]
    subprocess.run(cmd, check=True, cwd=REPO, stderr=subprocess.DEVNULL)


def first_difference(a: dict, b: dict, where: str = "") -> str:
    for key in sorted(set(a) | set(b)):
        if a.get(key) != b.get(key):
            va, vb = a.get(key), b.get(key)
            if isinstance(va, dict) and isinstance(vb, dict):
                return first_difference(va, vb, f"{where}{key}.")
            if isinstance(va, list) and isinstance(vb, list):
                for i, (x, y) in enumerate(zip(va, vb, strict=False)):
                    if x != y:
                        return f"{where}{key}[{i}]: {json.dumps(x)[:200]} != {json.dumps(y)[:200]}"
                return f"{where}{key}: {len(va)} items != {len(vb)}"
            return f"{where}{key}: {json.dumps(va)[:200]} != {json.dumps(vb)[:200]}"
    return "byte order only"


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in ("save", "check"):
        print(__doc__)
        return 2
    mode, folder = sys.argv[1], Path(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, paths in sets(Path(tmp)).items():
            target = folder / f"{name}.jsonl" if mode == "save" else Path(tmp) / f"{name}.jsonl"
            analyse(paths, target)
            if mode == "save":
                print(f"{name}: saved {sum(1 for _ in open(target, encoding='utf-8'))} documents")
                continue
            before = (folder / f"{name}.jsonl").read_bytes().splitlines()
            after = target.read_bytes().splitlines()
            diffs = [(x, y) for x, y in zip(before, after, strict=False) if x != y]
            if len(before) != len(after):
                print(f"{name}: {len(before)} documents before, {len(after)} after")
                bad += 1
            for x, y in diffs:
                a, b = json.loads(x), json.loads(y)
                print(f"{name}: {a.get('id')}: {first_difference(a, b)}")
            bad += len(diffs)
            print(f"{name}: {len(after) - len(diffs)}/{len(after)} identical")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
