"""What readers type, searched on the built site by the theme's own search (its lunr index,
in its web worker, in a real Chromium): each query finds the page that answers it first."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.feedback.test_widget import wait_for

#: A reader's words -> where the first result must point.
QUERIES = {
    "rate limit": "error-catalog/#too_many_failed_attempts",
    "throttled": "error-catalog/#too_many_failed_attempts",
    "too many requests": "error-catalog/#too_many_failed_attempts",
    "revoked": "error-catalog/#revoked_token",
    "forbidden": "error-catalog/#insufficient_plan",
    "payload too large": "error-catalog/#payload_too_large",
    "method not allowed": "error-catalog/#method_not_allowed",
}
#: Words the editors' page also uses: a reader page must come first.
READER_FIRST = ["paging", "api key", "retry", "rate limit"]
EDITORS_PAGE = "editing-the-guides/"


@pytest.fixture(scope="module")
def page(chromium_browser: Browser, served: str) -> Iterator[Page]:
    """One reader's tab for every query: its worker builds the index once, as for a reader
    who searches again."""
    opened = chromium_browser.new_page()
    opened.goto(served)
    yield opened
    opened.close()


def results(page: Page, query: str) -> list[str]:
    """The result links, in the order the search shows them, relative to the site."""
    search = page.locator("input.md-search__input")
    search.click()
    # The last query's words cleared as a reader clears them, and its results with them.
    search.press("Control+a")
    search.press("Backspace")
    wait_for(lambda: "matching" not in (page.text_content(".md-search-result__meta") or ""),
             "the last query's results cleared")
    # Typed as a reader types: the theme searches on key presses.
    page.keyboard.type(query)
    # The worker answers asynchronously: wait for the count it writes above the results.
    wait_for(lambda: "matching" in (page.text_content(".md-search-result__meta") or ""),
             f"results for {query!r}")
    page.wait_for_timeout(500)  # the last key press's results replace the earlier ones
    links: list[list[Any]] = page.eval_on_selector_all(
        ".md-search-result__link",
        "links => links.map(link => [link.getAttribute('href'), "
        "Number(link.querySelector('article').dataset.mdScore)])")
    base = page.evaluate("new URL('.', location.href).href")
    # Results come grouped by page (a page's own link first, score 0): best section first.
    ranked = sorted((link for link in links if link[1] > 0), key=lambda link: -link[1])
    return [href.removeprefix(base).replace("?h=", "").split("?")[0] if "#" not in href
            else href.removeprefix(base).split("?")[0] + "#" + href.split("#", 1)[1]
            for href, _ in ranked]


@pytest.mark.parametrize("query", list(QUERIES))
def test_a_readers_words_find_the_code_first(page: Page, query: str) -> None:
    found = results(page, query)
    # The code's entry, or an answer of the code on another page (its anchor names the code).
    code = QUERIES[query].split("#")[1]
    assert found and (found[0] == QUERIES[query]
                      or found[0].endswith("-" + code.replace("_", "-"))), found[:5]


@pytest.mark.parametrize("query", READER_FIRST)
def test_reader_pages_rank_above_the_editors_page(page: Page, query: str) -> None:
    found = results(page, query)
    assert found and not found[0].startswith(EDITORS_PAGE), found[:5]


def test_previews_carry_no_tab_labels_or_table_headings(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    text = " ".join(entry["text"] for entry in index["docs"])
    assert "curlPython" not in text and "Header Value" not in text
    assert "<th>" not in text
    # The samples' code is kept out too; the prose around them stays.
    assert "Too many failed authentication attempts" in text
