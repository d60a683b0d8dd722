"""'At X's initiative, A and B talked': the initiating side is the source of a joint act."""

from __future__ import annotations

from communique import analyze


def _consults(text: str) -> list[tuple[str | None, str | None]]:
    d = analyze(text)
    country = {e.id: e.country for e in d.entities}
    return [(country.get(e.source), country.get(e.target)) for e in d.events if e.type == "CONSULT"]


def test_the_initiator_of_a_joint_call_is_its_source() -> None:
    assert _consults("At the initiative of the Turkish side, Putin and Erdogan talked by phone.") == [("TUR", "RUS")]


def test_a_single_subject_stays_the_source() -> None:
    # the records' gold codes the readout's subject as the source, whoever asked for the call
    got = _consults("Vladimir Putin had a telephone conversation with Barack Obama on the American side's initiative.")
    assert got == [("RUS", "USA")]
