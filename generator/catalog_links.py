"""The error catalog's ``docs`` links: each must land on a page (and anchor) of the site."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from urllib.parse import urlsplit

from markdown.extensions.toc import slugify

from .errors import Problem
from .model import Project

__all__ = ["anchors", "check_docs_links", "page_for_url_path"]

_EXPLICIT_ID = re.compile(r"\{[^}\n]*#([A-Za-z][\w-]*)[^}\n]*\}")
_HEADING_TEXT = r"#{1,6}\s+(.+?)\s*#*\s*$"
#: ATX headings, each found after the newline that opens its line: a literal the regex engine
#: searches for quickly, where a bare ``^`` is tried at every character of the page.
_HEADING = re.compile(r"\n" + _HEADING_TEXT, re.MULTILINE)
#: A heading on the page's first line, which no newline opens.
_FIRST_HEADING = re.compile(_HEADING_TEXT, re.MULTILINE)


def page_for_url_path(path: str, pages: Mapping[str, str]) -> str | None:
    """The page file a site-relative URL path points to (``api-authentication/``), if any."""
    stem = path.strip("/")
    candidates = ["index.md"] if not stem else [f"{stem}.md", f"{stem}/index.md"]
    return next((c for c in candidates if c in pages), None)


def anchors(markdown: str) -> set[str]:
    """Ids a Markdown page will have: explicit ``{ #id }`` ones and slugs of plain headings."""
    found = set(_EXPLICIT_ID.findall(markdown))
    # Not searched in "\n" + markdown: a copy of a page that can run to megabytes.
    first = _FIRST_HEADING.match(markdown)
    headings = [first[1]] if first else []
    headings += _HEADING.findall(markdown, first.end() if first else 0)
    for heading in headings:
        if not _EXPLICIT_ID.search(heading):
            # The slugs Python-Markdown's toc extension gives headings without an id.
            found.add(slugify(heading, "-"))
    return found


def check_docs_links(project: Project, pages: Mapping[str, str]) -> Iterator[Problem]:
    """Problems with the catalog's docs links, given every Markdown page of the site."""
    site_url = project.spec.site.url
    page_anchors: dict[str, set[str]] = {}
    for index, error in enumerate(project.spec.errors):
        loc = ("errors", index, "docs")
        if not error.docs.startswith(site_url):
            yield project.source.problem(
                loc, f"docs link {error.docs!r} of {error.code} must point into the guides "
                     f"site, under {site_url!r}")
            continue
        url = urlsplit(error.docs[len(site_url) - 1:])
        page = page_for_url_path(url.path, pages)
        if page is None:
            yield project.source.problem(
                loc, f"docs link {error.docs!r} of {error.code} points to no page of the site; "
                     f"pages: {', '.join(sorted(pages))}")
        elif url.fragment and url.fragment not in _anchors_of(page, pages, page_anchors):
            yield project.source.problem(
                loc, f"docs link {error.docs!r} of {error.code}: page {page} has no anchor "
                     f"#{url.fragment}")


def _anchors_of(page: str, pages: Mapping[str, str], known: dict[str, set[str]]) -> set[str]:
    """`anchors` of `page`, worked out once per page however many links point into it."""
    if page not in known:
        known[page] = anchors(pages[page])
    return known[page]
