"""Speech commands: ``communique quotes`` and ``communique claims`` (with ``--series``) over the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from communique.cli.app import app
from communique.cli.console import err, out

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Store file (default: communique.duckdb in your data directory, or $COMMUNIQUE_DB)."),
]


def _store(db: Path | None) -> Any:
    from communique.cli.core import _open_store

    return _open_store(db, read_only=True)


def _short(text: str | None, n: int = 100) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _count_title(shown: int, more: bool, what: str) -> str:
    """``12 quote(s)``, or, when the limit cut the list, that there are more than shown."""
    return f"the first {shown} {what}; there are more (raise --limit)" if more else f"{shown} {what}"


def _figure(value: float, unit: str | None) -> str:
    if value >= 1e9:
        num = f"{value / 1e9:g} bn"
    elif value >= 1e6:
        num = f"{value / 1e6:g} mn"
    else:
        num = f"{value:,g}"
    return f"{num} {unit or ''}".strip()


@app.command("quotes")
def quotes_cmd(
    speaker: Annotated[str | None, typer.Option("--speaker", help="Who said it (name or alias, partial).")] = None,
    about: Annotated[str | None, typer.Option("--about", help="Words the quote contains.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Documents published on or after YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option("--limit")] = 100,
    db: DbOption = None,
) -> None:
    """Everything X said (about Y): direct and indirect quotes, with relay chains."""
    from communique.speech import queries

    with _store(db) as st:
        rows = queries.quotes(st.con, speaker=speaker, about=about, since=since, limit=limit + 1)
    if not rows:
        err.print("no quotes match")
        raise typer.Exit(1)
    more, rows = len(rows) > limit, rows[:limit]
    table = Table(title=_count_title(len(rows), more, "quote(s)"), show_lines=True)
    for col in ("date", "speaker", "relay chain", "kind", "words", "document"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            str(r["published"] or ""),
            r["speaker_name"] or "?",
            r["relay"],
            r["kind"],
            _short(r["text"], 160),
            _short(r["title"], 50),
        )
    out.print(table)


@app.command("claims")
def claims_cmd(
    about: Annotated[str | None, typer.Option("--about", help="What is measured, or words of the figure.")] = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Who cited the figure (partial name).")] = None,
    series: Annotated[
        str | None, typer.Option("--series", help="Line up claims about this quantity over time, e.g. 'trade'.")
    ] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="With --series: only this unit (percent, USD…).")] = None,
    limit: Annotated[int, typer.Option("--limit")] = 200,
    db: DbOption = None,
) -> None:
    """Every figure cited, who cited it and for what period; --series lines them up over time."""
    from communique.speech import queries

    with _store(db) as st:
        if series:
            rows = queries.claim_series(st.con, series, unit=unit, limit=limit + 1)
        else:
            rows = queries.claims(st.con, about=about, speaker=speaker, limit=limit + 1)
    if not rows:
        err.print("no claims match")
        raise typer.Exit(1)
    more, rows = len(rows) > limit, rows[:limit]
    if series:
        table = Table(title=f"'{series}' over time: " + _count_title(len(rows), more, "claim(s)"))
        for col in ("when", "figure", "change", "quantity", "cited by (relay chain)", "document"):
            table.add_column(col, overflow="fold")
        for r in rows:
            table.add_row(
                str(r["when"] or "?"),
                _figure(r["value"], r["unit"]),
                r["change"] or "",
                _short(r["quantity"], 50),
                r["relay"] or "?",
                _short(r["title"], 40),
            )
    else:
        table = Table(title=_count_title(len(rows), more, "claim(s)"))
        for col in ("date", "figure", "change", "period", "quantity", "cited by (relay chain)", "text"):
            table.add_column(col, overflow="fold")
        for r in rows:
            table.add_row(
                str(r["published"] or ""),
                _figure(r["value"], r["unit"]),
                r["change"] or "",
                r["period"] or "",
                _short(r["quantity"], 50),
                r["relay"] or "?",
                _short(r["text"], 60),
            )
    out.print(table)
