"""Entity commands: ``communique entities ID`` and ``communique who NAME``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from communique.cli.app import app
from communique.cli.core import DbOption, _open_store, err, out
from communique.entities.people import name_words
from communique.entities.translit import names_compatible, words_match


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
    """Every mention of a person across the store: entities whose name or an alias matches ``name``
    in any spelling (transliteration key, see entities/README.md), with their documents and turns."""
    words = name_words(name)
    cands = store.query("SELECT e.doc_id, e.id, e.name, e.aliases FROM entities e WHERE e.type = 'PERSON'")
    keep = []
    for r in cands:
        names = [r["name"], *(r["aliases"] or [])]
        for n in names:
            w = name_words(n)
            if not w or not words:
                continue
            ok = names_compatible(words, w) if len(words) >= 2 and len(w) >= 2 else words_match(words[-1], w[-1])
            if ok:
                keep.append((r["doc_id"], r["id"]))
                break
    if not keep:
        return []
    rows: list[dict] = []
    for doc_id, eid in keep:
        rows += store.query(
            "SELECT m.doc_id, d.published, d.title, m.span_start, m.span_end, m.entity, m.entity_name, m.text, "
            "(SELECT first(t.label) FROM turns t WHERE t.doc_id = m.doc_id AND t.span_start <= m.span_start "
            " AND t.span_end >= m.span_end) AS turn_label "
            "FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.doc_id = ? AND m.entity = ? "
            "ORDER BY m.span_start",
            [doc_id, eid],
        )
    rows.sort(key=lambda r: (str(r["published"] or ""), r["doc_id"], r["span_start"]))
    return rows[:limit]


@app.command()
def entities(
    doc_id: Annotated[str, typer.Argument(help="Document id (or a unique prefix).")],
    db: DbOption = None,
) -> None:
    """Entities of one stored document, with their mentions."""
    store = _open_store(db, read_only=True)
    rows = entity_rows(store, doc_id)
    if not rows:
        err.print(f"[red]error:[/red] {doc_id}: no such document (or no entities) in {store.path}")
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
        out.print(f"no person matching “{name}”")
        return
    spellings = sorted({" ".join((r["text"] or "").split()) for r in rows})
    docs = sorted({r["doc_id"] for r in rows})
    out.print(f"[bold]{rows[0]['entity_name']}[/bold]: {len(rows)} mention(s) in {len(docs)} document(s)")
    out.print("spellings: " + " | ".join(spellings))
    table = Table("document", "published", "at", "as written", "in turn of", title=f"mentions of “{name}”")
    for r in rows:
        table.add_row(
            r["doc_id"],
            str(r["published"] or "—"),
            str(r["span_start"]),
            " ".join((r["text"] or "").split()),
            r["turn_label"] or "—",
        )
    out.print(table)
