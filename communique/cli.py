"""Command line (bootstrap: analyze only; the foundation issue fills in the rest)."""

from __future__ import annotations

import json
import sys

import typer

from communique.pipeline import analyze as analyze_one

app = typer.Typer(add_completion=False, no_args_is_help=True)


@app.command()
def analyze(paths: list[str], format: str = "jsonl") -> None:
    for p in paths:
        doc = analyze_one(p)
        sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")


@app.command()
def version() -> None:
    from communique import __version__

    print(__version__)


def main() -> None:
    app()
