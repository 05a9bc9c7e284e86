"""Job stores per tenant: one per visitor, and the ones a visitor names with
``X-Sandbox-Tenant``, within a budget."""

from __future__ import annotations

import time
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from starlette.requests import Request

from ..web.limiter import ClientLimiter
from .jobs import JobStore
from .visitors import visitor_key

__all__ = ["TenantBudgetSpent", "Tenants"]

#: A named tenant is opened at most this often per visitor, per `budget`.
_BUDGET_WINDOW = 3600.0


class TenantBudgetSpent(Exception):
    """The visitor has opened as many named tenants as the budget allows this hour."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


@dataclass
class _Tenant:
    store: JobStore
    owner: str
    used: float


class Tenants:
    """Each tenant sees only its own jobs, seeded alike, so answers stay reproducible.

    Without the header each visitor (client address) has its own tenant, so readers trying
    the guides' examples never see each other's jobs. Clients running side by side (the
    snippet check runs many at once) name tenants with ``X-Sandbox-Tenant``; a name is the
    visitor's own (another address naming it gets another tenant), and a visitor opens at
    most `budget` named tenants an hour (0: no budget), then `of` raises `TenantBudgetSpent`.

    Memory stays bounded: at most `max_tenants`, each dropped with its jobs once idle for
    `idle_seconds`. When full, a tenant goes from the visitor holding the most (its least
    recently used first), so one visitor opening tenants flushes its own, not others'.
    Visitors are counted by address, IPv6 ones by /64 (what one host is given).
    """

    def __init__(self, clock: Callable[[], datetime], *, max_tenants: int = 1000,
                 idle_seconds: float = 3600.0, budget: int = 0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._max_tenants = max_tenants
        self._idle_seconds = idle_seconds
        self._monotonic = monotonic
        self._opened = ClientLimiter(budget, _BUDGET_WINDOW, clock=monotonic)
        # Least recently used first.
        self._tenants: OrderedDict[tuple[str, str | None], _Tenant] = OrderedDict()
        self._held: Counter[str] = Counter()

    def of(self, request: Request) -> JobStore:
        named = request.headers.get("x-sandbox-tenant")
        visitor = request.client.host if request.client else "unknown"
        key = (visitor, None if named is None else named[:100])
        now = self._monotonic()
        while self._tenants and next(iter(self._tenants.values())).used \
                <= now - self._idle_seconds:
            self._drop(next(iter(self._tenants)))
        tenant = self._tenants.pop(key, None)
        if tenant is None:
            owner = visitor_key(visitor)
            if named is not None:
                retry_after = self._opened.admit(owner)
                if retry_after is not None:
                    raise TenantBudgetSpent(retry_after)
            tenant = _Tenant(JobStore(self._clock), owner, now)
            self._held[owner] += 1
        tenant.used = now
        self._tenants[key] = tenant
        while len(self._tenants) > self._max_tenants:
            self._drop(self._fair_victim())
        return tenant.store

    def _fair_victim(self) -> tuple[str, str | None]:
        """The least recently used tenant of a visitor holding the most."""
        most = max(self._held.values())
        return next(key for key, tenant in self._tenants.items()
                    if self._held[tenant.owner] == most)

    def _drop(self, key: tuple[str, str | None]) -> None:
        owner = self._tenants.pop(key).owner
        self._held[owner] -= 1
        if not self._held[owner]:
            del self._held[owner]

    def __len__(self) -> int:
        return len(self._tenants)
