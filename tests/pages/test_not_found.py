"""The 404 page works where the site is served: at a host's root, and under /guides/.

A static host answers a missing address with the site's 404.html and status 404 (GitHub
Pages, Netlify, nginx's ``error_page``); the server here does the same over real HTTP, and
a real Chromium reads the page: its styles, its scripts, its home link and its search.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.conftest import serving
from tests.feedback.test_widget import wait_for


class _Host(SimpleHTTPRequestHandler):
    """Files of a folder; a missing one is answered with the site's 404.html, as hosts do."""

    not_found: Path

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the test reads the browser, not the log


@contextmanager
def static_host(folder: Path, not_found: Path) -> Iterator[str]:
    """`folder` served on loopback with `not_found` for every missing file; its base URL."""
    handler = type("Host", (_Host,), {"not_found": not_found})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    with serving(server):
        yield f"http://127.0.0.1:{server.server_address[1]}/"


@contextmanager
def served(built_site: Path, tmp_path: Path, prefix: str) -> Iterator[str]:
    """The built site at the host's root (prefix ""), or in a folder of it ("guides/")."""
    if not prefix:
        with static_host(built_site, built_site / "404.html") as url:
            yield url
        return
    parent = tmp_path / "host"
    shutil.copytree(built_site, parent / prefix)
    with static_host(parent, parent / prefix / "404.html") as url:
        yield url + prefix


@pytest.mark.parametrize("prefix", ["", "guides/"], ids=["root", "under-guides"])
def test_the_404_page_works_where_the_site_is_served(
        built_site: Path, tmp_path: Path, browser: Browser, prefix: str) -> None:
    with served(built_site, tmp_path, prefix) as site:
        page = browser.new_page()
        failed: list[str] = []
        page.on("response", lambda r: failed.append(r.url)
                if r.status >= 400 and r.url.startswith(site) and r.request.resource_type
                in {"stylesheet", "script"} else None)
        response = page.goto(site + "no/such/page/")
        assert response is not None and response.status == 404
        assert page.locator("h1").inner_text() == "Page not found"

        # Styles: Material's header is sticky only with its stylesheet.
        wait_for(lambda: page.evaluate(
            "getComputedStyle(document.querySelector('.md-header')).position") == "sticky",
            "the theme's stylesheet")
        # Scripts: the theme's bundle and the guides' own script ran.
        wait_for(lambda: page.evaluate("typeof window.document$") == "object",
                 "the theme's script")
        assert page.get_attribute(".md-search", "aria-label") == "Search the guides"
        # Every stylesheet and script the page holds is the site's, and was found (but
        # not-found.js, named at both places the site may be, one of them missing).
        used: list[str] = page.evaluate("""Array.from(document.querySelectorAll(
            'link[rel=stylesheet], script[src]:not([data-built-base])'),
            e => e.href || e.src)""")
        assert len(used) >= 4, used
        assert all(url.startswith(site) for url in used), used
        assert not set(used) & set(failed), set(used) & set(failed)

        # Search: the index is found, and a result leads to a page of this site.
        page.locator("input.md-search__input").click()
        # "Initializing search" until the worker has read the index.
        page.get_by_text("Type to start searching").wait_for()
        page.keyboard.type("revoked")
        result = page.locator(".md-search-result__item a").first
        result.wait_for()
        href = result.get_attribute("href") or ""
        assert href.startswith(site), href
        with page.expect_navigation():
            result.click()
        assert page.locator("h1").first.inner_text() != "Page not found"
        assert page.url.startswith(site)

        # Home: the page's own link and the header's both lead to the home page.
        for link in ("article a:text('home page')", "a.md-header__button.md-logo"):
            page.goto(site + "no/such/page/")
            with page.expect_navigation():
                page.locator(link).first.click()
            assert page.url == site, link
            assert page.title() == "Trust Leads Guides"
