"""The CLI's two consoles, with Rich markup off, and the one way to print an error or a warning.

Why markup off: almost everything printed holds text the user did not write as
markup — install hints (``pip install 'communique[web]'``), paths, URLs
(``http://[::1]:8000``), titles and quotes from the records — and Rich reads any
``[word]`` in them as a style tag and drops it. Styling is applied with
``rich.text.Text`` instead, so no string is ever parsed.
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.text import Text

out = Console(width=None if sys.stdout.isatty() else 160, markup=False)
err = Console(stderr=True, soft_wrap=True, markup=False)


def labelled(label: str, style: str, message: str) -> Text:
    """``label: message`` with only the label styled; ``message`` is printed as written."""
    return Text.assemble((f"{label}:", style), " ", message)


def error(message: str) -> None:
    """One ``error: …`` line on standard error."""
    err.print(labelled("error", "red", message))


def warning(message: str) -> None:
    err.print(labelled("warning", "yellow", message))


def print_failed(message: str) -> None:
    err.print(labelled("failed", "red", message))


def bold(head: str, rest: str = "") -> Text:
    """``head`` in bold followed by ``rest``, neither parsed as markup."""
    return Text.assemble((head, "bold"), rest)
