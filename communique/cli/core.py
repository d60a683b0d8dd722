"""Core commands: analyze, ingest, show, search, turns, export, stages."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from communique.cli.app import app
from communique.cli.console import err, error, out, print_failed
from communique.errors import CommuniqueError, InputError

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Store file (default: communique.duckdb in your data directory, or $COMMUNIQUE_DB)."),
]
OnlyOption = Annotated[
    str | None, typer.Option("--only", help="Run only these stages (comma-separated) and what they need.")
]
UseOption = Annotated[
    list[str] | None,
    typer.Option(
        "--use",
        help="Choose a stage's implementation: STAGE=NAME (registered or an entry point) or STAGE=module:function;"
        " repeatable.",
    ),
]
KbOption = Annotated[
    list[Path] | None,
    typer.Option("--kb", help="Extra reference-data file (same format as the bundled ones); repeatable."),
]


def _use_kb(kb: list[Path] | None) -> None:
    for path in kb or []:
        if not path.exists():
            err.print(f"error: {path}: no such reference-data file")
            raise typer.Exit(2)
        from communique.entities import add_kb_path

        add_kb_path(str(path))


class Format(str, Enum):
    jsonl = "jsonl"
    json = "json"
    md = "md"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    plover = "plover"
    plover_csv = "plover-csv"


def _only(only: str | None) -> list[str] | None:
    return [s.strip() for s in only.split(",") if s.strip()] if only else None


def _open_store(db: Path | None, read_only: bool = False):
    from communique.store import Store

    try:
        return Store(db, read_only=read_only, on_wait=lambda message: err.print(message))
    except CommuniqueError as exc:
        error(str(exc))
        raise typer.Exit(2) from exc


def resolve_doc(store, doc_id: str) -> str:
    """The one stored id ``doc_id`` names (itself or a unique prefix); else an error listing the candidates, exit 1."""
    found = store.id_candidates(doc_id, limit=11)
    if len(found) == 1:
        return found[0]
    if not found:
        error(f"{doc_id}: no such document in {store.path}")
        raise typer.Exit(1)
    more = " (the first 10)" if len(found) > 10 else ""
    error(f"{doc_id}: ambiguous id prefix; documents starting with it{more}:")
    for candidate in found[:10]:
        err.print(f"  {candidate}")
    raise typer.Exit(1)


def id_column(table: Table, header: str, ids: list[str]) -> None:
    """A column of document ids printed whole, never cut or wrapped, so they can be pasted into ``show``."""
    table.add_column(header, no_wrap=True, min_width=max([len(header), *(len(i) for i in ids)]))


def showing(shown: int, total: int, what: str) -> str:
    """A table title that says how much of the store is shown: ``showing 10 of 24 turn(s)``."""
    return f"{total} {what}" if shown >= total else f"showing {shown} of {total} {what}"


def _examples_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "examples"


def _locations(paths: list[str] | None, examples: bool) -> list[str]:
    """What ``analyze`` and ``ingest`` read: the given locations, plus the bundled examples; exit 2 if none."""
    locations = list(paths or [])
    if examples:
        locations.append(str(_examples_dir()))
    if not locations:
        error("give at least one path, URL or -, or --examples")
        raise typer.Exit(2)
    return locations


@app.command()
def analyze(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files, folders, http(s) URLs, JSONL/CSV corpora, or - for stdin.")
    ] = None,
    format: Annotated[
        Format,
        typer.Option(
            "--format", "-f", help="jsonl: the output contract, one document a line; json: an array; md: an outline."
        ),
    ] = Format.jsonl,
    only: OnlyOption = None,
    examples: Annotated[
        bool, typer.Option("--examples", help="Analyse the example records bundled with communique.")
    ] = False,
    output: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of standard output.")] = None,
    kb: KbOption = None,
    use: UseOption = None,
) -> None:
    """Analyse records and print them in the output contract (or as an outline)."""
    _use_kb(kb)
    from communique.pipeline import ContractError, plan, run
    from communique.read import iter_documents
    from communique.registry import parse_choices

    locations = _locations(paths, examples)
    stages = _only(only)
    try:
        choices = parse_choices(use)
        plan(stages, choices)  # an unknown stage or implementation, or a broken order, fails before reading
    except ValueError as exc:
        error(str(exc))
        raise typer.Exit(2) from exc
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    failed = 0
    done = 0
    docs = []
    from communique.scale.count import count_inputs
    from communique.scale.progress import RateBar, progress_shown

    # the bar is drawn on standard error, never over documents printed to the same terminal
    shown = progress_shown(err) and (output is not None or not sys.stdout.isatty())
    try:
        with RateBar("analyze", err, count=lambda: count_inputs(locations), shown=shown) as bar:
            for item in iter_documents(locations):
                done += 1
                if isinstance(item, InputError):
                    failed += 1
                    error(str(item))
                    bar.update(done, failed)
                    continue
                try:
                    doc = run(item, stages, choices)
                except ContractError as exc:  # a stage broke its contract: every record would fail the same way
                    error(str(exc))
                    raise typer.Exit(2) from exc
                except Exception as exc:  # one bad record must not stop the batch
                    failed += 1
                    error(f"{item.source}: analysis failed: {type(exc).__name__}: {exc}")
                    bar.update(done, failed)
                    continue
                if format is Format.jsonl:
                    sink.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
                elif format is Format.md:
                    from communique.render import to_markdown

                    sink.write(to_markdown(doc) + "\n")
                else:
                    docs.append(doc.to_dict())
                bar.update(done, failed)
        if format is Format.json:
            json.dump(docs, sink, ensure_ascii=False, indent=1)
            sink.write("\n")
    finally:
        if output:
            sink.close()
    if failed:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders, URLs, JSONL/CSV corpora, Parquet from `communique batch`, or -."),
    ] = None,
    db: DbOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", help="Analysis processes (0 = all cores).")] = 0,
    only: OnlyOption = None,
    examples: Annotated[
        bool, typer.Option("--examples", help="Ingest the example records bundled with communique.")
    ] = False,
    batch: Annotated[int, typer.Option("--batch", help="Documents written per transaction.")] = 64,
    kb: KbOption = None,
) -> None:
    """Analyse records and keep them in the store (re-ingesting replaces, never duplicates)."""
    _use_kb(kb)
    from communique.ingest import ingest_locations

    locations = _locations(paths, examples)
    store = _open_store(db)
    try:
        report = ingest_locations(store, locations, workers=workers, only=_only(only), batch=batch, console=err)
    except CommuniqueError as exc:  # e.g. the store stayed busy longer than we wait between batches
        error(str(exc))
        raise typer.Exit(2) from exc
    finally:
        store.close()
    for failure in report.failures:
        print_failed(str(failure))
    err.print(
        f"ingested {report.stored} document(s) into {store.path} in {report.seconds:.1f} s "
        f"({report.rate:.1f} docs/s), {len(report.failures)} failed"
    )
    if report.failures:
        raise typer.Exit(1)


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id (or a unique prefix).")],
    db: DbOption = None,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.md,
) -> None:
    """Show one stored document."""
    store = _open_store(db, read_only=True)
    doc = store.get(resolve_doc(store, doc_id))
    if format is Format.md:
        from communique.render import to_markdown

        out.print(to_markdown(doc), markup=False)
    else:
        sys.stdout.write(
            json.dumps(doc.to_dict(), ensure_ascii=False, indent=1 if format is Format.json else None) + "\n"
        )


@app.command()
def search(
    text: Annotated[
        str,
        typer.Argument(
            help='Words that must all occur (whole words, any case); "text in double quotes" must occur as a phrase.'
        ),
    ],
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n")] = 20,
) -> None:
    """Full-text search over stored documents, best match (BM25) first, hits highlighted."""
    from rich.text import Text

    store = _open_store(db, read_only=True)
    try:
        rows = store.search(text, limit=limit)
    except CommuniqueError as exc:
        error(str(exc))
        raise typer.Exit(2) from exc
    total = rows[0]["total"] if rows else 0
    table = Table(title=showing(len(rows), total, f"document(s) for “{text}”"))
    id_column(table, "id", [r["id"] for r in rows])
    for col in ("published", "title", "hits", "snippet"):
        table.add_column(col)
    for r in rows:
        snip = Text(r["snippet"])
        for start, end in r["marks"]:
            snip.stylize("bold reverse", start, end)
        table.add_row(r["id"], str(r["published"] or "—"), r["title"] or r["source"], str(r["hits"]), snip)
    out.print(table)


@app.command()
def turns(
    speaker: Annotated[str | None, typer.Option("--speaker", "-s", help="Part of the speaker's name or label.")] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document id.")] = None,
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n")] = 50,
) -> None:
    """Speaker turns across the store."""
    store = _open_store(db, read_only=True)
    rows = turn_rows(store, speaker=speaker, doc_id=doc, limit=limit)
    total = turn_count(store, speaker=speaker, doc_id=doc)
    table = Table(title=showing(len(rows), total, "turn(s)"))
    id_column(table, "document", [r["doc_id"] for r in rows])
    for col in ("published", "speaker", "delivery", "words"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r["doc_id"],
            str(r["published"] or "—"),
            r["speaker_name"] or r["label"],
            r["delivery"],
            " ".join((r["text"] or "").split())[:200],
        )
    out.print(table)


def _turn_filter(speaker: str | None, doc_id: str | None) -> tuple[str, list]:
    sql = " WHERE 1=1"
    params: list = []
    if speaker:
        sql += " AND (t.speaker_name ILIKE ? OR t.label ILIKE ?)"
        params += [f"%{speaker}%", f"%{speaker}%"]
    if doc_id:
        sql += " AND starts_with(t.doc_id, ?)"
        params.append(doc_id)
    return sql, params


def turn_count(store, speaker: str | None = None, doc_id: str | None = None) -> int:
    """How many turns ``turn_rows`` would give without a limit."""
    where, params = _turn_filter(speaker, doc_id)
    return int(store.query(f"SELECT count(*) AS n FROM turns t{where}", params)[0]["n"])


def turn_rows(
    store, speaker: str | None = None, doc_id: str | None = None, limit: int = 50, offset: int = 0
) -> list[dict]:
    """Turns matching a speaker name/label fragment and/or a document (shared with the API)."""
    where, params = _turn_filter(speaker, doc_id)
    sql = (
        "SELECT t.doc_id, d.published, d.title, t.span_start, t.span_end, t.speaker, t.speaker_name, t.label, "
        "t.delivery, t.language, t.text FROM turns t JOIN documents d ON d.id = t.doc_id" + where
    )
    sql += " ORDER BY d.published NULLS LAST, t.doc_id, t.span_start LIMIT ? OFFSET ?"
    params += [limit, offset]
    return store.query(sql, params)


@app.command()
def export(
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl (the contract), csv (one table), parquet (one row per document, nested layers; needs the parquet extra: pip install 'communique[parquet]'), plover / plover-csv (event records).",
        ),
    ] = ExportFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output file (default: standard output; required for parquet).")
    ] = None,
    layer: Annotated[
        str,
        typer.Option(
            "--layer",
            help="For csv: documents, entities, mentions, segments, turns, quotes, claims, encounters, events or framing.",
        ),
    ] = "documents",
    db: DbOption = None,
) -> None:
    """Export the store (jsonl, csv and plover need nothing more; parquet needs pyarrow, the parquet extra)."""
    from communique.export import export_store

    store = _open_store(db, read_only=True)
    try:
        n = export_store(store, format.value, output, layer=layer)
    except CommuniqueError as exc:
        error(str(exc))
        raise typer.Exit(2) from exc
    err.print(f"exported {n} record(s){' to ' + str(output) if output else ''}")


@app.command()
def stages() -> None:
    """List the analysis stages in order: the fields each assigns, extends and requires, and its implementations."""
    from communique.pipeline import describe
    from communique.registry import names

    table = Table("stage", "assigns", "extends", "requires", "module", "implementations")
    for row in describe():
        table.add_row(
            row["stage"], row["assigns"], row["extends"] or "—", row["requires"] or "—", row["module"],
            ", ".join(names(row["stage"])),
        )  # fmt: skip
    out.print(table)


@app.command()
def version() -> None:
    """Print communique's version."""
    from communique import __version__

    print(__version__)
