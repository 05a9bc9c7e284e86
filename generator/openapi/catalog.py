"""The error catalog as OpenAPI components: one schema, one reusable response per code."""

from __future__ import annotations

import re
from typing import Any

from ..model import ErrorCode, Spec
from ..model.matchers import RegexMatcher
from .recorded import Recordings, recorded_header
from .values import concrete, merge_schemas, schema_of

__all__ = ["ANY_REQUEST_CATEGORIES", "Headers", "error_components", "error_response",
           "headers_object"]

#: Categories of codes any request can get, whatever the endpoint: every one is authenticated.
ANY_REQUEST_CATEGORIES = ("authentication", "rate_limit")

_ERROR_SCHEMA = "#/components/schemas/Error"

#: One way a response comes: header name -> its documented values (literals or matchers),
#: and header name -> a value an answer of that kind was recorded with.
Headers = tuple[dict[str, list[Any]], dict[str, str]]


def error_components(spec: Spec, recordings: Recordings) -> dict[str, Any]:
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
        "responses": {e.code: _code_response(spec, e, recordings) for e in spec.errors},
        "examples": {e.code: {"summary": f"{e.status} {e.code}", "value": e.body()}
                     for e in spec.errors},
    }


def error_response(spec: Spec, codes: list[str], recordings: Recordings, *,
                   with_body: bool = True) -> dict[str, Any]:
    """The response for codes sharing one status: a reference when there is one code.

    Without `with_body` (the answer to HEAD), the status and headers alone.
    """
    if len(codes) == 1 and with_body:
        return {"$ref": f"#/components/responses/{codes[0]}"}
    errors = [spec.error(code) for code in codes]
    response: dict[str, Any] = {
        "description": f"{errors[0].status} {errors[0].reason}: "
                       + (codes[0] if len(codes) == 1
                          else f"{', '.join(codes[:-1])} or {codes[-1]}") + ".",
        "headers": headers_object([documented_headers(spec, e, recordings) for e in errors]),
    }
    if with_body:
        response["content"] = {"application/json": {
            "schema": {"allOf": [{"$ref": _ERROR_SCHEMA}],
                       "properties": {"error": {"enum": codes}}},
            "examples": {code: {"$ref": f"#/components/examples/{code}"} for code in codes},
        }}
    return response


def headers_object(variants: list[Headers]) -> dict[str, Any]:
    """OpenAPI headers for a response that comes as any of `variants`.

    A header is required when every variant documents it; its example is a recorded value
    when there is one, as the pages show it.
    """
    names = list(dict.fromkeys(name for documented, _ in variants for name in documented))
    headers = {}
    for name in names:
        values = [value for documented, _ in variants for value in documented.get(name, [])]
        recorded = [seen[name] for _, seen in variants if name in seen]
        headers[name] = {
            "required": all(name in documented for documented, _ in variants),
            "schema": merge_schemas([_header_schema(value) for value in values]),
            "example": recorded[0] if recorded else concrete(values[0]),
        }
    return headers


def documented_headers(spec: Spec, error: ErrorCode, recordings: Recordings) -> Headers:
    """The headers `error`'s examples and its category's rules document, and their
    recorded values."""
    # The code's own headers come with every answer of it: required, whatever the example.
    documented: dict[str, list[Any]] = {name: [value] for name, value in error.headers.items()}
    seen: dict[str, str] = {}
    examples = spec.examples_by_error.get(error.code, [])
    for example in examples:
        for name, value in example.response.headers.items():
            if value not in documented.setdefault(name, []):
                documented[name].append(value)
    # HTTP requires a 405 to list the methods the path accepts (RFC 9110, 15.5.6); the pages
    # promise it per path, so no example writes it down.
    if error.status == 405 and "Allow" not in documented:
        documented["Allow"] = [RegexMatcher(r"^[A-Z]+(, [A-Z]+)*$")]
    # Every error of the category carries the header, whether an example shows it or not.
    for rule in spec.category_rules:
        if rule.category == error.category and rule.header not in documented:
            documented[rule.header] = [RegexMatcher("^" + re.escape(rule.starts_with))]
    for name in documented:
        for example in examples:
            recorded = recorded_header(recordings, example, name)
            if recorded is not None:
                seen.setdefault(name, recorded)
    return documented, seen


def _code_response(spec: Spec, error: ErrorCode, recordings: Recordings) -> dict[str, Any]:
    return {
        "description": f"{error.status} {error.reason}: {error.message} {error.when}",
        "headers": headers_object([documented_headers(spec, error, recordings)]),
        "content": {"application/json": {
            "schema": {"allOf": [{"$ref": _ERROR_SCHEMA}], "properties": {
                key: {"const": value} for key, value in error.body().items()}},
            "examples": {error.code: {"$ref": f"#/components/examples/{error.code}"}},
        }},
    }


def _header_schema(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        return {"type": "string", "const": value}
    return schema_of(value, closed=True)
