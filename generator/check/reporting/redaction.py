"""Keys and tokens kept out of everything the check writes, however they were spelled.

A sample may print a credential, and an API may echo one, whole, base64-encoded (standard or
URL-safe, padded or not, at any byte offset, as in ``Basic`` auth's ``user:key``),
percent-encoded, JSON-escaped, as hex, reversed, cut into pieces, or just its first
characters. Text is therefore compared on a *skeleton*: percent-escapes and JSON ``\\uXXXX``
escapes decoded and separators (spaces, line breaks, quotes, ``+``, commas, backslashes)
dropped; any run of `MIN_RUN` skeleton characters found in a form of a known secret is
redacted, with the separators inside it. Every writer (console, JUnit, annotations,
recordings, the run cache, ``--update``) goes through one `Redactor`.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["MIN_RUN", "REDACTED", "Redactor"]

MIN_RUN = 10
"""Characters of a secret that identify it: more than a key's public prefix."""

_JWTS = re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})|\\u([0-9A-Fa-f]{4})")
_SEPARATORS = frozenset(" \t\r\n\"'`+,\\|")
_URL_SAFE = str.maketrans("+/", "-_")
REDACTED = "[REDACTED]"
_MARK = REDACTED


def _skeleton(text: str) -> tuple[str, list[tuple[int, int]]]:
    """`text` without separators and percent-escapes, and each character's span in it."""
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(text):
        char, width = text[index], 1
        if char in "%\\" and (escape := _ESCAPE.match(text, index)):
            char, width = chr(int(escape.group(1) or escape.group(2), 16)), escape.end() - index
        if char not in _SEPARATORS:
            chars.append(char)
            spans.append((index, index + width))
        index += width
    return "".join(chars), spans


def _encodings(secret: str) -> Iterator[str]:
    data = secret.encode()
    yield secret
    yield data.hex()
    yield data.hex().upper()
    # Inside a longer base64 text (``user:key``) the secret starts at any byte offset;
    # keep only the characters that depend on the secret's bytes alone.
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + data).decode()
        core = encoded[4 if offset else 0:4 * ((offset + len(data)) // 3)]
        yield core
        yield core.translate(_URL_SAFE)


def _forms(secret: str) -> Iterator[str]:
    for form in _encodings(secret):
        yield form
        yield form[::-1]


class Redactor:
    """Keys and tokens never reach an output: the known ones in any form, and anything
    shaped like one (a JWT, or a key: api.yaml's `key_prefix` and six more characters)."""

    def __init__(self, secrets: Iterable[str], key_prefix: str | None = None) -> None:
        self._key_shape = (re.compile(re.escape(key_prefix) + r"[A-Za-z0-9_-]{6,}")
                           if key_prefix else None)
        self._runs: set[str] = set()
        for secret in secrets:
            for form in _forms(secret):
                skeleton = _skeleton(form)[0]
                self._runs.update(skeleton[start:start + MIN_RUN]
                                  for start in range(len(skeleton) - MIN_RUN + 1))

    def __call__(self, text: str) -> str:
        if self._runs:
            text = self._redact_known(text)
        if self._key_shape is not None:
            text = self._key_shape.sub(_MARK, text)
        return _JWTS.sub(_MARK, text)

    def finds(self, text: str) -> bool:
        """Whether `text` holds a credential, known or key-shaped, in any form."""
        return self(text) != text

    def data(self, value: Any) -> Any:
        """`value` (decoded JSON: dicts, lists, strings) with every string redacted."""
        if isinstance(value, str):
            return self(value)
        if isinstance(value, dict):
            return {self(str(key)): self.data(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.data(item) for item in value]
        return value

    def _redact_known(self, text: str) -> str:
        skeleton, spans = _skeleton(text)
        hidden = [False] * len(skeleton)
        for start in range(len(skeleton) - MIN_RUN + 1):
            if skeleton[start:start + MIN_RUN] in self._runs:
                hidden[start:start + MIN_RUN] = [True] * MIN_RUN
        out: list[str] = []
        last = 0
        position = 0
        while position < len(skeleton):
            if not hidden[position]:
                position += 1
                continue
            end = position
            while end + 1 < len(skeleton) and hidden[end + 1]:
                end += 1
            out += [text[last:spans[position][0]], _MARK]
            last = spans[end][1]
            position = end + 1
        out.append(text[last:])
        return "".join(out)
