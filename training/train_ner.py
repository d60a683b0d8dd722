"""Train the shipped recogniser (``communique/entities/data/ner.crfsuite``) from silver labels.

Reproduce the shipped model (spaCy only at training time, see ``requirements.txt``)::

    python -m venv /tmp/train && /tmp/train/bin/pip install -r training/requirements.txt
    /tmp/train/bin/python training/silver.py --bench ../shared/corpus/bench/whitehouse-1500.jsonl \
        --exclude ../shared --out /tmp/silver.jsonl
    python training/train_ner.py /tmp/silver.jsonl --out communique/entities/data/ner.crfsuite

The teacher's spans are first mended by the project's own rules (``mend``): a speaker label
("AIDE:", "MS. PSAKI:") is the turns stage's business, not a name in running text; leading
titles and articles leave the span ("President Biden" -> "Biden"); a span holding a URL or
Markdown brackets is dropped; a country's name or demonym tagged PERSON is not a person.
Then every record's text is cut into sentences, tokens get BIO tags, and a CRF is fitted
with L1+L2 regularisation (L1 keeps the model small).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from communique.entities import roles  # noqa: E402
from communique.entities.kb import get_kb  # noqa: E402
from communique.entities.recogniser import Featuriser, sequences, worth_tagging  # noqa: E402
from communique.structure.layout import names_layout  # noqa: E402

_LEAD = {w.lower() for t in roles.TITLES for w in t.split()} | {
    "the",
    "mr",
    "mrs",
    "ms",
    "dr",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "his",
    "her",
    "former",
    "senator",
    "sen",
    "rep",
    "gov",
    "governor",
    "congressman",
    "congresswoman",
    "general",
    "secretary",
    "ambassador",
    "madam",
}


def mend(text: str, ents: list[list], kb_countries: set[str]) -> list[tuple[int, int, str]]:
    out = []
    for s, e, lab in ents:
        surf = text[s:e]
        if re.search(r"https?:|[\[\]()_*#<>|]|\\", surf) or "\n\n" in surf:
            continue
        if re.match(r"[ \t]*:", text[e : e + 2]) and (s == 0 or text[s - 1] in "\n"):
            continue  # a speaker label
        if lab == "PERSON":
            # leading titles and articles are not the name
            while True:
                m = re.match(r"([\w.]+)\s+", text[s:e])
                if m and m.group(1).lower().rstrip(".") in {x.rstrip(".") for x in _LEAD}:
                    s += m.end()
                else:
                    break
            surf = text[s:e]
            if surf in kb_countries or not re.search(r"[A-Z]", surf):
                continue
            if surf.isupper() and len(surf.split()) == 1:
                continue  # an upper-case word alone ("AIDE", "OPERATOR") is a role, not a name
        elif lab == "ORG" and text[s:e].lower().startswith("the "):
            s += 4
        if e > s:
            out.append((s, e, lab))
    return out


def tagged(text: str, spans: list[tuple[int, int, str]]):
    """(words, BIO tags) per sentence; a tag follows the span a token starts in."""
    starts = sorted(spans)
    for seq in sequences(text):
        tags = []
        k = 0
        for s, _e in seq:
            while k < len(starts) and starts[k][1] <= s:
                k += 1
            if k < len(starts) and starts[k][0] <= s < starts[k][1]:
                tags.append(("B-" if s == starts[k][0] else "I-") + starts[k][2])
            else:
                tags.append("O")
        yield [text[s:e] for s, e in seq], tags


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("silver")
    ap.add_argument("--out", default="communique/entities/data/ner.crfsuite")
    ap.add_argument("--max-docs", type=int, default=0)
    ap.add_argument("--iterations", type=int, default=80)
    ap.add_argument("--c1", type=float, default=0.5)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=17)
    a = ap.parse_args()
    import pycrfsuite

    kb = get_kb()
    countries = set(kb.country_names) | set(kb.demonyms)
    feats = Featuriser()
    recs = [json.loads(line) for line in open(a.silver, encoding="utf-8")]
    random.Random(a.seed).shuffle(recs)
    if a.max_docs:
        recs = recs[: a.max_docs]
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for r in recs:
        text = names_layout(r["text"])[0]  # as the entities stage reads it (same length)
        for words, tags in tagged(text, mend(text, r["ents"], countries)):
            if not worth_tagging(words):
                continue  # the recogniser skips these sentences too
            trainer.append(feats.sequence(words), tags)
            n += len(words)
    print(f"{len(recs)} records, {n} tokens")
    trainer.set_params({"c1": a.c1, "c2": a.c2, "max_iterations": a.iterations, "feature.possible_transitions": True})
    trainer.train(a.out)
    print("wrote", a.out, Path(a.out).stat().st_size // 1024, "KB")


if __name__ == "__main__":
    main()
