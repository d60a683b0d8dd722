"""Stage contracts and the one extension point (issue 16, items 4 and 5).

The two example plugins under ``tests/example_plugins/`` (a replacement
recogniser and a replacement event coder) run end to end through the Python
API, the CLI option and an installed entry point.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import communique
from communique import pipeline, registry
from communique.lexicon import PLOVER_TYPES
from communique.model import Document

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))  # the example plugins are importable as ``example_plugins.*``

RECOGNISER = "example_plugins.capitals_ner:run"
CODER = "example_plugins.meeting_coder:run"
TEXT = (
    "Foreign Minister Penny Wong met with Mauro Vieira of Brazil in Canberra.\nAustralia and Brazil spoke with Chile."
)


@pytest.fixture
def restore_stages():
    saved = list(pipeline.STAGES)
    yield
    pipeline.STAGES[:] = saved


def test_every_builtin_requirement_is_assigned_before_it():
    pipeline.check(pipeline.STAGES)  # raises on a broken order
    assigned = set(pipeline.READ_FIELDS)
    for stage in pipeline.STAGES:
        assert set(stage.requires) <= assigned, stage.name
        assigned |= set(stage.assigns)


def test_each_layer_has_one_owner():
    owners: dict[str, str] = {}
    for stage in pipeline.STAGES:
        for f in stage.assigns:
            assert f not in owners, f"{f} assigned by {owners.get(f)} and {stage.name}"
            owners[f] = stage.name


def test_misordered_registration_names_the_missing_field(restore_stages):
    with pytest.raises(pipeline.ContractError, match="requires entities"):
        pipeline.register("my_stage", lambda doc: None, after="clean", requires=("entities",))
    assert "my_stage" not in pipeline.stage_names() or pytest.fail("a refused stage must not stay registered")


def test_registering_an_existing_name_needs_replace(restore_stages):
    with pytest.raises(pipeline.ContractError, match="replace=True"):
        pipeline.register("entities", lambda doc: None)


def test_replace_keeps_the_position_and_contract(restore_stages):
    order = pipeline.stage_names()
    pipeline.register("entities", RECOGNISER, replace=True)
    assert pipeline.stage_names() == order
    stage = next(s for s in pipeline.STAGES if s.name == "entities")
    assert stage.assigns == ("entities", "mentions")
    doc = communique.analyze(TEXT)
    assert any(e.kb_id == "plugin:capitals" for e in doc.entities)


def test_a_stage_writing_an_undeclared_layer_is_refused(restore_stages):
    def sneaky(doc: Document) -> None:
        doc.quotes.append(object())  # type: ignore[arg-type]

    pipeline.register("sneaky", sneaky, after="turns", assigns=("framing",))
    with pytest.raises(pipeline.ContractError, match="sneaky.*quotes"):
        communique.analyze("A text.", only=["sneaky"])


def test_analyze_rejects_unknown_keywords_for_raw_text():
    with pytest.raises(TypeError, match="event_coder"):
        communique.analyze("Some text of a record.", event_coder="llm")


def test_unknown_implementation_is_a_clear_error():
    with pytest.raises(registry.UnknownImplementation, match="no implementation 'nope' of stage 'entities'"):
        communique.analyze("Text.", use={"entities": "nope"})
    with pytest.raises(ValueError, match="unknown stage 'entitys'"):
        communique.analyze("Text.", use={"entitys": "builtin"})


def test_recogniser_plugin_through_the_python_api():
    doc = communique.analyze(TEXT, use={"entities": RECOGNISER})
    names = {e.name: e for e in doc.entities}
    assert names["Mauro Vieira"].kb_id == "plugin:capitals"
    assert names["Brazil"].country == "BRA"
    for m in doc.mentions:
        assert doc.text[m.start : m.end] in {e.name for e in doc.entities if e.id == m.entity}
    # the built-in stages after it ran on its entities
    assert doc.events is not None


def test_coder_plugin_through_the_python_api():
    doc = communique.analyze(TEXT, use={"entities": RECOGNISER, "events": CODER})
    assert [(e.type, doc.entity(e.source).name, doc.entity(e.target).name) for e in doc.events] == [
        ("CONSULT", "Australia", "Brazil")
    ]


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), *sys.path])}
    return subprocess.run(
        [sys.executable, "-m", "communique", *args], capture_output=True, text=True, env=env, timeout=300
    )


def test_plugins_through_the_cli_option(tmp_path):
    path = tmp_path / "record.txt"
    path.write_text(TEXT, encoding="utf-8")
    done = _cli("analyze", str(path), "--use", f"entities={RECOGNISER}", "--use", f"events={CODER}")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    ents = {e["id"]: e["name"] for e in record["entities"]}
    assert [(ev["type"], ents[ev["source"]], ents[ev["target"]]) for ev in record["events"]] == [
        ("CONSULT", "Australia", "Brazil")
    ]


def test_cli_option_errors_are_one_line(tmp_path):
    path = tmp_path / "record.txt"
    path.write_text(TEXT, encoding="utf-8")
    done = _cli("analyze", str(path), "--use", "entities")
    assert done.returncode == 2
    assert "STAGE=IMPLEMENTATION" in done.stderr and "Traceback" not in done.stderr
    done = _cli("analyze", str(path), "--use", "events=no_such")
    assert done.returncode == 2 and "no implementation 'no_such' of stage 'events'" in done.stderr


def test_plugin_found_through_an_entry_point(tmp_path, monkeypatch):
    dist = tmp_path / "example_plugins-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: example-plugins\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(f"[{registry.ENTRY_POINT_GROUP}]\nentities.capitals = {RECOGNISER}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "capitals" in registry.names("entities")
    doc = communique.analyze(TEXT, use={"entities": "capitals"})
    assert any(e.kb_id == "plugin:capitals" for e in doc.entities)


def test_the_map_in_pipeline_is_generated_from_the_contracts():
    doc = pipeline.__doc__ or ""
    for stage in pipeline.STAGES:
        line = next(ln for ln in doc.splitlines() if ln.startswith(stage.name + " "))
        for f in stage.assigns:
            assert f in line


def test_a_recogniser_that_sets_no_country_is_warned_about():
    def countryless(doc: Document) -> None:
        doc.new_entity("PERSON", "Penny Wong")
        doc.new_entity("COUNTRY", "Brazil")

    with pytest.warns(pipeline.ContractWarning, match="no entity a country"):
        communique.analyze(TEXT, use={"entities": countryless})


def test_builtin_alternatives_are_chosen_through_the_same_extension_point():
    """The recogniser and the event coder the stages ship are picked per analysis by ``use=``, not by a
    process-wide setting: ``entities=none`` (lists and cues only) finds fewer names than the CRF."""
    text = "We welcomed Brett McGurk and Weijia Jiang to the conference, as did Prime Minister Narendra Modi."
    with_crf = {e.name for e in communique.analyze(text, use={"entities": "crf"}).entities}
    lists_only = {e.name for e in communique.analyze(text, use={"entities": "none"}).entities}
    assert {"Brett McGurk", "Weijia Jiang"} <= with_crf and not {"Brett McGurk", "Weijia Jiang"} & lists_only
    assert "Narendra Modi" in lists_only  # a listed office holder needs no recogniser
    assert {e.name for e in communique.analyze(text).entities} == with_crf  # the default is unchanged
    assert {"rules", "cameo", "layered"} <= set(registry.names("events"))
    doc = communique.analyze(TEXT, use={"events": "cameo"})
    assert all(ev.type in PLOVER_TYPES for ev in doc.events)
