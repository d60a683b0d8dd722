"""The open CAMEO verb dictionary as a trigger lexicon, and the coders that use it."""

from __future__ import annotations

from communique import analyze
from communique.events import cameo
from communique.events.coder import coder_names
from communique.model import Document


def _types(text: str) -> list[str]:
    return [t.entry.type for t in cameo.lexicon().find(text)]


def test_codes_map_to_plover_through_the_codebook_table() -> None:
    assert cameo.to_plover("1621")[0] == "SANCTION"  # reduce or stop economic assistance
    assert cameo.to_plover("163")[0] == "COERCE"  # embargo, boycott, sanctions
    assert cameo.to_plover("042:043") == ("CONSULT", "visit")
    assert cameo.to_plover("021")[0] == "REQUEST"  # appeals are requests in PLOVER
    assert cameo.to_plover("010") is None  # a public statement is no PLOVER event
    assert cameo.to_plover("---") is None


def test_verb_patterns_become_typed_triggers() -> None:
    assert _types("The government froze diplomatic relations with Qatar.") == ["SANCTION"]
    assert _types("It recalled its ambassador from Rome.") == ["SANCTION"]
    assert _types("Troops attacked the rebels.") == ["ASSAULT"]


def test_a_null_pattern_shadows_the_bare_verb() -> None:
    # "foil" alone is coded, "foil a plot" is not an event (PETRARCH's [---])
    lines = [(t, p) for t, _m, _f, p, _c in cameo.lexicon_lines() if p.startswith("foil")]
    assert any(t == "NONE" and "plot" in p for t, p in lines)
    assert _types("Police foiled a plot.") == []


def test_the_dictionary_coders_are_plugins() -> None:
    assert {"rules", "cameo", "layered"} <= set(coder_names())
    doc = Document(text="Ghana froze diplomatic relations with Togo.")
    doc.meta["event_coder"] = "cameo"
    ev = analyze(doc).events
    assert [e.type for e in ev] == ["SANCTION"]
