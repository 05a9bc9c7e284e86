"""What one visitor may hold of a sandbox: named tenants within a budget, evicted fairly,
forgotten when idle, and a bounded number of jobs.
(What a client may hold of its connections is the front proxy's: `test_front_proxy`.)"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from starlette.requests import Request

from generator.sandbox.jobs import JobStore
from generator.sandbox.tenants import TenantBudgetSpent, Tenants
from tests.sandbox.running import RunningSandbox, sandbox_running


@pytest.fixture(scope="module")
def budgeted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    log = tmp_path_factory.mktemp("budgeted") / "sandbox.log"
    with sandbox_running(log, "--tenant-budget", "2") as running:
        yield running


def _request(tenant: str | None = None, client: str = "192.0.2.1") -> Request:
    headers = [(b"x-sandbox-tenant", tenant.encode())] if tenant is not None else []
    return Request({"type": "http", "headers": headers, "client": (client, 1234)})


def _tenants(max_tenants: int = 1000, budget: int = 0) -> Tenants:
    return Tenants(lambda: datetime(2026, 1, 1, tzinfo=UTC), max_tenants=max_tenants,
                   budget=budget)


def test_one_visitor_opening_tenants_flushes_its_own_not_others() -> None:
    tenants = _tenants(max_tenants=4)
    readers = [tenants.of(_request(client=f"192.0.2.{n}")) for n in (1, 2)]
    for n in range(50):
        tenants.of(_request(f"flood-{n}", client="198.51.100.9"))
    assert len(tenants) == 4
    assert [tenants.of(_request(client=f"192.0.2.{n}")) for n in (1, 2)] == readers


def test_rotating_ipv6_addresses_of_one_host_count_as_one_visitor() -> None:
    tenants = _tenants(max_tenants=3)
    reader = tenants.of(_request(client="192.0.2.1"))
    for n in range(1, 40):
        tenants.of(_request(client=f"2001:db8::{n:x}"))
    assert tenants.of(_request(client="192.0.2.1")) is reader


def test_a_name_belongs_to_the_visitor_that_uses_it() -> None:
    tenants = _tenants()
    mine = tenants.of(_request("shared", client="192.0.2.1"))
    assert tenants.of(_request("shared", client="192.0.2.2")) is not mine
    assert tenants.of(_request("shared", client="192.0.2.1")) is mine


def test_the_budget_counts_tenants_opened_not_requests() -> None:
    tenants = _tenants(budget=2)
    first = tenants.of(_request("a"))
    tenants.of(_request("b"))
    with pytest.raises(TenantBudgetSpent) as spent:
        tenants.of(_request("c"))
    assert 3500 < spent.value.retry_after <= 3600
    assert tenants.of(_request("a")) is first
    tenants.of(_request())  # the visitor's own tenant is never refused
    tenants.of(_request("c", client="192.0.2.2"))


def test_idle_tenants_expire_with_their_jobs() -> None:
    now = [0.0]
    tenants = Tenants(lambda: datetime(2026, 1, 1, tzinfo=UTC), idle_seconds=60,
                      monotonic=lambda: now[0])
    tenants.of(_request()).create("Mine", 1)
    now[0] = 30.0
    tenants.of(_request("named"))
    assert len(tenants.of(_request()).all()) == 3
    now[0] = 200.0
    assert len(tenants.of(_request()).all()) == 2
    assert len(tenants) == 1


def test_tenants_are_capped_least_recent_first() -> None:
    tenants = Tenants(lambda: datetime(2026, 1, 1, tzinfo=UTC), max_tenants=2)
    first = tenants.of(_request(client="192.0.2.1"))
    tenants.of(_request(client="192.0.2.2"))
    tenants.of(_request(client="192.0.2.3"))
    assert len(tenants) == 2
    assert tenants.of(_request(client="192.0.2.1")) is not first


def test_submitted_jobs_are_capped_and_the_seeded_ones_kept() -> None:
    store = JobStore(lambda: datetime(2026, 1, 1, tzinfo=UTC), max_submitted=3)
    created = [store.create(f"job {n}", 1)["name"] for n in range(5)]
    names = [job["name"] for job in store.all()]
    assert names == ["Sample import", "Conference leads", *created[2:]]


@pytest.mark.e2e
def test_over_budget_is_a_clear_429(budgeted: RunningSandbox) -> None:
    headers = {"Authorization": f"Bearer {budgeted.keys['pro']}"}
    url = budgeted.base_url + "/jobs"
    with budgeted.client(local_address="127.0.0.6") as client:
        opened = [client.get(url, headers={**headers, "X-Sandbox-Tenant": name}).status_code
                  for name in ("one", "two")]
        refused = client.get(url, headers={**headers, "X-Sandbox-Tenant": "three"})
        again = client.get(url, headers={**headers, "X-Sandbox-Tenant": "one"})
        own = client.get(url, headers=headers)
    with budgeted.client(local_address="127.0.0.7") as other:
        elsewhere = other.get(url, headers={**headers, "X-Sandbox-Tenant": "three"})
    assert opened == [200, 200]
    assert refused.status_code == 429
    assert refused.json()["error"] == "TOO_MANY_TENANTS"
    assert "X-Sandbox-Tenant" in refused.json()["message"]
    assert int(refused.headers["retry-after"]) > 0
    assert [again.status_code, own.status_code, elsewhere.status_code] == [200, 200, 200]
