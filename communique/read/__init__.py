"""Inputs -> Documents. (Minimal bootstrap: plain files; the read issue fills this in.)"""

from __future__ import annotations

from pathlib import Path

from communique.errors import InputError
from communique.model import Document, doc_id_for


def read_one(location: str) -> Document:
    p = Path(location)
    if not p.exists():
        raise InputError(location, "no such file or directory")
    data = p.read_bytes()
    text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    return Document(text=text, source=location, id=doc_id_for(data))
