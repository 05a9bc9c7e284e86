"""What a difference concerns: the codes, paths and sections an announcement may name,
and the examples whose documented exchange it changes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model.models import Example, Spec
from .walk import Difference

__all__ = ["affected_examples", "subjects"]


def subjects(d: Difference, base: Spec, head: Spec) -> frozenset[str]:
    """Names under which a ``changes:`` entry announces `d`: its section always, and the
    codes and paths it is about."""
    names = {d.path[0]}
    key = d.keys[0] if d.keys else None
    renamed_from = str(d.old) if d.op == "renamed" and len(d.keys) == 1 else None
    for spec in (base, head):
        if d.path[0] == "errors" and key:
            names.update(k for k in (key, renamed_from) if k)
        elif d.path[0] == "endpoints" and key:
            names.update(k.split(" ", 1)[1] for k in (key, renamed_from) if k)
        elif d.path[0] == "examples" and key:
            example = _example(spec, key) or _example(spec, renamed_from)
            if example is not None:
                names.update(_example_names(spec, example))
    for example_id in affected_examples(d, base, head):
        for spec in (base, head):
            example = _example(spec, example_id)
            if example is not None and d.path[0] != "examples":
                names.update(_paths(spec, example))
    return frozenset(names)


def _example(spec: Spec, example_id: str | None) -> Example | None:
    return next((e for e in spec.examples if e.id == example_id), None)


def _example_names(spec: Spec, example: Example) -> Iterator[str]:
    if example.response.error:
        yield example.response.error
    yield from _paths(spec, example)


def _paths(spec: Spec, example: Example) -> Iterator[str]:
    """The request's path, and the path of each endpoint it calls."""
    path = example.request.path
    yield path.split("?", 1)[0]
    for index in spec.path_endpoints(path):
        yield spec.endpoints[index].path


def affected_examples(d: Difference, base: Spec, head: Spec) -> list[str]:
    """Ids of the examples (of HEAD, or of BASE for what HEAD no longer has) whose
    documented exchange `d` changes."""
    found: dict[str, None] = {}
    for spec in (head, base):
        for example in spec.examples:
            if _changes(d, spec, example):
                found[example.id] = None
    return list(found)


def _changes(d: Difference, spec: Spec, example: Example) -> bool:
    section, key = d.path[0], (d.keys[0] if d.keys else "")
    request, response = example.request, example.response
    names = {key, str(d.old)} if d.op == "renamed" and len(d.keys) == 1 else {key}
    if section == "errors":
        return response.error in names
    if section == "examples":
        return example.id in names
    if section == "endpoints":
        return any(f"{request.method} {spec.endpoints[i].path}" in names
                   for i in spec.path_endpoints(request.path))
    if section == "objects":
        return response.error is None and any(spec.endpoints[i].answers in names
                                              for i in spec.path_endpoints(request.path))
    if section == "field_values":
        if len(d.keys) > 1:  # one value: the examples that show it
            return _holds_value(response.body, key, d.keys[1])
        return _holds_field(response.body, names)
    if section == "paging":
        return request.follows_pages or (spec.paging is not None and isinstance(
            response.body, dict) and spec.paging.items_field in response.body)
    if section == "headers":
        return bool(names & {request.header, request.conflicting_header,
                             request.same_key_header})
    if section == "plans":
        kinds = spec.credentials.kinds if spec.credentials else {}
        return request.credential in names or (
            request.credential in kinds and kinds[request.credential].plan in names)
    if section == "scopes":
        return any(spec.endpoints[i].scope in names for i in spec.path_endpoints(request.path))
    if section == "category_rules":
        return response.error in {e.code for e in spec.errors} \
            and spec.error(response.error or '').category == key.split(" ", 1)[0]
    if section == "https_headers":
        return request.transport == "https"
    if section == "error_precedence":
        steps = spec.error_precedence
        index = int(key) if key.isdigit() else -1
        return 0 <= index < len(steps) and (example.id in steps[index].shown_by)
    if section in ("api", "site"):
        return d.path[-1] not in ("name", "https_advice", "keys", "key_example",
                                  "other_key_example", "repository", "branch", "where_from",
                                  "revoking")
    return False


def _holds_field(body: Any, names: set[str]) -> bool:
    if isinstance(body, dict):
        return any(k in names or _holds_field(v, names) for k, v in body.items())
    if isinstance(body, list):
        return any(_holds_field(v, names) for v in body)
    return False


def _holds_value(body: Any, field: str, value: str) -> bool:
    if isinstance(body, dict):
        return any((k == field and v == value) or _holds_value(v, field, value)
                   for k, v in body.items())
    if isinstance(body, list):
        return any(_holds_value(v, field, value) for v in body)
    return False
