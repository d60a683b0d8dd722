"""The Typer application object that every CLI module adds its commands to.

Shell completion is Typer's own (``communique --install-completion`` or
``--show-completion``); ``communique --version`` prints the installed version.
"""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    # help texts hold literal brackets (`communique[parquet]`): never read them as Rich markup
    rich_markup_mode=None,
    help="communique: turn records of diplomatic encounters into structured, source-attributed data.",
)


def _print_version(value: bool) -> None:
    if value:
        from communique import __version__

        print(f"communique {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """communique: turn records of diplomatic encounters into structured, source-attributed data."""
