"""The ordered stages of analysis, their declared contracts, and ``analyze``.

Each stage is a plain function ``run(doc) -> None`` that reads the fields of
the stages before it and fills its own. Every stage *declares* what it
assigns, what it adds to (a layer another stage owns) and what it requires;
:func:`plan` checks that every required field is assigned by an earlier stage
of the plan and fails with a message naming the missing field, and
:func:`run` checks after each stage that it touched no field it did not
declare. The map below, which module fills which field, is generated from
those declarations (``communique stages`` prints it too):

(generated below at import time)

Users choose another implementation of a stage by name (see
:mod:`communique.registry`: ``analyze(..., use={"entities": "mine"})``,
``--use entities=mine``, or an entry point), add their own stage with
:func:`register`, and run a subset with ``analyze(..., only=["turns"])`` (the
stages it needs run too).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique import registry
from communique.model import Document

StageFn = Callable[[Document], None]

# Fields of a Document that exist before any stage runs (the reader fills them).
READ_FIELDS = ("text", "source", "id", "meta", "body_start", "language")
# Scalar fields a stage may assign, compared by value in the contract check.
SCALAR_FIELDS = ("title", "publisher", "published", "kind", "language")
# Layers (lists), compared by length in the contract check.
LAYER_FIELDS = (
    "content", "segments", "entities", "mentions", "encounters", "turns",
    "quotes", "claims", "events", "framing",
)  # fmt: skip


class ContractError(ValueError):
    """A plan that cannot run as ordered, or a stage that wrote a field it did not declare."""


class ContractWarning(UserWarning):
    """A replacement stage left out something later stages rely on (they run, with less)."""


def _entities_have_countries(doc: Document) -> str | None:
    """The events and encounters stages code actors by ``Entity.country``: a recogniser that sets none
    (a COUNTRY entity with no ISO3 code is the plain sign) silently empties them, so say so."""
    countries = [e for e in doc.entities if e.type == "COUNTRY"]
    if countries and not any(e.country for e in countries):
        return (
            "gives no entity a country (ISO3): the events stage codes actors by Entity.country and will find none;"
            " set it for countries and for people and bodies of a state"
        )
    return None


# What later stages expect of a stage's layer beyond its shape, checked when a user's implementation runs.
EXPECTATIONS: dict[str, Callable[[Document], str | None]] = {"entities": _entities_have_countries}


@dataclass
class Stage:
    """One stage: its name, implementation, and declared contract.

    ``assigns``: the fields this stage fills (it owns them); ``extends``:
    layers owned by an earlier stage that it adds items to (declared so a
    reader of the map knows every writer); ``requires``: fields that must be
    assigned by an earlier stage; ``needs``: stages to run first under
    ``only=`` (derived from ``requires`` when not given).
    """

    name: str
    target: str | StageFn  # "module:function" (imported on first use) or a callable
    assigns: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    extends: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    implementation: str = registry.BUILTIN
    _fn: StageFn | None = field(default=None, repr=False)

    @property
    def fn(self) -> StageFn:
        if self._fn is None:
            self._fn = registry.resolve(self.name, self.implementation)
        return self._fn

    @property
    def module(self) -> str:
        """Where the code is, for the map: ``package/module.py`` or the callable's name."""
        target = self.target if self.implementation == registry.BUILTIN else self.fn
        if isinstance(target, str):
            return target.partition(":")[0].removeprefix("communique.").replace(".", "/") + ".py"
        return getattr(target, "__module__", "?") + ":" + getattr(target, "__name__", repr(target))


def _builtin(name: str, target: str, assigns: tuple[str, ...], requires: tuple[str, ...] = (),
             extends: tuple[str, ...] = (), needs: tuple[str, ...] = ()) -> Stage:  # fmt: skip
    registry.implementation(name, registry.BUILTIN, target)
    return Stage(name, target, assigns, requires, extends, needs)


