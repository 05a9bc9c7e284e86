"""The reader's key, typed once, shows in every sample that may take it; it stays in the
tab and goes nowhere."""

from __future__ import annotations

from playwright.sync_api import Browser

from generator.model import load_project
from generator.render.reader_setup import takes_the_readers_key
from tests.conftest import REPO

KEY = "lfk_sk_reader_own_key_123"
PLACEHOLDER = "lfk_sk_your_api_key"
SPEC = load_project(REPO / "api.yaml").spec
#: Each example's samples and set-up lines on a page: the code between its heading and the next.
BY_EXAMPLE = """() => {
  const found = {};
  let current = null;
  for (const node of document.querySelectorAll("article h2, article h3, article pre code")) {
    if (node.tagName !== "CODE") {
      current = node.id.startsWith("example-") ? node.id.slice(8) : null;
    } else if (current) {
      found[current] = (found[current] || "") + node.innerText;
    }
  }
  return found;
}"""


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

    before: dict[str, str] = page.evaluate(BY_EXAMPLE)
    page.fill("#guides-key-input", KEY)
    shown: dict[str, str] = page.evaluate(BY_EXAMPLE)
    takes = {example.id for example in SPEC.examples if takes_the_readers_key(SPEC, example)}
    assert {"not-found", "insufficient-plan", "invalid-token"} <= set(shown)
    for example_id, text in shown.items():
        if example_id in takes:
            assert KEY in text and PLACEHOLDER not in text, example_id
        else:  # a refused or a second key stays as shown
            assert text == before[example_id], example_id
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

