"""Framing profiles over the store, and the ``framing`` / ``profile`` commands."""

from __future__ import annotations

import importlib.util

import pytest

if importlib.util.find_spec("communique.store") is None or importlib.util.find_spec("communique.store.db") is None:
    pytest.skip("communique.store is not written yet (the lead's issue): profiles need it", allow_module_level=True)

from typer.testing import CliRunner

from communique.cli import app
from communique.framing import stage
from communique.framing.profile import document_framing, publisher_profile
from communique.model import Document, Mention, Segment
from communique.store import Store

NEWS = "The ministers met in Geneva on Monday and discussed the ceasefire, the ministry said."
EDITORIAL = (
    "We are not sure the deal will hold: the so-called mediators have betrayed every promise. Do they "
    "really believe anyone will trust the Ruritanian madman Vlad again? Let's hope not."
)


def _doc() -> Document:
    text = f"{NEWS}\n\n{EDITORIAL}"
    doc = Document(text=text, kind="news", publisher="Daily Opinion", title="Talks")
    vlad = doc.new_entity("PERSON", "Vlad")
    at = text.index("Vlad again")
    doc.mentions = [Mention(at, at + 4, vlad.id)]
    doc.content = [(0, len(text))]
    doc.segments = [Segment(0, len(NEWS), "narrative"), Segment(len(NEWS) + 2, len(text), "narrative")]
    stage.run(doc)
    return doc


@pytest.fixture()
def store(tmp_path):
    path = tmp_path / "s.duckdb"
    st = Store(path)
    st.upsert(_doc())
    st.close()
    return path


def test_publisher_profile(store) -> None:
    with Store(store, read_only=True) as st:
        prof = publisher_profile(st, "daily opinion")
    assert prof is not None and prof.documents == 1
    assert prof.commentary_chars == len(EDITORIAL)
    assert prof.commentary_share == pytest.approx(len(EDITORIAL) / (len(NEWS) + 2 + len(EDITORIAL)))
    terms = {t["term"]: t["technique"] for t in prof.terms}
    assert terms["the ruritanian madman vlad"] == "name_calling"
    assert terms["the so-called mediators"] == "doubt"
    assert prof.targets[0]["entity"] == "Vlad"  # the insult and the words of scorn near him
    assert prof.voices == [{"voice": None, "count": len(prof.terms)}]


def test_document_framing_and_unknown_publisher(store) -> None:
    with Store(store, read_only=True) as st:
        doc_id = st.ids()[0]
        view = document_framing(st, doc_id[:8])
        assert publisher_profile(st, "Nobody Times") is None
    assert view is not None
    assert [i["label"] for i in view.items].count("commentary") == 1
    assert view.commentary_share == pytest.approx(len(EDITORIAL) / len(view.doc.text))


def test_cli_commands(store) -> None:
    runner = CliRunner()
    with Store(store, read_only=True) as st:
        doc_id = st.ids()[0]
    res = runner.invoke(app, ["framing", doc_id, "--db", str(store), "--explain"])
    assert res.exit_code == 0, res.output
    assert "commentary" in res.output and "name_calling" in res.output
    res = runner.invoke(app, ["profile", "Daily", "--db", str(store)])
    assert res.exit_code == 0, res.output
    assert "Daily Opinion" in res.output and "Vlad" in res.output
    res = runner.invoke(app, ["profile", "Nobody", "--db", str(store)])
    assert res.exit_code == 1
