"""The documented endpoints: one OpenAPI operation per method and path of the examples.

An example names a concrete path (``/jobs/job_629f…``); the document names the template
(``/jobs/{id}``): a segment shaped like the ``id`` of the objects the API answers with is
that object's id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..model import Example, Spec, reason_phrase
from ..model.matchers import RegexMatcher
from .catalog import ANY_REQUEST_CATEGORIES, error_response, headers_object
from .recorded import Recordings, recorded_body, recorded_header
from .samples import Samples, with_samples
from .values import concrete, merge_schemas, schema_of

__all__ = ["paths"]

_METHOD_NOT_ALLOWED = 405
#: The field naming an object in the API's answers, and the path parameter standing for it.
_ID_FIELD = "id"


def paths(spec: Spec, recordings: Recordings | None = None,
          samples: Samples | None = None) -> dict[str, Any]:
    """``paths`` of the document, in the order the examples first name them; each
    operation carries the `samples` of its examples (example id -> language -> file)."""
    recordings = recordings or {}
    samples = samples or {}
    id_patterns = sorted(set(_id_patterns(e.response.body for e in spec.examples)))
    grouped: dict[str, dict[str, list[Example]]] = {}
    for example in spec.examples:
        request = example.request
        # The plain-HTTP redirect is not an operation of the HTTPS server.
        if request.transport == "https":
            # A query (a page's limit) is a parameter of the operation, not part of its path.
            path = _template(request.path.partition("?")[0], id_patterns)
            methods = grouped.setdefault(path, {})
            methods.setdefault(request.method.lower(), []).append(example)
    documented: dict[str, Any] = {}
    for path, methods in grouped.items():
        operations = {
            method: with_samples(_operation(spec, recordings, path, method, examples),
                                 samples, examples)
            for method, examples in methods.items()
            # A method shown only being refused is not an endpoint.
            if any(spec.response_status(e) != _METHOD_NOT_ALLOWED for e in examples)
        }
        if "get" in operations and "HEAD" in _allowed(recordings, methods):
            operations["head"] = _head(operations["get"], spec, recordings, path, methods["get"])
        if operations:
            item: dict[str, Any] = {}
            parameters = _path_parameters(path, id_patterns, methods)
            if parameters:
                item["parameters"] = parameters
            documented[path] = {**item, **operations}
    return documented


def _id_patterns(bodies: Iterable[Any]) -> Iterator[str]:
    """The patterns api.yaml gives the ids of the objects in `bodies`."""
    for body in bodies:
        if isinstance(body, dict):
            value = body.get(_ID_FIELD)
            if isinstance(value, RegexMatcher):
                yield value.pattern
            yield from _id_patterns(body.values())
        elif isinstance(body, list):
            yield from _id_patterns(body)


def _template(path: str, id_patterns: list[str]) -> str:
    return "/".join(f"{{{_ID_FIELD}}}" if _id_pattern(segment, id_patterns) else segment
                    for segment in path.split("/"))


def _id_pattern(segment: str, id_patterns: list[str]) -> str | None:
    return next((p for p in id_patterns if segment and re.search(p, segment)), None)


def _path_parameters(path: str, id_patterns: list[str],
                     methods: dict[str, list[Example]]) -> list[dict[str, Any]]:
    if f"{{{_ID_FIELD}}}" not in path.split("/"):
        return []
    found: dict[str, dict[str, str]] = {}
    pattern = None
    for example in (e for group in methods.values() for e in group):
        for segment in example.request.path.partition("?")[0].split("/"):
            pattern = _id_pattern(segment, id_patterns) or pattern
            if _id_pattern(segment, id_patterns):
                found[example.id] = {"summary": example.title, "value": segment}
    return [{"name": _ID_FIELD, "in": "path", "required": True,
             "description": "The id of the object, as the API gave it.",
             "schema": {"type": "string", "pattern": pattern}, "examples": found}]


def _allowed(recordings: Recordings, methods: dict[str, list[Example]]) -> set[str]:
    """The methods the API said the path allows, in the ``Allow`` of a recorded answer."""
    allowed: set[str] = set()
    for example in (e for group in methods.values() for e in group):
        value = recorded_header(recordings, example, "Allow")
        if value:
            allowed |= {method.strip().upper() for method in value.split(",")}
    return allowed


def _operation(spec: Spec, recordings: Recordings, path: str, method: str,
               examples: list[Example]) -> dict[str, Any]:
    succeeding = [e for e in examples if not e.response.error]
    operation: dict[str, Any] = {
        "operationId": _operation_id(method, path),
        "summary": (succeeding or examples)[0].title,
        "description": "Examples in the guides: " + "; ".join(e.title for e in examples) + ".",
    }
    paged = _paged(spec, examples)
    if paged:
        operation["parameters"] = _paging_parameters(spec)
    body = _request_body(spec, examples)
    if body:
        operation["requestBody"] = body
    operation["responses"] = {
        **_success_responses(spec, recordings, succeeding),
        **_error_responses(spec, recordings, examples, paged)}
    return operation


def _head(get: dict[str, Any], spec: Spec, recordings: Recordings, path: str,
          examples: list[Example]) -> dict[str, Any]:
    """HEAD, which the API answers where it answers GET: the same status and headers."""
    succeeding = [e for e in examples if not e.response.error]
    # The samples make GET requests: they are GET's, not HEAD's.
    head = {key: value for key, value in get.items()
            if key not in {"requestBody", "x-codeSamples"}}
    head["operationId"] = _operation_id("head", path)
    head["summary"] = f"{get['summary']}: the status and headers only"
    head["responses"] = {
        **{status: {k: v for k, v in response.items() if k != "content"}
           for status, response in _success_responses(spec, recordings, succeeding).items()},
        **_error_responses(spec, recordings, examples, _paged(spec, examples),
                           with_body=False)}
    return head


def _paged(spec: Spec, examples: list[Example]) -> bool:
    return spec.paging is not None and any("?" in e.request.path for e in examples)


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
        "examples": _examples(with_body, [concrete(e.request.body) for e in with_body]),
    }}}


def _success_responses(spec: Spec, recordings: Recordings,
                       examples: list[Example]) -> dict[str, Any]:
    by_status: dict[int, list[Example]] = {}
    for example in examples:
        by_status.setdefault(spec.response_status(example), []).append(example)
    responses: dict[str, Any] = {}
    for status, group in by_status.items():
        response: dict[str, Any] = {
            "description": f"{status} {reason_phrase(status)}: {group[0].title}",
            "headers": headers_object([
                ({name: [value] for name, value in e.response.headers.items()},
                 {name: seen for name in e.response.headers
                  if (seen := recorded_header(recordings, e, name)) is not None})
                for e in group]),
        }
        bodies = [e for e in group if e.response.body is not None]
        if bodies:
            response["content"] = {"application/json": {
                "schema": merge_schemas([schema_of(e.response.body, closed=e.response.closed,
                                                   enums=spec.enums)
                                         for e in bodies]),
                "examples": _examples(bodies, [
                    recorded_body(recordings, e, concrete(e.response.body)) for e in bodies]),
            }}
        responses[str(status)] = response
    return responses


def _error_responses(spec: Spec, recordings: Recordings, examples: list[Example], paged: bool,
                     *, with_body: bool = True) -> dict[str, Any]:
    """The codes the examples show, those any authenticated request can get, and the one
    refusing a page's parameters."""
    shown = {e.response.error for e in examples if e.response.error}
    if paged and spec.paging is not None:
        shown.add(spec.paging.invalid)
    by_status: dict[int, list[str]] = {}
    for error in spec.errors:
        if error.code in shown or error.category in ANY_REQUEST_CATEGORIES:
            by_status.setdefault(error.status, []).append(error.code)
    return {str(status): error_response(spec, codes, recordings, with_body=with_body)
            for status, codes in sorted(by_status.items())}


def _examples(examples: Iterable[Example], values: Iterable[Any]) -> dict[str, Any]:
    return {example.id: {"summary": example.title, "value": value}
            for example, value in zip(examples, values, strict=True)}
