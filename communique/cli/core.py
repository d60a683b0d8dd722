"""Core commands: analyze (bootstrap)."""

from __future__ import annotations

import json
import sys

from communique.cli.app import app
from communique.pipeline import analyze as analyze_one


@app.command()
def analyze(paths: list[str], format: str = "jsonl") -> None:
    """Analyse records and print them in the output contract."""
    for p in paths:
        doc = analyze_one(p)
        sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")


@app.command()
def version() -> None:
    """Print communique's version."""
    from communique import __version__

    print(__version__)
