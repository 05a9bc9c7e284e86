"""The error catalog as OpenAPI components: one schema, one reusable response per code."""

from __future__ import annotations

from typing import Any

from ..model import ErrorCode, Spec
from .values import concrete, merge_schemas, schema_of

__all__ = ["ANY_REQUEST_CATEGORIES", "error_components", "error_response", "headers_object"]

#: Categories of codes any request can get, whatever the endpoint: every one is authenticated.
ANY_REQUEST_CATEGORIES = ("authentication", "rate_limit")

_ERROR_SCHEMA = "#/components/schemas/Error"


def error_components(spec: Spec) -> dict[str, Any]:
    """``schemas.Error``, and per code ``responses.<CODE>`` and ``examples.<CODE>``."""
    return {
        "schemas": {"Error": {
            "type": "object",
            # Like every object of the API, an error body may gain fields (a request id).
            "description": "The body of every error response; it may gain fields, which "
                           "clients ignore.",
            "required": ["error", "message", "docs"],
            "properties": {
                "error": {"type": "string", "enum": [e.code for e in spec.errors],
                          "description": "The code, as listed in the error catalog."},
                "message": {"type": "string", "description": "A sentence for humans."},
                "docs": {"type": "string", "format": "uri",
                         "description": "Where the code is explained."},
            },
        }},
        "responses": {e.code: _code_response(spec, e) for e in spec.errors},
        "examples": {e.code: {"summary": f"{e.status} {e.code}", "value": e.body()}
                     for e in spec.errors},
    }


def error_response(spec: Spec, codes: list[str]) -> dict[str, Any]:
    """The response for codes sharing one status: a reference when there is one code."""
    if len(codes) == 1:
        return {"$ref": f"#/components/responses/{codes[0]}"}
    errors = [spec.error(code) for code in codes]
    return {
        "description": f"{errors[0].status} {errors[0].reason}: "
                       f"{', '.join(codes[:-1])} or {codes[-1]}.",
        "headers": headers_object([_documented_headers(spec, e) for e in errors]),
        "content": {"application/json": {
            "schema": {"allOf": [{"$ref": _ERROR_SCHEMA}],
                       "properties": {"error": {"enum": codes}}},
            "examples": {code: {"$ref": f"#/components/examples/{code}"} for code in codes},
        }},
    }


def headers_object(variants: list[dict[str, list[Any]]]) -> dict[str, Any]:
    """OpenAPI headers for a response that comes as any of `variants`.

    Each variant maps a header name to its documented values; a header is required when
    every variant documents it.
    """
    names = list(dict.fromkeys(name for variant in variants for name in variant))
    headers = {}
    for name in names:
        values = [value for variant in variants for value in variant.get(name, [])]
        headers[name] = {
            "required": all(name in variant for variant in variants),
            "schema": merge_schemas([_header_schema(value) for value in values]),
            "example": concrete(values[0]),
        }
    return headers


def _code_response(spec: Spec, error: ErrorCode) -> dict[str, Any]:
    return {
        "description": f"{error.status} {error.reason}: {error.message} {error.when}",
        "headers": headers_object([_documented_headers(spec, error)]),
        "content": {"application/json": {
            "schema": {"allOf": [{"$ref": _ERROR_SCHEMA}], "properties": {
                key: {"const": value} for key, value in error.body().items()}},
            "examples": {error.code: {"$ref": f"#/components/examples/{error.code}"}},
        }},
    }


def _documented_headers(spec: Spec, error: ErrorCode) -> dict[str, list[Any]]:
    # The code's own headers come with every answer of it: required, whatever the example.
    documented: dict[str, list[Any]] = {name: [value] for name, value in error.headers.items()}
    for example in spec.examples_by_error.get(error.code, []):
        for name, value in example.response.headers.items():
            if value not in documented.setdefault(name, []):
                documented[name].append(value)
    return documented


def _header_schema(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        return {"type": "string", "const": value}
    return schema_of(value, closed=True)
