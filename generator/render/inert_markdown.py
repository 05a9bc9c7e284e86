"""Markdown helpers for the templates: escaping that keeps code spans, fences, tables.

The helpers return plain strings of Markdown that is already inert; the templates get them
as `Markup` (see `render`), and the blocks join many of them into one `Markup`, so no string
is marked safe twice.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from ..model.prose import Code, Link, parse

__all__ = ["escape_text", "fence", "inert_text", "inline_code", "markdown_cell", "number_word",
           "table_cell", "url_text"]

#: Every character Markdown (with the site's extensions) or HTML could read as syntax inside
#: a line, as an entity: Markdown passes entities through and the browser shows the character.
_ENTITIES = str.maketrans({char: f"&#{ord(char)};" for char in "\\`*[]{}|\"'"} |
                          {"&": "&amp;", "<": "&lt;", ">": "&gt;"})
#: What a line may start with that opens a block (indented code, heading, list, quote,
#: fence, table, definition, admonition, tab): the indent goes (it shows as nothing in a
#: paragraph anyway) and the first character becomes an entity.
_LINE_START = r"[ \t]*(?:([#>+\-=:!~])|(\d+)([.)]))?"
_FIRST_LINE = re.compile(r"(?:^|(?<=\n))" + _LINE_START)
#: The same after a code span or link: only the lines after a break start there.
_LATER_LINE = re.compile(r"(?<=\n)" + _LINE_START)
#: What escaping may change: text without any of these is inert already.
_ACTIVE = re.compile(r"[\\`*_\[\]{}|\"'&<>\n]|^[ \t#>+\-=:!~\d]")
#: An underscore between two letters or digits neither opens nor closes emphasis, so
#: `starting_after` stays as written; any other underscore is an entity.
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_BACKTICKS = re.compile(r"`+")
#: A line break before a non-blank line: `fence` indents those lines only. Searched as the
#: literal break, where ``^(?=.)`` would be tried at every character of the code.
_BREAK_BEFORE_TEXT = re.compile(r"\n(?=.)")
#: What a URL keeps as it is in a Markdown link; anything else is percent-encoded.
_URL_SAFE = "/:?#@!$&*+,;=%-._~"


def escape_text(value: Any) -> Markup:
    """Text from api.yaml, a recording or an API answer as inert Markdown: its code spans
    and allowed links as such, everything else as text. `Markup` is taken as it is."""
    if isinstance(value, Markup):
        return value
    return Markup(inert_text(value))


def inert_text(value: Any) -> str:
    """`escape_text` of a value that is not `Markup`, as a plain string: for blocks that
    join many values into one `Markup`, without making one for each.

    The text is parsed once (`generator.model.prose.parse`); each token is written here, and
    every character between them that Markdown or HTML could read as syntax becomes an
    entity, so nothing is left for Markdown to interpret but what this function wrote.
    """
    text = "" if value is None else str(value)
    if not _ACTIVE.search(text) and text.isprintable():
        return text
    out = []
    for index, token in enumerate(parse(text)):
        if isinstance(token, Link):
            out.append(_link(token))
        elif isinstance(token, Code):
            out.append(inline_code(token.code))
        else:
            out.append(_text(token.text, first=index == 0))
    return "".join(out)


def _text(text: str, *, first: bool = True) -> str:
    escaped = text.translate(_ENTITIES)
    if "_" in escaped:
        escaped = _UNDERSCORE.sub("&#95;", escaped)
    lines = _FIRST_LINE if first else _LATER_LINE
    return lines.sub(_line_start, escaped) if lines.search(escaped) else escaped


def _line_start(match: re.Match[str]) -> str:
    mark, digits, dot = match.groups()
    if mark:
        return f"&#{ord(mark)};"
    return f"{digits}&#{ord(dot)};" if digits else ""


def inline_code(code: Any) -> str:
    """`code` as inline code, whatever it holds: Markdown escapes a code span's content."""
    span = code_span(code)
    # A marker of three backticks or more opens a fence at the start of a line: such a span
    # is written as HTML, its content escaped like text.
    if not span.startswith("```"):
        return span
    return f"<code>{_text(' '.join(str(code).split()))}</code>"


def _link(link: Link) -> str:
    if link.url is None:
        return _text(link.source)
    label = "".join(inline_code(part.code) if isinstance(part, Code)
                    else _text(part.text, first=False) for part in link.label)
    return f"{'!' if link.image else ''}[{label}]({url_text(link.url)})"


def url_text(url: str) -> str:
    """A normalised URL as a Markdown link's target: nothing in it ends the link or the
    attribute Markdown writes it into."""
    return quote(url, safe=_URL_SAFE)


def table_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: no pipes or line breaks."""
    return markdown_cell(value if isinstance(value, Markup) else inert_text(value))


def markdown_cell(markdown: str) -> str:
    """Markdown that is inert already, fit for a table cell: no pipes or line breaks."""
    return markdown.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


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
    # Markdown reads a lone carriage return as a line break: so must the indenting below,
    # or a line of the code would fall outside its block.
    body = code.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
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
