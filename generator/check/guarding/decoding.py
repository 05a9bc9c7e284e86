"""Text as a reader of it would decode it: the forms a hidden credential can take.

`unescapings` undoes every escape a text may carry (percent, JSON and Python escapes, octal,
HTML entities), round after round, so double encodings unwrap too, and folds look-alike
characters (NFKC: full-width letters; Unicode's confusables: a Cyrillic Ve for B, a small
capital Z) and invisible ones (zero-width spaces) away; each character keeps the span of the
original text it came from. `decodings` reads a run of an encoding alphabet
as base64, base32, base85, Ascii85 or hex, and inflates gzip or zlib inside, within bounds.
"""

from __future__ import annotations

import base64
import binascii
import functools
import html.entities
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterator, Sequence
from typing import overload

from confusable_homoglyphs.confusables import confusables_data

__all__ = ["RUNS", "OwnSpans", "Spans", "decoded_texts", "decodings", "may_hold_runs",
           "readable", "unescapings", "views"]

_ESCAPES = re.compile(
    r"%([0-9A-Fa-f]{2})|\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})|\\x([0-9A-Fa-f]{2})"
    r"|\\([0-7]{3})|&#[xX]([0-9A-Fa-f]{1,6});?|&#([0-9]{1,7});?|&([A-Za-z][A-Za-z0-9]{1,31};?)"
    r"|\\(\\)")
_ROUNDS = 4
"""Escapes undone in turn: ``%2525`` is percent-encoded three times."""
_LARGEST_DECODED = 1 << 20
"""Bytes a run may inflate to: far above a credential, far below what costs memory."""

#: Runs worth decoding: base64 (both alphabets), base32, hex, Ascii85, base85, a list of
#: decimal bytes.
#: Sought apart: where the alphabets overlap, each one's longest run is the one to decode.
RUNS = tuple(re.compile(pattern) for pattern in (
    r"[A-Za-z0-9+/=_-]{16,}", r"[A-Za-z2-7=]{16,}", r"[0-9A-Fa-f]{16,}", r"[!-u]{20,}",
    r"[0-9A-Za-z!#$%&()*+\-;<=>?@^_`{|}~]{20,}",
    r"\d{1,3}(?:[,;\s]+\d{1,3}){7,}"))
# Whether a text can hold one of the `RUNS` in any of its `views`: a joined or ROT13 run is
# printable ASCII too, at least as long. Most lines a check writes have none.
_PRINTABLE_RUN = re.compile(r"[!-~]{16,}")
_READABLE = 0.9
"""Share of characters other than controls in a text; decoded bytes below it are not text."""
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CACHED_RUN = 4096
"""Characters of a run whose decodings are kept for the process; longer ones are rare."""
_CACHED_DECODED = 16 * 1024
"""Characters a run's decodings may hold to be kept (an inflated stream may hold more)."""
_CACHED_RUNS = 2048
"""Runs whose decodings are kept, the oldest forgotten first: at most 32 M characters."""
_DECODED: dict[str, tuple[str, ...]] = {}
# What a run's characters may be joined with; not spaces, which end a run as words do.
_JOINERS = frozenset(".:,;|-")
def _is_ascii_alnum(text: str) -> bool:
    return len(text) == 1 and text.isascii() and text.isalnum()


# Each character Unicode's confusables (UTS #39) say looks like an ASCII letter or digit.
_LOOK_ALIKES: dict[str, str] = {
    char: next(look["c"] for look in looks if _is_ascii_alnum(look["c"]))
    for char, looks in confusables_data.items()
    if not char.isascii() and any(_is_ascii_alnum(look["c"]) for look in looks)}
_ROT13 = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                       "NOPQRSTUVWXYZABCDEFGHIJKLMnopqrstuvwxyzabcdefghijklm")


def _code(match: re.Match[str]) -> str | None:
    number = next((g for g in match.groups()[:7] if g), None)
    if number is not None:
        base = 8 if match.group(5) else 10 if match.group(7) else 16
        value = int(number, base)
        return chr(value) if value < 0x110000 else None
    if match.group(9):  # an escaped backslash, as in a repr: what it escapes is next
        return "\\"
    name = match.group(8)
    found = html.entities.html5.get(name) or html.entities.html5.get(name + ";")
    return found


Spans = Sequence[tuple[int, int]]
"""Where each character of a text read another way stands in the text it was read from."""


