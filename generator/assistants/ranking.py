"""Which entries and sections a query means, best first.

Each document is a few weighted fields; a query word counts by how rare it is among the
documents (inverse document frequency) times the weight of the best field holding it, so
"revoked" decides between the 401s and "token", which most of them mention, hardly does.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..model import ErrorCode
from .sections import Section
from .words import terms

__all__ = ["Ranked", "query_statuses", "rank_errors", "rank_sections"]

#: A status in a query: 401, "HTTP/1.1 403", "got a 429".
_STATUS = re.compile(r"(?<![\d.])([1-5]\d\d)(?![\d.])")
#: What an exact code or status adds: more than any amount of matching words.
_EXACT = 1000.0
_STATUS_MATCH = 100.0


_T = TypeVar("_T")


@dataclass(frozen=True)
class Ranked(Generic[_T]):
    """One entry or section and how well it answers the query."""

    item: _T
    score: float


def _score(query: list[str], documents: Sequence[Sequence[tuple[list[str], float]]]
           ) -> list[float]:
    """Each document's score for `query`; a document is (its words, weight) per field."""
    count = len(documents)
    sets = [[(set(words), weight) for words, weight in fields] for fields in documents]
    asked = set(query)
    holding = {word: sum(1 for fields in sets if any(word in ws for ws, _ in fields))
               for word in asked}
    scores = []
    for fields in sets:
        score = 0.0
        matched = 0
        for word in asked:
            weights = [w for words, w in fields if word in words]
            if weights:
                matched += 1
                # The best field counts in full; the same word elsewhere a little more.
                weight = max(weights) + 0.2 * (sum(weights) - max(weights))
                score += weight * math.log(1 + count / holding[word])
        # Of two documents, the one holding more of the query's words comes first.
        scores.append(score * (1 + matched / len(asked)) if asked else 0.0)
    return scores


def query_statuses(query: str) -> set[int]:
    return {int(found) for found in _STATUS.findall(query)}


def rank_errors(query: str, errors: Sequence[ErrorCode]) -> list[Ranked[ErrorCode]]:
    """The entries `query` is about, best first: by code, then status, then words of the
    code, its keywords, message, cause and fix."""
    words = terms(query)
    tokens = {token.upper() for token in re.findall(r"[A-Za-z0-9_]+", query)}
    statuses = query_statuses(query)
    scores = _score(words, [
        [(terms(e.code.replace("_", " ")), 3.0), (terms(" ".join(e.keywords)), 3.0),
         (terms(e.message), 2.0), (terms(f"{e.when} {e.category} {e.reason}"), 1.0),
         (terms(f"{e.fix} {e.retry or ''}"), 0.5)] for e in errors])
    ranked = []
    for error, score in zip(errors, scores, strict=True):
        if error.code in tokens:
            score += _EXACT
        if error.status in statuses:
            score += _STATUS_MATCH
        if score > 0:
            ranked.append(Ranked(error, score))
    return sorted(ranked, key=lambda r: -r.score)


def rank_sections(query: str, sections: Sequence[Section]) -> list[Ranked[Section]]:
    """The sections `query` is about, best first: words of the heading count most."""
    words = terms(query)
    scores = _score(words, [[(terms(s.title), 3.0), (terms(s.text), 1.0)] for s in sections])
    ranked = [Ranked(s, score) for s, score in zip(sections, scores, strict=True) if score > 0]
    return sorted(ranked, key=lambda r: -r.score)
