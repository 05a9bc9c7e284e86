"""Markdown helpers for the templates: escaping that keeps code spans, fences, tables.

The helpers return plain strings of Markdown that is already inert; the templates get them
as `Markup` (see `render`), and the blocks join many of them into one `Markup`, so no string
is marked safe twice.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from ..model.prose import CODE_SPAN, findings

_HTML_SPECIALS = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
#: What starts an attribute list or a link that api.yaml may not carry, as an entity
#: Markdown shows but does not parse.
_DEFUSED = {"{": "&#123;", "[": "&#91;"}
#: What escaping may change: text without any of these is already inert.
_ACTIVE = re.compile(r"[&<>{\[`]")
_BACKTICKS = re.compile(r"`+")
#: A line break before a non-blank line: `fence` indents those lines only. Searched as the
#: literal break, where ``^(?=.)`` would be tried at every character of the code.
_BREAK_BEFORE_TEXT = re.compile(r"\n(?=.)")


def escape_text(value: Any) -> Markup:
    """Make text from api.yaml inert in Markdown: raw HTML shows as text, and attribute
    lists and links the prose rules refuse show as written instead of acting.

    Code spans are left alone because Markdown already escapes their content; escaping
    them here too would show ``&lt;`` to readers. `Markup` is taken as it is.
    """
    if isinstance(value, Markup):
        return value
    return Markup(inert_text(value))


def inert_text(value: Any) -> str:
    """`escape_text` of a value that is not `Markup`, as a plain string: for blocks that
    join many values into one `Markup`, without making one for each."""
    text = "" if value is None else str(value)
    if not _ACTIVE.search(text):
        return text
    defused = {finding.start for finding in findings(text)}
    out, last = [], 0
    for match in CODE_SPAN.finditer(text) if "`" in text else ():
        out.append(_inert(text, last, match.start(), defused))
        out.append(match.group(0))
        last = match.end()
    out.append(_inert(text, last, len(text), defused))
    return "".join(out)


def _inert(text: str, start: int, end: int, defused: set[int]) -> str:
    if not any(start <= offset < end for offset in defused):
        return text[start:end].translate(_HTML_SPECIALS)
    return "".join(_DEFUSED[text[i]] if i in defused and text[i] in _DEFUSED
                   else text[i].translate(_HTML_SPECIALS) for i in range(start, end))


def table_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: no pipes or line breaks."""
    return markdown_cell(value if isinstance(value, Markup) else inert_text(value))


def markdown_cell(markdown: str) -> str:
    """Markdown that is inert already, fit for a table cell: no pipes or line breaks."""
    return markdown.replace("|", "\\|").replace("\n", " ")


def fence(code: str, language: str = "", title: str | None = None, indent: int = 0,
          *, searchable: bool = True) -> str:
    """A fenced code block holding `code` verbatim, whatever backticks it contains.

    `indent` shifts every non-blank line, for blocks nested in tabs or lists; a block that is
    not `searchable` is left out of the search index (its words would crowd out the prose).
    """
    # Longer than any run of backticks in the code: the shortest marker from three up that
    # the code does not hold, each tried by a substring search in C (a page carries
    # thousands of blocks, nearly all settled by the first).
    marker = "```"
    while marker in code:
        marker += "`"
    options = language
    if title:
        options += f' title="{title}"'
    if not searchable:
        options = "{" + (f".{language} " if language else "") + \
            (f'title="{title}" ' if title else "") + 'data-search-exclude=""}'
    body = code.rstrip("\n")
    block = f"{marker}{options}\n{body}\n{marker}"
    if indent:
        # The first line is the opening marker, never blank.
        padding = " " * indent
        block = padding + _BREAK_BEFORE_TEXT.sub("\n" + padding, block)
    return block


def code_span(value: Any) -> str:
    """`value` as inline code, verbatim: Markdown escapes a code span's content itself."""
    text = " ".join(str(value).split())
    if "`" not in text:
        return f"`{text}`"
    longest = max(map(len, _BACKTICKS.findall(text)))
    marker = "`" * (longest + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{marker}{padding}{text}{padding}{marker}"


_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                 "nine", "ten")


def number_word(count: int) -> str:
    """Small counts in words, as prose writes them: 2 -> two; 11 and up stay digits."""
    return _NUMBER_WORDS[count] if 0 <= count < len(_NUMBER_WORDS) else str(count)
