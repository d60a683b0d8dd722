"""Safety net for refactors: the output on a fixed set of records stays byte-identical.

The set: the bundled examples, the seeds, the dev, phenomena and silver sets of
``../shared/corpus/`` and the first 300 bench records. For each record and each
field of the output contract a short hash is kept in
``tests/data/snapshot.json``; a refactor must leave every hash as it was.

A change meant to alter the output (an accuracy fix) regenerates it on purpose,
with a reason that is stored in the file and so shows in review::

    COMMUNIQUE_SNAPSHOT_REASON="quotes: collective voices" python -m pytest tests/test_snapshot.py
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from pathlib import Path

import pytest

from communique.pipeline import run
from communique.read import iter_documents

SNAPSHOT = Path(__file__).parent / "data" / "snapshot.json"
EXAMPLES = Path(__file__).resolve().parent.parent / "communique" / "examples"
BENCH_RECORDS = 300
# where ../shared sits differs between checkouts; the path is not the analysis
UNHASHED = frozenset({"source"})


def _locations(shared: Path) -> dict[str, list[str]]:
    corpus = shared / "corpus"
    return {
        "examples": [str(EXAMPLES)],
        "seeds": sorted(str(p) for p in (shared / "seeds").glob("*.txt")),
        "dev": sorted(str(p) for p in (corpus / "dev").glob("*.txt")),
        "phenomena": sorted(str(p) for p in (corpus / "phenomena").glob("*.txt")),
        "silver": [str(corpus / "silver" / "encounters" / "docs")],
        "bench": [str(corpus / "bench" / "whitehouse-1500.jsonl")],
    }


def _digest(value: object) -> str:
    blob = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]


def fingerprints(shared: Path) -> dict[str, dict[str, str]]:
    """``{set/record: {field: hash}}`` over every record of the snapshot set."""
    out: dict[str, dict[str, str]] = {}
    for name, locations in _locations(shared).items():
        docs = iter_documents(locations)
        if name == "bench":
            docs = itertools.islice(docs, BENCH_RECORDS)
        for i, doc in enumerate(docs):
            if isinstance(doc, Exception):
                raise doc
            record = run(doc).to_dict()
            key = f"{name}/{Path(doc.source).name if name != 'bench' else i}"
            out[key] = {field: _digest(value) for field, value in record.items() if field not in UNHASHED}
    return out


@pytest.mark.slow
def test_output_is_unchanged(shared):
    now = fingerprints(shared)
    reason = os.environ.get("COMMUNIQUE_SNAPSHOT_REASON")
    if reason:
        SNAPSHOT.write_text(json.dumps({"reason": reason, "records": now}, indent=0, sort_keys=True) + "\n")
        pytest.skip(f"snapshot regenerated: {reason}")
    if not SNAPSHOT.exists():
        pytest.fail(f"{SNAPSHOT} is missing: generate it with COMMUNIQUE_SNAPSHOT_REASON='why' (see this module)")
    kept = {
        key: {f: h for f, h in fields.items() if f not in UNHASHED}
        for key, fields in json.loads(SNAPSHOT.read_text())["records"].items()
    }
    changed = sorted(
        f"{key}: {', '.join(f for f in sorted(set(kept.get(key, {})) | set(fields)) if kept.get(key, {}).get(f) != fields.get(f))}"
        for key, fields in now.items()
        if kept.get(key) != fields
    )
    missing = sorted(set(kept) - set(now))
    assert not changed and not missing, (
        f"{len(changed)} record(s) changed, {len(missing)} missing; first: {(changed + missing)[:10]}. "
        "If the change is meant, regenerate with COMMUNIQUE_SNAPSHOT_REASON='why'."
    )
