"""Who may call the trial API: accounts by plan, their keys, and dashboard session tokens.

Keys are ``lfk_sk_`` and random hex (the pages' prefix); session tokens are HS256 JWTs
signed here with the standard library, valid for one hour as the pages say.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass, field

#: Scopes per plan, from the Billing Plans Comparison.
PLAN_SCOPES = {
    "starter": ("jobs:read", "account:read"),
    "pro": ("jobs:read", "jobs:write", "account:read"),
    "agency": ("jobs:read", "jobs:write", "account:read"),
}
SESSION_SECONDS = 3600


@dataclass
class Account:
    id: str
    plan: str
    jobs: list[dict[str, object]] = field(default_factory=list)

    @property
    def scopes(self) -> tuple[str, ...]:
        return PLAN_SCOPES[self.plan]


@dataclass(frozen=True)
class Caller:
    account: Account
    credential: str
    """``api_key`` or ``session_token``, as `/me` names it."""


class Accounts:
    """Accounts, the keys issued to them (some revoked), and session tokens."""

    def __init__(self) -> None:
        self._secret = secrets.token_bytes(32)
        self._by_id: dict[str, Account] = {}
        self._active: dict[str, Account] = {}
        self._revoked: set[str] = set()

    def open(self, account_id: str, plan: str) -> Account:
        account = Account(account_id, plan)
        self._by_id[account_id] = account
        return account

    def issue_key(self, account: Account, *, revoked: bool = False) -> str:
        key = "lfk_sk_" + secrets.token_hex(20)
        if revoked:
            self._revoked.add(key)
        else:
            self._active[key] = account
        return key

    def session_token(self, account: Account, *, issued: float | None = None) -> str:
        issued_at = int(time.time() if issued is None else issued)
        claims = {"sub": account.id, "iat": issued_at, "exp": issued_at + SESSION_SECONDS}
        signing_input = f"{_HEADER}.{_b64(json.dumps(claims).encode())}"
        return f"{signing_input}.{_b64(self._sign(signing_input))}"

    def key_status(self, key: str) -> Account | str:
        """The key's account, or the error code it earns."""
        if key in self._active:
            return self._active[key]
        return "REVOKED_TOKEN" if key in self._revoked else "INVALID_TOKEN"

    def session_status(self, token: str) -> Account | str:
        """The token's account, or the error code it earns."""
        parts = token.split(".")
        if len(parts) != 3:
            return "INVALID_TOKEN"
        expected = _b64(self._sign(f"{parts[0]}.{parts[1]}"))
        if not hmac.compare_digest(expected, parts[2]):
            return "INVALID_TOKEN"
        try:
            claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
        except ValueError:
            return "INVALID_TOKEN"
        if claims["exp"] <= time.time():
            return "EXPIRED_TOKEN"
        return self._by_id.get(claims["sub"], "INVALID_TOKEN")

    def _sign(self, signing_input: str) -> bytes:
        return hmac.new(self._secret, signing_input.encode(), hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


_HEADER = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
