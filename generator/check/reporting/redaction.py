"""Keys and tokens kept out of everything the check writes, however they were spelled.

A sample may print a credential, and an API may echo one in any encoding a reader can undo.
Text is therefore compared on a *skeleton*: escapes undone (percent, JSON, Python, octal,
HTML entities; repeatedly), look-alike characters folded (NFKC), invisible ones dropped,
then only letters and digits kept, case-folded. A known secret is sought in the skeleton in
each of its forms (raw, hex, base64 at any byte offset, ROT13, decimal bytes, each also
reversed): any run of `MIN_RUN` characters of a form is redacted, with the separators inside
it. Pieces shorter than that, one per field or query parameter, are redacted when together
they spell such a run. Any run of an encoding alphabet (base64, base32, base85, hex, with
gzip or zlib inside) is decoded, to a bounded depth, and redacted whole when what it decodes
to holds a secret. Every writer (console, JUnit, annotations, recordings, the run cache,
``--update``) goes through one `Redactor`.
"""

from __future__ import annotations

import base64
import codecs
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from .spelling import RUNS, decodings, unescaped, views

__all__ = ["MIN_RUN", "REDACTED", "Redactor"]

MIN_RUN = 10
"""Characters of a secret that identify it: more than a key's public prefix."""
_SHORTEST_PIECE = 2
"""Letters and digits in a piece below which it is too common to tell anything (and too
costly to follow in a long body); a piece is shorter than `MIN_RUN`."""
_PIECES_APART = 4
"""Tokens (field names, other values) that may stand between two pieces of one secret."""
_DEPTH = 3
"""Encodings nested inside each other that are undone: base64 of gzip of base32, say."""
_LONGEST_RUN = 64 * 1024
"""Characters of one encoded run that are decoded: an encoded secret is far shorter."""

_JWTS = re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
# What separates the pieces of a key spread over JSON fields or query parameters.
_TOKEN_BREAKS = re.compile(r"[\s\"'`&=,;:{}\[\]()<>?#/|+]+")
REDACTED = "[REDACTED]"
_MARK = REDACTED