class OwnSpans(Sequence[tuple[int, int]]):
    """The spans of a text read as it is, each character its own (made when asked for:
    most texts a check writes have nothing to undo)."""

    def __init__(self, size: int) -> None:
        self._size = size

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return ((at, at + 1) for at in range(self._size))

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, int]]: ...
    def __getitem__(self, index: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(index, slice):
            return [(at, at + 1) for at in range(self._size)[index]]
        if not -self._size <= index < self._size:
            raise IndexError(index)
        at = index % self._size
        return (at, at + 1)


def unescapings(text: str) -> list[tuple[str, Spans]]:
    """`text` after each round of escapes undone (``%2525`` takes three), at most `_ROUNDS`,
    each folded (`_folded`), with its characters' spans in `text`. A run may
    read right only after some of the rounds: undoing more spoils it (an Ascii85 run holds
    ``\\x``, a base85 one ``%d3``)."""
    if text.isascii() and not any(c in text for c in "%\\&"):
        return [(text, OwnSpans(len(text)))]
    chars = list(text)
    spans = [(index, index + 1) for index in range(len(text))]
    rounds: list[tuple[str, Spans]] = []
    for _ in range(_ROUNDS):
        joined = "".join(chars)
        if not any(c in joined for c in "%\\&"):
            break
        out: list[str] = []
        out_spans: list[tuple[int, int]] = []
        last = 0
        for match in _ESCAPES.finditer(joined):
            decoded = _code(match)
            if decoded is None:
                continue
            out += chars[last:match.start()]
            out_spans += spans[last:match.start()]
            whole = (spans[match.start()][0], spans[match.end() - 1][1])
            out += list(decoded)
            out_spans += [whole] * len(decoded)
            last = match.end()
        if not last:
            break
        chars, spans = out + chars[last:], out_spans + spans[last:]
        rounds.append(_folded(chars, spans))
    return rounds or [_folded(chars, spans)]


def _folded(chars: list[str], spans: list[tuple[int, int]]) -> tuple[str, Spans]:
    """`chars` NFKC-folded, look-alikes read as their ASCII letter, without invisible
    characters; and each one's span."""
    folded: list[str] = []
    folded_spans: list[tuple[int, int]] = []
    for char, span in zip(chars, spans, strict=True):
        if char.isascii():
            folded.append(char)
            folded_spans.append(span)
            continue
        if unicodedata.category(char) == "Cf":  # zero-width and other invisible marks
            continue
        for part in unicodedata.normalize("NFKC", char):
            look = _LOOK_ALIKES.get(part, part)
            # Unicode's prototype of a capital I is a small L; a key is sought case-folded.
            folded.append("i" if look == "l" and part.isupper() else look)
            folded_spans.append(span)
    return "".join(folded), folded_spans


@functools.cache
def _joined(joiner: str) -> re.Pattern[str]:
    return re.compile(rf"(?:\S{re.escape(joiner)}){{8,}}\S")


def views(plain: str, spans: Spans) -> Iterator[tuple[str, Spans]]:
    """`plain` as it is, with each run of characters joined by one character (``N.R.T.G``)
    read without it, and in ROT13; each with its characters' spans."""
    yield plain, spans
    for joiner in _JOINERS & set(plain):
        # Every other character is the joiner, which the run may hold as data too.
        matches = list(_joined(joiner).finditer(plain))
        if not matches:
            continue
        keep = [True] * len(plain)
        for match in matches:
            for index in range(match.start() + 1, match.end(), 2):
                keep[index] = False
        yield ("".join(c for c, k in zip(plain, keep, strict=True) if k),
               [span for span, k in zip(spans, keep, strict=True) if k])
    yield plain.translate(_ROT13), spans


_STREAMS = re.compile(rb"\x1f\x8b\x08|\x78[\x01\x5e\x9c\xda]")
_STREAMS_TRIED = 8
"""Places in decoded bytes where a gzip or zlib stream may start that are tried: a run
glued to a word decodes to some bytes before it."""


def _inflated(data: bytes) -> Iterator[bytes]:
    for start in list(_STREAMS.finditer(data))[:_STREAMS_TRIED]:
        try:
            yield zlib.decompressobj(47).decompress(data[start.start():], _LARGEST_DECODED)
        except zlib.error:
            continue


def _padded(run: str, block: int) -> str:
    return run.rstrip("=") + "=" * (-len(run.rstrip("=")) % block)


def _raw_decodings(run: str) -> Iterator[bytes]:
    attempts: tuple[Callable[[], bytes], ...] = (
        lambda: bytes(int(number) for number in re.findall(r"\d+", run)),
        lambda: base64.b64decode(_padded(run, 4).translate(str.maketrans("-_", "+/")),
                                 validate=True),
        lambda: base64.b32decode(_padded(run.upper(), 8)),
        lambda: base64.b16decode(run.upper()),
        lambda: base64.a85decode(run.removeprefix("<~").removesuffix("~>")),
        lambda: base64.b85decode(run),
    )
    for attempt in attempts:
        try:
            yield attempt()
        except (ValueError, binascii.Error):
            continue


def decodings(run: str) -> Iterator[str]:
    """`run` read in every encoding it is valid in, inflated when that is gzip or zlib; as
    text (Latin-1: every byte one character)."""
    if len(run) > 4 * _LARGEST_DECODED:
        return
    # A run may start with a word glued to it (``key:``): each encoding's group is at most
    # 8 characters (base32), so one of the first 8 starts is aligned with the data, and the
    # glued word decodes to bytes before it.
    for data in (data for start in range(min(8, len(run) - 8)) for data in
                 _raw_decodings(run[start:])):
        for inflated in _inflated(data):
            yield inflated.decode("latin-1")
        yield data.decode("latin-1")


def may_hold_runs(text: str, plain: str) -> bool:
    """Whether `text` or its unescaped `plain` form can hold a run worth decoding."""
    return any(pattern.search(each) for pattern in (_PRINTABLE_RUN, RUNS[-1])
               for each in {text, plain})


def readable(text: str) -> bool:
    """Whether `text` reads as text: decoded bytes of a wrong encoding mostly do not."""
    return len(_CONTROLS.findall(text)) <= (1 - _READABLE) * len(text)


def decoded_texts(run: str) -> tuple[str, ...]:
    """`decodings(run)`, each once; a run's are decoded once per process, unless the run or
    what it decodes to is long (rare, and not worth the memory)."""
    found = _DECODED.get(run)
    if found is None:
        found = tuple(dict.fromkeys(decodings(run)))
        if len(run) <= _CACHED_RUN and sum(map(len, found)) <= _CACHED_DECODED:
            if len(_DECODED) >= _CACHED_RUNS:
                _DECODED.pop(next(iter(_DECODED), ""), None)
            _DECODED[run] = found
    return found
