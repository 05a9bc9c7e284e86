"""An example that reads a list page by page: the sequence of its requests is judged."""

from __future__ import annotations

import json
from typing import Any

from generator.check.judging.paging import judged_exchange, page_failures
from generator.check.running.exchange import Exchange
from generator.model import load_project
from tests.conftest import REPO

SPEC = load_project(REPO / "api.yaml").spec
EXAMPLE = next(e for e in SPEC.examples if e.request.follows_pages)


def answer(path: str, ids: list[str], has_more: bool) -> Exchange:
    body: dict[str, Any] = {"data": [{"id": job_id} for job_id in ids], "has_more": has_more}
    return Exchange("GET", path, {}, b"", 200, {}, json.dumps(body).encode())


def test_each_next_page_starts_after_the_last_id_received() -> None:
    pages = [answer("/jobs?limit=1", ["job_a"], True),
             answer("/jobs?limit=1&starting_after=job_a", ["job_b"], True),
             answer("/jobs?limit=1&starting_after=job_b", ["job_c"], False)]
    assert page_failures(SPEC, EXAMPLE, pages) == []
    assert judged_exchange(EXAMPLE, pages) is pages[0]


def test_a_wrong_cursor_and_an_early_stop_fail() -> None:
    strays = [answer("/jobs?limit=1", ["job_a"], True),
              answer("/jobs?limit=1&starting_after=job_z", ["job_b"], False)]
    assert page_failures(SPEC, EXAMPLE, strays) == [
        "request 2 should be GET /jobs?limit=1&starting_after=job_a, the page after the "
        "last id received; it was GET /jobs?limit=1&starting_after=job_z"]
    assert page_failures(SPEC, EXAMPLE, strays[:1]) == [
        "it stopped after 1 page(s) although has_more was not false"]


def test_reading_on_after_the_last_page_fails() -> None:
    beyond = [answer("/jobs?limit=1", ["job_a"], False),
              answer("/jobs?limit=1&starting_after=job_a", [], False)]
    assert page_failures(SPEC, EXAMPLE, beyond) == [
        "request 2 follows a page without more objects"]
