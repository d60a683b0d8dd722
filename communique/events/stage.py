"""The events stage: code PLOVER events into ``doc.events``.

The coder is chosen by name: ``doc.meta["event_coder"]``, else the
environment variable ``COMMUNIQUE_EVENT_CODER``, else ``"rules"`` (see
:mod:`communique.events.coder` for the interface and how to plug in another).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from communique import registry
from communique.events.coder import coder_names, get_coder
from communique.model import Document


def run(doc: Document) -> None:
    name = str(doc.meta.get("event_coder") or os.environ.get("COMMUNIQUE_EVENT_CODER") or "rules")
    doc.events = get_coder(name).code(doc)


def _with_coder(name: str) -> Callable[[Document], None]:
    """The events stage with the named coder: how ``use={"events": "cameo"}`` (``--use events=cameo``)
    chooses one for an analysis, through the pipeline's one extension point."""

    def run_with(doc: Document) -> None:
        doc.events = get_coder(name).code(doc)

    run_with.__name__ = f"code_with_{name}"
    return run_with


for _name in coder_names():
    registry.implementation("events", _name, _with_coder(_name))
