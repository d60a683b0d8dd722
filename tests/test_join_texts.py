"""The cross-document join measured end to end, on records rather than on hand-made encounter rows.

``tests/data/encounters/texts/`` holds records written for this test in the genre's voices — a
Kremlin transcript, presidency and ministry readouts, wire stories (a JSONL corpus), a state news
agency, a weekly digest, a partisan blog — reporting a week of invented encounters: one meeting told
by seven records with different spellings ("Erdoğan", "Tayyip Erdogan"), relative dates ("on
Tuesday", "the day before yesterday", "earlier this month") resolved against different publication
dates, and the place given or left out; and the encounters that must stay apart from it: the same
two leaders meeting again two days later in another city, their phone calls the day before and a
week after, a phone call of one of them the same day, their foreign ministers meeting in the same
city the same day, two other ministers meeting on the sidelines of a ministerial meeting. A second
scenario has one wire sentence and one digest sentence that each report two encounters of one day
("met Xi Jinping … hours after talks with Wang Yi"), which must each join their own event.

Each record is read and analysed by the real pipeline, stored in an in-memory store and joined by
:mod:`communique.encounters.join`; its ``gold.json`` says which event each reported encounter is (by
anchor strings inside the evidence span), so pairwise precision and recall of the join are measured
on what the encounters stage really reports. ``texts_dev/`` does the same for records of the
development corpus paired with accounts of the same encounters written for the test.
"""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest

from communique import analyze
from communique.encounters import join
from communique.model import Document
from communique.read import iter_documents

DATA = Path(__file__).parent / "data" / "encounters"
TARGET_PRECISION, TARGET_RECALL = 0.95, 0.90


def _name(doc: Document) -> str:
    """How gold names a record: a corpus row by its id, a file by its name."""
    return str(doc.meta["id"]) if "id" in doc.meta else Path(doc.source).name


def _analysed(folder: Path) -> dict[str, Document]:
    docs = {}
    for item in iter_documents([str(folder)]):
        assert isinstance(item, Document), item
        docs[_name(item)] = analyze(item)
    return docs


def _labels(docs: dict[str, Document], gold: dict[str, list[dict]]) -> dict[tuple[str, int], str]:
    """Each reported encounter's event: the gold encounter of its record whose anchor lies in its
    evidence span (each gold encounter taken once); an encounter gold does not name is an event of its own."""
    out: dict[tuple[str, int], str] = {}
    for name, doc in docs.items():
        entries = list(gold.get(name, []))
        for idx, enc in enumerate(doc.encounters):
            label = f"unnamed {name}#{idx}"
            for entry in entries:
                spans = [(i, i + len(a)) for a in entry["anchors"] if (i := doc.text.find(a)) >= 0]
                assert spans, f"{name}: no anchor of {entry} in the text"
                if any(s < enc.end and enc.start < e for s, e in spans):
                    label = entry["event"]
                    entries.remove(entry)
                    break
            out[(doc.id, idx)] = label
    return out


def _gold_pairs(gold: dict[str, list[dict]], names: set[str]) -> int:
    events: dict[str, int] = {}
    for name, entries in gold.items():
        if name in names:
            for entry in entries:
                events[entry["event"]] = events.get(entry["event"], 0) + 1
    return sum(n * (n - 1) // 2 for n in events.values())


def _precision_recall(store, docs: dict[str, Document], gold: dict[str, list[dict]]) -> tuple[float, float, str]:
    labels = _labels(docs, gold)
    pred = {frozenset(p) for ms in join.groups(store).values() for p in itertools.combinations(ms, 2)}
    tp = sum(1 for p in pred if len({labels[m] for m in p}) == 1 and not labels[next(iter(p))].startswith("unnamed"))
    n_gold = _gold_pairs(gold, set(docs))
    wrong = sorted(sorted(labels[m] for m in p) for p in pred if len({labels[m] for m in p}) > 1)
    return (tp / len(pred) if pred else 1.0), (tp / n_gold if n_gold else 1.0), f"wrong pairs: {wrong}"


def _joined(docs: dict[str, Document]):
    from communique.store import Store

    store = Store(":memory:")
    store.upsert_many(docs.values())
    join.update(store, [d.id for d in docs.values()])
    return store


def _gold(folder: Path) -> dict[str, list[dict]]:
    return json.loads((folder / "gold.json").read_text(encoding="utf-8"))["records"]


@pytest.fixture(scope="module")
def texts() -> dict[str, Document]:
    return _analysed(DATA / "texts")


def test_every_record_is_read_with_its_date(texts) -> None:
    gold = _gold(DATA / "texts")
    assert set(texts) == set(gold)
    assert all(d.published for d in texts.values()), [n for n, d in texts.items() if not d.published]


def test_join_precision_recall_on_analysed_records(texts) -> None:
    store = _joined(texts)
    p, r, detail = _precision_recall(store, texts, _gold(DATA / "texts"))
    store.close()
    assert p >= TARGET_PRECISION, (p, detail)
    assert r >= TARGET_RECALL, (r, detail)


def test_periods_join_only_where_unambiguous(texts) -> None:
    """ "Last week … in Bishkek" and "earlier this month … in Sochi" carry a window, not a day, and
    join the one event that fits; a call the day before a meeting stays apart from it."""
    digest = texts["digest-week-47"]
    windows = [e for e in digest.encounters if e.date is None]
    assert {(e.place, e.date_window["from"], e.date_window["to"]) for e in windows} == {
        ("Bishkek", "2023-11-13", "2023-11-19"),
        ("Sochi", "2023-11-01", "2023-11-21"),
    }
    store = _joined(texts)
    labels = _labels(texts, _gold(DATA / "texts"))
    by_group = {m: gid for gid, ms in join.groups(store).items() for m in ms}
    store.close()
    events = {labels[m]: gid for m, gid in by_group.items() if m[0] == digest.id}
    for event in ("A", "E"):
        members = {labels[m] for m, gid in by_group.items() if gid == events[event]}
        assert members == {event}, (event, members)
        assert sum(1 for gid in by_group.values() if gid == events[event]) >= 3


def test_incremental_join_in_any_order_agrees(texts) -> None:
    from communique.store import Store

    once = _joined(texts)
    expected = sorted(sorted(ms) for ms in join.groups(once).values())
    once.close()
    docs = list(texts.values())
    random.Random(3).shuffle(docs)
    store = Store(":memory:")
    for doc in docs:  # one record at a time, as the web API stores them
        store.upsert(doc)
        join.update(store, [doc.id])
    assert sorted(sorted(ms) for ms in join.groups(store).values()) == expected
    join.rebuild(store)
    assert sorted(sorted(ms) for ms in join.groups(store).values()) == expected
    store.close()


def test_join_with_development_records(analysed_dev) -> None:
    """Records of the development corpus joined with other accounts of their encounters."""
    folder = DATA / "texts_dev"
    gold = _gold(folder)
    docs = _analysed(folder)
    for name in gold:
        if name.startswith("dev/"):
            docs[name] = Document.from_dict(analysed_dev[name.removeprefix("dev/")])
    store = _joined(docs)
    p, r, detail = _precision_recall(store, docs, gold)
    store.close()
    assert p >= TARGET_PRECISION, (p, detail)
    assert r >= TARGET_RECALL, (r, detail)
