"""A job goes through the statuses api.yaml documents, by the sandbox's clock."""

from __future__ import annotations

from datetime import datetime, timedelta

from generator.model import load_project
from generator.sandbox.app import FIXED_START
from generator.sandbox.jobs import JobStore, parse_submission
from tests.conftest import REPO


class Clock:
    def __init__(self) -> None:
        self.now = FIXED_START

    def __call__(self) -> datetime:
        return self.now


def _statuses_over_time(hopeless: bool) -> list[str]:
    clock = Clock()
    store = JobStore(clock)
    job_id = store.create("Webinar", 3, hopeless)["id"]
    seen: list[str] = []
    for _ in range(15):
        found = store.get(job_id)
        assert found is not None
        if not seen or seen[-1] != found["status"]:
            seen.append(found["status"])
        clock.now += timedelta(seconds=1)
    return seen


def test_a_job_is_queued_then_runs_then_ends() -> None:
    assert _statuses_over_time(hopeless=False) == ["queued", "running", "completed"]
    assert _statuses_over_time(hopeless=True) == ["queued", "running", "failed"]


def test_a_fixed_clock_keeps_a_new_job_queued_and_the_seeded_ones_completed() -> None:
    store = JobStore(Clock())
    created = store.create("Webinar", 1)
    assert [job["status"] for job in store.all()] == ["completed", "completed", "queued"]
    assert created["status"] == "queued"


def test_only_addresses_at_invalid_domains_make_a_job_fail() -> None:
    assert parse_submission({"leads": [{"email": "a@x.invalid"}, {"email": "b@Y.INVALID"}]}) \
        == ("API submission", 2, True)
    assert parse_submission({"leads": [{"email": "a@x.invalid"}, {"email": "b@example.com"}]}) \
        == ("API submission", 2, False)


def test_the_statuses_are_the_documented_ones() -> None:
    documented = set(load_project(REPO / "api.yaml").spec.enums["status"])
    produced = {*_statuses_over_time(hopeless=False), *_statuses_over_time(hopeless=True)}
    assert produced == documented
