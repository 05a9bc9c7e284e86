"""What the tests of the built site as readers use it share: the site served (the browser is
the whole suite's, in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import served_folder


@pytest.fixture(scope="module")
def served(built_site: Path) -> Iterator[str]:
    """The built site on a loopback static server: its base URL."""
    with served_folder(built_site) as url:
        yield url
