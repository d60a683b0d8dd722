"""The REST API under ``/api``: JSON views of the store matching the CLI's queries."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
