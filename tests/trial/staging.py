"""A trial staging API with its own accounts, keys, jobs and session secret."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .accounts import SESSION_SECONDS, Accounts
from .api import Broken, TrialApi, seeded
from .server import Served, serve
from .throttle import FailedAttempts

#: The Error Catalog: "It takes 30 such requests within 60 seconds".
FAILED_ATTEMPTS, WINDOW_SECONDS = 30, 60


@dataclass(frozen=True)
class Staging:
    served: Served
    credentials: dict[str, str]
    """The `GUIDES_SANDBOX_*` credentials a docs team would be given."""
    api: TrialApi


@contextmanager
def staging_api(folder: Path, *, lockout: float, messages: dict[str, str] | None = None,
                broken: Broken | None = None) -> Iterator[Staging]:
    """The API served with its credentials until the block ends. A throttled client is
    locked out for `lockout` seconds; `messages` rewords error codes; `broken` is the
    promise it breaks, if any."""
    accounts = Accounts()
    starter = accounts.open("acct_starter_1", "starter")
    # More jobs than the default page holds: the examples that list them see has_more true.
    pro = seeded(accounts.open("acct_pro_1", "pro"), rounds=3)
    agency = seeded(accounts.open("acct_agency_1", "agency"))
    credentials = {
        "GUIDES_SANDBOX_STARTER_KEY": accounts.issue_key(starter),
        "GUIDES_SANDBOX_PRO_KEY": accounts.issue_key(pro),
        "GUIDES_SANDBOX_AGENCY_KEY": accounts.issue_key(agency),
        "GUIDES_SANDBOX_REVOKED_KEY": accounts.issue_key(pro, revoked=True),
        # The credential contract: a session of a user of the Pro account.
        "GUIDES_SANDBOX_SESSION_TOKEN": accounts.session_token(pro),
        "GUIDES_SANDBOX_EXPIRED_SESSION_TOKEN": accounts.session_token(
            agency, issued=time.time() - 2 * SESSION_SECONDS),
    }
    throttle = FailedAttempts(FAILED_ATTEMPTS, window=WINDOW_SECONDS, lockout=lockout)
    api = TrialApi(accounts, throttle, messages, broken)
    with serve(api, folder) as served:
        yield Staging(served, credentials, api)
