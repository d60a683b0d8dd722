"""The JSON Schema of the output contract (shipped in the package) holds for real output: the bundled examples
and the dev records, analysed now; offsets also lie inside the text (which a schema cannot say)."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

import communique
from communique.model import LAYERS

jsonschema = pytest.importorskip("jsonschema")


@pytest.fixture(scope="module")
def validator():
    schema = json.loads((files("communique") / "contract.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _check(validator, record: dict) -> None:
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(record)]
    assert not problems, f"{record['source']}: {problems[:5]}"
    n = len(record["text"])
    for s, e in record["content"]:
        assert 0 <= s <= e <= n
    for layer in LAYERS:
        for item in record[layer]:
            if "start" in item:
                assert 0 <= item["start"] <= item["end"] <= n, (record["source"], layer, item)


def test_schema_rejects_a_broken_record(validator):
    record = communique.analyze("President Vladimir Putin met Foreign Minister Sergei Lavrov.").to_dict()
    validator.validate(record)
    del record["turns"]
    record["kind"] = "poem"
    assert len(list(validator.iter_errors(record))) == 2


def test_examples_follow_the_schema(validator):
    folder = files("communique") / "examples"
    for path in sorted(p for p in folder.iterdir() if p.name.endswith((".txt", ".md"))):
        _check(validator, communique.analyze(str(path)).to_dict())


@pytest.mark.slow
def test_dev_records_follow_the_schema(validator, dev_dir):
    paths = sorted(dev_dir.glob("*.txt"))
    assert paths
    for path in paths:
        _check(validator, communique.analyze(str(path)).to_dict())
