"""Picture commands: ``communique network`` (who met whom) and ``communique series`` (a claim series).

Both write SVG, or PNG with the plot extra (:mod:`communique.charts.files`);
the web pages draw the same pictures from the same functions.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from communique.cli.app import app
from communique.cli.console import err, error
from communique.cli.core import DbOption, _open_store
from communique.cli.encounters import (
    BetweenOption,
    PersonOption,
    SinceOption,
    UntilOption,
    _check_dates,
    _timeline_rows,
)
from communique.errors import CommuniqueError

OutOption = Annotated[Path, typer.Option("--out", help="Picture file: .svg, or .png with the plot extra.")]


class By(str, Enum):
    person = "person"
    country = "country"


def _write(svg: str, out_path: Path, what: str) -> None:
    from communique.charts import files

    try:
        path = files.write(svg, out_path)
    except CommuniqueError as exc:
        error(str(exc))
        raise typer.Exit(2) from exc
    err.print(f"wrote {path} ({what})")


@app.command()
def network(
    out_path: OutOption = Path("network.svg"),
    by: Annotated[By, typer.Option("--by", help="Nodes are people or countries.")] = By.person,
    between: BetweenOption = None,
    person: PersonOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[int, typer.Option("--limit", min=2, max=300, help="At most this many nodes.")] = 40,
    db: DbOption = None,
) -> None:
    """Draw who met whom: people (or countries) as nodes, shared encounters as edges."""
    from communique.charts import network as chart

    _check_dates(since=since, until=until)
    items = _timeline_rows(db, between, person, since, until)
    graph = chart.build(items, by=by.value, limit=limit)
    if not graph.nodes:
        err.print(f"no encounters with two known {'people' if by is By.person else 'countries'} match")
        raise typer.Exit(1)
    span = f" {since or '…'} – {until or '…'}" if since or until else ""
    title = f"Who met whom{span}"
    what = "people" if by is By.person else "countries"
    _write(chart.svg(graph, title), out_path, f"{len(graph.nodes)} {what}, {len(graph.edges)} pair(s)")


@app.command()
def series(
    quantity: Annotated[str, typer.Argument(help="What is measured, e.g. 'trade' (as `claims --series`).")],
    out_path: OutOption = Path("series.svg"),
    unit: Annotated[str | None, typer.Option("--unit", help="Only this unit (percent, USD…).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1)] = 500,
    db: DbOption = None,
) -> None:
    """Draw a claim series: the figures cited about one quantity over time, a panel per unit."""
    from communique.charts import series as chart
    from communique.speech import queries

    store = _open_store(db, read_only=True)
    try:
        rows = queries.claim_series(store.con, quantity, unit=unit, limit=limit)
    finally:
        store.close()
    svg = chart.svg(rows, f"Claims about “{quantity}” over time")
    if not svg:
        err.print(f"no dated claims about {quantity!r} match")
        raise typer.Exit(1)
    _write(svg, out_path, f"{len(rows)} claim(s)")
