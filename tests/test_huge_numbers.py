"""A figure too large for a float (10^309 and up) never becomes ``Infinity``: output stays strict JSON.

``float("1" + "0" * 320)`` is ``inf``, which ``json.dumps`` writes as the bare
word ``Infinity`` (not JSON), the web API answered 500 and a stored page showed
it. Such a number is no figure anyone states, so it is not read as a claim.
"""

from __future__ import annotations

import json
import math

from typer.testing import CliRunner

from communique.cli import app
from communique.pipeline import run
from communique.read.plain import text_document

HUGE = "1" + "0" * 320
TEXT = f"Readout\n\nThe minister said the debt reached ${HUGE} billion and grew {HUGE}-fold, up 5% on last year.\n"


def _strict(raw: str) -> object:
    def refuse(word: str) -> None:
        raise AssertionError(f"not strict JSON: {word}")

    return json.loads(raw, parse_constant=refuse)


def test_a_huge_number_is_not_a_claim_value() -> None:
    doc = run(text_document(TEXT, "huge.txt", "huge"))
    assert all(c.value is None or math.isfinite(c.value) for c in doc.claims)
    assert any(c.unit == "percent" for c in doc.claims)  # the ordinary figure beside it still counts
    _strict(json.dumps(doc.to_dict()))


def test_the_cli_writes_strict_json(tmp_path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text(TEXT, encoding="utf-8")
    res = CliRunner().invoke(app, ["analyze", str(path)])
    assert res.exit_code == 0, res.output
    _strict(res.stdout)


def test_the_api_answers_and_stores_strict_json() -> None:
    import pytest

    pytest.importorskip("fastapi", reason="the web extra is not installed")
    from fastapi.testclient import TestClient

    from communique.store import Store
    from communique.web.app import create_app

    store = Store(":memory:")
    with TestClient(create_app(store), base_url="http://localhost") as c:
        r = c.post("/api/analyze", json={"text": TEXT})
        assert r.status_code == 200
        _strict(r.text)
        stored = c.post("/api/ingest", json={"text": TEXT})
        assert stored.status_code == 201
        page = c.get(f"/documents/{stored.json()['id']}")
        assert page.status_code == 200 and "Infinity" not in page.text and "inf " not in page.text
    store.close()
