"""The four questions an assistant asks the guides, as plain functions over `Guides`.

Each answer is JSON-ready and states the content version it was built from. A question
that cannot be answered as asked raises `AssistantError`, whose message says what would be
accepted instead.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any

from ..errors import GuidesError
from ..languages import LANGUAGES
from .decoding import decode_response
from .knowledge import Guides
from .ranking import rank_errors, rank_sections
from .sections import Section

__all__ = ["AssistantError", "explain_response", "get_example", "lookup_error",
           "search_guides"]

#: Entries and sections an answer lists at most.
_MOST = 5
_EXCERPT = 240


class AssistantError(GuidesError):
    """A tool's arguments cannot be answered; the message says what can."""


def _query(query: str) -> str:
    query = query.strip()
    if not query:
        raise AssistantError("the query is empty: give an error code, an HTTP status or "
                             "words of what happened")
    return query


def lookup_error(guides: Guides, query: str) -> dict[str, Any]:
    """The catalog entries `query` names or describes, best first."""
    ranked = rank_errors(_query(query), guides.errors)[:_MOST]
    return {"content_version": guides.version, "query": query,
            "entries": [guides.entry(r.item) for r in ranked],
            **({} if ranked else {"note": "No entry matches; the codes are: " + ", ".join(
                e.code for e in guides.errors)})}


def _language(language: str) -> str:
    """The key of `language`, given as a key, a tab label, a file or a lexer name."""
    wanted = language.strip().lower()
    for key, shown in LANGUAGES.items():
        names = {key, shown.label.lower(), shown.filename, shown.highlight,
                 shown.filename.rsplit(".", 1)[-1]}
        if wanted in names:
            return key
    labels = ", ".join(shown.label for shown in LANGUAGES.values())
    raise AssistantError(f"no sample in language {language!r}: the samples are in {labels}")


def get_example(guides: Guides, example_id: str, language: str) -> dict[str, Any]:
    """Example `example_id`'s verified sample in `language`, with its recorded response."""
    example = guides.example(example_id.strip())
    if example is None:
        ids = [e.id for e in guides.project.spec.examples]
        close = difflib.get_close_matches(example_id, ids, n=3)
        hint = f"did you mean {', '.join(close)}? " if close else ""
        raise AssistantError(f"no example {example_id!r}: {hint}search_guides finds examples "
                             f"by what they do; the ids are {', '.join(ids)}")
    return guides.sample(example, _language(language))


def _excerpt(section: Section, query: str) -> str:
    text = re.sub(r"\s+", " ", section.text)
    words = [w for w in re.findall(r"\w+", query.lower()) if len(w) > 3]
    at = min((i for i in (text.lower().find(w[:5]) for w in words) if i >= 0), default=0)
    start = max(0, at - _EXCERPT // 3)
    excerpt = text[start:start + _EXCERPT]
    return ("…" if start else "") + excerpt + ("…" if start + _EXCERPT < len(text) else "")


def search_guides(guides: Guides, query: str) -> dict[str, Any]:
    """The sections of the pages that match `query`, best first, with URLs and excerpts."""
    ranked = rank_sections(_query(query), guides.sections)[:_MOST]
    results = []
    for found in ranked:
        section = found.item
        result = {"title": section.title, "page": section.page,
                  "url": guides.section_url(section), "excerpt": _excerpt(section, query)}
        if section.anchor.startswith("example-"):
            result["example_id"] = section.anchor.removeprefix("example-")
        results.append(result)
    return {"content_version": guides.version, "query": query, "results": results}


def explain_response(guides: Guides, status: int | None, body: str | Mapping[str, Any] | None,
                     headers: Mapping[str, str] | None) -> dict[str, Any]:
    """What the response a user received means, and what to do about it."""
    if status is None and not body and not headers:
        raise AssistantError("nothing to explain: give the status (e.g. 403), the body as "
                             "received, or both")
    if status is not None and not 100 <= status <= 599:
        raise AssistantError(f"status {status!r} is not an HTTP status (100 to 599)")
    decoded = decode_response(guides.errors, status, body, headers)
    answer: dict[str, Any] = {
        "content_version": guides.version,
        "matched": decoded.entry is not None,
        "looks_like_api_answer": decoded.looks_like_api_answer,
        "notes": decoded.notes,
    }
    if decoded.entry is not None:
        entry = guides.entry(decoded.entry)
        answer["entry"] = entry
        answer["what_went_wrong"] = f"{entry['code']}: {entry['when']}"
        answer["what_to_do"] = entry["fix"]
    else:
        answer["candidates"] = [guides.entry(e) for e in decoded.candidates]
    return answer
