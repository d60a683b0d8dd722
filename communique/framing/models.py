"""The pluggable interface behind the framing stage, and its default lexicon model.

The stage never calls a lexicon directly: it asks the current ``FramingModel``
for paragraph scores and loaded spans. The default is rules and lexicons
(offline, fast, documented in README.md); a user with a trained classifier
implements the two methods and installs it with :func:`set_model`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from communique.framing.loaded import LoadedHit, find_loaded
from communique.framing.score import score_paragraph

Span = tuple[int, int]


@runtime_checkable
class FramingModel(Protocol):
    """What the framing stage needs from a model.

    Offsets are into ``text`` (the flattened document); scores are in [0, 1],
    0.5 meaning undecided, so thresholds stay the same whichever model is used.
    """

    def commentary_scores(self, text: str, paragraphs: Sequence[Span]) -> list[float]:
        """Probability-like score that each paragraph is the writer's own evaluative voice."""
        ...

    def loaded_spans(self, text: str, start: int = 0, end: int | None = None) -> list[LoadedHit]:
        """Loaded phrases in ``text[start:end]`` with their SemEval technique."""
        ...


class LexiconModel:
    """Cue lexicons and patterns: see ``score.py`` and ``loaded.py``."""

    def commentary_scores(self, text: str, paragraphs: Sequence[Span]) -> list[float]:
        return [score_paragraph(text, s, e).score for s, e in paragraphs]

    def loaded_spans(self, text: str, start: int = 0, end: int | None = None) -> list[LoadedHit]:
        return find_loaded(text, start, end)


_MODEL: FramingModel = LexiconModel()


def get_model() -> FramingModel:
    return _MODEL


def set_model(model: FramingModel) -> FramingModel:
    """Install ``model`` for every later analysis; returns the previous one so a test can restore it."""
    global _MODEL
    if not isinstance(model, FramingModel):
        raise TypeError("a framing model needs commentary_scores(text, paragraphs) and loaded_spans(text, start, end)")
    previous, _MODEL = _MODEL, model
    return previous
