"""API keys: issued at start, kept only as SHA-256 digests, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

__all__ = ["KEY_PREFIX", "UNKNOWN_KEY", "KeyRecord", "KeyStore"]

KEY_PREFIX = "lfk_sk_"
#: A key in the format this sandbox issues that it never issues: what "an unknown key" gets.
UNKNOWN_KEY = KEY_PREFIX + "0" * 32


@dataclass(frozen=True)
class KeyRecord:
    digest: bytes
    plan: str
    revoked: bool


class KeyStore:
    """Holds digests only: a key is shown once, when it is issued."""

    def __init__(self) -> None:
        self._records: list[KeyRecord] = []

    def issue(self, plan: str, *, revoked: bool = False) -> str:
        key = KEY_PREFIX + secrets.token_urlsafe(24)
        self._records.append(KeyRecord(_digest(key), plan, revoked))
        return key

    def find(self, key: str) -> KeyRecord | None:
        """The record of `key`, comparing against every digest so timing reveals nothing."""
        digest = _digest(key)
        found = None
        for record in self._records:
            if hmac.compare_digest(record.digest, digest):
                found = record
        return found


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).digest()
