"""Property-based tests of the REST API against its own OpenAPI schema (schemathesis).

Schemathesis reads ``/api/openapi.json`` from the ASGI app and sends each
operation requests generated from the schema — valid ones and edge cases —
then checks that no answer is a server error, that every status code and
content type is one the schema declares, and that every body fits the
declared response model. The store is in memory, filled with the example
records bundled with communique, so this runs without ../shared. URLs in
generated ``/api/analyze`` bodies are never fetched: host resolution is
replaced by one that finds nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is in the [test] extra")

from hypothesis import HealthCheck, Phase, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "communique" / "examples"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _no_dns(host: str, port: int) -> list[str]:
    raise OSError("name resolution is switched off in tests")


def _app():
    """The app over an in-memory store holding the bundled examples (built once, at collection:
    schemathesis reads the schema then; its fixture-based loader does not work with pytest 9)."""
    from communique import analyze
    from communique.encounters import join
    from communique.store import Store
    from communique.web.app import Settings, create_app

    store = Store(":memory:")
    docs = [analyze(p) for p in sorted(EXAMPLES.iterdir()) if p.suffix in (".txt", ".md")]
    for doc in docs:  # the examples name no publisher; the profile endpoint needs one
        doc.publisher = doc.publisher or "Example Office"
    store.upsert_many(docs)
    join.update(store, [d.id for d in docs])
    # schemathesis calls the app as "testserver", a name the app must be told it answers to
    return create_app(store, Settings(max_upload_bytes=20_000, max_body_bytes=40_000, extra_hosts=("testserver",)))


APP = _app()
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)


def teardown_module() -> None:
    APP.state.store.close()


@pytest.fixture(autouse=True)
def _offline(monkeypatch) -> None:
    from communique.web import safety

    monkeypatch.setattr(safety, "resolve_host", _no_dns)


@schema.parametrize()
@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_conforms_to_its_schema(case) -> None:
    case.call_and_validate(checks=CHECKS)


def test_schema_documents_every_endpoint_with_a_response_model() -> None:
    """Each operation declares a JSON body for its success answer, not FastAPI's empty default."""
    raw = schema.raw_schema
    for path, methods in raw["paths"].items():
        for method, op in methods.items():
            ok = next(code for code in op["responses"] if code.startswith("2"))
            body = op["responses"][ok]["content"]["application/json"]["schema"]
            assert body, f"{method.upper()} {path} has no response schema"
            assert body.get("$ref") or body.get("type") == "object", f"{method.upper()} {path}: {body}"


def _real_parameters() -> dict[str, str]:
    """Path parameters that name things the store holds, so the success answers get checked too."""
    store = APP.state.store
    doc_id = store.con.execute("SELECT doc_id FROM turns GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    group_id = store.con.execute("SELECT group_id FROM encounter_groups LIMIT 1").fetchone()[0]
    publisher = store.con.execute("SELECT publisher FROM documents WHERE publisher IS NOT NULL LIMIT 1").fetchone()[0]
    return {"doc_id": doc_id, "group_id": group_id, "publisher": publisher}


QUERIES = {
    "/api/search": {"q": "Putin"},
    "/api/entities": {"name": "Putin"},
    "/api/claims/series": {"quantity": "trade"},
}


def test_success_answers_on_real_data_conform() -> None:
    """Every GET operation, with parameters naming real stored items, answers 200 with a body its schema allows."""
    params = _real_parameters()
    checked = 0
    for result in schema.get_all_operations():
        op = result.ok()
        if op.method.upper() != "GET":
            continue
        names = [p.name for p in op.path_parameters]
        case = op.Case(path_parameters={n: params[n] for n in names}, query=QUERIES.get(op.path))
        response = case.call()
        assert response.status_code == 200, f"{op.path}: {response.status_code} {response.text[:200]}"
        case.validate_response(response, checks=CHECKS)
        checked += 1
    assert checked >= 20
