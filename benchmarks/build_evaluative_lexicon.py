"""Build ``communique/framing/data/evaluative_lexicon.tsv`` from VADER's lexicon.

VADER (Hutto & Gilbert, ICWSM 2014; MIT licence) rates 7,500 English words by valence (−4 … +4),
rated by ten human judges each. The framing stage wants the words that *evaluate* — praise, scorn,
emotion — not the words a diplomatic record uses to describe its subject ("peace", "security",
"war", "crisis", "strong partnership"). So a word is kept when its valence is at least ``MIN_VALENCE``
in absolute value and it occurs in fewer than ``MAX_READOUTS`` of the bench corpus's readouts, the
genre's most neutral register (official accounts of calls and meetings). No development or seed
document is read.

    pip install vaderSentiment==3.3.2
    python benchmarks/build_evaluative_lexicon.py [SHARED]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

MIN_VALENCE = 1.8
MAX_READOUTS = 3
WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")
OUT = Path(__file__).resolve().parents[1] / "communique" / "framing" / "data" / "evaluative_lexicon.tsv"

HEADER = """\
# Evaluative and emotive words for communique.framing (documented in ../README.md).
# Columns (tab-separated): word  valence
# Source: the VADER sentiment lexicon, vader_lexicon.txt of the vaderSentiment 3.3.2 package
#   (C.J. Hutto and E.E. Gilbert, "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of
#   Social Media Text", ICWSM 2014). Licence: MIT, Copyright (c) 2016 C.J. Hutto; the licence text
#   is in LICENSES/vader.txt beside this file.
# Selection (benchmarks/build_evaluative_lexicon.py): single words with |valence| >= {v}, less those
#   whose crude lemma is found in {n} or more of the {r} readouts of the bench corpus (the genre's neutral register:
#   "peace", "strong", "crisis" describe, they do not evaluate). Regenerate, do not edit by hand.
"""


def _stem(word: str) -> str:
    """A crude lemma, so "welcome" counts the readouts' "welcomed" and "welcoming"."""
    for suffix in ("ing", "ed", "es", "s", "e", "d"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def main() -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared")
    df: Counter[str] = Counter()
    readouts = 0
    for line in (shared / "corpus" / "bench" / "whitehouse-1500.jsonl").open(encoding="utf-8"):
        rec = json.loads(line)
        if "readout" not in rec["id"]:
            continue
        readouts += 1
        df.update({_stem(w) for w in WORD.findall(rec["text"].lower())})
    lexicon = SentimentIntensityAnalyzer().lexicon
    rows = sorted(
        (w, v)
        for w, v in lexicon.items()
        if WORD.fullmatch(w) and len(w) > 2 and abs(v) >= MIN_VALENCE and df[_stem(w)] < MAX_READOUTS
    )
    body = "".join(f"{w}\t{v}\n" for w, v in rows)
    OUT.write_text(HEADER.format(v=MIN_VALENCE, n=MAX_READOUTS, r=readouts) + body, encoding="utf-8")
    print(f"{len(rows)} words -> {OUT}")


if __name__ == "__main__":
    main()