def _skeleton(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The letters and digits of `text` unescaped and folded, case-folded, and each one's
    span in `text`."""
    plain, spans = unescaped(text)
    kept = [(char.lower(), span) for char, span in zip(plain, spans, strict=True)
            if char.isascii() and char.isalnum()]
    return "".join(char for char, _ in kept), [span for _, span in kept]


def _flat(form: str) -> str:
    return "".join(char.lower() for char in form if char.isascii() and char.isalnum())


def _encodings(secret: str) -> Iterator[str]:
    data = secret.encode()
    yield secret
    yield data.hex()
    yield codecs.encode(secret, "rot13")
    yield "".join(str(byte) for byte in data)
    # Inside a longer base64 text (``user:key``) the secret starts at any byte offset;
    # keep only the characters that depend on the secret's bytes alone.
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + data).decode()
        yield encoded[4 if offset else 0:4 * ((offset + len(data)) // 3)]


def _forms(secret: str) -> Iterator[str]:
    for form in _encodings(secret):
        yield _flat(form)
        yield _flat(form)[::-1]


class Redactor:
    """Keys and tokens never reach an output: the known ones in any form, and anything
    shaped like one (a JWT, or a key: api.yaml's `key_prefix` and six more characters)."""

    def __init__(self, secrets: Iterable[str], key_prefix: str | None = None) -> None:
        self._key_shape = (re.compile(re.escape(key_prefix) + r"[A-Za-z0-9_-]{6,}")
                           if key_prefix else None)
        self._runs: set[str] = set()
        # Each short piece of a form: where it stands in which form.
        self._pieces: dict[str, list[tuple[int, int]]] = {}
        forms = [form for secret in secrets for form in _forms(secret)]
        for number, form in enumerate(forms):
            self._runs.update(form[start:start + MIN_RUN]
                              for start in range(len(form) - MIN_RUN + 1))
            for size in range(_SHORTEST_PIECE, MIN_RUN):
                for start in range(len(form) - size + 1):
                    self._pieces.setdefault(form[start:start + size], []).append(
                        (number, start))

    def __call__(self, text: str) -> str:
        if self._runs:
            text = _replaced(text, self._hidden(text, _DEPTH))
        if self._key_shape is not None:
            text = self._key_shape.sub(_MARK, text)
        return _JWTS.sub(_MARK, text)

    def finds(self, text: str) -> bool:
        """Whether `text` holds a credential, known or key-shaped, in any form."""
        return self(text) != text

    def data(self, value: Any) -> Any:
        """`value` (decoded JSON: dicts, lists, strings) with every string redacted, and
        redacted whole when its strings together spell a credential."""
        redacted = self._each(value)
        whole = json.dumps(redacted, ensure_ascii=False, default=str)
        return redacted if self(whole) == whole else REDACTED

    def _each(self, value: Any) -> Any:
        if isinstance(value, str):
            return self(value)
        if isinstance(value, dict):
            return {self(str(key)): self._each(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self._each(item) for item in value]
        return value

    def _hidden(self, text: str, depth: int) -> list[tuple[int, int]]:
        """The spans of `text` that hold (a part of) a known secret."""
        skeleton, spans = _skeleton(text)
        hidden: list[tuple[int, int]] = []
        for start in range(len(skeleton) - MIN_RUN + 1):
            if skeleton[start:start + MIN_RUN] in self._runs:
                hidden.append((spans[start][0], spans[start + MIN_RUN - 1][1]))
        hidden += self._pieces_of_one(text)
        if depth:
            # As written too: undoing escapes can spoil an Ascii85 run that holds `\\x`.
            reads = [(text, [(index, index + 1) for index in range(len(text))]),
                     unescaped(text)]
            # Whether a run hides a secret, per run: views and echoes repeat runs.
            hiding: dict[str, bool] = {}
            for plain, plain_spans in (view for read in reads[:1 if reads[1][0] == text
                                                                else 2]
                                       for view in views(*read)):
                for run in (run for runs in RUNS for run in runs.finditer(plain)):
                    if len(run.group()) > _LONGEST_RUN:
                        continue
                    if run.group() not in hiding:
                        hiding[run.group()] = any(
                            self._hidden(decoded, depth - 1)
                            for decoded in dict.fromkeys(decodings(run.group())))
                    if hiding[run.group()]:
                        hidden.append((plain_spans[run.start()][0],
                                       plain_spans[run.end() - 1][1]))
        return hidden

    def _pieces_of_one(self, text: str) -> list[tuple[int, int]]:
        """Spans of short tokens that, read in order, spell `MIN_RUN` characters of a form."""
        plain, spans = unescaped(text)
        # A chain: where in which form it has reached, its length and spans, its last token.
        chains: dict[tuple[int, int], tuple[int, list[tuple[int, int]], int]] = {}
        hidden: list[tuple[int, int]] = []
        position, tokens = 0, 0
        for gap in [*_TOKEN_BREAKS.finditer(plain), None]:
            end = gap.start() if gap else len(plain)
            piece = _flat(plain[position:end])
            if end > position:
                tokens += 1
            for number, start in self._pieces.get(piece, []) if end > position else []:
                size, found, last = chains.get((number, start), (0, [], 0))
                if tokens - last > _PIECES_APART:
                    size, found = 0, []
                span = (spans[position][0], spans[end - 1][1])
                chain = (size + len(piece), [*found, span], tokens)
                chains[(number, start + len(piece))] = chain
                if chain[0] >= MIN_RUN:
                    hidden += chain[1]
            position = gap.end() if gap else end
        return hidden


def _replaced(text: str, hidden: list[tuple[int, int]]) -> str:
    """`text` with each of the `hidden` spans (merged where they touch) one mark."""
    out: list[str] = []
    last = 0
    for start, end in sorted(hidden):
        if end <= last:
            continue
        out += [text[last:max(start, last)], _MARK] if start >= last else []
        last = end
    out.append(text[last:])
    return "".join(out)
