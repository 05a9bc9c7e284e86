"""The suite's Chromium runs the pages and nothing else: no renderer of the browser's own
interface (a headless window has none to show) spends the suite's CPU."""

from __future__ import annotations

from playwright.sync_api import Browser


def test_a_window_holds_the_page_alone(browser: Browser) -> None:
    page = browser.new_page()
    page.goto("about:blank")
    targets = browser.new_browser_cdp_session().send("Target.getTargets")["targetInfos"]
    assert [(t["type"], t["url"]) for t in targets] == [("page", "about:blank")]
