"""Every page, in both colour schemes, read by axe-core in a real Chromium: nothing serious."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, sync_playwright

from tests.conftest import CHROMIUM_ARGS, served_folder
from tests.feedback.test_widget import wait_for

PAGES = ["", "api-authentication/", "error-catalog/", "billing-plans-comparison/",
         "editing-the-guides/"]


@pytest.fixture(scope="module")
def served(built_site: Path) -> Iterator[str]:
    with served_folder(built_site) as url:
        yield url


@pytest.fixture
def browser(chromium: Path) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_violation_on_any_page(
        served: str, browser: Browser, scheme: Literal["light", "dark"]) -> None:
    page = browser.new_page(color_scheme=scheme)
    found = []
    for path in PAGES:
        response = page.goto(served + path)
        assert response is not None and response.ok, path
        violations = Axe().run(page).response["violations"]
        found += [f"/{path} {v['id']} ({v['impact']}): {len(v['nodes'])} element(s), e.g. "
                  f"{v['nodes'][0]['target']}: {v['nodes'][0]['failureSummary']}"
                  for v in violations if v["impact"] in {"serious", "critical"}]
    assert found == []


def test_the_scheme_follows_the_system_until_the_reader_chooses(served: str,
                                                                browser: Browser) -> None:
    page = browser.new_page(color_scheme="dark")
    page.goto(served)
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "slate"
    # The toggle steps through the palettes: system, light, dark.
    page.click("form[data-md-component=palette] label:visible")
    wait_for(lambda: page.evaluate(scheme) == "default", "the light scheme")
    page.reload()
    assert page.evaluate(scheme) == "default"
