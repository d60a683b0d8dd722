"""The events stage on crafted sentences: every PLOVER type, modes, modality,
compound actors, speaker-relative actors in a transcript, export."""

from __future__ import annotations

import pytest

from communique import analyze
from communique.events.coder import RuleCoder, coder_names, get_coder
from communique.events.export import plover_records, write_csv
from communique.events.lexicon import TYPES, inflect, load
from communique.model import Document, Entity, Turn


def code(text: str, **kw) -> tuple[Document, list]:
    """The stages events read (entities, quotes, encounters), then the rule coder."""
    doc = analyze(Document(text=text, **kw), only=["quotes", "encounters"])
    return doc, RuleCoder().code(doc)


def country(doc: Document, eid: str | None) -> str | None:
    e = doc.entity(eid)
    return e.country if e else None


def one(text: str):
    doc, evs = code(text)
    assert evs, f"no event in {text!r}"
    ev = evs[0]
    return ev.type, country(doc, ev.source), country(doc, ev.target), ev


TYPE_CASES = [
    ("Egypt and Jordan agreed to reopen the crossing.", "AGREE", "EGY", "JOR"),
    ("The Indian foreign minister met with his Chinese counterpart in Beijing.", "CONSULT", "IND", "CHN"),
    ("Canada praised Norway for its mediation.", "SUPPORT", "CAN", "NOR"),
    ("The Kenyan government released the detained Somali fishermen.", "CONCEDE", "KEN", "SOM"),
    ("French and German police shared intelligence with Belgium.", "COOPERATE", "FRA", "BEL"),
    ("Japan donated medical supplies to Nepal.", "AID", "JPN", "NPL"),
    ("Armenian troops withdrew from the Azerbaijani villages.", "RETREAT", "ARM", "AZE"),
    ("Peru demanded that Chile return the documents.", "REQUEST", "PER", "CHL"),
    ("Ghana accused Togo of harbouring rebels.", "ACCUSE", "GHA", "TGO"),
    ("Poland rejected a Belarusian proposal on the border.", "REJECT", "POL", "BLR"),
    ("Pakistan threatened to close its airspace to India.", "THREATEN", "PAK", "IND"),
    ("Thousands of Chilean students demonstrated in Santiago against the reform.", "PROTEST", "CHL", "CHL"),
    ("Sweden imposed sanctions on Iran over the executions.", "SANCTION", "SWE", "IRN"),
    ("Serbia mobilized reservists near the Kosovo border.", "MOBILIZE", "SRB", "KOS"),  # the entities KB's code
    ("Turkish police arrested 20 Syrian nationals in Istanbul.", "COERCE", "TUR", "SYR"),
    ("Sudanese militiamen attacked a Chadian border town.", "ASSAULT", "SDN", "TCD"),
]


@pytest.mark.parametrize("text,typ,src,tgt", TYPE_CASES)
def test_each_plover_type(text, typ, src, tgt):
    got_type, got_src, got_tgt, _ = one(text)
    assert (got_type, got_src, got_tgt) == (typ, src, tgt)


def test_lexicon_covers_all_sixteen_types():
    assert {e.type for e in load().entries} == set(TYPES)
    assert set(inflect("accus")) >= {"accuse", "accused", "accuses", "accusing"}


def test_modes():
    assert one("Greece hosted the Turkish prime minister in Athens.")[3].mode == "host"
    assert one("The Italian president visited Albania on Monday.")[3].mode == "visit"
    assert one("Kenya launched an investigation into Ugandan smuggling networks.")[3].mode == "investigate"
    assert one("Egyptian students began a hunger strike in Cairo.")[3].mode == "hunger"


def test_future_meeting_is_agree_and_hostile_intent_is_threaten():
    typ, src, tgt, ev = one("The Chilean president will visit Bolivia next month.")
    assert (typ, src, tgt, ev.modality) == ("AGREE", "CHL", "BOL", "intended")
    typ, src, tgt, ev = one("Iran said it would expel French diplomats.")
    assert (typ, src, tgt) == ("THREATEN", "IRN", "FRA")


def test_negated_and_hypothetical_are_kept_and_marked():
    _, _, _, ev = one("Mexico has not sanctioned Cuba.")
    assert ev.modality == "negated"
    typ, _, _, ev = one("Hungary said it will never accept refugees from Serbia.")
    assert typ == "REJECT"
    _, _, _, ev = one("If talks fail, Colombia might attack Venezuelan camps.")
    assert ev.modality == "hypothetical"


def test_compound_actors():
    doc, evs = code("Russia and Syria condemned Israel.")
    ev = evs[0]
    assert [country(doc, x) for x in ev.sources] == ["RUS", "SYR"]
    assert country(doc, ev.source) == "RUS" and country(doc, ev.target) == "ISR"


