"""Framing commands: ``communique framing ID`` and ``communique profile PUBLISHER``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from communique.cli.app import app
from communique.cli.console import bold, err, error, out

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Store file (default: communique.duckdb in your data directory, or $COMMUNIQUE_DB)."),
]


def _store(db: Path | None) -> Any:
    from communique.cli.core import _open_store

    return _open_store(db, read_only=True)


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


@app.command("framing")
def framing_cmd(
    doc_id: Annotated[str, typer.Argument(help="Document id (or a unique prefix of it).")],
    db: DbOption = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Also show each narrative paragraph's commentary score and cues.")
    ] = False,
) -> None:
    """Show a stored document's passages (narrative, commentary…) and its loaded-language tags."""
    from communique.cli.core import resolve_doc
    from communique.framing.profile import document_framing

    with _store(db) as st:
        view = document_framing(st, resolve_doc(st, doc_id))
    if view is None:
        error(f"no stored document with id {doc_id!r}")
        raise typer.Exit(1)
    d = view.doc
    out.print(bold(d.title or d.source, f"  {d.publisher or '?'} · {d.published or '?'} · {d.kind}"))
    out.print(f"commentary: {view.commentary_share:.1%} of the main content")
    seg = Table(title="Passages", show_lines=False)
    for col in ("kind", "span", "text"):
        seg.add_column(col)
    for p in view.passages:
        style = "bold magenta" if p["kind"] == "commentary" else None
        seg.add_row(p["kind"], f"{p['start']}–{p['end']}", _short(p["text"]), style=style)
    out.print(seg)
    tags = Table(title="Framing")
    for col in ("label", "technique", "voice", "span", "text"):
        tags.add_column(col)
    for i in view.items:
        voice = i["voice_name"] or (i["voice"] or "publisher")
        tags.add_row(i["label"], i["technique"] or "", voice, f"{i['start']}–{i['end']}", _short(i["text"], 70))
    out.print(tags)
    if explain:
        _explain(d)


def _explain(doc) -> None:
    from communique.framing.score import score_paragraph
    from communique.framing.stage import narrative_candidates
    from communique.textutil import paragraphs

    table = Table(title="Commentary scores of narrative paragraphs (≥ 0.5 = commentary)")
    for col in ("score", "cues", "paragraph"):
        table.add_column(col)
    for s, e in narrative_candidates(doc):
        for ps, pe in paragraphs(doc.flat, s, e):
            sc = score_paragraph(doc.flat, ps, pe)
            cues = ", ".join(f"{k} {v:+.1f}" for k, v in sorted(sc.cues.items(), key=lambda kv: -abs(kv[1])))
            table.add_row(f"{sc.score:.2f}", cues, _short(doc.text[ps:pe], 60))
    out.print(table)


@app.command("profile")
def profile_cmd(
    publisher: Annotated[str, typer.Argument(help="Publisher name (case-insensitive; a substring works too).")],
    db: DbOption = None,
    top: Annotated[int, typer.Option("--top", help="How many terms and targets to list.")] = 15,
    own: Annotated[
        bool, typer.Option("--own", help="Only the publisher's own voice, not the people it quotes.")
    ] = False,
) -> None:
    """A publisher's framing: share of commentary, top loaded terms, techniques, and whom they target."""
    from communique.framing.profile import publisher_profile, publishers

    with _store(db) as st:
        prof = publisher_profile(st, publisher, top=top, own_voice=own)
        known = publishers(st) if prof is None else []
    if prof is None:
        error(f"no documents from a publisher matching {publisher!r}")
        if known:
            err.print("publishers in the store: " + ", ".join(known))
        raise typer.Exit(1)
    out.print(bold(prof.publisher, f": {prof.documents} document(s)"))
    out.print(
        f"commentary: {prof.commentary_share:.1%} of main content "
        f"({prof.commentary_chars:,} of {prof.content_chars:,} characters)"
    )
    for title, rows, cols in (
        ("Top loaded terms", prof.terms, ("term", "technique", "count", "documents")),
        ("Techniques", prof.techniques, ("technique", "count")),
        ("Targets (entities in or beside loaded spans)", prof.targets, ("entity", "count")),
        ("Voices (publisher = its own words)", prof.voices, ("voice", "count")),
    ):
        table = Table(title=title)
        for c in cols:
            table.add_column(c, justify="right" if c in {"count", "documents"} else "left")
        for r in rows:
            table.add_row(*("publisher" if c == "voice" and r[c] is None else str(r[c] or "") for c in cols))
        out.print(table)
