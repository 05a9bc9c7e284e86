"""Retry-After is kept per API between checks, and waited for before the API is called."""

from __future__ import annotations

import io
from email.utils import formatdate
from pathlib import Path

from generator.check.running.exchange import Exchange
from generator.check.storing.retry_after import NotBefore, retry_after_seconds


def answered(status: int, retry_after: str | None) -> Exchange:
    headers = {"retry-after": retry_after} if retry_after is not None else {}
    return Exchange("GET", "/jobs", {}, b"", status, headers, b"")


def test_the_longest_wait_asked_for_counts_in_either_form() -> None:
    now = 1_000_000.0
    exchanges = [answered(401, None), answered(429, "7"),
                 answered(429, formatdate(now + 30, usegmt=True)), answered(429, "soon")]
    assert retry_after_seconds(exchanges, now).seconds == 30
    assert retry_after_seconds([answered(200, "5")], now).seconds is None


def test_a_check_waits_for_the_api_it_was_throttled_by_and_no_other(tmp_path: Path) -> None:
    now = [100.0]
    slept: list[float] = []
    pause = NotBefore(tmp_path, clock=lambda: now[0], sleep=slept.append)
    pause.remember("https://staging.example/v1", 45)
    out = io.StringIO()

    now[0] = 115.0
    pause.wait("https://other.example/v1", out)
    NotBefore(tmp_path, clock=lambda: now[0], sleep=slept.append).wait(
        "https://staging.example/v1", out)

    assert slept == [30.0]
    assert out.getvalue().startswith("waiting 30 s: https://staging.example/v1 asked "
                                     "(Retry-After) not to be called before ")


def test_an_unreadable_record_means_no_wait(tmp_path: Path) -> None:
    record = tmp_path / ".cache" / "guides" / "not-before.json"
    record.parent.mkdir(parents=True)
    record.write_text("[not an object")
    slept: list[float] = []
    NotBefore(tmp_path, sleep=slept.append).wait("https://staging.example/v1", io.StringIO())
    assert slept == []
