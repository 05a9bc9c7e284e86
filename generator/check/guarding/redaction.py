"""Keys and tokens kept out of everything the check writes, however they were spelled.

A sample may print a credential, and an API may echo one in any encoding a reader can undo.
Text is therefore compared on a *skeleton*: escapes undone (percent, JSON, Python, octal,
HTML entities; repeatedly), look-alike characters folded (NFKC), invisible ones dropped,
then only letters and digits kept, case-folded. A known secret is sought in the skeleton in
each of its forms (raw, hex, base64 at any byte offset, ROT13, decimal bytes, each also
reversed): any run of `MIN_RUN` characters of a form is redacted, with the separators inside
it. Pieces shorter than that, one per field or query parameter, are redacted when together
they spell such a run. Any run of an encoding alphabet (base64, base32, base85, Ascii85,
hex, decimal bytes; gzip or zlib inside) is decoded, to a bounded depth, and redacted whole
when what it decodes to holds a secret. Every line of a check passes here, so the common
case is cheap: a text without a run of 16 printable characters decodes nothing, and a run
is decoded once per process, judged once per redactor. Every writer (console, JUnit,
annotations, recordings, the run cache, ``--update``) goes through one `Redactor`.
"""

from __future__ import annotations

import base64
import codecs
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from .decoding import (
    RUNS,
    OwnSpans,
    Spans,
    decoded_texts,
    may_hold_runs,
    readable,
    unescapings,
    views,
)

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
_JUDGED = 4096
"""Runs whose verdict is remembered; the oldest is forgotten first."""
_BUDGET_RUNS = 512
"""Distinct runs one text may have decoded, at every depth: an answer of a page of jobs
holds far fewer, a hostile one 20,000 (a minute of decoding)."""
_BUDGET_CHARACTERS = 256 * 1024
"""Characters of runs one text may have decoded, at every depth: base64 of base64 of
base64 multiplies the work by each layer's readings."""

_JWTS = re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
# What separates the pieces of a key spread over JSON fields or query parameters.
_TOKEN_BREAKS = re.compile(r"[\s\"'`&=,;:{}\[\]()<>?#/|+]+")
_LETTERS = re.compile(r"[A-Za-z0-9]")
_NOT_LETTERS = re.compile(r"[^A-Za-z0-9]+")
REDACTED = "[REDACTED]"
_MARK = REDACTED


