"""The built site under its Content-Security-Policy, in Chromium: search, tabs, copy buttons
and the feedback widget work with no violation reported, and a page built from hostile
recorded values runs none of their script."""

from __future__ import annotations

import json
import time
from pathlib import Path

from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError

from generator.site.guard import has_content_security_policy
from tests.conftest import (
    REPO,
    copy_project,
    run_guides,
    served_folder,
)

#: Each would call the page's binding `pwned` if its markup ever ran.
PAYLOADS = [
    "\\`<img src=x onerror=pwned()>`",
    "<script>pwned()</script>",
    "[x](javascript:pwned())",
    "[x\n](java\x01script:pwned())",
    "[[x]](javascript:pwned())",
    "x{: onclick=pwned() }",
    "<javascript:pwned()>",
    "\" onmouseover=\"pwned()",
]
_WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""


def _goto(page: Page, url: str) -> None:
    """`url`, once the freshly started static server listens."""
    for _ in range(50):
        try:
            page.goto(url)
            break
        except PlaywrightError:
            time.sleep(0.2)
    else:
        page.goto(url)
    page.wait_for_load_state("networkidle")


def _open(browser: Browser, url: str) -> tuple[Page, list[str]]:
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    page.add_init_script(_WATCH)
    _goto(page, url)
    return page, errors


def test_the_site_works_under_its_policy(built_site: Path, browser: Browser) -> None:
    html = (built_site / "error-catalog" / "index.html").read_text(encoding="utf-8")
    # Every page, the 404 page the theme writes too (served for every unknown address).
    pages = sorted(built_site.rglob("*.html"))
    assert built_site / "404.html" in pages
    assert [page.relative_to(built_site).as_posix() for page in pages
            if not has_content_security_policy(page.read_text(encoding="utf-8"))] == []
    assert "script-src 'self' 'sha256-" in html and "'unsafe-inline'" not in \
        html.split("script-src", 1)[1].split(";", 1)[0]
    with served_folder(built_site) as base:
        for path in ("", "api-authentication/", "error-catalog/", "billing-plans-comparison/",
                     "editing-the-guides/"):
            page, errors = _open(browser, base + path)
            assert page.evaluate("window.__violations") == [], path
            assert [e for e in errors if "Content Security Policy" in e] == [], path
            if path == "error-catalog/":
                _use(page, errors)  # on the page just read: loaded again, it would be the same
            page.close()


def _use(page: Page, errors: list[str]) -> None:
    """Search, tabs, copy buttons and the feedback widget used on `page`: no violation."""
    # Search: Material's worker loads and answers.
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("revoked", delay=50)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    page.keyboard.press("Escape")
    # Tabs switch, copy buttons are there, the feedback widget is wired.
    page.locator(".tabbed-labels label").nth(1).click()
    assert page.locator("button.md-code__button").count() > 0
    assert page.locator("form[name=feedback]").get_attribute("data-guides-wired") == "true"
    assert page.evaluate("window.__violations") == []
    assert [e for e in errors if "Content Security Policy" in e] == []


def test_hostile_recorded_values_run_no_script(tmp_path: Path, browser: Browser) -> None:
    project = copy_project(REPO, tmp_path / "project")
    path = project / "snippets" / "revoked-token" / "recording.json"
    recording = json.loads(path.read_text(encoding="utf-8"))
    recording["verified"]["against"] = " ".join(PAYLOADS)
    recording["response"]["headers"] |= {f"x-{i}": payload for i, payload in enumerate(PAYLOADS)}
    recording["response"]["body"]["message"] = " ".join(PAYLOADS)
    path.write_text(json.dumps(recording), encoding="utf-8")
    result = run_guides("build", cwd=project)
    assert result.returncode == 0, result.stderr
    calls: list[str] = []
    with served_folder(project / "site") as base:
        page = browser.new_page()
        page.expose_binding("pwned", lambda source: calls.append("called"))
        _goto(page, base + "error-catalog/")
        text = page.locator("article").inner_text()
        assert "<img src=x onerror=pwned()>" in text and "[x](javascript:pwned())" in text
        page.locator("article").hover()
        page.evaluate("""() => { for (const element of document.querySelectorAll("article *"))
            element.dispatchEvent(new MouseEvent("mouseover", {bubbles: true})); }""")
        assert calls == []
        assert page.locator("article script, article img[onerror], article [onclick]").count() == 0
        assert page.locator("article a[href^='javascript' i]").count() == 0
        page.close()
