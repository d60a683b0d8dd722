"""The ordered stages of analysis, and ``analyze`` which runs them.

Each stage is a plain function ``run(doc) -> None`` in its own module; it reads
the layers of the stages before it and adds its own. The registry below is the
one place that says which stage fills which field, so a newcomer can find the
code behind any output field here:

=============  =========================================  ==========================
stage          fills                                       module
=============  =========================================  ==========================
clean          content                                     structure/clean.py
metadata       title, publisher, published, kind           structure/metadata.py
segments       segments                                    structure/segments.py
turns          turns (+ speaker entities)                  structure/turns.py
entities       entities, mentions                          entities/stage.py
quotes         quotes                                      speech/quotes.py
claims         claims                                      speech/claims.py
encounters     encounters                                  encounters/stage.py
events         events                                      events/stage.py
framing        framing (+ commentary segments)             framing/stage.py
=============  =========================================  ==========================

Users add their own stage with :func:`register`, and run a subset with
``analyze(..., only=["turns"])`` (the stages it needs run too).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from communique.model import Document

StageFn = Callable[[Document], None]


@dataclass
class Stage:
    name: str
    target: str | StageFn  # "module:function" (imported on first use) or a callable
    needs: tuple[str, ...] = ()
    _fn: StageFn | None = field(default=None, repr=False)

    @property
    def fn(self) -> StageFn:
        if self._fn is None:
            if callable(self.target):
                self._fn = self.target
            else:
                mod, _, attr = self.target.partition(":")
                self._fn = getattr(importlib.import_module(mod), attr or "run")
        return self._fn


STAGES: list[Stage] = [
    Stage("clean", "communique.structure.clean:run"),
    Stage("metadata", "communique.structure.metadata:run", ("clean",)),
    Stage("segments", "communique.structure.segments:run", ("clean", "metadata")),
    Stage("turns", "communique.structure.turns:run", ("segments",)),
    Stage("entities", "communique.entities.stage:run", ("turns",)),
    Stage("quotes", "communique.speech.quotes:run", ("entities",)),
    Stage("claims", "communique.speech.claims:run", ("quotes",)),
    Stage("encounters", "communique.encounters.stage:run", ("entities",)),
    Stage("events", "communique.events.stage:run", ("quotes", "encounters")),
    Stage("framing", "communique.framing.stage:run", ("quotes",)),
]

# Stages that only read the structure of a record (fast path, see benchmarks/throughput.py)
STRUCTURE = ("clean", "metadata", "segments", "turns")


def stage_names() -> list[str]:
    return [s.name for s in STAGES]


def register(name: str, fn: StageFn, after: str | None = None, needs: Iterable[str] = ()) -> None:
    """Add a user stage (after ``after``, default at the end), replacing one of the same name."""
    STAGES[:] = [s for s in STAGES if s.name != name]
    stage = Stage(name, fn, tuple(needs) or ((after,) if after else ()))
    if after is None:
        STAGES.append(stage)
    else:
        idx = next(i for i, s in enumerate(STAGES) if s.name == after)
        STAGES.insert(idx + 1, stage)


def plan(only: Iterable[str] | None = None) -> list[Stage]:
    """The stages to run, in order: all of them, or ``only`` plus what they need."""
    if only is None:
        return list(STAGES)
    by_name = {s.name: s for s in STAGES}
    wanted: set[str] = set()

    def want(n: str) -> None:
        if n not in by_name:
            raise ValueError(f"unknown stage {n!r}; stages are: {', '.join(by_name)}")
        if n not in wanted:
            wanted.add(n)
            for dep in by_name[n].needs:
                want(dep)

    for n in only:
        want(n)
    return [s for s in STAGES if s.name in wanted]


def run(doc: Document, only: Iterable[str] | None = None) -> Document:
    for stage in plan(only):
        stage.fn(doc)
    return doc


def analyze(source: str | Path | Document, only: Iterable[str] | None = None, **read_options: object) -> Document:
    """Analyse one record: a Document, a path, an http(s) URL, or the text itself.

    A string is taken as a path or URL when it looks like one (an existing
    path, or ``http://``/``https://``); otherwise as the text of the record.
    """
    from communique.read import read_one

    if isinstance(source, Document):
        doc = source
    elif isinstance(source, Path) or (isinstance(source, str) and _looks_like_location(source)):
        doc = read_one(str(source), **read_options)  # type: ignore[arg-type]
    else:
        doc = Document(text=source)
    return run(doc, only)


def _looks_like_location(s: str) -> bool:
    if "\n" in s or len(s) > 4096:
        return False
    if s.startswith(("http://", "https://")):
        return True
    try:
        return Path(s).exists()
    except OSError:
        return False
