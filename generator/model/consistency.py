"""Rules that span entries: unique identifiers and references that resolve."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..credentials import INVALID
from ..errors import Problem
from .models import Spec
from .source import SourceDocument

__all__ = ["MAX_EXAMPLE_ID_LENGTH", "check_consistency", "example_id_problem"]

#: An example id names its folder, ``snippets/<id>/``, and the staging folders beside it
#: (``.<id>.`` and a random suffix): well under the 255 bytes a file name may have, and
#: short enough to read in a heading's anchor and a CI report.
MAX_EXAMPLE_ID_LENGTH = 64


def example_id_problem(example_id: str) -> str | None:
    """Why `example_id` cannot name a folder of snippets, or None.

    Its characters are the model's to check (lower-case words joined by - or _); this is
    the file system's part: the length of a folder name.
    """
    if len(example_id) > MAX_EXAMPLE_ID_LENGTH:
        return (f"example id {example_id[:20]!r}... is {len(example_id)} characters long; "
                f"an id names the folder snippets/<id>/, so at most "
                f"{MAX_EXAMPLE_ID_LENGTH} characters")
    return None


def check_consistency(spec: Spec, source: SourceDocument) -> Iterator[Problem]:
    """Every problem found; nothing when the spec hangs together."""
    yield from _unique(source, "auth_methods", "id", [m.id for m in spec.auth_methods])
    yield from _unique(source, "headers", "name", [h.name.lower() for h in spec.headers])
    yield from _unique(source, "scopes", "id", [s.id for s in spec.scopes])
    yield from _unique(source, "plans", "id", [p.id for p in spec.plans])
    yield from _unique(source, "errors", "code", [e.code for e in spec.errors])
    yield from _unique(source, "examples", "id", [e.id for e in spec.examples])
    for index, example in enumerate(spec.examples):
        too_long = example_id_problem(example.id)
        if too_long is not None:
            yield source.problem(("examples", index, "id"), too_long)

    methods = {m.id for m in spec.auth_methods}
    for index, header in enumerate(spec.headers):
        yield from _known(source, ("headers", index, "accepts"), header.accepts, methods,
                          "authentication method", "auth_methods")
    scopes = {s.id for s in spec.scopes}
    for index, plan in enumerate(spec.plans):
        yield from _known(source, ("plans", index, "scopes"), plan.scopes, scopes,
                          "scope", "scopes")
    header_names = {h.name for h in spec.headers}
    codes = {e.code for e in spec.errors}
    for index, example in enumerate(spec.examples):
        for field in ("header", "conflicting_header", "same_key_header"):
            sent = getattr(example.request, field)
            if sent is not None and sent not in header_names:
                yield source.problem(("examples", index, "request", field),
                                     f"unknown header {sent!r}; declared: "
                                     f"{_listing(header_names)}")
        code = example.response.error
        if code is not None and code not in codes:
            yield source.problem(("examples", index, "response", "error"),
                                 f"unknown error code {code!r}; the catalog has: "
                                 f"{_listing(codes)}")
    for index, example in enumerate(spec.examples):
        yield from _enum_values(source, ("examples", index, "response", "body"),
                                example.response.body, spec.enums)
    for index, example in enumerate(spec.examples):
        if example.request.reads_job_id and spec.samples.job_id_variable is None:
            yield source.problem(("examples", index, "request", "reads_job_id"),
                                 "reads_job_id needs samples.job_id_variable, the variable "
                                 "the snippets read the job id from")
    if spec.paging is not None and spec.paging.invalid not in codes:
        yield source.problem(("paging", "invalid"), f"unknown error code "
                             f"{spec.paging.invalid!r}; the catalog has: {_listing(codes)}")
    for index, example in enumerate(spec.examples):
        if example.request.follows_pages and spec.paging is None:
            yield source.problem(("examples", index, "request", "follows_pages"),
                                 "follows_pages needs a paging section saying how lists "
                                 "are paged")
    for index, step in enumerate(spec.error_precedence):
        yield from _known(source, ("error_precedence", index, "codes"), step.codes, codes,
                          "error code", "errors")
        yield from _shown_by(spec, source, index)
    yield from _credential_contract(spec, source, methods)


def _shown_by(spec: Spec, source: SourceDocument, index: int) -> Iterator[Problem]:
    """Each example said to show a step of the order answers with one of its codes."""
    step = spec.error_precedence[index]
    by_id = {example.id: example for example in spec.examples}
    for position, example_id in enumerate(step.shown_by):
        loc = ("error_precedence", index, "shown_by", position)
        example = by_id.get(example_id)
        if example is None:
            yield source.problem(loc, f"no example has the id {example_id!r}")
        elif example.response.error not in step.codes:
            yield source.problem(loc, f"example {example_id!r} answers "
                                      f"{example.response.error or 'no error'}, not one of "
                                      f"this step's codes {step.codes}; name an example "
                                      "that this step answers")


def _enum_values(source: SourceDocument, loc: tuple[str | int, ...], body: Any,
                 enums: Mapping[str, tuple[str, ...]]) -> Iterator[Problem]:
    """Every documented value of a field listed under field_values is one of its values."""
    items = body.items() if isinstance(body, dict) else enumerate(body) \
        if isinstance(body, list) else ()
    for key, value in items:
        allowed = enums.get(key) if isinstance(key, str) else None
        if allowed is not None and isinstance(value, str) and value not in allowed:
            yield source.problem((*loc, key), f"{key} {value!r} is not one of its values "
                                 f"under field_values: {_listing(allowed)}")
        else:
            yield from _enum_values(source, (*loc, key), value, enums)


def _credential_contract(spec: Spec, source: SourceDocument,
                         methods: set[str]) -> Iterator[Problem]:
    """Every credential an example uses is described, with a known method and plan."""
    contract = spec.credentials
    second = contract.second_key if contract else None
    for index, example in enumerate(spec.examples):
        if example.request.conflicting_header and second is None:
            yield source.problem(("examples", index, "request", "conflicting_header"),
                                 "a conflicting header sends a second key: name its kind as "
                                 "credentials.second_key")
    if contract is None:
        return
    plans = {p.id for p in spec.plans}
    for kind, rule in contract.kinds.items():
        if rule.method not in methods:
            yield source.problem(("credentials", "kinds", kind, "method"),
                                 f"unknown authentication method {rule.method!r}; declared: "
                                 f"{_listing(methods)}")
        if rule.plan is not None and rule.plan not in plans:
            yield source.problem(("credentials", "kinds", kind, "plan"),
                                 f"unknown plan {rule.plan!r}; declared: {_listing(plans)}")
    if second is not None and (second not in contract.kinds
                               or contract.kinds[second].plan is None):
        yield source.problem(("credentials", "second_key"),
                             f"second key {second!r} is not one of credentials.kinds with a "
                             f"plan: {_listing(k for k, r in contract.kinds.items() if r.plan)}")
    for index, example in enumerate(spec.examples):
        used = example.request.credential
        if used not in (None, INVALID) and used not in contract.kinds:
            yield source.problem(("examples", index, "request", "credential"),
                                 f"credential {used!r} is not described under "
                                 "credentials.kinds; say what it must be there")


def _unique(source: SourceDocument, section: str, field: str,
            values: Sequence[str]) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, value in enumerate(values):
        if value in first:
            yield source.problem(
                (section, index, field),
                f"duplicate {field} {value!r}: already used by {section}[{first[value]}]",
            )
        else:
            first[value] = index


def _known(source: SourceDocument, loc: tuple[str | int, ...], values: Iterable[str],
           known: set[str], what: str, section: str) -> Iterator[Problem]:
    for position, value in enumerate(values):
        if value not in known:
            yield source.problem((*loc, position),
                                 f"unknown {what} {value!r}; declare it under {section} "
                                 f"(known: {_listing(known)})")


def _listing(values: Iterable[str]) -> str:
    return ", ".join(sorted(values)) or "none"
