"""``communique eval``: analyse the documents a gold folder names and score them with a scorer script.

Why a command: the project is judged by ``eval/score.py`` over gold annotations
(see ../shared/CONTRACT.md); a user checking a change, or their own gold set in
the same format, should not have to write the analyse-then-score glue by hand.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import track

from communique.cli.app import app
from communique.cli.console import err, error, out
from communique.cli.core import _only, _use_kb
from communique.errors import CommuniqueError


def gold_files(gold: Path) -> list[tuple[Path, str]]:
    """(gold file, the document path it names relative to the docs root), sorted."""
    pairs = []
    for gf in sorted(gold.glob("*.json")):
        try:
            rec = json.loads(gf.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise CommuniqueError(f"{gf}: not a gold annotation file ({exc})") from exc
        if not isinstance(rec, dict) or not isinstance(rec.get("file"), str):
            raise CommuniqueError(f"{gf}: gold annotation without a 'file' field")
        pairs.append((gf, rec["file"]))
    return pairs


def find_scorer(docs: Path, gold: Path) -> Path | None:
    """The scorer beside the data: ``eval/score.py`` under the docs root or one of its parents."""
    for base in (docs, gold, *docs.resolve().parents):
        cand = base / "eval" / "score.py"
        if cand.is_file():
            return cand
    return None


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold annotation files (*.json).")],
    docs: Annotated[Path, typer.Option("--docs", help="Root that the gold files' 'file' paths are relative to.")],
    scorer: Annotated[
        Path | None, typer.Option("--scorer", help="Scorer script (default: eval/score.py found beside --docs).")
    ] = None,
    pred: Annotated[Path | None, typer.Option("--pred", help="Also keep the predictions (JSONL) here.")] = None,
    only: Annotated[str | None, typer.Option("--only", help="Run only these stages and what they need.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The scorer's JSON report instead of its text.")] = False,
    kb: Annotated[list[Path] | None, typer.Option("--kb", help="Extra reference-data file; repeatable.")] = None,
) -> None:
    """Analyse every document named in GOLD and print the scorer's per-document and MEAN lines.

    Example: communique eval --gold ../shared/corpus/dev/gold --docs ../shared/corpus/dev
    """
    from communique.pipeline import analyze

    _use_kb(kb)
    if not gold.is_dir():
        error(f"{gold}: no such gold folder")
        raise typer.Exit(2)
    script = scorer or find_scorer(docs, gold)
    if script is None or not script.is_file():
        error(f"no scorer found (looked for eval/score.py near {docs}); pass --scorer")
        raise typer.Exit(2)
    try:
        pairs = gold_files(gold)
    except CommuniqueError as exc:
        error(str(exc))
        raise typer.Exit(2) from exc
    if not pairs:
        error(f"{gold}: no gold files (*.json)")
        raise typer.Exit(2)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        pred_path = pred or Path(tmp) / "pred.jsonl"
        with open(pred_path, "w", encoding="utf-8") as fh:
            for _gf, rel in track(pairs, description="analysing", console=err, transient=True):
                path = docs / rel
                try:
                    doc = analyze(path, only=_only(only))
                except (CommuniqueError, OSError) as exc:
                    err.print(f"error: {path}: {exc}")
                    failed += 1
                    continue
                fh.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        cmd = [sys.executable, str(script), "--gold", str(gold), "--docs", str(docs), "--pred", str(pred_path)]
        res = subprocess.run(cmd + (["--json"] if as_json else []), capture_output=True, text=True)
    if res.returncode != 0:
        error(f"{script} failed: {res.stderr.strip().splitlines()[-1:] or res.returncode}")
        raise typer.Exit(1)
    out.print(res.stdout.rstrip(), markup=False, highlight=False, soft_wrap=True)
    if failed:
        raise typer.Exit(1)
