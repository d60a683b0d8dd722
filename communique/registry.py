"""One extension point: a named implementation for each stage of the pipeline.

Why: users with a stronger recogniser or event coder should swap one stage
without forking the package, the way spaCy's factories or datasette's plugins
work. Every stage has implementations by name; the built-ins register here
under ``"builtin"``, and a user's choose theirs by

- the Python API: ``communique.analyze(text, use={"entities": "mine"})``;
- the CLI: ``communique analyze FILE --use entities=mine``;
- a package's entry point in the group ``communique.stages``, named
  ``STAGE.NAME`` (``entities.mine = "mypkg.ner:run"``), found on first use;
- or a ``"module:function"`` target given directly as the name
  (``--use entities=mypkg.ner:run``).

An implementation is a plain function ``run(doc) -> None`` that fills the
fields its stage declares in :mod:`communique.pipeline` (``assigns``); the
pipeline checks after the stage ran that it did not write other layers.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from importlib.metadata import entry_points

from communique.model import Document

StageFn = Callable[[Document], None]
Target = str | StageFn

ENTRY_POINT_GROUP = "communique.stages"
BUILTIN = "builtin"

_IMPLEMENTATIONS: dict[str, dict[str, Target]] = {}


class UnknownImplementation(ValueError):
    """A stage was asked for an implementation nobody registered."""


def implementation(stage: str, name: str, target: Target | None = None):
    """Register ``target`` as implementation ``name`` of ``stage``; usable as a decorator.

    >>> @implementation("events", "none")
    ... def no_events(doc): pass
    """

    def add(fn: Target) -> Target:
        _IMPLEMENTATIONS.setdefault(stage, {})[name] = fn
        return fn

    return add(target) if target is not None else add


def _load_builtin(stage: str) -> None:
    """Import the built-in implementation's module, so the stage package can register its named alternatives."""
    target = _IMPLEMENTATIONS.get(stage, {}).get(BUILTIN)
    if isinstance(target, str):
        importlib.import_module(target.partition(":")[0])


def names(stage: str) -> list[str]:
    """The implementations of ``stage`` known now (registered or installed as entry points)."""
    _load_builtin(stage)
    found = set(_IMPLEMENTATIONS.get(stage, {}))
    found.update(ep.name.partition(".")[2] for ep in _entry_points() if ep.name.partition(".")[0] == stage)
    return sorted(found)


def resolve(stage: str, name: str) -> StageFn:
    """The function of implementation ``name`` of ``stage``, imported on demand."""
    target = _IMPLEMENTATIONS.get(stage, {}).get(name)
    if target is None:
        _load_builtin(stage)
        target = _IMPLEMENTATIONS.get(stage, {}).get(name)
    if target is None:
        for ep in _entry_points():
            if ep.name == f"{stage}.{name}":
                target = ep.value
                break
    if target is None and ":" in name:
        target = name  # "module:function" given directly
    if target is None:
        known = ", ".join(names(stage)) or "none"
        raise UnknownImplementation(f"no implementation {name!r} of stage {stage!r}; known: {known}")
    if callable(target):
        return target
    mod, _, attr = target.partition(":")
    try:
        fn = getattr(importlib.import_module(mod), attr or "run")
    except (ImportError, AttributeError) as exc:
        raise UnknownImplementation(
            f"implementation {name!r} of stage {stage!r}: cannot load {target!r}: {exc}"
        ) from exc
    if not callable(fn):
        raise UnknownImplementation(f"implementation {name!r} of stage {stage!r}: {target!r} is not callable")
    return fn


def parse_choices(items: list[str] | None) -> dict[str, str]:
    """``["entities=mine", "events=pkg.mod:fn"]`` as a mapping; a malformed item raises ValueError."""
    out: dict[str, str] = {}
    for item in items or []:
        stage, sep, name = item.partition("=")
        if not sep or not stage.strip() or not name.strip():
            raise ValueError(f"--use wants STAGE=IMPLEMENTATION, got {item!r}")
        out[stage.strip()] = name.strip()
    return out


def _entry_points():
    return entry_points(group=ENTRY_POINT_GROUP)
