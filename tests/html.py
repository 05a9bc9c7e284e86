"""Read built HTML pages as a reader and a link checker would."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

_BLOCKS = {"p", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "div", "pre",
           "br", "dt", "dd", "table", "label", "summary", "span"}


@dataclass
class Page:
    text: str
    ids: set[str] = field(default_factory=set)
    hrefs: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.page = Page("")
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.page.ids.add(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.page.hrefs.append(str(values["href"]))
        if tag in {"script", "style"}:
            self._skip += 1
        if tag == "script":
            self.page.scripts.append(str(values.get("src") or ""))
        if tag in _BLOCKS and tag != "span":
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._skip -= 1
        if tag in _BLOCKS and tag != "span":
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def read_page(path: Path) -> Page:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.page.text = re.sub(r"\s+", " ", "".join(reader.parts))
    return reader.page


def main_text(path: Path) -> str:
    """The article's text only, without navigation and footer."""
    html = path.read_text(encoding="utf-8")
    start = html.index("<article")
    end = html.index("</article>", start)
    reader = _Reader()
    reader.feed(html[start:end])
    return re.sub(r"\s+", " ", "".join(reader.parts))