STAGES: list[Stage] = [
    _builtin("clean", "communique.structure.clean:run", ("content",)),
    _builtin(
        "metadata",
        "communique.structure.metadata:run",
        ("title", "publisher", "published", "kind"),
        ("content",),
        needs=("clean",),
    ),
    _builtin(
        "segments", "communique.structure.segments:run", ("segments",), ("content", "kind"), needs=("clean", "metadata")
    ),
    _builtin("turns", "communique.structure.turns:run", ("turns",), ("segments",), ("entities",), needs=("segments",)),
    _builtin("entities", "communique.entities.stage:run", ("entities", "mentions"), ("turns",), needs=("turns",)),
    _builtin(
        "quotes",
        "communique.speech.quotes:run",
        ("quotes",),
        ("entities", "mentions", "turns"),
        ("entities",),
        needs=("entities",),
    ),
    _builtin("claims", "communique.speech.claims:run", ("claims",), ("quotes",), ("entities",), needs=("quotes",)),
    _builtin(
        "encounters", "communique.encounters.stage:run", ("encounters",), ("entities", "mentions"), needs=("entities",)
    ),
    _builtin(
        "events", "communique.events.stage:run", ("events",), ("quotes", "encounters"), needs=("quotes", "encounters")
    ),
    _builtin("framing", "communique.framing.stage:run", ("framing",), ("quotes", "segments"), needs=("quotes",)),
]

# Stages that only read the structure of a record (fast path, see benchmarks/throughput.py)
STRUCTURE = ("clean", "metadata", "segments", "turns")


def stage_names() -> list[str]:
    return [s.name for s in STAGES]


def register(
    name: str,
    fn: StageFn | str,
    after: str | None = None,
    needs: Iterable[str] = (),
    *,
    assigns: Iterable[str] = (),
    requires: Iterable[str] = (),
    extends: Iterable[str] = (),
    replace: bool = False,
) -> Stage:
    """Add a stage of one's own, or replace a built-in one in place.

    ``replace=True`` swaps the implementation of an existing stage and keeps
    its position and contract (unless new ones are given). A new stage goes
    after ``after`` (default: at the end); :func:`plan` then checks that what
    it ``requires`` is assigned before it, so a misordered registration fails
    with a message naming the missing field rather than running wrongly.
    """
    by_name = {s.name: i for i, s in enumerate(STAGES)}
    saved = list(STAGES)
    if name in by_name and not replace:
        raise ContractError(f"stage {name!r} exists; pass replace=True to swap its implementation in place")
    impl = f"user:{getattr(fn, '__name__', fn)}"
    if name in by_name:
        old = STAGES[by_name[name]]
        stage = Stage(
            name, fn, tuple(assigns) or old.assigns, tuple(requires) or old.requires,
            tuple(extends) or old.extends, tuple(needs) or old.needs, impl,
        )  # fmt: skip
        STAGES[by_name[name]] = stage
    else:
        if after is not None and after not in by_name:
            raise ContractError(f"cannot register {name!r} after unknown stage {after!r}; stages: {', '.join(by_name)}")
        deps = tuple(needs) or ((after,) if after else ())
        stage = Stage(name, fn, tuple(assigns), tuple(requires), tuple(extends), deps, impl)
        STAGES.insert(by_name[after] + 1 if after is not None else len(STAGES), stage)
    try:
        check(STAGES)
    except ContractError:
        STAGES[:] = saved  # a refused registration leaves the pipeline as it was
        raise
    registry.implementation(name, impl, fn)
    return stage


def unregister(name: str) -> None:
    """Remove a user stage (tests and notebooks that register temporarily)."""
    STAGES[:] = [s for s in STAGES if s.name != name]


def check(stages: Iterable[Stage]) -> None:
    """Fail with a clear message when a stage requires a field no earlier stage assigns."""
    assigned = set(READ_FIELDS)
    for s in stages:
        missing = [f for f in s.requires if f not in assigned]
        if missing:
            raise ContractError(
                f"stage {s.name!r} requires {', '.join(missing)}, which no stage before it assigns"
                f" (order: {' -> '.join(x.name for x in stages)})"
            )
        assigned.update(s.assigns)


def plan(only: Iterable[str] | None = None, use: Mapping[str, str | StageFn] | None = None) -> list[Stage]:
    """The stages to run, in order: all, or ``only`` plus what they need; ``use`` picks implementations."""
    by_name = {s.name: s for s in STAGES}
    for stage_name in use or {}:
        if stage_name not in by_name:
            raise ValueError(f"unknown stage {stage_name!r} in use=; stages are: {', '.join(by_name)}")
    if only is None:
        chosen = list(STAGES)
    else:
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
        chosen = [s for s in STAGES if s.name in wanted]
    if use:
        chosen = [_with_implementation(s, use[s.name]) if s.name in use else s for s in chosen]
        for s in chosen:
            _ = s.fn  # resolve now: an unknown implementation fails before any document is read
    check(chosen)
    return chosen


