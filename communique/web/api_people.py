"""The ``who`` query for the API; the query itself lives in :mod:`communique.entities.queries`."""

from __future__ import annotations

from communique.entities.queries import person_mentions, same_person

__all__ = ["person_mentions", "same_person"]
