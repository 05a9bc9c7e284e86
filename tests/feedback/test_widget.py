"""The widget in a real headless Chromium: votes reach our collector, never an error."""

from __future__ import annotations

import hashlib
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.feedback.store import Row, open_store
from tests.conftest import PAGES_ONLY, REPO, copy_project, free_port, run_guides, served_folder
from tests.feedback.collector import start_collector


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def built(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The real site, built once for this module against a collector address on loopback."""
    collector_port, site_port = free_port(), free_port()
    project = copy_project(REPO, tmp_path_factory.mktemp("widget") / "project")
    build = run_guides("build", cwd=project, env={
        "GUIDES_FEEDBACK_ENDPOINT": f"http://127.0.0.1:{collector_port}/v1/feedback",
        **PAGES_ONLY})
    assert build.returncode == 0, build.stderr
    return {"project": project, "collector_port": collector_port, "site_port": site_port}


@pytest.fixture
def site(built: dict[str, object], tmp_path: Path) -> Iterator[dict[str, object]]:
    """The built site served over HTTP, and a collector of its own (an empty database)
    at the address the site was built with."""
    project, collector_port, site_port = (Path(str(built["project"])),
                                          int(str(built["collector_port"])),
                                          int(str(built["site_port"])))
    database = str(tmp_path / "feedback.sqlite3")
    collector = start_collector(database, collector_port, tmp_path / "collector.log",
                                "--allow-origin", f"http://127.0.0.1:{site_port}")
    try:
        with served_folder(project / "site", site_port) as url:
            yield {"url": url, "database": database,
                   "collector": collector, "collector_port": collector_port,
                   "log": tmp_path / "collector.log",
                   "version": hashlib.sha256((project / "api.yaml").read_bytes()).hexdigest()}
    finally:
        collector.terminate()
        collector.wait(timeout=30)


@pytest.fixture
def page(browser: Browser) -> Page:
    return browser.new_page()


def rows(database: str) -> list[Row]:
    store = open_store(database)
    try:
        return store.rows()
    finally:
        store.close()


def test_votes_reach_the_collector(site: dict[str, object], page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    database = str(site["database"])

    page.goto(f"{site['url']}api-authentication/")
    assert page.locator("form.md-feedback").is_visible()
    assert page.get_by_text("Was this guide helpful?").is_visible()
    page.locator("button[data-md-value='1']").click()
    page.get_by_text("Thanks for your feedback!", exact=True).wait_for()
    wait_for(lambda: len(rows(database)) == 1, "the helpful vote")
    (up,) = rows(database)
    assert (up.page, up.rating, up.comment) == ("/api-authentication/", 1, None)

    page.goto(f"{site['url']}error-catalog/")
    page.locator("button[data-md-value='0']").click()
    # Sent empty, the comment box stays, and thanks no one for a comment never written.
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_label("What was missing?")).to_be_focused()
    said = page.locator(".guides-feedback-comment [role=status]")
    expect(said).to_have_text("Write what was missing first; your vote is counted either way.")
    expect(page.get_by_text("Thank you, we read every comment.")).to_have_count(0)
    page.get_by_label("What was missing?").fill("A Go example, please.")
    page.get_by_role("button", name="Send").click()
    expect(said).to_have_text("Thank you, we read every comment.")
    wait_for(lambda: any(r.comment for r in rows(database)), "the comment")
    down = next(r for r in rows(database) if r.page == "/error-catalog/")
    assert (down.rating, down.comment) == (0, "A Go example, please.")
    assert len(rows(database)) == 2
    assert errors == []


def test_version_is_the_hash_of_api_yaml(site: dict[str, object], page: Page) -> None:
    page.goto(f"{site['url']}billing-plans-comparison/")
    page.locator("button[data-md-value='1']").click()
    database = str(site["database"])
    wait_for(lambda: len(rows(database)) == 1, "the vote")
    assert [row.version for row in rows(database)] == [site["version"]]


OUTBOX = "trustleads-guides-feedback-outbox"


def test_a_vote_the_collector_missed_is_kept_and_sent_on_the_next_page(
        site: dict[str, object], page: Page) -> None:
    collector = site["collector"]
    assert isinstance(collector, subprocess.Popen)
    collector.terminate()
    collector.wait(timeout=30)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    database = str(site["database"])

    page.goto(f"{site['url']}api-authentication/")
    page.locator("button[data-md-value='1']").click()
    page.get_by_text("Thanks for your feedback!", exact=True).wait_for()
    # Thanked, and told the truth: the vote is not sent yet.
    page.get_by_text("Not sent yet", exact=False).wait_for()
    kept = page.evaluate(f"JSON.parse(localStorage.getItem({OUTBOX!r}))")
    assert [item["event"]["page"] for item in kept] == ["/api-authentication/"]
    assert rows(database) == []

    restarted = start_collector(database, int(str(site["collector_port"])),
                                Path(str(site["log"])), "--allow-origin",
                                str(site["url"]).rstrip("/"))
    try:
        page.goto(f"{site['url']}error-catalog/")
        wait_for(lambda: len(rows(database)) == 1, "the kept vote")
        wait_for(lambda: page.evaluate(f"localStorage.getItem({OUTBOX!r})") is None,
                 "the outbox to empty")
        page.reload()
        page.wait_for_timeout(500)
    finally:
        restarted.terminate()
        restarted.wait(timeout=30)
    ((row_page, rating),) = [(row.page, row.rating) for row in rows(database)]
    assert (row_page, rating) == ("/api-authentication/", 1)
    assert errors == []