def _with_implementation(stage: Stage, name: str | StageFn) -> Stage:
    """The stage with another implementation: a registered name, ``module:function``, or a function itself."""
    if callable(name):
        fn, name = name, f"user:{getattr(name, '__qualname__', repr(name))}"
        registry.implementation(stage.name, name, fn)
    return Stage(stage.name, stage.target, stage.assigns, stage.requires, stage.extends, stage.needs, name)


def describe(stages: Iterable[Stage] | None = None) -> list[dict[str, str]]:
    """One row per stage: name, fields it assigns/extends/requires, implementation and module."""
    rows = []
    for s in STAGES if stages is None else stages:
        rows.append({
            "stage": s.name,
            "assigns": ", ".join(s.assigns),
            "extends": ", ".join(s.extends),
            "requires": ", ".join(s.requires),
            "implementation": s.implementation,
            "module": s.module,
        })  # fmt: skip
    return rows


def _map_table(rows: list[dict[str, str]]) -> str:
    cols = ("stage", "assigns", "extends", "requires", "module")
    width = {c: max(len(c), *(len(r[c]) for r in rows)) for c in cols}
    rule = "  ".join("=" * width[c] for c in cols)
    head = "  ".join(c.ljust(width[c]) for c in cols).rstrip()
    lines = [rule, head, rule]
    lines += ["  ".join((r[c] or "-").ljust(width[c]) for c in cols).rstrip() for r in rows]
    lines.append(rule)
    return "\n".join(lines)


def _snapshot(doc: Document) -> dict[str, Any]:
    state: dict[str, Any] = {f: len(getattr(doc, f)) for f in LAYER_FIELDS}
    state.update({f: getattr(doc, f) for f in SCALAR_FIELDS})
    return state


def run_stage(stage: Stage, doc: Document) -> None:
    """Run one stage and check it wrote only what it declared."""
    before = _snapshot(doc)
    stage.fn(doc)
    after = _snapshot(doc)
    allowed = set(stage.assigns) | set(stage.extends)
    wrote = [f for f in before if before[f] != after[f] and f not in allowed]
    if wrote:
        raise ContractError(
            f"stage {stage.name!r} ({stage.implementation}) changed {', '.join(wrote)}, which it does not declare"
        )
    expect = EXPECTATIONS.get(stage.name)
    if expect is not None and not stage.fn.__module__.startswith("communique."):  # a user's implementation
        problem = expect(doc)
        if problem:
            warnings.warn(f"stage {stage.name!r} ({stage.implementation}) {problem}", ContractWarning, stacklevel=2)


def run(doc: Document, only: Iterable[str] | None = None, use: Mapping[str, str | StageFn] | None = None) -> Document:
    for stage in plan(only, use):
        run_stage(stage, doc)
    return doc


def analyze(
    source: str | Path | Document,
    only: Iterable[str] | None = None,
    use: Mapping[str, str | StageFn] | None = None,
    **read_options: Any,
) -> Document:
    """Analyse one record: a Document, a path, an http(s) URL, or the text itself.

    A string is taken as a path or URL when it looks like one (an existing
    path, or ``http://``/``https://``); otherwise as the text of the record.
    ``read_options`` are those of :func:`communique.read.read_one`; an unknown
    keyword raises TypeError whatever the source (it is never ignored).
    ``use`` maps stage names to implementations: a name (:mod:`communique.registry`), ``module:function``, or a function.
    """
    from communique.read import read_one
    from communique.read.options import ReadOptions

    ReadOptions.from_opts(dict(read_options))  # unknown names raise TypeError, even for raw text
    if isinstance(source, Document):
        doc = source
    elif isinstance(source, Path) or (isinstance(source, str) and _looks_like_location(source)):
        doc = read_one(str(source), **read_options)
    else:
        doc = Document(text=source)
    return run(doc, only, use)


def _looks_like_location(s: str) -> bool:
    if "\n" in s or len(s) > 4096:
        return False
    if s.startswith(("http://", "https://")):
        return True
    try:
        return Path(s).exists()
    except OSError:
        return False


__doc__ = (__doc__ or "").replace("(generated below at import time)", _map_table(describe()))
