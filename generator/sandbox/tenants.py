"""Job stores per tenant: one named by ``X-Sandbox-Tenant``, or else one per visitor."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime

from starlette.requests import Request

from .jobs import JobStore

__all__ = ["Tenants"]


class Tenants:
    """Each tenant sees only its own jobs, seeded alike, so answers stay reproducible.

    Clients running side by side (the snippet check runs many at once) name a tenant with
    ``X-Sandbox-Tenant``. Without the header each visitor (client address) has its own, so
    readers trying the guides' examples never see each other's jobs. Memory stays bounded:
    at most `max_tenants`, each dropped with its jobs once idle for `idle_seconds`.
    """

    def __init__(self, clock: Callable[[], datetime], *, max_tenants: int = 1000,
                 idle_seconds: float = 3600.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._max_tenants = max_tenants
        self._idle_seconds = idle_seconds
        self._monotonic = monotonic
        # Least recently used first, each with when it was last used.
        self._stores: OrderedDict[str, tuple[JobStore, float]] = OrderedDict()

    def of(self, request: Request) -> JobStore:
        named = request.headers.get("x-sandbox-tenant")
        visitor = request.client.host if request.client else "unknown"
        tenant = f"named:{named[:100]}" if named is not None else f"visitor:{visitor}"
        now = self._monotonic()
        while self._stores and next(iter(self._stores.values()))[1] <= now - self._idle_seconds:
            self._stores.popitem(last=False)
        store = self._stores.pop(tenant, (JobStore(self._clock), now))[0]
        self._stores[tenant] = (store, now)
        while len(self._stores) > self._max_tenants:
            self._stores.popitem(last=False)
        return store

    def __len__(self) -> int:
        return len(self._stores)
