"""Search latency as the store grows: the store's inverted index (BM25) against the former scan of every text.

    python benchmarks/search.py [--sizes 1500,6000,15000] [--repeat 15] [--keep DIR]

Stores are filled with the bench corpus's records (`../shared/corpus/bench/whitehouse-1500.jsonl`), repeated
under new ids to reach each size, written with ``Store.upsert_many`` without analysis (search reads only the
text and its index). For each size it prints the p50 / p95 of ``Store.search`` for a few queries (a rare word,
a common one, two words, a quoted phrase) and of the former implementation (RE2 scan of every text, kept here
for comparison), the time to write the documents with their index, and the store's size.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from communique.model import Document  # noqa: E402
from communique.store import Store  # noqa: E402

BENCH = REPO.parent / "shared" / "corpus" / "bench" / "whitehouse-1500.jsonl"
QUERIES = ["climate", "ukraine", "president", "humanitarian aid", '"supply chain"']


def records() -> list[dict]:
    with BENCH.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def fill(store: Store, recs: list[dict], n: int, start: int) -> None:
    batch: list[Document] = []
    for i in range(start, n):
        r = recs[i % len(recs)]
        text = r["text"]
        batch.append(Document(text=text, source=r.get("url") or "", id=f"{r['id']}#{i}", title=r.get("title")))
        if len(batch) == 500:
            store.upsert_many(batch)
            batch = []
    store.upsert_many(batch)


def scan_search(store: Store, text: str, limit: int = 20) -> list:
    """The former ``Store.search``: every word must occur (substring), counted with RE2 over every text."""
    found = [w for w in re.findall(r"[\w’'-]+", text.lower()) if w]
    patterns = ["(?i)" + re.escape(w) for w in found]
    conds = " AND ".join("regexp_matches(text, ?)" for _ in found)
    hits = " + ".join("len(regexp_extract_all(text, ?))" for _ in found)
    return store.query(
        f"SELECT id, ({hits}) AS hits FROM documents WHERE {conds} ORDER BY hits DESC, id LIMIT ?",
        [*patterns, *patterns, limit],
    )


def timed(fn, repeat: int) -> tuple[float, float]:
    """Median and p95 of CPU milliseconds (process time: DuckDB runs on one thread here, see ``main``).

    CPU rather than wall time because this machine's cores are shared: wall
    time measured several times the CPU time, varying from run to run.
    """
    fn()  # warm
    times = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        times.append((time.process_time() - t) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1500,6000,15000")
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--keep", help="folder to keep the stores in (default: a temporary one)")
    args = ap.parse_args()
    if not BENCH.exists():
        sys.exit(f"{BENCH}: the bench corpus is absent")
    recs = records()
    sizes = [int(s) for s in args.sizes.split(",")]
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="search-bench-"))
    db = folder / "search.duckdb"
    if not args.keep:
        db.unlink(missing_ok=True)
    store = Store(db)  # a kept store is grown from where it is (sizes below its count are skipped)
    store.con.execute("SET threads = 1")  # CPU time of one thread: comparable between runs and machines
    have = store.count()
    print("CPU milliseconds per query, DuckDB on one thread")
    print(f"{'docs':>7} {'query':<20} {'index p50':>10} {'p95':>8} {'scan p50':>10} {'p95':>8} {'matches':>8}")
    for n in sizes:
        if n < have:
            continue
        t = time.perf_counter()
        fill(store, recs, n, have)
        write_s = time.perf_counter() - t  # wall time: the writer's share of a shared machine
        per_doc = write_s / max(1, n - have) * 1000
        have = n
        store.con.execute("CHECKPOINT")
        size_mb = db.stat().st_size / 1e6
        for q in QUERIES:
            med, p95 = timed(lambda q=q: store.search(q), args.repeat)
            smed, sp95 = timed(lambda q=q: scan_search(store, q), max(3, args.repeat // 3))
            total = (store.search(q, limit=1) or [{"total": 0}])[0]["total"]
            print(f"{n:>7} {q:<20} {med:>8.1f}ms {p95:>6.1f}ms {smed:>8.1f}ms {sp95:>6.1f}ms {total:>8}")
        terms = store.con.execute("SELECT count(*) FROM search_terms").fetchone()[0]
        print(f"{n:>7} store {size_mb:.0f} MB, {terms:,} postings; writing with the index {per_doc:.1f} ms/doc")
    store.close()


if __name__ == "__main__":
    main()
