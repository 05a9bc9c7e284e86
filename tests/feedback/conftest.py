"""Components the feedback tests need: absent, they skip on a workstation and fail in CI."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.feedback.store import Store, open_store

CHROMIUM = Path("/usr/bin/chromium")


def require(available: bool, what: str) -> None:
    if available:
        return
    message = f"{what} is missing; `make test` installs it"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: not skipping)")
    pytest.skip(message)


@pytest.fixture
def chromium() -> Path:
    require(CHROMIUM.exists(), "Chromium (/usr/bin/chromium)")
    return CHROMIUM


def postgres_url() -> str:
    url = os.environ.get("GUIDES_TEST_POSTGRES_URL", "")
    require(bool(url), "PostgreSQL (GUIDES_TEST_POSTGRES_URL, set by .ci/run)")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        yield str(tmp_path / "feedback.sqlite3")
        return
    import psycopg

    url = postgres_url()
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP TABLE IF EXISTS feedback")
    yield url


@pytest.fixture
def store(database: str) -> Iterator[Store]:
    opened = open_store(database)
    yield opened
    opened.close()
