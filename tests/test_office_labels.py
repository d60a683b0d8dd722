"""A speaker label that names an office ("THE PRESIDENT:") is its holder on the record's date and side;
a label naming a role nobody is named in ("AIDE:", "OPERATOR:") is an anonymous speaker."""

from __future__ import annotations

from communique.model import Document
from communique.pipeline import run as run_stages


def speakers(text: str, published: str, publisher: str | None = "The White House") -> list[str | None]:
    doc = Document(text=text, published=published, publisher=publisher)
    run_stages(doc)
    names = {e.id: e.name for e in doc.entities}
    return [names.get(t.speaker) if t.speaker else None for t in doc.turns]


BRIEF = "Remarks\n\nTHE PRESIDENT:  Thank you all.\n\nQ  Mr. President, a question.\n\nTHE VICE PRESIDENT:  Good morning.\n\nAIDE:  Thank you, press.\n\nOPERATOR:  Next line.\n"


def test_president_label_is_holder_on_date() -> None:
    assert speakers(BRIEF, "2021-06-10") == ["Joe Biden", None, "Kamala Harris", None, None]
    assert speakers(BRIEF, "2019-03-01")[:3] == ["Donald Trump", None, "Mike Pence"]
    assert speakers(BRIEF, "2025-03-01")[:3] == ["Donald Trump", None, "JD Vance"]


def test_office_label_without_date_or_side_names_nobody_in_particular() -> None:
    out = speakers(BRIEF, None, publisher=None)
    assert "Joe Biden" not in out and "Donald Trump" not in out


def test_role_labels_are_not_people() -> None:
    doc = Document(text=BRIEF, published="2021-06-10", publisher="The White House")
    run_stages(doc)
    names = {e.name.lower() for e in doc.entities if e.type == "PERSON"}
    assert "aide" not in names and "operator" not in names
