"""The events stage: code PLOVER events into ``doc.events``.

The coder is chosen by name: ``doc.meta["event_coder"]``, else the
environment variable ``COMMUNIQUE_EVENT_CODER``, else ``"rules"`` (see
:mod:`communique.events.coder` for the interface and how to plug in another).
"""

from __future__ import annotations

import os

from communique.events.coder import get_coder
from communique.model import Document


def run(doc: Document) -> None:
    name = str(doc.meta.get("event_coder") or os.environ.get("COMMUNIQUE_EVENT_CODER") or "rules")
    doc.events = get_coder(name).code(doc)
