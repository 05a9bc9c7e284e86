"""What api.yaml's text may do on a page: plain Markdown the guides need, nothing more.

No raw HTML, no attribute lists (``{: onclick=… }`` would become attributes), links only
to https or to the site's own pages (relative), images only the site's own files. Code
spans are exempt: Markdown shows their content as text. Validation reports what breaks
a rule; the renderer also neutralises it, so a page never depends on validation alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import Problem
from .source import SourceDocument

__all__ = ["CODE_SPAN", "Finding", "findings", "prose_problems"]

CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_RAW_HTML = re.compile(r"<[A-Za-z/!?]")
_ATTRIBUTE_LIST = re.compile(r"\{\s*:|\{\s*[#.][\w-]|\{\s*[\w-]+\s*=")
_LINK = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?([^)\s>]*)|^\s*\[[^\]\n]+\]:\s*<?(\S*?)>?(?:\s|$)",
                   re.MULTILINE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
#: A character each construct above starts with: text without one holds none of them.
_MAY_FIND = re.compile(r"[<{\[]")


@dataclass(frozen=True)
class Finding:
    start: int
    """Offset in the text of the character to neutralise."""
    message: str


def _outside_code(text: str) -> str:
    """`text` with code spans blanked, so offsets stay those of the original."""
    return CODE_SPAN.sub(lambda match: " " * len(match.group(0)), text)


def _bad_target(target: str, image: bool) -> str | None:
    relative = not _SCHEME.match(target) and not target.startswith(("//", "\\"))
    if image and not relative:
        return f"an image must be a file of the site, by relative path: got {target!r}"
    if not image and not relative and not target.startswith("https://"):
        return f"a link must go to https:// or to a page of the site: got {target!r}"
    return None


def findings(text: str) -> Iterator[Finding]:
    """Each construct of `text` its pages may not carry."""
    if not _MAY_FIND.search(text):
        return
    prose = _outside_code(text)
    for match in _RAW_HTML.finditer(prose):
        yield Finding(match.start(), "raw HTML is not allowed here; write Markdown, or put "
                                     "code in `backticks`")
    for match in _ATTRIBUTE_LIST.finditer(prose):
        yield Finding(match.start(), "attribute lists ({: …}) are not allowed here")
    for match in _LINK.finditer(prose):
        target = match.group(2) if match.group(2) is not None else match.group(3) or ""
        problem = _bad_target(target, image=bool(match.group(1)))
        if problem:
            yield Finding(match.start() + len(match.group(1) or ""), problem)


def prose_problems(source: SourceDocument) -> Iterator[Problem]:
    """Every text value of api.yaml checked, at the line and column of the value."""
    yield from _walk(source, source.data, ())


def _walk(source: SourceDocument, node: Any, loc: tuple[str | int, ...]) -> Iterator[Problem]:
    items: list[tuple[str | int, Any]]
    if isinstance(node, dict):
        items = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    else:
        return
    for part, value in items:
        if isinstance(value, str):
            if not _MAY_FIND.search(value):
                continue  # the usual text, at the cost of one search
            # One line per kind of problem in a value, however often it recurs there.
            for message in dict.fromkeys(finding.message for finding in findings(value)):
                yield source.problem((*loc, part), message)
        else:
            yield from _walk(source, value, (*loc, part))
