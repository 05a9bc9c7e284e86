"""The ``changes:`` entries held to what they name: known codes and paths, gone removals,
no date in the future, newest first."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..errors import Problem
from .models import Spec
from .source import SourceDocument

__all__ = ["change_problems", "documented_paths"]

#: Sections an entry may name: the parts of api.yaml a change can concern beyond a code or
#: a path. `changes` itself is not one.
_SECTIONS = frozenset(Spec.model_fields) - {"changes"}


def documented_paths(spec: Spec) -> frozenset[str]:
    """The paths an entry may name: the endpoints' and the examples' (query aside)."""
    return frozenset([*(endpoint.path for endpoint in spec.endpoints),
                      *(example.request.path.split("?", 1)[0] for example in spec.examples)])


def change_problems(spec: Spec, source: SourceDocument,
                    today: date | None = None) -> Iterator[Problem]:
    """Every entry of ``changes`` that names what does not exist, or is dated wrongly."""
    today = today or date.today()
    codes = {error.code for error in spec.errors}
    paths = documented_paths(spec)
    for index, change in enumerate(spec.changes):
        loc = ("changes", index)
        if change.date > today:
            yield source.problem((*loc, "date"), f"date {change.date.isoformat()!r} is in the "
                                 "future; announce a change on the day it lands")
        if index and change.date > spec.changes[index - 1].date:
            yield source.problem((*loc, "date"), f"date {change.date.isoformat()!r} is newer "
                                 f"than the entry above ({spec.changes[index - 1].date}); "
                                 "keep changes newest first")
        for position, code in enumerate(change.codes):
            if code not in codes:
                yield source.problem((*loc, "codes", position), f"unknown error code "
                                     f"{code!r}; a code the change removed goes under removed")
        for position, path in enumerate(change.paths):
            if path not in paths and not spec.path_endpoints(path):
                yield source.problem((*loc, "paths", position), f"no endpoint or example has "
                                     f"the path {path!r}; a path the change removed goes "
                                     "under removed")
        for position, section in enumerate(change.sections):
            if section not in _SECTIONS:
                yield source.problem((*loc, "sections", position), f"unknown section "
                                     f"{section!r}; one of {', '.join(sorted(_SECTIONS))}")
        for position, gone in enumerate(change.removed):
            if gone in codes or gone in paths:
                yield source.problem((*loc, "removed", position), f"{gone!r} is still in "
                                     "api.yaml; name it under codes or paths, or remove it")
        if not change.named:
            yield source.problem(loc, "names no code, path or section; say what the change "
                                 "concerns, so that guides diff can hold it to that")
