"""The Typer application object that every CLI module adds its commands to."""

from __future__ import annotations

import typer

app = typer.Typer(
    add_completion=False,
    # help texts hold literal brackets (`communique[parquet]`): never read them as Rich markup
    rich_markup_mode=None,
    no_args_is_help=True,
    help="communique: turn records of diplomatic encounters into structured, source-attributed data.",
)
