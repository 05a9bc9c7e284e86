"""api.schema.json: generated from the models, documented field by field, never stale."""

from __future__ import annotations

import json

from generator.model.schema import api_schema, schema_json, undocumented_fields
from tests.conftest import REPO


def test_committed_schema_is_current() -> None:
    committed = (REPO / "api.schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(), "api.schema.json is stale: run `make schema`"


def test_every_field_has_a_description_and_an_example() -> None:
    assert undocumented_fields(api_schema()) == []


def test_api_yaml_points_editors_at_the_schema() -> None:
    first = (REPO / "api.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./api.schema.json"


def test_examples_have_the_fields_types() -> None:
    schema = json.loads(schema_json())
    error = schema["$defs"]["ErrorCode"]["properties"]
    assert error["status"]["examples"] == [401]
    assert error["code"]["examples"] == ["INVALID_TOKEN"]
    assert schema["$defs"]["AuthHeader"]["properties"]["value"]["examples"] == ["Bearer {key}"]


def test_the_real_api_yaml_is_valid_against_the_schema() -> None:
    """What an editor's YAML extension checks as you type: no false alarm on the real file."""
    from jsonschema import Draft202012Validator

    from generator.model.source import read_document

    def plain(value: object) -> object:
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value if isinstance(value, str | int | float | bool | type(None)) else str(value)

    document = plain(read_document(REPO / "api.yaml").data)
    errors = [e.message for e in Draft202012Validator(api_schema()).iter_errors(document)]
    assert errors == []
