"""A compound subject is its own target only in acts done together (no default target)."""

from __future__ import annotations

from communique import analyze


def _dyads(text: str) -> list[tuple[str, str | None, str | None]]:
    d = analyze(text)
    country = {e.id: e.country for e in d.entities}
    return [(e.type, country.get(e.source), country.get(e.target)) for e in d.events]


def test_a_joint_accusation_has_no_target_among_its_makers() -> None:
    got = _dyads("Japan and Australia denounced the use of terrorist proxies.")
    assert got and all(t is None for _, _, t in got)
    assert {s for _, s, _ in got} == {"JPN", "AUS"}


def test_a_joint_meeting_still_pairs_its_members() -> None:
    assert _dyads("Hungary and Romania held talks on Wednesday.") == [("CONSULT", "HUN", "ROU")]


def test_actors_a_bare_comma_apart_are_no_compound() -> None:
    d = analyze("If Russia invades Ukraine, the United States will impose severe sanctions.")
    country = {e.id: e.country for e in d.entities}
    assault = [e for e in d.events if e.type == "ASSAULT"]
    assert [(country.get(e.source), country.get(e.target)) for e in assault] == [("RUS", "UKR")]
    assert assault[0].modality == "hypothetical"  # a condition, not an act
