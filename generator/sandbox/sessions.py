"""Dashboard session tokens: HS256 JWTs that expire one hour after issue."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt

__all__ = ["SESSION_LIFETIME", "ExpiredSession", "InvalidSession", "Session", "SessionSigner"]

SESSION_LIFETIME = timedelta(hours=1)
_ALGORITHM = "HS256"


class InvalidSession(Exception):
    """Not a token this sandbox signed: malformed, tampered, or using another algorithm."""


class ExpiredSession(Exception):
    """Signed here, but past its expiry."""


@dataclass(frozen=True)
class Session:
    plan: str
    expires_at: datetime


class SessionSigner:
    def __init__(self, clock: Callable[[], datetime], plans: set[str]) -> None:
        self._secret = secrets.token_bytes(32)
        self._clock = clock
        self._plans = plans

    def mint(self, plan: str, *, issued_at: datetime | None = None) -> str:
        issued = issued_at or self._clock()
        claims = {
            "sub": "sandbox-dashboard-user",
            "plan": plan,
            "iat": int(issued.timestamp()),
            "exp": int((issued + SESSION_LIFETIME).timestamp()),
        }
        return jwt.encode(claims, self._secret, algorithm=_ALGORITHM)

    def mint_expired(self, plan: str) -> str:
        """A token signed here that expired an hour ago."""
        return self.mint(plan, issued_at=self._clock() - 2 * SESSION_LIFETIME)

    def verify(self, token: str) -> Session:
        try:
            # Expiry is checked below against the sandbox's clock, not the wall clock.
            claims = jwt.decode(token, self._secret, algorithms=[_ALGORITHM],
                                options={"verify_exp": False, "verify_iat": False,
                                         "require": ["exp", "iat", "plan"]})
        except jwt.InvalidTokenError as err:
            raise InvalidSession(str(err)) from err
        plan, expires = claims.get("plan"), claims.get("exp")
        if plan not in self._plans or not isinstance(expires, int):
            raise InvalidSession("unknown plan or malformed expiry")
        try:
            expires_at = datetime.fromtimestamp(expires, tz=self._clock().tzinfo)
        except (OverflowError, OSError, ValueError) as err:
            raise InvalidSession("expiry out of range") from err
        if self._clock() >= expires_at:
            raise ExpiredSession(f"expired at {expires_at.isoformat()}")
        return Session(plan, expires_at)
