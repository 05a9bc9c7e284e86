"""The feedback widget of the Zensical build, in a real headless Chromium: the theme
override carries over, and votes reach our collector."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.conftest import free_port, served_folder
from tests.feedback import test_widget
from tests.feedback.collector import start_collector
from tests.feedback.test_widget import rows, wait_for
from tests.zensical_build import make_zensical, zensical_project

DEFAULT_ENDPOINT = "https://feedback.trustleads.ai/v1/feedback"

#: The same headless Chromium page as the MkDocs site's widget tests.
page = test_widget.page


@pytest.fixture
def zensical_site(chromium: Path, tmp_path: Path) -> Iterator[dict[str, str]]:
    """`make zensical` with zensical.toml pointing at a collector on loopback, served."""
    collector_port, site_port = free_port(), free_port()
    database = str(tmp_path / "feedback.sqlite3")
    project = zensical_project(tmp_path / "project")
    config = project / "zensical.toml"
    text = config.read_text(encoding="utf-8")
    assert DEFAULT_ENDPOINT in text
    config.write_text(text.replace(
        DEFAULT_ENDPOINT, f"http://127.0.0.1:{collector_port}/v1/feedback"), encoding="utf-8")
    site = make_zensical(project)
    collector = start_collector(database, collector_port, tmp_path / "collector.log",
                                "--allow-origin", f"http://127.0.0.1:{site_port}")
    try:
        with served_folder(site, site_port) as url:
            yield {"url": url, "database": database,
                   "version": hashlib.sha256((project / "api.yaml").read_bytes()).hexdigest()}
    finally:
        collector.terminate()
        collector.wait(timeout=30)


def test_votes_and_comments_reach_the_collector(zensical_site: dict[str, str],
                                                page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    database = zensical_site["database"]

    page.goto(f"{zensical_site['url']}api-authentication/")
    assert page.get_by_text("Was this guide helpful?").is_visible()
    page.locator("button[data-md-value='1']").click()
    page.get_by_text("Thanks for your feedback!", exact=True).wait_for()
    wait_for(lambda: len(rows(database)) == 1, "the helpful vote")

    page.goto(f"{zensical_site['url']}error-catalog/")
    page.locator("button[data-md-value='0']").click()
    page.get_by_label("What was missing?").fill("A Go example, please.")
    page.get_by_role("button", name="Send").click()
    wait_for(lambda: any(r.comment for r in rows(database)), "the comment")
    votes = sorted((r.page, r.rating, r.comment) for r in rows(database))
    assert votes == [("/api-authentication/", 1, None),
                     ("/error-catalog/", 0, "A Go example, please.")]
    # `guides generate` stamped each page with the hash of the api.yaml it came from.
    assert {r.version for r in rows(database)} == {zensical_site["version"]}
    assert errors == []
