"""Repeated failed authentications are throttled per client, never across clients."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.sandbox.throttle import FailureThrottle
from tests.sandbox.running import RunningSandbox, start_sandbox

LIMIT = 5


@pytest.fixture
def strict_sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    running = start_sandbox(tmp_path / "log", "--failed-auth-limit", str(LIMIT))
    yield running
    assert running.stop() == 0


def test_failures_from_one_client_lock_only_that_client(strict_sandbox: RunningSandbox) -> None:
    url = strict_sandbox.base_url + "/jobs"
    bad = {"Authorization": "Bearer lfk_sk_guessing0123456789"}
    good = {"X-API-Key": strict_sandbox.keys["pro"]}
    with strict_sandbox.client("127.0.0.2") as attacker, \
            strict_sandbox.client("127.0.0.3") as customer:
        statuses = [attacker.get(url, headers=bad).status_code for _ in range(LIMIT)]
        locked = attacker.get(url, headers=good)
        other = customer.get(url, headers=good)

    assert statuses == [401] * LIMIT
    assert locked.status_code == 429
    assert locked.json()["error"] == "TOO_MANY_FAILED_ATTEMPTS"
    assert 1 <= int(locked.headers["retry-after"]) <= 60
    assert other.status_code == 200


def test_x_forwarded_for_does_not_escape_the_throttle(strict_sandbox: RunningSandbox) -> None:
    url = strict_sandbox.base_url + "/jobs"
    with strict_sandbox.client("127.0.0.1") as attacker:
        statuses = [attacker.get(url, headers={
            "Authorization": "Bearer lfk_sk_guessing0123456789",
            "X-Forwarded-For": f"203.0.113.{n}", "Forwarded": f"for=203.0.113.{n}"}).status_code
            for n in range(LIMIT + 1)]
    assert statuses == [401] * LIMIT + [429]


def test_window_slides() -> None:
    now = [0.0]
    throttle = FailureThrottle(limit=2, window=10, clock=lambda: now[0])
    throttle.record_failure("a")
    now[0] = 4
    throttle.record_failure("a")
    assert throttle.retry_after("a") == 6
    assert throttle.retry_after("b") is None
    now[0] = 10.5
    assert throttle.retry_after("a") is None


def test_zero_limit_disables() -> None:
    throttle = FailureThrottle(limit=0, window=10)
    for _ in range(100):
        throttle.record_failure("a")
    assert throttle.retry_after("a") is None


def test_a_client_that_waited_out_retry_after_starts_afresh() -> None:
    now = [0.0]
    throttle = FailureThrottle(limit=3, window=10, clock=lambda: now[0])
    for moment in (0, 1, 2):
        now[0] = moment
        throttle.record_failure("a")
    assert throttle.retry_after("a") == 8
    now[0] = 10
    assert throttle.retry_after("a") is None
    throttle.record_failure("a")
    throttle.record_failure("a")
    assert throttle.retry_after("a") is None
