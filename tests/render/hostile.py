"""Hostile text, generated: every spelling of markup, links and schemes an attacker tries, and
a reader of the HTML that says what markup it holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown
import yaml
from hypothesis import strategies as st

from generator.site.guard import ALLOWED_SCHEMES, ALLOWED_TAGS
from tests.conftest import REPO

#: Pieces of Markdown, HTML and URL syntax; the strategy joins them in any order and number.
FRAGMENTS = [
    "\\", "\\`", "`", "``", "```", "[", "]", "(", ")", "![", "](", "[[x]](", "<", ">", "&",
    "&#58;", "&#x6A;", "&lt;", "&amp;", "javascript:", "JaVaScRiPt:", "java\tscript:",
    "java\nscript:", "\x01javascript:", " javascript:", "\x00", "data:text/html,x",
    "vbscript:x", "//evil.example", "/\\evil.example", "https://ok.example/a_b",
    "{: onclick=\"alert(1)\" }", "{#x}", "{.y}", "{ onerror=x }",
    "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "<javascript:alert(1)>",
    "<https://e.example>", "<a@b.example>", "<!-- x -->", "<div markdown=\"1\">", "\n",
    "\n\n", "    ", "\t", "*", "**", "_", "__", "#", "- ", "1. ", "> ", ":   ", "!!! note",
    '=== "x"', "|", "---", "~~~", "\"", "'", "onerror=", "\r", "\u2028", "%0a", "  \n",
    "word", " ", "é", "\ufeff",
]

hostile_text = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=14).map(
    "".join)


@dataclass
class Markup(HTMLParser):
    """The elements, attributes and URLs an HTML fragment holds, and its text."""

    tags: set[str] = field(default_factory=set)
    attributes: set[tuple[str, str]] = field(default_factory=set)
    urls: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add((tag, name))
            if name in {"href", "src", "action", "formaction", "srcset", "xlink:href"}:
                self.urls.append(value or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read(html: str) -> Markup:
    reader = Markup()
    reader.feed(html)
    reader.close()
    return reader


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's own tags (``!ENV``) read as nothing: only its extensions matter here."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _extensions() -> tuple[list[str], dict[str, dict[str, object]]]:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        options[name] = settings
    return names, options


_NAMES, _OPTIONS = _extensions()


def to_html(text: str) -> str:
    """Markdown as the site's build converts it (mkdocs.yml's extensions)."""
    html: str = markdown.markdown(text, extensions=_NAMES, extension_configs=_OPTIONS)
    return html


def outside_allowlist(html: str) -> list[str]:
    """What `html` holds that no guide page may: an element, an event handler or a style
    where none belongs, a URL with a scheme outside the allowlist."""
    found = read(html)
    wrong = [f"element <{tag}>" for tag in sorted(found.tags - ALLOWED_TAGS)]
    wrong += [f"attribute {name} on <{tag}>" for tag, name in sorted(found.attributes)
              if name.startswith("on") or (name == "style" and tag not in {"th", "td"})
              or name in {"srcdoc", "formaction", "action"}]
    for url in found.urls:
        cleaned = "".join(char for char in url if char.isprintable() and not char.isspace())
        scheme, colon, _ = cleaned.partition(":")
        if colon and "/" not in scheme and "?" not in scheme and "#" not in scheme \
                and scheme.lower() not in ALLOWED_SCHEMES:
            wrong.append(f"URL {url!r}")
    return wrong
