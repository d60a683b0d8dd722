"""The encounter timeline as inline SVG on the encounters page: the CLI's picture, with links.

Why server-side SVG: the page then needs no chart library (nothing may come
from the internet) and no script, prints well, and each dot is a plain link
to the encounter's compare view. The drawing is :mod:`communique.charts.timeline`,
shared with ``communique timeline``; every text in it is escaped there.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from communique.charts import timeline as chart


def compare_href(group_id: str) -> str:
    return "/encounters/" + quote(str(group_id), safe="")


def render(items: list[dict[str, Any]], title: str = "") -> Markup:
    """SVG for timeline rows (``communique.encounters.timeline.rows``); undated rows are left out."""
    return Markup(chart.svg(items, title, href=compare_href))
