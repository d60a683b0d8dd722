"""Compound actors become one event per pair of sides (directed dyads)."""

from __future__ import annotations

from communique import analyze


def _dyads(text: str) -> list[tuple[str, str | None, str | None]]:
    d = analyze(text)
    country = {e.id: e.country for e in d.entities}
    return [(e.type, country.get(e.source), country.get(e.target)) for e in d.events]


def test_compound_target_is_one_event_per_target() -> None:
    assert _dyads("Earlier, Russia held consultations with Damascus and Tehran.") == [
        ("CONSULT", "RUS", "SYR"),
        ("CONSULT", "RUS", "IRN"),
    ]


def test_compound_source_is_one_event_per_source() -> None:
    got = _dyads(
        "German Chancellor Angela Merkel and French President Francois Hollande expressed condolences to Vladimir Putin."
    )
    assert got == [("SUPPORT", "DEU", "RUS"), ("SUPPORT", "FRA", "RUS")]


def test_a_mutual_act_is_not_coded_in_every_direction() -> None:
    got = _dyads("Hungary and Romania agreed to cooperate on refugees.")
    assert sorted(got) == [("AGREE", "HUN", "ROU")]
