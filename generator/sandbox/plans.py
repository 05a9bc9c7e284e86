"""Plans and the scopes their credentials carry, as the API enforces them."""

from __future__ import annotations

__all__ = ["PLAN_SCOPES", "READ_ACCOUNT", "READ_JOBS", "WRITE_JOBS"]

READ_JOBS = "jobs:read"
WRITE_JOBS = "jobs:write"
READ_ACCOUNT = "account:read"

PLAN_SCOPES: dict[str, tuple[str, ...]] = {
    "starter": (READ_JOBS, READ_ACCOUNT),
    "pro": (READ_JOBS, WRITE_JOBS, READ_ACCOUNT),
    "agency": (READ_JOBS, WRITE_JOBS, READ_ACCOUNT),
}
