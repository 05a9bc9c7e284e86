"""Every ``docs`` link in the error catalog must land on a page (and anchor) of the site."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from urllib.parse import urlsplit

from .errors import Problem
from .spec import Project

_EXPLICIT_ID = re.compile(r"\{[^}\n]*#([A-Za-z][\w-]*)[^}\n]*\}")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def page_for_url_path(path: str, pages: Mapping[str, str]) -> str | None:
    """The page file a site-relative URL path points to (``api-authentication/``), if any."""
    stem = path.strip("/")
    candidates = ["index.md"] if not stem else [f"{stem}.md", f"{stem}/index.md"]
    return next((c for c in candidates if c in pages), None)


def anchors(markdown: str) -> set[str]:
    """Ids a Markdown page will have: explicit ``{ #id }`` ones and slugs of plain headings."""
    found = set(_EXPLICIT_ID.findall(markdown))
    for heading in _HEADING.findall(markdown):
        if not _EXPLICIT_ID.search(heading):
            found.add(slugify(heading))
    return found


def slugify(text: str) -> str:
    """The same slugs as Python-Markdown's ``toc`` extension makes by default."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def check_docs_links(project: Project, pages: Mapping[str, str]) -> Iterator[Problem]:
    """Problems with the catalog's docs links, given every Markdown page of the site."""
    site_url = project.spec.site.url
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
        elif url.fragment and url.fragment not in anchors(pages[page]):
            yield project.source.problem(
                loc, f"docs link {error.docs!r} of {error.code}: page {page} has no anchor "
                     f"#{url.fragment}")
