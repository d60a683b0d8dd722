"""A request cannot hold the server hostage: analysis runs in a worker process within a time budget.

Past the budget the worker is stopped, the request gets 503 naming the budget,
and the next request is analysed by a fresh worker. (That reads do not queue
behind analysis is measured, not tested: ``benchmarks/web.py --load``.)
"""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")

from fastapi.testclient import TestClient  # noqa: E402

from communique.store import Store  # noqa: E402
from communique.web.app import Settings, create_app  # noqa: E402

LONG = "THE PRESIDENT: We discussed trade with Prime Minister Stubb and President Erdogan today.\n\n" * 2000


def test_an_analysis_past_the_budget_is_stopped_and_the_server_goes_on() -> None:
    store = Store(":memory:")
    app = create_app(store, Settings(analysis_budget_s=0.05))
    with TestClient(app, base_url="http://localhost") as c:
        r = c.post("/api/analyze", json={"text": LONG})
        assert r.status_code == 503 and "time budget" in r.json()["detail"]
        r = c.post("/api/ingest", json={"text": LONG})
        assert r.status_code == 503 and store.count() == 0
        assert c.get("/api/documents").status_code == 200  # reads answer as before
        app.state.analyser.budget_s = 120.0
        r = c.post("/api/analyze", json={"text": "THE PRESIDENT: Thank you, Mr Stubb."})
        assert r.status_code == 200 and r.json()["turns"]  # a fresh worker took over
    store.close()
