"""Shared fixtures: the ../shared folder (seeds, gold, dev corpus) and the shared scorer.

Tests that need ../shared skip with a clear reason where it is absent (a user's
clone has none); CI always has it.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("COMMUNIQUE_SHARED", REPO.parent / "shared"))


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(
            f"{path} is absent: the shared seeds/gold/corpus folder is only in the project's CI and dev checkouts"
        )
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    return _need(SHARED)


@pytest.fixture(scope="session")
def seeds_dir(shared: Path) -> Path:
    return _need(shared / "seeds")


@pytest.fixture(scope="session")
def dev_dir(shared: Path) -> Path:
    return _need(shared / "corpus" / "dev")


@pytest.fixture(scope="session")
def scorer(shared: Path):
    """The shared scorer module (../shared/eval/score.py), imported."""
    path = _need(shared / "eval" / "score.py")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def score_set(scorer, gold_dir: Path, docs_root: Path, docs: dict[str, dict]) -> dict[str, dict]:
    """Score analysed documents (contract dicts keyed by file base name) against a gold folder."""
    out = {}
    for gf in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        name = os.path.basename(gold["file"])
        text = (docs_root / gold["file"]).read_text(encoding="utf-8")
        out[name] = scorer.score_doc(gold, text, scorer.Pred(docs[name]))
    return out


@pytest.fixture(scope="session")
def analysed_seeds(seeds_dir: Path) -> dict[str, dict]:
    from communique import analyze

    return {p.name: analyze(p).to_dict() for p in sorted(seeds_dir.glob("*.txt"))}


@pytest.fixture(scope="session")
def analysed_dev(dev_dir: Path) -> dict[str, dict]:
    from communique import analyze

    return {p.name: analyze(p).to_dict() for p in sorted(dev_dir.glob("*.txt"))}


@pytest.fixture(scope="session")
def seed_scores(scorer, shared: Path, analysed_seeds) -> dict[str, dict]:
    return score_set(scorer, shared / "gold", shared, analysed_seeds)


@pytest.fixture(scope="session")
def dev_scores(scorer, dev_dir: Path, analysed_dev) -> dict[str, dict]:
    return score_set(scorer, dev_dir / "gold", dev_dir, analysed_dev)


def mean(scores: dict[str, dict], key: str) -> float:
    vals = [
        r[key] for r in scores.values() if isinstance(r.get(key), (int, float)) and not isinstance(r.get(key), bool)
    ]
    vals += [r[key][2] for r in scores.values() if isinstance(r.get(key), (list, tuple)) and len(r[key]) == 3]
    return sum(vals) / len(vals) if vals else float("nan")


# ---- a store for the web tests ----------------------------------------------------------------
# a second account of the news seed's meeting, so the compare view has two columns to show
WIRE = """---
title: Russian-Syrian talks
date: 2023-03-15
publisher: Example Wire
---

Moscow, March 15, 2023

Russian President Vladimir Putin held talks with Syrian President Bashar al-Assad in Moscow on Wednesday. \
"We are witnessing the development of our relations," Putin said.
"""


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory, analysed_seeds):
    """Make a store holding the two seeds, a wire account of the news seed's meeting and any ``extra``
    documents, joined: ``make(name, *extra) -> (store, docs by file name, the wire document)``."""
    from communique.encounters import join
    from communique.model import Document, doc_id_for
    from communique.pipeline import run
    from communique.read.plain import text_document
    from communique.store import Store

    wire = run(text_document(WIRE, "wire.md", doc_id_for(WIRE)))

    def make(name: str, *extra: Document):
        store = Store(Path(tmp_path_factory.mktemp(name)) / f"{name}.duckdb")
        docs = {n: Document.from_dict(d) for n, d in analysed_seeds.items()}
        store.upsert_many([*docs.values(), wire, *extra])
        join.update(store, [d.id for d in docs.values()] + [wire.id])
        return store, docs, wire

    return make
