"""Search by the store's inverted index: words not substrings, BM25 ranking, quoted phrases, highlighted hits,
and an index that always agrees with the documents (written in the same transaction)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from communique.cli import app
from communique.model import Document
from communique.store import Store
from communique.store.search import parse, snippet, words

runner = CliRunner()


def _doc(doc_id: str, text: str) -> Document:
    return Document(text=text, source=f"{doc_id}.txt", id=doc_id, title=doc_id, content=[(0, len(text))])


@pytest.fixture
def store(tmp_path):
    st = Store(tmp_path / "s.duckdb")
    st.upsert_many(
        [
            _doc("said", "The minister said nothing. He said it twice and then said goodbye."),
            _doc(
                "aid-once", "Long talks on many things: trade, energy, visas, and once on aid. " + "Other words. " * 30
            ),
            _doc("aid-many", "Humanitarian aid, food aid and medical aid: aid was the subject."),
            _doc("reversed", "The aid that is humanitarian in nature was discussed."),
        ]
    )
    yield st
    st.close()


def test_words_are_not_substrings(store):
    ids = {r["id"] for r in store.search("aid")}
    assert ids == {"aid-once", "aid-many", "reversed"}
    assert not store.search("ai")


def test_ranked_by_bm25(store):
    got = [r["id"] for r in store.search("aid")]
    assert got[0] == "aid-many" and got[-1] == "aid-once"
    assert store.search("aid")[0]["total"] == 3


def test_quoted_phrase(store):
    assert {r["id"] for r in store.search('"humanitarian aid"')} == {"aid-many"}
    assert {r["id"] for r in store.search("humanitarian aid")} == {"aid-many", "reversed"}
    q = parse('"Humanitarian aid" talks')
    assert q.phrases == [["humanitarian", "aid"]] and q.terms == ["humanitarian", "aid", "talks"]


def test_snippet_marks_the_hits():
    text, marks = snippet("He said that aid, AID and Aid-workers came; said no more.", parse("aid"))
    assert [text[s:e] for s, e in marks] == ["aid", "AID", "Aid"]


def test_index_agrees_with_documents_after_replace_and_delete(store):
    store.upsert(_doc("said", "Now this record speaks of aid."))
    assert "said" in {r["id"] for r in store.search("aid")}
    assert store.con.execute("SELECT count(*) FROM search_lengths WHERE doc_id = 'said'").fetchone()[0] == 1
    store.delete("aid-many")
    assert "aid-many" not in {r["id"] for r in store.search("aid")}
    assert store.con.execute("SELECT count(*) FROM search_terms WHERE doc_id = 'aid-many'").fetchone()[0] == 0


def test_an_older_store_is_indexed_when_opened_for_writing(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store(path) as st:
        st.upsert(_doc("x", "Food aid arrived."))
        st.con.execute("DROP TABLE search_terms")
        st.con.execute("DROP TABLE search_lengths")
    with Store(path) as st:
        assert [r["id"] for r in st.search("food")] == ["x"]


def test_cli_search_whole_words_and_highlight(tmp_path):
    db = str(tmp_path / "c.duckdb")
    src = tmp_path / "c.jsonl"
    src.write_text(
        '{"id": "one", "text": "The spokesman said the aid convoy left.", "title": "One"}\n'
        '{"id": "two", "text": "The spokesman said nothing more.", "title": "Two"}\n',
        encoding="utf-8",
    )
    assert runner.invoke(app, ["ingest", str(src), "--db", db, "-w", "1"]).exit_code == 0
    res = runner.invoke(app, ["search", "aid", "--db", db])
    assert res.exit_code == 0, res.output
    assert "1 document(s)" in res.stdout and "one" in res.stdout and "Two" not in res.stdout


def test_words_fold_case_and_split_on_apostrophes():
    assert words("Russia's AID, aid-workers") == ["russia", "s", "aid", "aid", "workers"]


def test_compacted_postings_give_the_same_answers(store, monkeypatch):
    from communique.store import search as search_mod

    before = [(r["id"], r["score"]) for r in store.search("aid")]
    monkeypatch.setattr(search_mod, "COMPACT_FLOOR", 1)
    store.upsert(_doc("late", "Late aid news."))
    sorted_rows = store.con.execute("SELECT value FROM store_info WHERE key = 'search_sorted_rows'").fetchone()
    assert sorted_rows and int(sorted_rows[0]) == store.con.execute("SELECT count(*) FROM search_terms").fetchone()[0]
    after = {r["id"] for r in store.search("aid")}
    assert after == {i for i, _ in before} | {"late"}


def test_phrases_of_three_words_and_apostrophes(tmp_path):
    with Store(tmp_path / "p.duckdb") as st:
        st.upsert_many(
            [
                _doc("a", "Russia's position on the supply chain was clear."),
                _doc("b", "The chain of supply; Russia has a position."),
                _doc("c", "On the supply side, a chain. Russia s position."),
            ]
        )
        assert {r["id"] for r in st.search('"the supply chain"')} == {"a"}
        assert {r["id"] for r in st.search('"Russia\'s position"')} == {"a", "c"}
        assert {r["id"] for r in st.search('"supply chain" russia')} == {"a"}
        assert {r["id"] for r in st.search('"supply side, a chain"')} == {"c"}  # punctuation is not a word
        assert st.search('"chain supply"') == []
