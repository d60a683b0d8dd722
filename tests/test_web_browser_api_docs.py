"""The API's interactive docs page in headless Chromium: Swagger UI renders the operations from files
this server serves, and nothing is fetched from anywhere else (fixtures of tests/test_web_browser.py)."""

from __future__ import annotations

import pytest
from test_web_browser import browser, page, server, shots  # noqa: F401  (shared fixtures)

pytestmark = pytest.mark.browser


def test_api_docs_render_offline(server, page, shots):  # noqa: F811
    from communique.web import api_docs

    if api_docs.assets() is None:
        pytest.skip("fastapi-offline is not installed (part of the web extra)")
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    page.goto(f"{server['base']}/api/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() >= 10
    assert page.locator(".opblock-summary-path", has_text="/api/documents").count() >= 1
    page.locator(".opblock-summary").first.click()
    page.wait_for_selector(".opblock.is-open")
    page.screenshot(path=str(shots / "api-docs.png"))
    outside = [u for u in requests if not u.startswith(server["base"]) and not u.startswith("data:")]
    assert outside == []
    assert page.errors == []  # type: ignore[attr-defined]
