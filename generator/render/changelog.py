"""The announced changes (``changes:``) for readers: each entry's links on the Changelog
page, a code's last change in the catalog, and the Atom feed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..model.models import Change, Spec
from ..paths import PAGES
from .inert_markdown import inert_text, inline_code, url_text

__all__ = ["atom_feed", "change_links", "changelog_link", "last_changed"]

_PAGE_FILES = {entry: path for path, entry in PAGES.items()}
_ATOM = "http://www.w3.org/2005/Atom"
#: A feed must say when it last changed; before any entry, the Unix epoch stands for never.
_NEVER = "1970-01-01T00:00:00Z"


def change_links(spec: Spec, change: Change) -> str:
    """What `change` concerns, as links to the pages' anchors (a removed one as text)."""
    links = [f"[{inline_code(code)}]({_PAGE_FILES['error_catalog']}#{url_text(code.lower())})"
             for code in change.codes]
    for path in change.paths:
        endpoint = next((e for e in spec.endpoints if e.path == path), None)
        if endpoint is not None and spec.pages.endpoints is not None:
            links.append(f"[{inline_code(path)}]({_PAGE_FILES['endpoints']}"
                         f"#{url_text(endpoint.id)})")
        else:
            links.append(inline_code(path))
    links += [inline_code(section) for section in change.sections]
    links += [f"{inline_code(gone)} (removed)" for gone in change.removed]
    return ", ".join(links)


def last_changed(spec: Spec, code: str) -> Change | None:
    """The newest entry naming `code`, if any (entries are newest first)."""
    return next((c for c in spec.changes if code in c.codes), None)


def changelog_link(change: Change) -> str:
    """`change`'s date, linked to its entry on the Changelog page."""
    return (f"[{inert_text(change.date.isoformat())}]({_PAGE_FILES['changelog']}"
            f"#{url_text(change.anchor)})")


def atom_feed(spec: Spec) -> str:
    """The Atom 1.0 document of ``changes:``, newest first; every text escaped for XML by
    the serializer."""
    page = f"{spec.site.url}changelog/"
    ET.register_namespace("", _ATOM)
    feed = ET.Element(f"{{{_ATOM}}}feed")
    title = spec.pages.changelog.title if spec.pages.changelog else "Changelog"
    _text(feed, "title", f"{spec.api.name}: {title}")
    _text(feed, "id", page)
    _text(feed, "updated", _timestamp(spec.changes[0]) if spec.changes else _NEVER)
    ET.SubElement(feed, f"{{{_ATOM}}}link", href=page, rel="alternate")
    ET.SubElement(feed, f"{{{_ATOM}}}link", href=f"{spec.site.url}changelog.xml", rel="self")
    author = ET.SubElement(feed, f"{{{_ATOM}}}author")
    _text(author, "name", spec.api.name)
    for change in spec.changes:
        entry = ET.SubElement(feed, f"{{{_ATOM}}}entry")
        _text(entry, "title", change.summary)
        _text(entry, "id", f"{page}#{change.anchor}")
        _text(entry, "updated", _timestamp(change))
        ET.SubElement(entry, f"{{{_ATOM}}}link", href=f"{page}#{change.anchor}",
                      rel="alternate")
        concerns = [*change.codes, *change.paths, *change.sections,
                    *(f"{gone} (removed)" for gone in change.removed)]
        _text(entry, "summary", f"{change.summary} Concerns: {', '.join(concerns)}.")
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def _text(parent: ET.Element, name: str, text: str) -> None:
    ET.SubElement(parent, f"{{{_ATOM}}}{name}").text = text


def _timestamp(change: Change) -> str:
    return f"{change.date.isoformat()}T00:00:00Z"
