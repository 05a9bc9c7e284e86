"""What api.yaml's text may do on a page, read by one parser: code spans and links, nothing more.

`parse` splits a text into plain text, code spans and links; the renderer emits each token
itself and escapes everything else, so what Markdown sees is decided here and nowhere else
(two parsers that disagree about a backslash or a bracket were how markup got through).
Validation reports what an editor may have meant as markup and will see as text: raw HTML,
attribute lists (``{: onclick=… }``), links to anything but https or the site's own pages,
images from anywhere but the site.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import Problem
from .source import SourceDocument

__all__ = ["Code", "Finding", "Link", "Text", "Token", "findings", "is_plain", "parse",
           "prose_problems", "safe_url", "visible"]

_BACKTICKS = re.compile(r"`+")
#: Code spans are masked with this before links are looked for; it is a control character,
#: which `visible` has already replaced in the text, so it stands for nothing else.
_MASK = "\x00"
_LINK = re.compile(r"(!?)\[([^\[\]\n]*)\]\(\s*(?:<([^<>\n\x00]*)>|([^\s()<>\x00]*))\s*\)")
#: Anything written like a link, even one `_LINK` does not take (its text is then shown as
#: written): validation judges each target an editor wrote.
_LINK_LIKE = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?([^)\s>]*)")
_RAW_HTML = re.compile(r"<[A-Za-z/!?]")
_ATTRIBUTE_LIST = re.compile(r"\{\s*:|\{\s*[#.][\w-]|\{\s*[\w-]+\s*=")
_REFERENCE = re.compile(r"^\s*\[[^\]\n]+\]:", re.MULTILINE)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
#: A character one of the constructs above needs: text without one is plain text.
_MAY_BE_MARKUP = re.compile(r"[`\[<{]")


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Code:
    code: str
    """The span's content, line breaks and runs of spaces as one space (as Markdown shows it)."""


@dataclass(frozen=True)
class Link:
    label: tuple[Text | Code, ...]
    url: str | None
    """The normalised target, or None when it is refused (the link is then shown as text)."""
    image: bool
    source: str
    """The link as written, shown as text when `url` is None."""
    problem: str | None


Token = Text | Code | Link


@dataclass(frozen=True)
class Finding:
    start: int
    """Offset in the text where the construct starts."""
    message: str


def visible(text: str) -> str:
    """`text` with line breaks as ``\\n`` and every other control or format character as
    U+FFFD, one character for one, so offsets stay those of the original."""
    if text.isprintable():
        return text
    return "".join(
        char if char in "\n\t" or char.isprintable() or unicodedata.category(char) == "Zs"
        else "\n" if char == "\r" else "\ufffd" for char in text)


def safe_url(target: str, *, image: bool) -> tuple[str | None, str | None]:
    """(the normalised URL, None) or (None, why it is refused).

    A browser ignores control characters and whitespace in a URL and reads a backslash as a
    slash, and the HTML a link becomes decodes character references (``javascript&#58;``):
    so are they decoded, removed and replaced here, before the scheme is judged.
    """
    url = target
    while (decoded := html.unescape(url)) != url:
        url = decoded
    url = "".join(char for char in url if char.isprintable() and not char.isspace())
    url = url.replace("\\", "/")
    scheme = _SCHEME.match(url)
    if url.startswith("//") or (scheme and (image or scheme.group(1).lower() != "https")):
        if image:
            return None, f"an image must be a file of the site, by relative path: got {target!r}"
        return None, f"a link must go to https:// or to a page of the site: got {target!r}"
    return url, None


def _code_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, content) of each code span: a run of backticks closed by the next run
    of the same length; a run that is never closed is text."""
    runs = list(_BACKTICKS.finditer(text))
    index = 0
    while index < len(runs):
        opening = runs[index]
        width = len(opening.group(0))
        for later in range(index + 1, len(runs)):
            if len(runs[later].group(0)) == width:
                content = " ".join(text[opening.end():runs[later].start()].split())
                yield opening.start(), runs[later].end(), content
                index = later + 1
                break
        else:
            index += 1


def _inline(text: str, spans: list[tuple[int, int, str]], start: int,
            end: int) -> list[Text | Code]:
    out: list[Text | Code] = []
    last = start
    for span_start, span_end, content in spans:
        if span_start < start or span_end > end:
            continue
        if span_start > last:
            out.append(Text(text[last:span_start]))
        # A blank span is shown as the backticks it was written with.
        out.append(Code(content) if content else Text(text[span_start:span_end]))
        last = span_end
    if last < end:
        out.append(Text(text[last:end]))
    return out


def parse(value: str) -> list[Token]:
    """The tokens of `value` (after `visible`), in order; their text covers all of it."""
    text = visible(value)
    if not _MAY_BE_MARKUP.search(text):
        return [Text(text)] if text else []
    spans = list(_code_spans(text)) if "`" in text else []
    masked = text
    for start, end, _ in spans:
        masked = masked[:start] + _MASK * (end - start) + masked[end:]
    tokens: list[Token] = []
    last = 0
    for match in _LINK.finditer(masked):
        tokens += _inline(text, spans, last, match.start())
        image = bool(match.group(1))
        target = match.group(3) if match.group(3) is not None else match.group(4)
        url, problem = safe_url(target, image=image)
        label_start = match.start(2)
        tokens.append(Link(tuple(_inline(text, spans, label_start, match.end(2))), url, image,
                           text[match.start():match.end()], problem))
        last = match.end()
    tokens += _inline(text, spans, last, len(text))
    return tokens


def _masked(value: str) -> str:
    text = visible(value)
    for start, end, _ in _code_spans(text) if "`" in text else ():
        text = text[:start] + _MASK * (end - start) + text[end:]
    return text


def findings(value: str) -> Iterator[Finding]:
    """Each construct of `value` an editor may have meant as markup, which its page shows as
    text instead."""
    if not _MAY_BE_MARKUP.search(value):
        return
    prose = _masked(value)
    for match in _RAW_HTML.finditer(prose):
        yield Finding(match.start(), "raw HTML is not allowed here; write Markdown, or put "
                                     "code in `backticks`")
    for match in _ATTRIBUTE_LIST.finditer(prose):
        yield Finding(match.start(), "attribute lists ({: …}) are not allowed here")
    for match in _REFERENCE.finditer(prose):
        yield Finding(match.start(), "reference links ([name]: url) are not allowed here; "
                                     "write [text](url)")
    for match in _LINK_LIKE.finditer(prose):
        problem = safe_url(match.group(2), image=bool(match.group(1)))[1]
        if problem:
            yield Finding(match.start() + len(match.group(1)), problem)


def is_plain(value: str) -> bool:
    """Whether `value` shows on a page as exactly its text: no code span, no link, nothing
    validation refuses, no control character."""
    if value != visible(value):
        return False
    return all(isinstance(token, Text) for token in parse(value)) \
        and next(findings(value), None) is None


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
            if not _MAY_BE_MARKUP.search(value):
                continue  # the usual text, at the cost of one search
            # One line per kind of problem in a value, however often it recurs there.
            for message in dict.fromkeys(finding.message for finding in findings(value)):
                yield source.problem((*loc, part), message)
        else:
            yield from _walk(source, value, (*loc, part))
