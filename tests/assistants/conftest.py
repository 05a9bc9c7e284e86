from __future__ import annotations

import pytest

from generator.assistants import Guides, load_guides
from tests.conftest import REPO


@pytest.fixture(scope="session")
def guides() -> Guides:
    """The repository's guides, as `guides mcp` loads them."""
    return load_guides(REPO / "api.yaml", REPO / "docs")
