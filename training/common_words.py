"""Write ``communique/entities/data/common_words.txt``: words the bench corpus writes in lower case.

A word that public-domain White House prose writes in lower case at least eight times, and at
least twice as often as capitalised in mid-sentence, is a common word ("policy", "before"). The
recogniser reads it as a feature, and a recognised person made only of such words ("Policy
Issues") is not kept. Reproduce with

    python training/common_words.py ../shared/corpus/bench/whitehouse-1500.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "communique" / "entities" / "data" / "common_words.txt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("bench")
    ap.add_argument("--out", default=str(OUT))
    a = ap.parse_args()
    low: Counter[str] = Counter()
    cap: Counter[str] = Counter()
    for line in open(a.bench, encoding="utf-8"):
        for m in re.finditer(r"(?<=[a-z,;] )([A-Za-z][a-z]+)\b", json.loads(line)["text"]):
            w = m.group(1)
            (cap if w[0].isupper() else low)[w.lower()] += 1
    words = sorted(w for w, n in low.items() if n >= 8 and n >= 2 * cap[w] and len(w) >= 3)
    head = "# Words the White House bench corpus (CC0) writes in lower case; made by training/common_words.py\n"
    Path(a.out).write_text(head + "\n".join(words) + "\n", encoding="utf-8")
    print(len(words), "words ->", a.out)


if __name__ == "__main__":
    main()
