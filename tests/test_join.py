"""The cross-document join: accounts of one encounter become one group, different encounters don't.

``tests/data/encounters/join_records.json`` holds accounts as the encounters stage
reports them (several per event, from each side and from the press, with
spellings that differ) and different encounters close in time (the same pair on
consecutive days, a call and a meeting a day apart, two calls three days apart).
Pairwise precision and recall of the join are measured against the events the
file names.
"""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest

from communique.encounters import join
from communique.model import Document, Encounter

DATA = Path(__file__).parent / "data" / "encounters"


def _docs() -> tuple[list[Document], dict[tuple[str, int], str]]:
    spec = json.loads((DATA / "join_records.json").read_text(encoding="utf-8"))
    docs, gold = [], {}
    for d in spec["docs"]:
        doc = Document(text=f"record {d['id']}", id=d["id"], published=d["published"])
        for i, enc in enumerate(d["encounters"]):
            ids = []
            for name in enc["participants"]:
                ent = next((e for e in doc.entities if e.name == name), None) or doc.new_entity("PERSON", name)
                ids.append(ent.id)
            doc.encounters.append(
                Encounter(enc["kind"], enc["date"], enc["place"], ids, 0, 1, planned=enc.get("planned", False))
            )
            gold[(doc.id, i)] = enc["group"]
        docs.append(doc)
    return docs, gold


def _pairs(groups: dict[tuple[str, int], str]) -> set[frozenset]:
    by: dict[str, list] = {}
    for k, g in groups.items():
        by.setdefault(g, []).append(k)
    return {frozenset(p) for ms in by.values() for p in itertools.combinations(ms, 2)}


def _pr(store, gold: dict[tuple[str, int], str]) -> tuple[float, float]:
    pred = {m: gid for gid, ms in join.groups(store).items() for m in ms}
    assert set(pred) == set(gold), "every stored encounter belongs to exactly one group"
    gp, pp = _pairs(gold), _pairs(pred)
    tp = len(gp & pp)
    return (tp / len(pp) if pp else 1.0), (tp / len(gp) if gp else 1.0)


@pytest.fixture()
def store():
    from communique.store import Store

    st = Store(":memory:")
    yield st
    st.close()


def test_person_keys_tolerate_spelling() -> None:
    assert join.person_key("Faisal Al-Miqdad") == join.person_key("Faisal Mekdad") == join.person_key("Mikdad")
    assert join.person_key("Volodymyr Zelenskyy") == join.person_key("President Zelensky")
    assert join.person_key("Recep Tayyip Erdoğan") == join.person_key("Erdogan")
    assert join.person_key("Joseph R. Biden, Jr.") == join.person_key("President Biden")
    assert join.person_keys("Xi Jinping") & join.person_keys("President Xi")
    assert join.person_key("Vladimir Putin") != join.person_key("Emmanuel Macron")


def test_join_precision_recall_incremental(store) -> None:
    docs, gold = _docs()
    random.Random(7).shuffle(docs)
    for i in range(0, len(docs), 3):  # ingest in small batches, as `communique ingest` does
        batch = docs[i : i + 3]
        store.upsert_many(batch)
        join.update(store, [d.id for d in batch])
    p, r = _pr(store, gold)
    assert p >= 0.95, p
    assert r >= 0.90, r


def test_join_is_order_independent_and_rebuild_agrees(store) -> None:
    docs, gold = _docs()
    store.upsert_many(docs)
    join.update(store, [d.id for d in docs])
    once = join.groups(store)
    join.rebuild(store)
    assert join.groups(store) == once
    # re-ingesting a document (same id) changes nothing
    store.upsert(docs[0])
    join.update(store, [docs[0].id])
    assert join.groups(store) == once


def test_removing_a_document_splits_its_group(store) -> None:
    docs, gold = _docs()
    store.upsert_many(docs)
    join.update(store, [d.id for d in docs])
    gid = next(g for g, ms in join.groups(store).items() if ("kr-putin-macron-call-0303", 0) in ms)
    assert len(join.groups(store)[gid]) == 2
    store.delete("fr-macron-putin-call-0303")
    join.update(store, ["fr-macron-putin-call-0303"])
    after = join.groups(store)
    assert [ms for ms in after.values() if ("kr-putin-macron-call-0303", 0) in ms] == [
        [("kr-putin-macron-call-0303", 0)]
    ]


def test_close_but_different_encounters_stay_apart() -> None:
    row = join.Row
    k = join.person_keys
    a = row("a", 0, "phone_call", _d("2022-03-03"), None, False, (k("Vladimir Putin"), k("Emmanuel Macron")))
    b = row("b", 0, "phone_call", _d("2022-03-06"), None, False, (k("Putin"), k("Macron")))
    c = row("c", 0, "meeting", _d("2022-03-03"), "Moscow", False, (k("Putin"), k("Macron")))
    d = row("d", 0, "phone_call", _d("2022-03-04"), None, False, (k("Putin"), k("Macron")))
    e = row("e", 0, "meeting", _d("2022-03-03"), "Sochi", False, (k("Putin"), k("Macron")))
    assert not join.same_encounter(a, b)  # three days apart
    assert not join.same_encounter(a, c)  # a call is not a meeting
    assert join.same_encounter(a, d)  # a day apart: time zones, "yesterday"
    assert not join.same_encounter(c, e)  # two named cities disagree


