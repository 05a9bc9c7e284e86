"""Repeated failed authentications are throttled per visitor (an address, an IPv6 host's
/64), never across visitors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port
from tests.sandbox.running import RunningSandbox, sandbox_running, start_sandbox

# Each test starts the real command or server.
pytestmark = pytest.mark.e2e

LIMIT = 5


@pytest.fixture
def strict_sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    with sandbox_running(tmp_path / "log", "--failed-auth-limit", str(LIMIT)) as running:
        yield running


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


def test_behind_a_proxy_an_ipv6_host_is_throttled_by_its_64(tmp_path: Path) -> None:
    # As the front proxy reports clients: X-Forwarded-For from loopback, which is trusted.
    running = start_sandbox(tmp_path / "log", "--failed-auth-limit", str(LIMIT),
                            "--port", str(free_port()), "--public-url",
                            "https://sandbox.trustleads.ai/v1")
    url = running.info["listen_url"] + "/jobs"
    bad = {"Authorization": "Bearer lfk_sk_guessing0123456789"}
    try:
        with httpx.Client(timeout=10) as proxy:
            one_host = [proxy.get(url, headers={**bad, "X-Forwarded-For": f"2001:db8:7:7::{n}"})
                        .status_code for n in range(1, LIMIT + 2)]
            # IPv4 clients of a dual-stack listener: each a visitor of its own.
            mapped = [proxy.get(url, headers={**bad, "X-Forwarded-For": f"::ffff:10.0.{n}.1"})
                      .status_code for n in range(LIMIT + 1)]
    finally:
        assert running.stop() == 0
    assert one_host == [401] * LIMIT + [429]
    assert mapped == [401] * (LIMIT + 1)
