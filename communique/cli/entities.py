"""Entity commands: ``communique entities ID`` and ``communique who NAME``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from communique.cli.app import app
from communique.cli.console import bold, error, out
from communique.cli.core import DbOption, _open_store, id_column, resolve_doc, showing


def entity_rows(store, doc_id: str) -> list[dict]:
    """Entities of one stored document (id or unique prefix), each with its mention count and spellings."""
    sql = (
        "SELECT e.doc_id, e.id, e.type, e.name, e.aliases, e.country, e.roles, count(m.entity) AS mentions, "
        "list(DISTINCT m.text) FILTER (WHERE m.text IS NOT NULL) AS spellings "
        "FROM entities e LEFT JOIN mentions m ON m.doc_id = e.doc_id AND m.entity = e.id "
        "WHERE e.doc_id LIKE ? GROUP BY ALL ORDER BY e.type, mentions DESC, e.name"
    )
    return store.query(sql, [doc_id + "%"])


def who_rows(store, name: str, limit: int = 200) -> list[dict]:
    """Every mention of a person across the store, in any spelling (see entities/queries.py)."""
    from communique.entities.queries import person_mentions

    return person_mentions(store, name, limit=limit)


@app.command()
def entities(
    doc_id: Annotated[str, typer.Argument(help="Document id (or a unique prefix).")],
    db: DbOption = None,
) -> None:
    """Entities of one stored document, with their mentions."""
    store = _open_store(db, read_only=True)
    doc_id = resolve_doc(store, doc_id)
    rows = [r for r in entity_rows(store, doc_id) if r["doc_id"] == doc_id]
    if not rows:
        error(f"{doc_id}: no entities in this document")
        raise typer.Exit(1)
    table = Table(
        "id", "type", "name", "country", "roles", "mentions", "spellings", title=f"entities of {rows[0]['doc_id']}"
    )
    for r in rows:
        table.add_row(
            r["id"],
            r["type"],
            r["name"],
            r["country"] or "—",
            "; ".join(r["roles"] or [])[:80],
            str(r["mentions"]),
            " | ".join(sorted(set(r["spellings"] or []), key=len))[:120],
        )
    out.print(table)


@app.command()
def who(
    name: Annotated[str, typer.Argument(help="A person's name in any spelling ('Mikdad', 'Sergei Lavrov').")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n")] = 200,
) -> None:
    """Every mention of a person across the store: spellings, documents and turns."""
    store = _open_store(db, read_only=True)
    rows = who_rows(store, name, limit=limit)
    if not rows:
        error(f"no person matching “{name}” in {store.path}")
        raise typer.Exit(1)
    from communique.entities.queries import person_mention_totals

    mentions, docs = person_mention_totals(store, name)
    spellings = sorted({" ".join((r["text"] or "").split()) for r in rows})
    shown = "" if len(rows) >= mentions else f" (showing {len(rows)})"
    out.print(bold(rows[0]["entity_name"], f": {mentions} mention(s) in {docs} document(s){shown}"))
    out.print("spellings: " + " | ".join(spellings))
    table = Table(title=showing(len(rows), mentions, f"mention(s) of “{name}”"))
    id_column(table, "document", [r["doc_id"] for r in rows])
    for col in ("published", "at", "as written", "in turn of"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r["doc_id"],
            str(r["published"] or "—"),
            str(r["span_start"]),
            " ".join((r["text"] or "").split()),
            r["turn_label"] or "—",
        )
    out.print(table)
