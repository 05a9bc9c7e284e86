from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sandbox.running import RunningSandbox, sandbox_running


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    """One sandbox for the matrix, without throttling so that failures can repeat."""
    log = tmp_path_factory.mktemp("sandbox") / "sandbox.log"
    with sandbox_running(log, "--failed-auth-limit", "0") as running:
        yield running
    text = log.read_text()
    leaked = [s[:12] for s in running.secrets if s in text]
    assert not leaked, f"credentials in the sandbox's log: {leaked}"
