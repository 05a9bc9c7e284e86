"""A page's Markdown cut into its sections, each with the anchor the site gives its heading."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown.extensions.toc import slugify

__all__ = ["Section", "reader_markdown", "sections_of"]

#: `## Title { #anchor }`: an explicit anchor (attr_list), else the toc extension's slug.
_HEADING = re.compile(r"^(#{1,4}) (.+?)(?: \{ *#([\w-]+) *\})?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
#: The page's controls (key form, Try it and decoder markers): raw HTML, hidden until a
#: script fills them; no reader of the Markdown can use them.
_CONTROL = re.compile(r"^<(form|div)\b[^>\n]*\bhidden\b[^>\n]*>.*?</\1>\n?",
                      re.DOTALL | re.MULTILINE)


@dataclass(frozen=True)
class Section:
    """One heading of a page and the text under it, up to the next heading."""

    page: str
    """The page file, e.g. ``error-catalog.md``."""
    title: str
    anchor: str
    """Empty for the text above the page's first heading below its title."""
    text: str


def reader_markdown(markdown: str) -> str:
    """A page's Markdown as a reader of the source wants it: no front matter, no controls."""
    return _CONTROL.sub("", _FRONT_MATTER.sub("", markdown, count=1)).lstrip()


def sections_of(page: str, markdown: str) -> list[Section]:
    """`page`'s sections in order; headings inside code blocks are code, not headings."""
    found: list[Section] = []
    title, anchor, lines = "", "", []
    in_fence = False
    for line in reader_markdown(markdown).splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading is None:
            lines.append(line)
            continue
        if title or "".join(lines).strip():
            found.append(Section(page, title, anchor, "\n".join(lines).strip()))
        text = heading.group(2).strip()
        title, anchor, lines = text, heading.group(3) or slugify(text, "-"), []
        if heading.group(1) == "#":
            anchor = ""  # a page's title: its URL is the page's own
    found.append(Section(page, title, anchor, "\n".join(lines).strip()))
    return found
