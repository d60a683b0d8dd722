"""What the reader imports at run time is declared in pyproject.toml by name.

Why: trafilatura reaches ``lxml.html.clean`` through justext, which asks for it
as the extra ``lxml[html_clean]``; the pip a fresh venv ships (23.x) does not
resolve that extra, so a fresh ``pip install .`` crashed on the first HTML page.
Each distribution the HTML reader needs must therefore be a direct dependency.
"""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# modules imported while reading an HTML page or URL (communique/read/html.py and trafilatura's cleaner)
HTML_READER_MODULES = ("trafilatura", "lxml", "lxml_html_clean", "charset_normalizer", "httpx")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_norm(re.split(r"[<>=!~\[; ]", dep, maxsplit=1)[0]) for dep in project["dependencies"]}


@pytest.mark.parametrize("module", HTML_READER_MODULES)
def test_html_reader_modules_are_core_dependencies(module: str) -> None:
    dists = packages_distributions().get(module)
    assert dists, f"{module} is not installed"
    assert {_norm(d) for d in dists} & _declared(), f"{module} ({dists}) is not a direct dependency in pyproject.toml"


def test_lxml_html_clean_imports() -> None:
    """The module trafilatura needs is importable (fails where only ``lxml`` 5.2+ is installed)."""
    import lxml.html.clean  # noqa: F401


def test_ci_does_not_upgrade_pip_before_installing() -> None:
    """CI installs the project with the pip a fresh venv ships, as the README's commands do."""
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert not re.search(r"pip install[^\n]*--upgrade pip|pip install[^\n]*-U pip", script)
