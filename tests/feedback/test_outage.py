"""A PostgreSQL restart under a running collector: no vote is lost or wrongly acknowledged,
and votes succeed again without restarting the collector."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pytest_postgresql.executors import PostgreSQLExecutor

from generator.feedback.store import OUTAGE_WAIT, RETRY_AFTER, open_store
from tests.conftest import free_port
from tests.feedback.collector import event, start_collector


@pytest.fixture
def collector(postgres_url: str, tmp_path: Path) -> Iterator[str]:
    port = free_port()
    process = start_collector(postgres_url, port, tmp_path / "log")
    yield f"http://127.0.0.1:{port}/v1/feedback"
    process.terminate()
    assert process.wait(timeout=30) == 0


def _vote(url: str, page: str) -> httpx.Response:
    return httpx.post(url, content=event(page=page), headers={"Content-Type": "text/plain"},
                      timeout=OUTAGE_WAIT + 20)


def _pages(url: str) -> list[str]:
    store = open_store(url)
    try:
        return sorted(row.page for row in store.rows())
    finally:
        store.close()


def test_a_restarted_database_is_used_again(collector: str, postgres_url: str,
                                            request: pytest.FixtureRequest) -> None:
    server: PostgreSQLExecutor = request.getfixturevalue("postgresql_server")
    assert _vote(collector, "/before/").status_code == 202

    server.stop()
    try:
        started = time.monotonic()
        down = _vote(collector, "/down/")
        elapsed = time.monotonic() - started
        # Within the vote's deadline, a 503 the widget keeps the vote for.
        assert down.status_code == 503
        assert down.headers["retry-after"] == str(RETRY_AFTER)
        assert down.json()["error"] == "unavailable"
        assert elapsed < OUTAGE_WAIT + 3

        # A vote sent while the database comes back: stored if it was back in time.
        answers: list[httpx.Response] = []
        during = threading.Thread(target=lambda: answers.append(_vote(collector, "/during/")))
        during.start()
        time.sleep(0.5)
    finally:
        server.start()
    during.join()

    assert _vote(collector, "/after/").status_code == 202
    (answer,) = answers
    assert answer.status_code in (202, 503)
    expected = ["/after/", "/before/"] + (["/during/"] if answer.status_code == 202 else [])
    assert _pages(postgres_url) == sorted(expected)