def test_update_does_not_scan_the_store(store) -> None:
    """Blocking: the candidates looked at for a new record are those sharing a principal that week."""
    docs, _ = _docs()
    store.upsert_many(docs)
    join.update(store, [d.id for d in docs])
    new = Document(text="x", id="zz-new", published="2022-03-03")
    a, b = new.new_entity("PERSON", "Vladimir Putin"), new.new_entity("PERSON", "Emmanuel Macron")
    new.encounters.append(Encounter("phone_call", "2022-03-03", None, [a.id, b.id], 0, 1))
    store.upsert(new)
    got = join.update(store, [new.id])
    assert got["groups"] <= 2  # only the call's group is touched, not the whole store
    gid = next(g for g, ms in join.groups(store).items() if ("zz-new", 0) in ms)
    assert len(join.groups(store)[gid]) == 3


def _d(s: str):
    from datetime import date

    return date.fromisoformat(s)


def _doc(doc_id: str, published: str, encs: list[tuple]) -> Document:
    """A record with encounters ``(kind, date, window, place, names)``."""
    doc = Document(text=f"record {doc_id}", id=doc_id, published=published)
    for kind, day, window, place, people in encs:
        ids = [doc.new_entity("PERSON", n).id for n in people]
        win = {"from": window[0], "to": window[1]} if window else None
        doc.encounters.append(Encounter(kind, day, place, ids, 0, 1, date_window=win))
    return doc


def test_windows_join_one_dated_group_and_never_bridge_two(store) -> None:
    pair = ["Vladimir Putin", "Recep Tayyip Erdogan"]
    docs = [
        _doc("sochi-a", "2023-11-14", [("talks", "2023-11-14", None, "Sochi", pair)]),
        _doc("sochi-b", "2023-11-15", [("meeting", "2023-11-14", None, "Sochi", ["Putin", "Erdoğan"])]),
        _doc("istanbul", "2023-11-16", [("meeting", "2023-11-16", None, "Istanbul", pair)]),
        # "earlier this month … in Sochi": fits the Sochi group only
        _doc("digest", "2023-11-22", [("meeting", None, ("2023-11-01", "2023-11-21"), "Sochi", ["Putin", "Erdogan"])]),
        # "last week", no place: fits both meetings, so joins neither
        _doc("vague", "2023-11-22", [("meeting", None, ("2023-11-13", "2023-11-19"), None, pair)]),
        # "10 years ago": too long a window to join anything
        _doc("old", "2023-11-22", [("meeting", None, ("2013-01-01", "2013-12-31"), None, pair)]),
    ]
    store.upsert_many(docs)
    join.update(store, [d.id for d in docs])
    got = sorted(sorted(d for d, _ in ms) for ms in join.groups(store).values())
    assert got == [["digest", "sochi-a", "sochi-b"], ["istanbul"], ["old"], ["vague"]]
    rows = {r.doc_id: r for r in join._rows(store, "true", [])}
    assert rows["digest"].window == (_d("2023-11-01"), _d("2023-11-21")) and rows["digest"].date is None
    join.rebuild(store)
    assert sorted(sorted(d for d, _ in ms) for ms in join.groups(store).values()) == got


def test_a_three_person_account_does_not_merge_two_meetings(store) -> None:
    docs = [
        _doc("wang", "2024-04-26", [("meeting", "2024-04-26", None, "Beijing", ["Antony Blinken", "Wang Yi"])]),
        _doc("xi", "2024-04-26", [("meeting", "2024-04-26", None, "Beijing", ["Antony Blinken", "Xi Jinping"])]),
        _doc("both", "2024-04-27", [("talks", "2024-04-26", None, None, ["Blinken", "Xi Jinping", "Wang Yi"])]),
    ]
    store.upsert_many(docs)
    join.update(store, [d.id for d in docs])
    assert not any({"wang", "xi"} <= {d for d, _ in ms} for ms in join.groups(store).values())


def test_a_read_only_store_answers_without_writing(tmp_path) -> None:
    """ensure_current writes nothing when the index is current, so read-only stores (serve --read-only) work."""
    from communique.encounters import join as join_mod
    from communique.ingest import ingest_locations
    from communique.store import Store

    db = tmp_path / "s.duckdb"
    examples = __import__("pathlib").Path(join_mod.__file__).resolve().parent.parent / "examples"
    with Store(db) as st:
        ingest_locations(st, [str(examples)], workers=1)
    with Store(db, read_only=True) as ro:
        assert join_mod.ensure_current(ro) == 0
        assert ro.query("SELECT count(*) AS n FROM encounter_groups")[0]["n"] > 0
