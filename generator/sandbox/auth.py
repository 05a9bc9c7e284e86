"""Who is calling: credentials from the Authorization or X-API-Key header.

Departures from the standards, on purpose, because the guides promise them:

- RFC 6750 answers a malformed request (a non-Bearer scheme, an empty token, two credentials)
  with 400 ``invalid_request``; the Trust Leads API answers every authentication failure with
  401, so that clients have one status to handle. ``WWW-Authenticate`` still says
  ``error="invalid_token"`` whenever credentials were sent.
- ``X-API-Key`` is not an HTTP authentication scheme; it carries API keys only.
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass

from . import catalog
from .catalog import ApiError
from .keys import KEY_PREFIX, KeyStore
from .plans import PLAN_SCOPES
from .sessions import ExpiredSession, InvalidSession, SessionSigner

__all__ = ["AuthFailure", "Authenticator", "Principal"]

# RFC 7235: auth-scheme is a token, followed by one or more spaces and a token68.
_CREDENTIALS = re.compile(r"^([!#$%&'*+.^_`|~0-9A-Za-z-]+)(?: +(.*))?$", re.DOTALL)
_TOKEN68 = re.compile(r"^[A-Za-z0-9._~+/-]+=*$")
_KEY = re.compile(r"^" + re.escape(KEY_PREFIX) + r"[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class Principal:
    plan: str
    credential: str
    """``api_key`` or ``session_token``."""

    @property
    def scopes(self) -> tuple[str, ...]:
        return PLAN_SCOPES[self.plan]


class AuthFailure(Exception):
    def __init__(self, error: ApiError, *, credentials_sent: bool) -> None:
        super().__init__(error.code)
        self.error = error
        self.credentials_sent = credentials_sent


class Authenticator:
    def __init__(self, keys: KeyStore, sessions: SessionSigner) -> None:
        self._keys = keys
        self._sessions = sessions

    def authenticate(self, authorization: list[str], api_key: list[str]) -> Principal:
        """Every value of the two headers as received; raise `AuthFailure` if not accepted."""
        if not authorization and not api_key:
            raise AuthFailure(catalog.MISSING_TOKEN, credentials_sent=False)
        if len(authorization) > 1 or len(api_key) > 1:
            raise _invalid()
        bearer = _bearer_token(authorization[0]) if authorization else None
        header_key = api_key[0].strip(" \t") if api_key else None
        if bearer is not None and header_key is not None and not _same(bearer, header_key):
            raise AuthFailure(catalog.CONFLICTING_CREDENTIALS, credentials_sent=True)
        if bearer is not None:
            return self._from_key(bearer) if bearer.startswith(KEY_PREFIX) \
                else self._from_session(bearer)
        assert header_key is not None
        return self._from_key(header_key)

    def _from_key(self, key: str) -> Principal:
        if not _KEY.match(key):
            raise _invalid()
        record = self._keys.find(key)
        if record is None:
            raise _invalid()
        if record.revoked:
            raise AuthFailure(catalog.REVOKED_TOKEN, credentials_sent=True)
        return Principal(record.plan, "api_key")

    def _from_session(self, token: str) -> Principal:
        try:
            session = self._sessions.verify(token)
        except ExpiredSession as err:
            raise AuthFailure(catalog.EXPIRED_TOKEN, credentials_sent=True) from err
        except InvalidSession as err:
            raise _invalid() from err
        return Principal(session.plan, "session_token")


def _bearer_token(value: str) -> str:
    match = _CREDENTIALS.match(value.strip(" \t"))
    if match is None or match.group(1).lower() != "bearer":
        raise _invalid()
    token = (match.group(2) or "").strip(" ")
    if not _TOKEN68.match(token):
        raise _invalid()
    return token


def _same(first: str, second: str) -> bool:
    return hmac.compare_digest(first.encode("utf-8", "surrogateescape"),
                               second.encode("utf-8", "surrogateescape"))


def _invalid() -> AuthFailure:
    return AuthFailure(catalog.INVALID_TOKEN, credentials_sent=True)
