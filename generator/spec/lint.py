"""Editorial rules: what makes the catalog read as one voice, each finding with its line."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import Problem
from .models import Spec
from .source import SourceDocument

__all__ = ["editorial_problems"]

_SENTENCE = re.compile(r"^[A-Z`].*\S\s+\S.*[.!?]$", re.DOTALL)
#: Which category each status belongs to, and the reverse.
_STATUS_CATEGORY = {401: "authentication", 403: "permission"}


def editorial_problems(spec: Spec, source: SourceDocument) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for index, error in enumerate(spec.errors):
        loc = ("errors", index)
        if not _SENTENCE.match(error.message):
            yield source.problem((*loc, "message"), f"{error.code}: the message "
                                 f"{error.message!r} must be a full sentence: a capital "
                                 "letter first, a full stop (or ! or ?) last")
        if error.message in seen:
            yield source.problem((*loc, "message"), f"{error.code} has the same message as "
                                 f"{spec.errors[seen[error.message]].code}; each code needs "
                                 "its own words, or callers cannot tell them apart")
        seen.setdefault(error.message, index)
        expected = _STATUS_CATEGORY.get(error.status)
        status = next((s for s, c in _STATUS_CATEGORY.items() if c == error.category), None)
        if expected and error.category != expected:
            yield source.problem((*loc, "category"), f"{error.code}: a {error.status} belongs "
                                 f"to {expected}, not {error.category}")
        elif status and error.status != status:
            yield source.problem((*loc, "status"), f"{error.code}: {error.category} errors "
                                 f"are {status}, not {error.status}")
