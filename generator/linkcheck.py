"""Every link of the built site leads somewhere: internal pages and anchors, and the catalog's
``docs`` URLs (which API error bodies carry)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

__all__ = ["broken_links", "page_links"]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.hrefs.append(str(values["href"]))


def page_links(path: Path) -> tuple[set[str], list[str]]:
    """The ids a built page defines and the hrefs it links to, read now."""
    links = _Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links.ids, links.hrefs


@cache
def _read(path: Path) -> tuple[set[str], list[str]]:
    """`page_links`, once per page during one `broken_links` walk."""
    return page_links(path)


def _resolve(site: Path, site_url: str, url: str) -> tuple[Path, str] | None:
    """The file and fragment a URL of the site leads to; None for other sites."""
    if not url.startswith(site_url):
        return None
    parts = urlsplit(url)
    path = site / parts.path[len(urlsplit(site_url).path):]
    if path.is_dir():
        path = path / "index.html"
    return path, parts.fragment


def broken_links(site: Path, site_url: str, extra_urls: Iterable[str] = ()) -> Iterator[str]:
    """Each link of `site` (and each of `extra_urls`) that leads to no page or anchor."""
    _read.cache_clear()
    checks: list[tuple[str, str]] = [("api.yaml", url) for url in extra_urls]
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        page_url = urljoin(site_url, relative.removesuffix("index.html"))
        checks += [(page_url, urljoin(page_url, href)) for href in _read(html)[1]]
    for origin, url in checks:
        target = _resolve(site, site_url, url)
        if target is None or target[0].suffix not in {".html", ""}:
            continue
        path, fragment = target
        if not path.is_file():
            yield f"{origin}: {url} leads to no page"
        elif fragment and fragment not in _read(path)[0]:
            yield f"{origin}: {url} leads to no #{fragment} on its page"
