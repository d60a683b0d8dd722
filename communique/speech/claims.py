"""Stage placeholder: filled in by its issue."""

from communique.model import Document


def run(doc: Document) -> None:
    return None