def test_evidence_span_is_the_sentence():
    text = "It rained. Norway thanked Sweden for its help. Nothing else."
    doc, evs = code(text)
    assert text[evs[0].start : evs[0].end] == "Norway thanked Sweden for its help."


def _transcript() -> Document:
    a = "Maria Lopez: I thank you for your support to our people. We agreed to open new consulates."
    b = "\nJan Novak: We will send medical teams to your country."
    text = a + b
    doc = Document(text=text)
    doc.entities = [
        Entity("p1", "PERSON", "Maria Lopez", ["Maria Lopez"], country="ESP"),
        Entity("p2", "PERSON", "Jan Novak", ["Jan Novak"], country="CZE"),
    ]
    doc.turns = [
        Turn(0, len(a), "p1", "Maria Lopez", body_start=len("Maria Lopez: ")),
        Turn(len(a) + 1, len(text), "p2", "Jan Novak", body_start=len(a) + 1 + len("Jan Novak: ")),
    ]
    return doc


def test_speaker_relative_actors_in_a_transcript():
    doc = _transcript()
    evs = RuleCoder().code(doc)
    got = [(e.type, country(doc, e.source), country(doc, e.target), e.speaker) for e in evs]
    assert ("SUPPORT", "ESP", "CZE", "p1") in got  # "I thank you": speaker's country to the other party
    assert ("AGREE", "ESP", "CZE", "p1") in got  # "we agreed": target-less, the other party
    assert ("AGREE", "CZE", "ESP", "p2") in got  # "we will send ... to your country": a promise


def test_coder_registry_and_stage():
    assert "rules" in coder_names()
    assert get_coder("rules") is get_coder("rules")
    from communique.events.stage import run

    doc = analyze("Norway thanked Sweden.", only=["quotes", "encounters"])
    run(doc)
    assert doc.events and doc.events[0].type == "SUPPORT"
    bare = Document(text="Norway thanked Sweden.")
    run(bare)  # without the entities stage there are no actors: the events stage makes none
    assert bare.events == [] and bare.entities == []


def test_export_records_and_csv():
    doc, evs = code("Norway thanked Sweden for its help.")
    doc.events = evs
    recs = plover_records(doc)
    assert recs[0]["event"] == "SUPPORT" and recs[0]["actor"][0]["code"] == "NOR"
    assert recs[0]["recipient"][0]["code"] == "SWE"
    assert recs[0]["text_info"] == {"start": 0, "end": len(doc.text), "trigger": "thanked"}
    out = write_csv([doc])
    assert out.splitlines()[0].startswith("id,date,source_document,event")
    assert "NOR" in out.splitlines()[1]


def test_the_person_addressed_is_not_the_subject():
    text = (
        "President of Iran Hassan Rouhani: Mr President, welcome to Iran.\n\n"
        "President of Russia Vladimir Putin: Mr President, on my behalf, I would like to thank you for "
        "organising today’s visit.\n\nVladimir Putin, speaking in Sochi, thanked Turkey for its help."
    )
    doc = analyze(text)
    country = lambda eid: doc.entity(eid).country if doc.entity(eid) else None  # noqa: E731
    got = [(ev.type, country(ev.source), country(ev.target)) for ev in doc.events]
    assert ("SUPPORT", "RUS", "IRN") in got  # Putin thanks Rouhani, not the other way round
    assert ("SUPPORT", "IRN", "RUS") not in got
    assert ("SUPPORT", "RUS", "TUR") in got  # an appositive after the subject is no address


def test_fighting_a_disease_or_a_social_ill_attacks_no_one():
    text = (
        "Vladimir Putin and Recep Tayyip Erdogan discussed joint efforts to combat this infection. "
        "Russia and Turkey will fight the pandemic and corruption together. Russian troops fought Turkish troops."
    )
    doc = analyze(text)
    types = [(ev.type, ev.trigger) for ev in doc.events]
    assert not any(t in ("ASSAULT", "THREATEN") and trig in ("combat", "fight") for t, trig in types)
    assert ("ASSAULT", "fought") in types


def test_a_military_strike_is_an_assault_and_a_labour_strike_a_protest():
    doc = analyze(
        "On September 16, American aircraft launched a strike against Syrian army forces. "
        "Israel carried out strikes on Syria. Workers went on strike against the reform in France."
    )
    country = lambda eid: doc.entity(eid).country if doc.entity(eid) else None  # noqa: E731
    got = [(ev.type, country(ev.source), country(ev.target)) for ev in doc.events]
    assert ("ASSAULT", "USA", "SYR") in got and ("ASSAULT", "ISR", "SYR") in got
    assert ("PROTEST", "USA", "SYR") not in got
    assert any(t == "PROTEST" for t, _, _ in got)
