"""The entities stage's actor gazetteer (communique/entities/actors.py): demonyms, metonyms,
blocs and bodies become entities with their country, so the events stage never has to make one."""

from __future__ import annotations

from communique import analyze
from communique.entities.actors import add_actor_mentions, find_actor_names
from communique.events.stage import run as run_events
from communique.model import Document


def _mentioned(doc: Document) -> dict[str, tuple[str, str | None]]:
    out = {}
    for m in doc.mentions:
        ent = doc.entity(m.entity)
        if ent is not None:
            out[doc.text[m.start : m.end]] = (ent.type, ent.country)
    return out


def test_names_found_in_one_pass():
    text = "The Kremlin said Guatemalan troops and the West, WHO and Amnesty International met in Western Cambodia."
    got = [(text[s:e], a.code, a.kind) for s, e, a in find_actor_names(text)]
    assert ("Kremlin", "RUS", "organ") in got
    assert ("Guatemalan", "GTM", "demonym") in got
    assert ("Amnesty International", "NGO", "org") in got
    assert ("Cambodia", "KHM", "country") in got
    assert not any(s == "Western" for s, _, _ in got)  # "Western Cambodia" is a region


def test_capitals_and_possessives_but_not_capitalised_words():
    text = "Russia's envoy went to Dili. THE US AND WHO."
    got = {text[s:e]: a.code for s, e, a in find_actor_names(text)}
    assert got.get("Russia") == "RUS" and got.get("Dili") == "TLS"
    assert "US" not in got and "WHO" not in got  # words of an all-capitals line


def test_stage_adds_what_the_rest_of_the_stage_left_bare():
    doc = analyze("Guatemalan troops attacked a village. Amnesty International criticised Dili.", only=["entities"])
    got = _mentioned(doc)
    assert got["Guatemalan"] == ("COUNTRY", "GTM")
    assert got["Amnesty International"] == ("ORG", None)
    assert got["Dili"] == ("PLACE", "TLS")


def test_reuses_entities_and_is_idempotent():
    doc = analyze("Guatemala said Guatemalan troops left.", only=["entities"])
    countries = [e for e in doc.entities if e.country == "GTM"]
    assert len(countries) == 1
    n_ents, n_ments = len(doc.entities), len(doc.mentions)
    add_actor_mentions(doc)
    assert (len(doc.entities), len(doc.mentions)) == (n_ents, n_ments)


def test_longer_name_wins_and_titles_give_a_country():
    doc = analyze("Israel reimposed blockades in the West Bank.", only=["entities"])
    got = _mentioned(doc)
    assert (got.get("West Bank") or got.get("the West Bank") or (None, None))[1] == "PSE"
    assert "the West" not in _mentioned(doc)
    doc = analyze("British Defence Secretary Tom King promised aid to Mozambique.", only=["entities"])
    people = [e for e in doc.entities if e.type == "PERSON"]
    assert people and all(p.country == "GBR" for p in people)


def test_events_stage_adds_no_entities():
    doc = analyze("Guatemalan troops attacked a Mexican village, the Kremlin said.", only=["quotes", "encounters"])
    before = [(e.id, e.type, e.name, e.country) for e in doc.entities]
    mentions = len(doc.mentions)
    run_events(doc)
    assert doc.events
    assert [(e.id, e.type, e.name, e.country) for e in doc.entities] == before
    assert len(doc.mentions) == mentions
