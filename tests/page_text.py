"""Read built HTML pages as a reader would: the article's text, without markup."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

_BLOCKS = {"p", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "div", "pre",
           "br", "dt", "dd", "table", "label", "summary"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._skip += 1
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._skip -= 1
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def main_text(path: Path) -> str:
    """The article's text only, without navigation and footer."""
    html = path.read_text(encoding="utf-8")
    start = html.index("<article")
    end = html.index("</article>", start)
    reader = _Text()
    reader.feed(html[start:end])
    return re.sub(r"\s+", " ", "".join(reader.parts))


#: Elements whose text a reader does not read as prose: code shows Markdown on purpose.
_NOT_PROSE = {"script", "style", "pre", "code", "svg", "template"}

#: Markdown that should have become markup: attribute lists, links, emphasis, code spans,
#: content tabs and admonitions, left as text.
MARKDOWN_LEFT = re.compile(r"\{\s*[.#:]|\]\(|\*\*|__|`|^\s*===|!!!", re.MULTILINE)


class _Prose(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _NOT_PROSE:
            self._open.append(tag)
        elif tag in _BLOCKS or tag in {"a", "span", "button", "title", "option"}:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._open:
            self.parts.append(data)


def prose_lines(html: str) -> list[str]:
    """Every line of text a page shows (title, navigation, article, footer), code left out."""
    reader = _Prose()
    reader.feed(html)
    return [" ".join(line.split()) for line in "".join(reader.parts).splitlines()
            if line.strip()]
