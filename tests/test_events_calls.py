"""A call or a conversation held with someone is a consultation (the core of a readout)."""

from __future__ import annotations

from communique import analyze


def _consults(text: str) -> list[tuple[str | None, str | None]]:
    d = analyze(text)
    country = {e.id: e.country for e in d.entities}
    return [(country.get(e.source), country.get(e.target)) for e in d.events if e.type == "CONSULT"]


def test_had_a_conversation_with() -> None:
    assert _consults("Vladimir Putin had a conversation with the Prime Minister of India, Narendra Modi.") == [
        ("RUS", "IND")
    ]


def test_held_a_call_with() -> None:
    assert [t for _, t in _consults("The President held a call with Chancellor Scholz of Germany.")] == ["DEU"]


def test_talked_about_it_with() -> None:
    assert _consults("Putin said he had talked about it with former president Obama.") == [("RUS", "USA")]


def test_talks_that_dealt_with_a_subject_are_no_new_consultation() -> None:
    assert _consults("The talks dealt with relations between Syria and Russia.") == []


def test_a_reference_to_a_conversation_is_not_one() -> None:
    assert _consults("In our conversation, Putin mentioned India.") == []
