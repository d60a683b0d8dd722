"""An act spoken of in general ("any attack on ...") is a condition or a rule, not an act that took place."""

from __future__ import annotations

from communique import analyze


def test_any_attack_is_hypothetical() -> None:
    d = analyze("Any attack on the aircraft of the Philippines will invoke our Mutual Defense Treaty commitments.")
    assert d.events and all(e.modality == "hypothetical" for e in d.events if e.type == "ASSAULT")


def test_an_attack_that_happened_is_asserted() -> None:
    d = analyze("Russia attacked Ukraine in February.")
    assert [e.modality for e in d.events if e.type == "ASSAULT"] == ["asserted"]


def test_everything_possible_to_help_is_still_done() -> None:
    d = analyze("Turkey did everything possible to provide assistance to Russia.")
    assert [e.modality for e in d.events if e.type == "AID"] == ["asserted"]
