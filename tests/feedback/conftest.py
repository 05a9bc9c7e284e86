"""Components the feedback tests need: absent, they skip on a workstation and fail in CI."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_postgresql import factories
from pytest_postgresql.executors import PostgreSQLExecutor
from pytest_postgresql.janitor import DatabaseJanitor

from generator.feedback.store import Store, open_store
from tests.conftest import require

_AS_POSTGRES = Path(__file__).with_name("pg_ctl_as_postgres")


def _pg_ctl() -> str | None:
    """The server's pg_ctl, found as pytest-postgresql finds it (Debian keeps it off PATH)."""
    if shutil.which("pg_config") is None:
        return shutil.which("pg_ctl")
    bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True,
                            check=False).stdout.strip()
    candidate = Path(bindir) / "pg_ctl"
    return str(candidate) if candidate.is_file() else None


# One throwaway server for the session: its own data folder under pytest's temporary
# directory, a free port, removed at the end; it never touches a server already running.
postgresql_server = factories.postgresql_proc(
    executable=str(_AS_POSTGRES) if os.geteuid() == 0 else None, port=None)


@pytest.fixture
def postgres_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A new, empty database of its own on the session's throwaway server."""
    require(_pg_ctl() is not None, "PostgreSQL (pg_ctl)", "postgresql")
    server: PostgreSQLExecutor = request.getfixturevalue("postgresql_server")
    name = f"feedback_{uuid.uuid4().hex[:12]}"
    janitor = DatabaseJanitor(user=server.user, host=server.host, port=server.port,
                              dbname=name, password=server.password)
    janitor.init()
    try:
        yield f"postgresql://{server.user}@{server.host}:{server.port}/{name}"
    finally:
        janitor.drop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        return str(tmp_path / "feedback.sqlite3")
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def store(database: str) -> Iterator[Store]:
    opened = open_store(database)
    yield opened
    opened.close()
