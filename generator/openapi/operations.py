"""The documented endpoints: one OpenAPI operation per method and path of the examples."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..model import Example, Spec, reason_phrase
from .errors import ANY_REQUEST_CATEGORIES, error_response, headers_object
from .values import concrete, merge_schemas, schema_of

__all__ = ["paths"]

_METHOD_NOT_ALLOWED = 405


def paths(spec: Spec) -> dict[str, Any]:
    """``paths`` of the document, in the order the examples first name them."""
    grouped: dict[str, dict[str, list[Example]]] = {}
    for example in spec.examples:
        request = example.request
        # The plain-HTTP redirect is not an operation of the HTTPS server.
        if request.transport == "https":
            # A query (a page's limit) is a parameter of the operation, not part of its path.
            methods = grouped.setdefault(request.path.partition("?")[0], {})
            methods.setdefault(request.method.lower(), []).append(example)
    documented: dict[str, Any] = {}
    for path, methods in grouped.items():
        operations = {
            method: _operation(spec, path, method, examples)
            for method, examples in methods.items()
            # A method shown only being refused is not an endpoint.
            if any(spec.response_status(e) != _METHOD_NOT_ALLOWED for e in examples)
        }
        if operations:
            documented[path] = operations
    return documented


def _operation(spec: Spec, path: str, method: str, examples: list[Example]) -> dict[str, Any]:
    succeeding = [e for e in examples if not e.response.error]
    operation: dict[str, Any] = {
        "operationId": _operation_id(method, path),
        "summary": (succeeding or examples)[0].title,
        "description": "Examples in the guides: " + "; ".join(e.title for e in examples) + ".",
    }
    paged = spec.paging is not None and any("?" in e.request.path for e in examples)
    if paged:
        operation["parameters"] = _paging_parameters(spec)
    body = _request_body(spec, examples)
    if body:
        operation["requestBody"] = body
    operation["responses"] = {
        **_success_responses(spec, succeeding), **_error_responses(spec, examples, paged)}
    return operation


def _paging_parameters(spec: Spec) -> list[dict[str, Any]]:
    paging = spec.paging
    assert paging is not None
    return [
        {"name": paging.limit_parameter, "in": "query", "required": False,
         "description": "The most objects the page holds.",
         "schema": {"type": "integer", "minimum": 1, "maximum": paging.max_limit,
                    "default": paging.default_limit}},
        {"name": paging.cursor_parameter, "in": "query", "required": False,
         "description": "The id of the last object already read: the page starts after it.",
         "schema": {"type": "string"}},
    ]


def _operation_id(method: str, path: str) -> str:
    """``get`` ``/jobs/{id}`` -> ``get_jobs_id``: stable, and unique per method and path."""
    return "_".join([method, *re.findall(r"[A-Za-z0-9]+", path)])


def _request_body(spec: Spec, examples: list[Example]) -> dict[str, Any] | None:
    # Examples of a `request` error send a wrong body on purpose: they do not describe it.
    with_body = [e for e in examples if e.request.body is not None
                 and not (e.response.error and spec.error(e.response.error).category
                          == "request")]
    if not with_body:
        return None
    return {"required": True, "content": {"application/json": {
        "schema": merge_schemas([schema_of(e.request.body, closed=False) for e in with_body]),
        "examples": _examples(with_body, [e.request.body for e in with_body]),
    }}}


def _success_responses(spec: Spec, examples: list[Example]) -> dict[str, Any]:
    by_status: dict[int, list[Example]] = {}
    for example in examples:
        by_status.setdefault(spec.response_status(example), []).append(example)
    responses: dict[str, Any] = {}
    for status, group in by_status.items():
        response: dict[str, Any] = {
            "description": f"{status} {reason_phrase(status)}: {group[0].title}",
            "headers": headers_object([{name: [value] for name, value
                                        in e.response.headers.items()} for e in group]),
        }
        bodies = [e for e in group if e.response.body is not None]
        if bodies:
            response["content"] = {"application/json": {
                "schema": merge_schemas([schema_of(e.response.body, closed=e.response.closed,
                                                   enums=spec.enums)
                                         for e in bodies]),
                "examples": _examples(bodies, [e.response.body for e in bodies]),
            }}
        responses[str(status)] = response
    return responses


def _error_responses(spec: Spec, examples: list[Example], paged: bool) -> dict[str, Any]:
    """The codes the examples show, those any authenticated request can get, and the one
    refusing a page's parameters."""
    shown = {e.response.error for e in examples if e.response.error}
    if paged and spec.paging is not None:
        shown.add(spec.paging.invalid)
    by_status: dict[int, list[str]] = {}
    for error in spec.errors:
        if error.code in shown or error.category in ANY_REQUEST_CATEGORIES:
            by_status.setdefault(error.status, []).append(error.code)
    return {str(status): error_response(spec, codes)
            for status, codes in sorted(by_status.items())}


def _examples(examples: Iterable[Example], values: Iterable[Any]) -> dict[str, Any]:
    return {example.id: {"summary": example.title, "value": concrete(value)}
            for example, value in zip(examples, values, strict=True)}
