"""Enrichment jobs, with seeded identifiers and an injectable clock for reproducible answers."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from datetime import datetime
from typing import Any

__all__ = ["JobStore", "parse_submission"]

MAX_LEADS = 1000


class JobStore:
    """Two seeded jobs, then the submitted ones: at most `max_submitted`, oldest dropped."""

    def __init__(self, clock: Callable[[], datetime], seed: int = 0,
                 max_submitted: int = 100) -> None:
        self._clock = clock
        self._random = random.Random(seed)
        self._jobs: dict[str, dict[str, Any]] = {}
        for name, leads in (("Sample import", 25), ("Conference leads", 140)):
            self._add(name, leads)["status"] = "completed"
        self._seeded = len(self._jobs)
        self._max_submitted = max_submitted

    def create(self, name: str, lead_count: int) -> dict[str, Any]:
        job = self._add(name, lead_count)
        if len(self._jobs) > self._seeded + self._max_submitted:
            del self._jobs[next(itertools.islice(self._jobs, self._seeded, None))]
        return job

    def _add(self, name: str, lead_count: int) -> dict[str, Any]:
        job_id = f"job_{self._random.getrandbits(64):016x}"
        job = {"id": job_id, "name": name, "status": "queued", "lead_count": lead_count,
               "created_at": _iso(self._clock())}
        self._jobs[job_id] = job
        return job

    def get(self, job_id: str) -> dict[str, Any] | None:
        return self._jobs.get(job_id)

    def all(self) -> list[dict[str, Any]]:
        return list(self._jobs.values())


def parse_submission(body: Any) -> tuple[str, int] | None:
    """``(name, lead count)`` of a valid job submission, None for anything else.

    A submission is ``{"leads": [{"email": ...}, ...], "name": optional}``.
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
    return name, len(leads)


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")
