"""The claim-series chart on the claims page (``/claims?series=…``): the CLI's ``communique series``
picture, each point a link to the figure's words in its document."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from communique.charts import series as chart
from communique.web.views.common import doc_href


def span_href(row: dict[str, Any]) -> str:
    return doc_href(str(row["doc_id"]), row.get("span_start"), row.get("span_end"))


def render(rows: list[dict[str, Any]], title: str = "") -> Markup:
    return Markup(chart.svg(rows, title, href=span_href))
