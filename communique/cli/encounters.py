"""Encounter commands: the corpus timeline, accounts compared side by side, and the picture."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from communique.cli.app import app
from communique.cli.console import err, error, out
from communique.cli.core import DbOption, _open_store
from communique.errors import CommuniqueError

BetweenOption = Annotated[
    tuple[str, str] | None, typer.Option("--between", help="Two countries (ISO3) that both take part, e.g. RUS SYR.")
]
PersonOption = Annotated[str | None, typer.Option("--person", help="A participant's name (or part of it).")]
SinceOption = Annotated[str | None, typer.Option("--since", help="From this date (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Up to this date (YYYY-MM-DD).")]


def _encounter_store(db):
    """The store, opened for writing (the join may bring its group tables up to date) but never created here:
    a missing store is an error naming it, as for every read command."""
    _open_store(db, read_only=True).close()
    return _open_store(db)


def _check_dates(**dates: str | None) -> None:
    """A bad --since/--until is one line naming the option, not a database error."""
    for name, value in dates.items():
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                error(f"--{name} {value!r}: not a date (YYYY-MM-DD)")
                raise typer.Exit(2) from None


def _timeline_rows(db, between, person, since, until) -> list:
    """The joined encounters matching the filters, read from the store and the store closed again."""
    from communique.encounters import timeline

    store = _encounter_store(db)
    try:
        return timeline.rows(store, between=between, person=person, since=since, until=until)
    finally:
        store.close()


def _when(row: dict) -> str:
    """The date, or for an undated encounter the window it lies in ("undated, by 2024-05-03")."""
    if row["date"]:
        return str(row["date"])
    start, end = row.get("window") or (None, None)
    if start and end:
        return f"undated, {start} – {end}"
    return f"undated, by {end}" if end else "undated"


@app.command()
def encounters(
    between: BetweenOption = None,
    person: PersonOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    db: DbOption = None,
) -> None:
    """Timeline of encounters across the store, each joined from every record that reports it."""
    items = _timeline_rows(db, between, person, since, until)
    table = Table(title=f"{len(items)} encounter(s)")
    for col in ("group", "date", "kind", "place", "participants", "accounts"):
        table.add_column(col, overflow="fold")
    for r in items:
        kind = r["kind"] + (" (planned)" if r["planned"] else "")
        table.add_row(
            r["group_id"],
            _when(r),
            kind,
            r["place"] or "—",
            ", ".join(r["participants"]),
            str(r["accounts"]),
        )
    out.print(table)


@app.command()
def compare(
    encounter_id: Annotated[str, typer.Argument(help="A group id from `communique encounters` (or a unique prefix).")],
    db: DbOption = None,
) -> None:
    """Accounts of one encounter side by side: sources, voices, claims, events, and what each lacks."""
    from communique.encounters import compare as cmp

    store = _encounter_store(db)
    try:
        gid = cmp.resolve_group(store, encounter_id)
        if gid is None:
            error(f"no encounter {encounter_id!r} (see `communique encounters`)")
            raise typer.Exit(2)
        accs = cmp.accounts(store, gid)
    finally:
        store.close()
    diffs = cmp.differences(accs)
    table = Table(title=f"encounter {gid}: {len(accs)} account(s)", show_lines=True)
    table.add_column("", style="bold")
    for a in accs:
        table.add_column(a.publisher or a.source or a.doc_id, overflow="fold")

    def row(label: str, cells: list[str]) -> None:
        table.add_row(label, *cells)

    row("source", [a.source or "—" for a in accs])
    row("title", [a.title or "—" for a in accs])
    row("published", [str(a.published or "—") for a in accs])
    row("reported", [f"{a.kind}, {a.date or 'undated'}, {a.place or 'no place'}" for a in accs])
    row("participants", [", ".join(a.participants) for a in accs])
    row("evidence", [a.evidence[:300] for a in accs])
    row("speakers", [", ".join(a.speakers) or "—" for a in accs])
    row("quoted", [", ".join(a.quoted) or "—" for a in accs])
    row(
        "claims",
        [
            "\n".join(f"{c['value']:g} {c['unit']} {c['quantity'] or ''}".strip() for c in a.claims[:12]) or "—"
            for a in accs
        ],
    )
    row(
        "events",
        [
            "\n".join(f"{e['type']} {e['source_name'] or '?'} → {e['target_name'] or '?'}" for e in a.events[:12])
            or "—"
            for a in accs
        ],
    )
    row(
        "only here",
        ["\n".join(f"{k}: {'; '.join(v)}" for k, v in diffs.get(a.doc_id, {}).items()) or "—" for a in accs],
    )
    out.print(table)


@app.command("timeline")
def timeline_cmd(
    out_path: Annotated[Path, typer.Option("--out", help="Picture file: .svg, or .png with the plot extra.")] = Path(
        "timeline.svg"
    ),
    between: BetweenOption = None,
    person: PersonOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    db: DbOption = None,
) -> None:
    """Draw encounters over time, coloured by kind and labelled with places."""
    _check_dates(since=since, until=until)
    items = _timeline_rows(db, between, person, since, until)
    title = " – ".join(between) if between else (person or None)
    from communique.encounters import timeline

    try:
        path = timeline.plot(items, out_path, title=title)
    except CommuniqueError as exc:
        error(str(exc))
        raise typer.Exit(2) from exc
    err.print(f"wrote {path} ({len(items)} encounter(s))")
