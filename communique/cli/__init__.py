"""The ``communique`` command. Each area of the tool adds its commands from its own module.

``core`` holds analyze/ingest/show/search/turns/export/eval; ``entities``,
``speech``, ``encounters``, ``framing``, ``web`` and ``scale`` add theirs.
"""

from __future__ import annotations

import importlib

from communique.cli.app import app

_AREAS = ("core", "entities", "speech", "encounters", "charts", "framing", "evaluate", "web", "scale")
for _area in _AREAS:
    try:
        importlib.import_module(f"communique.cli.{_area}")
    except ModuleNotFoundError as exc:  # an area not written yet
        if exc.name != f"communique.cli.{_area}":
            raise


def main() -> None:
    app()


__all__ = ["app", "main"]
