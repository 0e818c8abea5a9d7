"""The JSON Schema editors use: generated from the model, committed, and honoured by the bundled files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from wargame.loading.schema import SCHEMA_DIR, schema_texts

ROOT = Path(__file__).parents[1]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
RULES = sorted((ROOT / "rules").glob("*.yaml"))


def as_json(value):
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_the_committed_schemas_are_what_the_generator_writes():
    for name, text in schema_texts().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, f"{name} is stale: run `wargame schema`"


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_bundled_scenario_honours_the_schema(path):
    data = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = [
        f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator("scenario.schema.json").iter_errors(data)
    ]
    assert errors == []


@pytest.mark.parametrize("path", RULES, ids=[p.stem for p in RULES])
def test_every_bundled_rule_set_honours_the_schema(path):
    data = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert list(validator("rules.schema.json").iter_errors(data)) == []


@pytest.mark.parametrize("path", SCENARIOS + RULES, ids=[p.stem for p in SCENARIOS + RULES])
def test_every_bundled_file_names_its_schema_for_editors(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    kind = "rules" if path.parent.name == "rules" else "scenario"
    assert first == f"# yaml-language-server: $schema=../wargame/schemas/{kind}.schema.json"


def test_the_schema_catches_what_the_loader_catches():
    data = as_json(yaml.safe_load(SCENARIOS[0].read_text(encoding="utf-8")))
    data["map"]["routes"][0]["kind"] = "motorway"
    data["sides"]["blue"]["units"][0]["strenght"] = 3
    messages = [e.message for e in validator("scenario.schema.json").iter_errors(data)]
    assert any("motorway" in m for m in messages)
    assert any("strenght" in m for m in messages)
