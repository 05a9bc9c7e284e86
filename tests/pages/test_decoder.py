""""Decode a response" on the Error Catalog, in a real Chromium: every error response the
samples recorded finds its entry, in the page, with nothing sent; and it stays accessible."""

from __future__ import annotations

import json
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Request

from tests.conftest import REPO
from tests.feedback.test_widget import wait_for


def _recorded_errors() -> list[dict[str, Any]]:
    """Every recorded response whose body is one of the API's error answers."""
    answers = []
    for path in sorted((REPO / "snippets").glob("*/recording.json")):
        response = json.loads(path.read_text(encoding="utf-8"))["response"]
        if isinstance(response.get("body"), dict) and "error" in response["body"]:
            answers.append(response)
    return answers


RECORDED = _recorded_errors()


def _catalog(browser: Browser, served: str, **options: Any) -> tuple[Page, list[str]]:
    page = browser.new_page(**options)
    page.goto(served + "error-catalog/")
    page.wait_for_selector("#guides-decode-input")
    sent: list[str] = []

    def note(request: Request) -> None:
        sent.append(request.url)

    page.on("request", note)
    page.context.set_offline(True)  # a reader on a train: the page has all it needs
    return page, sent


def _decode(page: Page, pasted: str) -> tuple[str | None, str]:
    """What the decoder highlights and says for `pasted`, typed by keyboard."""
    page.fill("#guides-decode-input", pasted)
    page.focus("#guides-decode-input")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the Decode button, reached by keyboard
    result = page.locator(".guides-decode-result")
    wait_for(lambda: bool(result.text_content()), "the decoder's answer")
    highlighted = page.evaluate(
        "[...document.querySelectorAll('.guides-decoded')].map((e) => e.id).join(' ') || null")
    return highlighted, result.text_content() or ""


def test_the_samples_recorded_error_responses(served: str, browser: Browser) -> None:
    assert len(RECORDED) >= 10
    page, sent = _catalog(browser, served)
    for response in RECORDED:
        code = response["body"]["error"]
        pasted = (f"HTTP/1.1 {response['status']}\n"
                  + "".join(f"{name}: {value}\n" for name, value in response["headers"].items())
                  + "\n" + json.dumps(response["body"], indent=2))
        highlighted, said = _decode(page, pasted)
        assert highlighted == code.lower(), (code, said)
        assert said.startswith(code) and "How to fix it:" in said
        # The entry is on screen: the page jumped to it.
        top = page.evaluate(f"document.getElementById({code.lower()!r})"
                            ".getBoundingClientRect().top")
        assert -2 < top < 800, (code, top)  # the heading is on screen
    assert sent == []


#: What a reader may paste alone, and the entry it finds.
PIECES = [
    ("revoked_token", "revoked_token"),
    ('{"error": "NOT_FOUND", "message": "No resource exists at this path."}', "not_found"),
    ("HTTP/2 403", "insufficient_plan"),
    ("413", "payload_too_large"),
    ("The provided session token has expired.", "expired_token"),
]


def test_a_code_a_status_or_a_message_alone(served: str, browser: Browser) -> None:
    # One after the other on one page, as a reader decodes one answer after another.
    page, _ = _catalog(browser, served)
    assert [(pasted, _decode(page, pasted)[0]) for pasted, _ in PIECES] == PIECES


def test_what_matches_no_single_entry_is_said(served: str, browser: Browser) -> None:
    page, _ = _catalog(browser, served)
    highlighted, said = _decode(page, "HTTP/1.1 401 Unauthorized")
    assert highlighted is None
    assert "MISSING_TOKEN" in said and "REVOKED_TOKEN" in said
    assert page.locator(".guides-decode-result a").count() == 5
    highlighted, said = _decode(page, "HTTP/1.1 502 Bad Gateway\n<html>nginx</html>")
    assert highlighted is None and "No entry of the catalog has status 502" in said
    highlighted, said = _decode(page, '{"detail": "Not Found"}')
    assert highlighted is None and "not one of the API's error answers" in said


# The narrowest width, where the box could overflow; each scheme's colours once (they do not
# change with the width).
@pytest.mark.parametrize(("width", "scheme"), [(390, "light"), (1280, "dark")])
def test_labelled_announced_and_axe_clean(served: str, browser: Browser, scheme: str,
                                          width: int) -> None:
    page, _ = _catalog(browser, served, color_scheme=scheme,
                       viewport={"width": width, "height": 844})
    label = page.evaluate("document.querySelector('label[for=guides-decode-input]').textContent")
    assert "Decode a response" in label
    result = page.locator(".guides-decode-result")
    assert (result.get_attribute("role"), result.get_attribute("aria-live")) == ("status",
                                                                                 "polite")
    _decode(page, "REVOKED_TOKEN")
    overflow = page.evaluate("document.querySelector('.guides-decode').scrollWidth - "
                             "document.querySelector('article').clientWidth")
    assert overflow <= 0
    violations = Axe().run(page, context=".guides-decode").response["violations"]
    assert [(v["id"], v["impact"]) for v in violations
            if v["impact"] in {"serious", "critical"}] == []
