"""Entities: people, countries, organisations, places and groups, one per referent.

The stage is :func:`communique.entities.stage.run`; other stages query its
layer through :mod:`communique.entities.lookup`; reference data lives in
``entities/data`` and is loaded by :mod:`communique.entities.kb`.
"""

from communique.entities.kb import add_kb_path, get_kb, load_kb

__all__ = ["add_kb_path", "get_kb", "load_kb"]
