"""Retry-After as RFC 9110 spells it, and not-before.json read without trusting it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from email.utils import formatdate
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.check.running.exchange import Exchange
from generator.check.storing.retry_after import (
    LONGEST_WAIT,
    LockedOut,
    NotBefore,
    retry_after_seconds,
)

NOW = 1_700_000_000.0
URL = "https://staging.example/v1"


def throttled(value: str) -> Exchange:
    return Exchange("GET", "/me", {}, b"", 429, {"retry-after": value}, b"")


@pytest.mark.parametrize("value", ["²", "٣", "1.5", "-3", "+3", "3 s", "9" * 400 + "x",
                                   "", "soon", "Mon, 99 Foo 2024 99:99:99 GMT",
                                   "Tue, 15 Nov 1994 08:12:31 -0500 extra",
                                   "Tue, 15 Nov 1994 08:12:31"])
def test_an_invalid_retry_after_is_ignored_with_a_warning(value: str) -> None:
    seconds, notes = retry_after_seconds([throttled(value)], NOW)
    assert seconds is None
    assert len(notes) == 1 and notes[0].startswith("warning: ignored Retry-After")


@pytest.mark.parametrize("value", ["9" * 400, "9999999", formatdate(NOW + 10**7, usegmt=True)])
def test_a_long_retry_after_is_capped_and_said(value: str) -> None:
    seconds, notes = retry_after_seconds([throttled(value)], NOW)
    assert seconds == LONGEST_WAIT
    assert f"waiting at most {LONGEST_WAIT} s" in notes[0]


def test_both_forms_are_honoured() -> None:
    assert retry_after_seconds([throttled(" 42 ")], NOW) == (42.0, [])
    assert retry_after_seconds([throttled(formatdate(NOW + 90, usegmt=True))], NOW).seconds \
        == pytest.approx(90, abs=1)
    assert retry_after_seconds([throttled(formatdate(NOW - 90, usegmt=True))], NOW) == (0.0, [])


@given(st.text(max_size=500))
@settings(max_examples=500, deadline=None)
def test_any_header_value_is_a_bounded_wait_or_a_warning(value: str) -> None:
    seconds, notes = retry_after_seconds([throttled(value)], NOW)
    assert (seconds is not None and 0 <= seconds <= LONGEST_WAIT) or notes


@pytest.mark.parametrize("stored", [
    *(f'{{"{URL}": {moment}}}' for moment in ("Infinity", "NaN", "1e300", "1e999", '"soon"',
                                               "true", '{"a": 1}')),
    "[1, 2]", "\x00\xff"])
def test_a_corrupt_not_before_is_ignored_with_a_warning(tmp_path: Path, stored: str) -> None:
    state = tmp_path / ".cache" / "guides" / "not-before.json"
    state.parent.mkdir(parents=True)
    state.write_text(stored, encoding="utf-8")
    slept: list[float] = []
    out = io.StringIO()
    pause = NotBefore(tmp_path, clock=lambda: NOW, sleep=slept.append)
    pause.wait(URL, out)
    assert slept == []
    assert out.getvalue().startswith("warning: ignored"), out.getvalue()
    # The next lock-out replaces what could not be read, and is honoured.
    pause.remember(URL, 10**9)
    assert json.loads(state.read_text(encoding="utf-8")) == {URL: NOW + LONGEST_WAIT}
    pause.wait(URL, io.StringIO())
    assert slept == [LONGEST_WAIT]


def test_a_lock_out_longer_than_the_deadline_is_not_slept_through(tmp_path: Path) -> None:
    slept: list[float] = []
    pause = NotBefore(tmp_path, clock=lambda: NOW, sleep=slept.append)
    pause.remember(URL, 120)
    with pytest.raises(LockedOut, match=r"120 s from now: longer than the check's deadline "
                                        r"\(60 s, --deadline\)"):
        pause.wait(URL, io.StringIO(), longest=60)
    assert slept == []
    assert pause.wait(URL, io.StringIO(), longest=120) == 120 and slept == [120]


def test_a_mistyped_example_is_said_before_any_wait(project: Path) -> None:
    url = "https://127.0.0.1:9/v1"
    NotBefore(project).remember(url, 300)
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "GITHUB_ACTIONS"}}
    env |= {f"GUIDES_SANDBOX_{name}": "lfk_sk_test_0123456789"
            for name in ("STARTER_KEY", "PRO_KEY", "AGENCY_KEY", "REVOKED_KEY")}
    env |= {f"GUIDES_SANDBOX_{name}": "a.b.c"
            for name in ("SESSION_TOKEN", "EXPIRED_SESSION_TOKEN")}
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "check", "--base-url", url, "no-such-example"],
        cwd=project, capture_output=True, text=True, timeout=120, check=False, env=env)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "has no example 'no-such-example'" in result.stderr
    assert "waiting" not in result.stdout
