"""What the tests of the built site as readers use it share: the site served, a browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.conftest import CHROMIUM_ARGS, served_folder


@pytest.fixture(scope="module")
def served(built_site: Path) -> Iterator[str]:
    """The built site on a loopback static server: its base URL."""
    with served_folder(built_site) as url:
        yield url


@pytest.fixture
def browser(chromium: Path) -> Iterator[Browser]:
    """Debian's Chromium, headless, through Playwright."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
