"""Enrichment jobs, with seeded identifiers and an injectable clock for reproducible answers."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

__all__ = ["JobStore", "parse_submission"]

MAX_LEADS = 1000


#: How long a new job waits, then runs, by the sandbox's clock (the default one stands
#: still, so a submitted job stays queued and answers repeat from run to run).
QUEUED_FOR = timedelta(seconds=2)
RUNNING_FOR = timedelta(seconds=10)


@dataclass
class _Job:
    fields: dict[str, Any]
    created: datetime
    outcome: str
    """What it ends as: ``completed``, or ``failed`` when no lead could be enriched."""


class JobStore:
    """Two seeded jobs, then the submitted ones: at most `max_submitted`, oldest dropped."""

    def __init__(self, clock: Callable[[], datetime], seed: int = 0,
                 max_submitted: int = 100) -> None:
        self._clock = clock
        self._random = random.Random(seed)
        self._jobs: dict[str, _Job] = {}
        for name, leads in (("Sample import", 25), ("Conference leads", 140)):
            self._add(name, leads, "completed").created -= QUEUED_FOR + RUNNING_FOR
        self._seeded = len(self._jobs)
        self._max_submitted = max_submitted

    def create(self, name: str, lead_count: int, hopeless: bool = False) -> dict[str, Any]:
        """A new job; a `hopeless` one (no lead can be enriched) ends as failed."""
        job = self._add(name, lead_count, "failed" if hopeless else "completed")
        if len(self._jobs) > self._seeded + self._max_submitted:
            del self._jobs[next(itertools.islice(self._jobs, self._seeded, None))]
        return self._shown(job)

    def _add(self, name: str, lead_count: int, outcome: str) -> _Job:
        job_id = f"job_{self._random.getrandbits(64):016x}"
        now = self._clock()
        job = _Job({"id": job_id, "name": name, "status": "queued", "lead_count": lead_count,
                    "created_at": _iso(now)}, now, outcome)
        self._jobs[job_id] = job
        return job

    def get(self, job_id: str) -> dict[str, Any] | None:
        job = self._jobs.get(job_id)
        return self._shown(job) if job else None

    def all(self) -> list[dict[str, Any]]:
        return [self._shown(job) for job in self._jobs.values()]

    def _shown(self, job: _Job) -> dict[str, Any]:
        age = self._clock() - job.created
        status = ("queued" if age < QUEUED_FOR else
                  "running" if age < QUEUED_FOR + RUNNING_FOR else job.outcome)
        return {**job.fields, "status": status}


def parse_submission(body: Any) -> tuple[str, int, bool] | None:
    """``(name, lead count, hopeless)`` of a valid job submission, None for anything else.

    A submission is ``{"leads": [{"email": ...}, ...], "name": optional}``. It is hopeless
    when every address is at a ``.invalid`` domain (RFC 6761: never a real one), which is
    how the sandbox shows a job that fails.
    """
    if not isinstance(body, dict) or set(body) - {"name", "leads"}:
        return None
    name = body.get("name", "API submission")
    leads = body.get("leads")
    if not isinstance(name, str) or not 0 < len(name) <= 200:
        return None
    if not isinstance(leads, list) or not 0 < len(leads) <= MAX_LEADS:
        return None
    for lead in leads:
        email = lead.get("email") if isinstance(lead, dict) else None
        if not isinstance(email, str) or "@" not in email:
            return None
    hopeless = all(lead["email"].lower().endswith(".invalid") for lead in leads)
    return name, len(leads), hopeless


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")
