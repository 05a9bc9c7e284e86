"""The reader's key, typed once, shows in every sample; it stays in the tab and goes nowhere."""

from __future__ import annotations

from playwright.sync_api import Browser

KEY = "lfk_sk_reader_own_key_123"
PLACEHOLDER = "lfk_sk_your_api_key"


def test_a_typed_key_shows_in_every_sample_and_is_copied_as_shown(served: str,
                                                                   browser: Browser) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url + str(request.headers)
                                                   + (request.post_data or "")))
    page.goto(served + "error-catalog/")
    code = "Array.from(document.querySelectorAll('pre code'), c => c.innerText).join('\\n')"
    assert PLACEHOLDER in page.evaluate(code)

    page.fill("#guides-key-input", KEY)
    shown = page.evaluate(code)
    assert KEY in shown and PLACEHOLDER not in shown
    assert page.evaluate("sessionStorage.getItem('trustleads-guides-api-key')") == KEY

    sample = page.locator(f"pre:has-text('{KEY}') >> visible=true").first
    sample.hover()
    sample.locator("button.md-code__button").click()
    assert KEY in page.evaluate("navigator.clipboard.readText()")

    page.goto(served + "api-authentication/")  # the same tab keeps it
    assert KEY in page.evaluate(code)
    page.click("[data-guides-key-clear]")
    assert KEY not in page.evaluate(code)
    assert page.evaluate("sessionStorage.getItem('trustleads-guides-api-key')") is None
    assert not [request for request in sent if KEY in request]

