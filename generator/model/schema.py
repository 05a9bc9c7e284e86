"""The JSON Schema of api.yaml, for editors: generated from the models, with a description and
an example for every field, both taken from the field's docstring (``e.g. ``value````)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from ruamel.yaml import YAML

from .models import Spec

__all__ = ["api_schema", "schema_json", "undocumented_fields"]

_EXAMPLE = re.compile(r"e\.g\.\s+``(.+?)``", re.DOTALL)


def api_schema() -> dict[str, Any]:
    schema = Spec.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": "https://trustleads.ai/guides/api.schema.json", **schema,
              "title": "api.yaml — the Trust Leads API guides"}
    for _name, prop in _properties(schema):
        description = prop.get("description", "")
        examples = [_typed(" ".join(m.split()), prop) for m in _EXAMPLE.findall(description)]
        if examples:
            prop["examples"] = examples
        if description:
            prop["description"] = " ".join(description.replace("``", "`").split())
    return schema


def schema_json() -> str:
    return json.dumps(api_schema(), indent=2, ensure_ascii=False) + "\n"


def undocumented_fields(schema: dict[str, Any]) -> list[str]:
    """Fields whose docstring gives no description or no ``e.g.`` example."""
    return [name for name, prop in _properties(schema)
            if not prop.get("description") or not prop.get("examples")]


def _properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    models = [("", schema), *schema.get("$defs", {}).items()]
    for model_name, model in models:
        for name, prop in model.get("properties", {}).items():
            yield f"{model_name or 'Spec'}.{name}", prop


def _typed(text: str, prop: dict[str, Any]) -> Any:
    """An example as the field's type: strings stay as written, the rest is read as YAML."""
    kinds = {prop.get("type")} | {option.get("type") for option in prop.get("anyOf", [])}
    if "string" in kinds and not kinds & {"array", "object", "integer", "boolean"}:
        return text
    return YAML(typ="safe").load(text)
