"""Editorial rules: what makes the catalog read as one voice, each finding with its line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import zip_longest

from ..errors import Problem
from .models import Spec
from .source import SourceDocument

__all__ = ["editorial_problems", "placeholder_problem"]

#: Words that mark a text as not written yet, and a phrase.
_PLACEHOLDER_WORDS = ("todo", "tbd", "fixme", "xxx")
_PLACEHOLDER_PHRASE = "lorem ipsum"
#: The lookahead names their first letters, so the search skips to those instead of trying
#: every word at every character.
_PLACEHOLDER = re.compile(rf"(?=[tfxl])(?:\b(?:{'|'.join(_PLACEHOLDER_WORDS)})\b"
                          f"|{_PLACEHOLDER_PHRASE})", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE = re.compile(r"^[A-Z`].*\S\s+\S.*[.!?]$", re.DOTALL)
#: Which category each status belongs to, and the reverse.
_STATUS_CATEGORY = {401: "authentication", 403: "permission"}


def placeholder_problem(text: str, name: str) -> str | None:
    """Why `text` reads as a placeholder for the thing called `name` (a code or id), or None."""
    if _has_placeholder(text):
        return f"{text!r} is placeholder text; write what a reader needs to know"
    if _same_words(text, name):
        return f"{text!r} only repeats {name!r}; write what a reader needs to know"
    return None


def _has_placeholder(text: str) -> bool:
    """Whether `_PLACEHOLDER` is found in `text`. An ASCII text holds a match only if its
    lower-cased form holds one of the words, which substring searches in C rule out for
    nearly every text faster than the pattern does."""
    if text.isascii():
        lowered = text.lower()
        if _PLACEHOLDER_PHRASE not in lowered and \
                not any(word in lowered for word in _PLACEHOLDER_WORDS):
            return False
    return _PLACEHOLDER.search(text) is not None


def _same_words(text: str, name: str) -> bool:
    """Whether `text` holds `name`'s words and no others, whatever their case and the
    punctuation between them; compared word by word, so most texts differ at the first."""
    pairs = zip_longest(_WORD.finditer(text.lower()), _WORD.finditer(name.lower()))
    return all(ours is not None and theirs is not None and ours[0] == theirs[0]
               for ours, theirs in pairs)


def editorial_problems(spec: Spec, source: SourceDocument) -> Iterator[Problem]:
    yield from _placeholders(spec, source)
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


def _placeholders(spec: Spec, source: SourceDocument) -> Iterator[Problem]:
    texts: list[tuple[tuple[str | int, ...], str | None, str]] = []
    for index, error in enumerate(spec.errors):
        texts += [(("errors", index, field), getattr(error, field), error.code)
                  for field in ("message", "when", "fix")]
    for index, example in enumerate(spec.examples):
        # A title may well be the id's words ("List jobs"); a description may not.
        texts.append((("examples", index, "description"), example.description, example.id))
    for loc, text, name in texts:
        problem = placeholder_problem(text, name) if text else None
        if problem:
            yield source.problem(loc, f"{name}: {problem}")