def _flat(form: str) -> str:
    """`form`'s ASCII letters and digits, case-folded."""
    return _NOT_LETTERS.sub("", form).lower()


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
        self._judged: dict[tuple[str, int], bool] = {}
        self._forms = [form for secret in secrets for form in _forms(secret)]
        # Where each two characters stand in which form: a short piece is sought from its
        # first two (an index of every piece would cost more to build than a check uses).
        self._pairs: dict[str, list[tuple[int, int]]] = {}
        for number, form in enumerate(self._forms):
            self._runs.update(form[start:start + MIN_RUN]
                              for start in range(len(form) - MIN_RUN + 1))
            for start in range(len(form) - _SHORTEST_PIECE + 1):
                pair = form[start:start + _SHORTEST_PIECE]
                self._pairs.setdefault(pair, []).append((number, start))

    def __call__(self, text: str) -> str:
        if self._runs:
            try:
                text = _replaced(text, self._hidden(text, _DEPTH, _Budget()))
            except _Exhausted:
                # More to decode than a text may cost (no deadline can stop the decoding):
                # what it holds is not shown, only its length.
                return f"[opaque, {len(text)} characters]"
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

    def _hidden(self, text: str, depth: int, budget: _Budget) -> list[tuple[int, int]]:
        """The spans of `text` that hold (a part of) a known secret."""
        if depth < _DEPTH and not readable(text):
            # Bytes a run decoded to that are not text (mostly a wrong reading of the run):
            # only a secret written out in them is sought; their short pieces spell anything.
            return self._written_out(text, OwnSpans(len(text)))
        # As written, and after each round of escapes undone: undoing one more can spoil
        # what it undid (an Ascii85 run holds `\\x`, a base85 one or a key `%d3`).
        reads: list[tuple[str, Spans]] = [
            (text, OwnSpans(len(text))), *(read for read in unescapings(text) if read[0] != text)]
        hidden = [span for read in reads
                  for span in (*self._written_out(*read), *self._pieces_of_one(*read))]
        if not depth or not may_hold_runs(text, reads[-1][0]):
            return hidden
        for read, read_spans in (view for each in reads for view in views(*each)):
            for run in (run for runs in RUNS for run in runs.finditer(read)):
                if self._hides(run.group(), depth, budget):
                    hidden.append((read_spans[run.start()][0], read_spans[run.end() - 1][1]))
        return hidden

    def _written_out(self, plain: str, spans: Spans) -> list[tuple[int, int]]:
        """The spans of `plain`'s letters and digits that, case-folded, spell `MIN_RUN`
        characters of a form."""
        skeleton = _flat(plain)
        found = [start for start in range(len(skeleton) - MIN_RUN + 1)
                 if skeleton[start:start + MIN_RUN] in self._runs]
        if not found:
            return []
        places = [letter.start() for letter in _LETTERS.finditer(plain)]
        return [(spans[places[start]][0], spans[places[start + MIN_RUN - 1]][1])
                for start in found]

    def _hides(self, run: str, depth: int, budget: _Budget) -> bool:
        """Whether an encoded `run` decodes to a known secret; each run is judged once (an
        answer repeats its runs, and each line of a check repeats the examples' ids), and
        paid for by every text it is in, so what a text shows does not depend on the texts
        before it."""
        if len(run) > _LONGEST_RUN:
            return False
        budget.spend(run, depth)
        found = self._judged.get((run, depth))
        if found is None:
            found = any(self._hidden(decoded, depth - 1, budget)
                        for decoded in decoded_texts(run))
            if len(self._judged) >= _JUDGED:
                del self._judged[next(iter(self._judged))]
            self._judged[(run, depth)] = found
        return found

    def _places(self, piece: str) -> list[tuple[int, int]]:
        """Where a short `piece` stands in which form."""
        if not _SHORTEST_PIECE <= len(piece) < MIN_RUN:
            return []
        return [(number, start) for number, start in self._pairs.get(piece[:_SHORTEST_PIECE], [])
                if self._forms[number].startswith(piece, start)]

    def _pieces_of_one(self, plain: str, spans: Spans) -> list[tuple[int, int]]:
        """Spans of short tokens that, read in order, spell `MIN_RUN` characters of a form
        (`plain` is a text unescaped, `spans` where its characters stand in the text)."""
        # A chain: where in which form it has reached, its length and spans, its last token.
        chains: dict[tuple[int, int], tuple[int, list[tuple[int, int]], int]] = {}
        hidden: list[tuple[int, int]] = []
        position, tokens = 0, 0
        for gap in [*_TOKEN_BREAKS.finditer(plain), None]:
            end = gap.start() if gap else len(plain)
            piece = _flat(plain[position:end])
            if end > position:
                tokens += 1
            # Each chain grows from where the tokens before reached, never from one this
            # token made: a key that repeats itself has the piece at many places.
            grown: dict[tuple[int, int], tuple[int, list[tuple[int, int]], int]] = {}
            for number, start in self._places(piece) if end > position else []:
                size, found, last = chains.get((number, start), (0, [], 0))
                if tokens - last > _PIECES_APART:
                    size, found = 0, []
                span = (spans[position][0], spans[end - 1][1])
                chain = (size + len(piece), [*found, span], tokens)
                grown[(number, start + len(piece))] = chain
                if chain[0] >= MIN_RUN:
                    hidden += chain[1]
            chains.update(grown)
            position = gap.end() if gap else end
        return hidden


class _Exhausted(Exception):
    """A text holds more to decode than `_Budget` allows."""


class _Budget:
    """What one text may have decoded (`_BUDGET_RUNS`, `_BUDGET_CHARACTERS`)."""

    def __init__(self) -> None:
        self._runs = _BUDGET_RUNS
        self._characters = _BUDGET_CHARACTERS
        self._spent: set[tuple[str, int]] = set()

    def spend(self, run: str, depth: int) -> None:
        if (run, depth) in self._spent:
            return
        self._spent.add((run, depth))
        self._runs -= 1
        self._characters -= len(run)
        if self._runs < 0 or self._characters < 0:
            raise _Exhausted


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
