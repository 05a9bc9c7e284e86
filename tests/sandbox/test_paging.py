"""Lists a page at a time: `limit`, `starting_after` and `has_more`."""

from __future__ import annotations

import pytest

from generator.sandbox.paging import DEFAULT_LIMIT, MAX_LIMIT, page
from tests.sandbox.running import RunningSandbox

JOBS = [{"id": f"job_{n:016x}"} for n in range(25)]


def test_pages_follow_each_other_until_none_is_left() -> None:
    read: list[str] = []
    query = {"limit": "7"}
    while True:
        found = page(JOBS, query)
        assert found is not None
        read += [job["id"] for job in found["data"]]
        if not found["has_more"]:
            break
        query = {"limit": "7", "starting_after": read[-1]}
    assert read == [job["id"] for job in JOBS]


def test_without_a_limit_a_page_holds_the_default() -> None:
    found = page(JOBS, {})
    assert found is not None
    assert len(found["data"]) == DEFAULT_LIMIT and found["has_more"] is True
    assert page(JOBS[:DEFAULT_LIMIT], {}) == {"data": JOBS[:DEFAULT_LIMIT], "has_more": False}


@pytest.mark.parametrize("query", [{"limit": "0"}, {"limit": str(MAX_LIMIT + 1)},
                                   {"limit": "ten"}, {"limit": "-1"},
                                   {"starting_after": "job_ffffffffffffffff"}])
def test_a_limit_out_of_range_or_an_unknown_cursor_is_refused(query: dict[str, str]) -> None:
    assert page(JOBS, query) is None


def test_the_api_pages_its_jobs(sandbox: RunningSandbox) -> None:
    headers = {"Authorization": f"Bearer {sandbox.keys['starter']}",
               "X-Sandbox-Tenant": "paging"}
    with sandbox.client() as client:
        first = client.get(sandbox.base_url + "/jobs?limit=1", headers=headers).json()
        second = client.get(sandbox.base_url + "/jobs", headers=headers, params={
            "limit": 1, "starting_after": first["data"][0]["id"]}).json()
        refused = client.get(sandbox.base_url + "/jobs?limit=0", headers=headers)
    assert first["has_more"] is True and second["has_more"] is False
    assert [job["name"] for job in first["data"] + second["data"]] == [
        "Sample import", "Conference leads"]
    assert (refused.status_code, refused.json()["error"]) == (400, "INVALID_REQUEST")
