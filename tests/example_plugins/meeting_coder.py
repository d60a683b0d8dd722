"""Example plugin: a replacement PLOVER event coder (the events stage's extension point).

Codes one CONSULT for every sentence holding "met with" or "spoke with",
from the first to the second country-bearing entity mentioned in it. It shows
what a coder has to do: fill ``doc.events`` with spans and entity ids whose
``country`` gives the actor's state.
"""

from __future__ import annotations

import re

from communique.model import Document, Event

CUE = re.compile(r"\b(?:met|spoke) with\b")
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def run(doc: Document) -> None:
    with_country = {e.id for e in doc.entities if e.country}
    events = []
    for sent in SENTENCE.finditer(doc.text):
        if not CUE.search(sent.group()):
            continue
        actors = []
        for m in doc.mentions:
            if sent.start() <= m.start < sent.end() and m.entity in with_country and m.entity not in actors:
                actors.append(m.entity)
        if len(actors) >= 2:
            events.append(Event(sent.start(), sent.end(), "CONSULT", actors[0], actors[1], None))
    doc.events = events
