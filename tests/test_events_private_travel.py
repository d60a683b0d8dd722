"""Private persons who travel are no state consulting another: "Chinese fans visited the World Cup"."""

from __future__ import annotations

from communique import analyze


def _types(text: str) -> list[str]:
    return [e.type for e in analyze(text).events]


def test_fans_and_tourists_visiting_are_no_consultation() -> None:
    assert _types("A record number of Chinese fans visited the World Cup in Qatar.") == []
    assert _types("Chinese tourists visited Japan in record numbers.") == []


def test_an_official_visit_still_is() -> None:
    assert _types("Chinese Premier Li Qiang visited Japan.") == ["CONSULT"]
    assert _types("The Chinese delegation visited Japan.") == ["CONSULT"]
