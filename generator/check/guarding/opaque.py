"""The second guard on what an API answered: text that could be hiding anything is not shown.

The redactor finds the credentials it knows in the encodings it can undo. What it cannot
undo (an encryption, a new encoding) still looks like a long run of an encoding alphabet;
such a run is shown only by its length, and `--update` never writes it, unless api.yaml
documents it: the documented value holds it, or the value it stands in is what api.yaml
documents at that place or for that field anywhere (a value its matcher accepts, as
``!regex '^job_[0-9a-f]{16}$'`` does a job's id, or one shaped like a documented value: the
same prefix, length and alphabet).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from ...model import Spec
from ...model.matchers import Matcher

__all__ = ["OPAQUE_RUN", "Documented", "field_of", "guarded", "opaque_runs", "shown"]

OPAQUE_RUN = 20
"""Characters of an encoding alphabet in a row that could be hiding a credential."""

# Any characters but spaces, of any script: look-alike letters (Cyrillic, Greek, small
# capitals) spell a key that no NFKC folding brings back to ASCII.
_TOKENS = re.compile(r"\S+")
# What JSON or a repr puts around a value: not part of the run.
_QUOTING = "\"'[]{}(),:"
# A part a reader reads as a word or number: one case (or capitalised), or a short number,
# possibly around one letter (``06T15`` in a date).
_WORD = re.compile(r"[a-z]+|[A-Z]+|[A-Z][a-z]+|[0-9]{1,6}(?:[A-Za-z][0-9]{0,6})?")
_WORD_LENGTH = 3
"""Characters a part of words has on average; an Ascii85 run's parts are shorter."""
# A letter with a digit or with a sign that words do not hold (base85's ``+No?``), in either
# order; not prices, dates or snake_case (``$10.00``, ``01/06/24``, ``job_id``).
_MIXED = re.compile(r"[^\W\d_].*[\d!#&*+;<=>?@^`|~\\]|[\d!#&*+;<=>?@^`|~\\].*[^\W\d_]")
# A field's name before its value (``"plan":``, ``hint:``): no group of an encoding.
_LABEL = re.compile(r"[{(\[]?[\"']?[^\W\d_]+[\"']?:")
_GROUPS = 3
"""Tokens of one length in a row that read as an encoding shown in groups."""
_SEPARATOR = 2
"""Signs at most (no letter, no digit) in a token between groups: longer, it is a group."""
_GROUP_LENGTH = 8
"""Characters of a group at most: encodings are shown in groups of 4 to 8 (a date, 10, is
not one)."""
_NUMBERS = 8
"""Numbers a token that reads as words holds at most: a date and time with its zone has
seven."""
_LONG_WORDS = 10
"""Characters of a token that reads as words (a date, a link) and is no chunk of a run."""
# Letters in a row a word has, and a chunk of an encoding mostly lacks.
_LETTERS = re.compile(r"[^\W\d_]{4}")
_SHORT_WORD = 3
"""Letters of a word too short to tell from a chunk (``the``, ``GET``)."""
_ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_ALPHABETS = ("0123456789abcdef", "0123456789ABCDEF",
              "0123456789abcdefghijklmnopqrstuvwxyz", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")

Field = tuple[str, str]
"""Where a value stands in an answer: (``header``, its lower-cased name) or (``body``,
the key it is the value of)."""


class Documented:
    """What api.yaml documents for each header and body field of the answers, anywhere."""

    def __init__(self, spec: Spec) -> None:
        self._values: defaultdict[Field, list[Any]] = defaultdict(list)
        for example in spec.examples:
            headers = dict(example.response.headers)
            if example.response.error:
                headers |= spec.error(example.response.error).headers
            for name, value in headers.items():
                self._values[("header", name.lower())].append(value)
            self._walk(spec.response_body(example), None)

    def _walk(self, value: Any, key: str | None) -> None:
        if isinstance(value, dict):
            for name, item in value.items():
                self._walk(item, str(name))
        elif isinstance(value, list):
            for item in value:
                self._walk(item, key)
        elif key is not None:
            self._values[("body", key)].append(value)

    def holds(self, field: Field | None, value: str) -> bool:
        """Whether api.yaml documents `value` for `field`: a matcher there accepts it, or a
        documented value there has its shape."""
        return field is not None and any(_accepts(documented, value)
                                         for documented in self._values.get(field, []))


def field_of(what: str) -> Field | None:
    """The field a divergence (``header Location``, ``body $.data[0].id``) is about."""
    if what.startswith("header "):
        return ("header", what.removeprefix("header ").split(" ", 1)[0].lower())
    keys = re.findall(r"\.([^.\[\s]+)", what)
    return ("body", keys[-1]) if what.startswith("body $") and keys else None


def opaque_runs(value: Any, documented: Any, known: Documented | None = None,
                field: Field | None = None) -> list[str]:
    """The runs in `value` (text or decoded JSON, the value of `field`) that api.yaml does
    not document: neither `documented` (the value at that place) holds it or a value of
    its shape, nor `known` (what api.yaml documents for each field) the value it is in."""
    written = _tokens(documented)

    def documents(core: str) -> bool:
        return core in written

    return [leaf[start:end] for leaf in _cleared(value, documented, field, known, set())
            for start, end in _opaque_spans(leaf, documents)]


def shown(text: str, value: Any, documented: Any, known: Documented | None = None,
          field: Field | None = None) -> str:
    """`text` (showing `value`, the value of `field`) with each run api.yaml does not
    document replaced by its length."""
    written = _tokens(documented)
    cleared: set[str] = set()
    _cleared(value, documented, field, known, cleared)

    def documents(core: str) -> bool:
        return core in written or core in cleared

    out: list[str] = []
    last = 0
    for start, end in _opaque_spans(text, documents):
        out += [text[last:start], f"[opaque, {end - start} characters]"]
        last = end
    return "".join(out) + text[last:]


def guarded(text: str, documented: str = "") -> str:
    """`text`, made of what a remote API answered, with each run that could be hiding a
    credential shown by its length, unless `documented` (what the check itself wrote
    into the line, such as the request it made) holds it."""
    return shown(text, None, documented)


def _opaque_spans(text: str, documents: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Where `text` holds a run that could be hiding anything, in order: a token or tokens
    that do not read as words (`_read_runs`), or groups of one length (`_grouped_runs`).
    `documents` says whether api.yaml documents a token (quoting aside) there."""
    spans: list[tuple[int, int]] = []
    for start, end in sorted([*_read_runs(text, documents), *_grouped_runs(text, documents)]):
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _read_runs(text: str, documents: Callable[[str], bool]) -> Iterator[tuple[int, int]]:
    """One token of `OPAQUE_RUN` characters or more that does not read as words, or tokens
    in a row, none of which reads as a word (base32 in groups, a key in chunks, bytes in
    octal, ``0x6c, 0x66``), that together hold `OPAQUE_RUN` letters and digits."""
    chunks: list[tuple[int, int]] = []
    held = 0

    def chunked() -> Iterator[tuple[int, int]]:
        if len(chunks) > 1 and held >= OPAQUE_RUN:
            yield chunks[0][0], chunks[-1][1]

    for token in _TOKENS.finditer(text):
        core = token.group().strip(_QUOTING)
        documented = documents(core)
        if len(token.group()) >= OPAQUE_RUN and not documented and not _is_words(core):
            yield from chunked()
            chunks, held = [], 0
            yield token.span()
        elif documented or (word := _reads_as_word(core)):
            yield from chunked()
            chunks, held = [], 0
        elif word is None:
            continue
        else:
            chunks.append(token.span())
            held += sum(map(len, _parts(core)))
    yield from chunked()


def _grouped_runs(text: str, documents: Callable[[str], bool]) -> Iterator[tuple[int, int]]:
    """`_GROUPS` tokens or more in a row, of one length up to `_GROUP_LENGTH` (the last may
    be shorter), that together hold `OPAQUE_RUN` characters, one of them mixed (`_MIXED`):
    an encoding shown in groups (``jbsw y3dp ehpk 3pxp``), whose groups may read as words,
    even words api.yaml documents (numbers between words, ``10000 after``, do not mix);
    unless api.yaml documents every group."""
    group: list[tuple[int, int, str]] = []

    def grouped() -> Iterator[tuple[int, int]]:
        cores = [core for _, _, core in group]
        if (len(group) >= _GROUPS and any(_MIXED.search(core) for core in cores)
                and sum(map(len, cores)) >= OPAQUE_RUN
                and not all(documents(core) for core in cores)):
            yield group[0][0], group[-1][1]

    for token in _TOKENS.finditer(text):
        core = token.group().strip(_QUOTING)
        if len(core) <= _SEPARATOR and not any(char.isalnum() for char in core):
            continue  # a dash, a bullet or padding between groups
        size = len(group[0][2]) if group else 0
        if len(core) > _GROUP_LENGTH or _LABEL.fullmatch(token.group()):
            yield from grouped()
            group = []
        elif len(core) == size or (len(core) < size and len(group) + 1 >= _GROUPS):
            group.append((*token.span(), core))
            if len(core) < size:  # the last group, or the first of another row
                yield from grouped()
                group = [group[-1]]
        else:
            yield from grouped()
            group = [(*token.span(), core)]
    yield from grouped()


def _cleared(value: Any, documented: Any, field: Field | None, known: Documented | None,
             cleared: set[str]) -> list[str]:
    """The texts in `value` (keys, strings, numbers) that api.yaml does not document
    there (`documented`, the value at the same place) or for their field (`known`); those
    it does are added to `cleared`."""
    if isinstance(value, dict):
        beside = documented if isinstance(documented, dict) else {}
        return [text for key, item in value.items()
                for text in (*_cleared(str(key), None, None, None, cleared),
                             *_cleared(item, beside.get(key), ("body", str(key)), known,
                                       cleared))]
    if isinstance(value, list):
        like = documented if isinstance(documented, list) and documented else [None]
        return [text for at, item in enumerate(value)
                for text in _cleared(item, like[min(at, len(like) - 1)], field, known,
                                     cleared)]
    text = _text(value)
    if isinstance(value, str) and (
            _accepts(documented, value) or (known is not None and known.holds(field, value))):
        cleared.add(text)
        return []
    return [text]


def _tokens(documented: Any) -> set[str]:
    """The tokens of each text in `documented` (keys and values), quoting aside: what
    documents a token of an answer is the same whole token (a part of one, such as a letter
    of a documented word or the nothing a lone comma leaves, would break any run)."""
    if isinstance(documented, dict):
        return {token for key, item in documented.items()
                for token in (*_tokens(str(key)), *_tokens(item))}
    if isinstance(documented, list):
        return {token for item in documented for token in _tokens(item)}
    return {core for token in _TOKENS.findall(_text(documented))
            if (core := token.strip(_QUOTING))}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                           default=str)


def _accepts(documented: Any, value: str) -> bool:
    """Whether a value api.yaml documents stands for `value`: a matcher accepting it, or a
    literal of its shape."""
    if isinstance(documented, Matcher):
        return documented.matches(value)
    return isinstance(documented, str) and _same_shape(documented, value)


def _same_shape(documented: str, value: str) -> bool:
    """`value` as long as `documented`, the same up to its last character that is not a
    letter or digit (``job_``), and the rest of the narrowest alphabet the rest of
    `documented` is of (lower-case hex, say)."""
    cut = max((at + 1 for at, char in enumerate(documented) if not char.isalnum()),
              default=0)
    if len(value) != len(documented) or value[:cut] != documented[:cut]:
        return False
    narrowest = next((alphabet for alphabet in _ALPHABETS
                      if set(documented[cut:]) <= set(alphabet)), _ALPHANUMERIC)
    return set(value[cut:]) <= set(narrowest)


def _is_words(run: str) -> bool:
    """A run a reader reads as words (``not-found``, ``https://example.com/docs``,
    ``TOO_MANY_REQUESTS``, a date, ``révoqué``), not as an encoding, whose letters and
    digits mix within a part of it, or whose letters mix scripts (look-alikes)."""
    parts = _parts(run)
    # Encoded bytes that happen to fall into word-like parts fall into short ones; bytes
    # written as numbers (``\307\354``, ``097.137.228``) into more numbers than a date has.
    return (sum(map(len, parts)) >= _WORD_LENGTH * len(parts)
            and sum(part.isdigit() for part in parts) <= _NUMBERS
            and all(_is_word_part(part) for part in parts)
            and all(char.isascii() or char.isalnum() or unicodedata.category(char)[0] in "MP"
                    for char in run))


def _reads_as_word(token: str) -> bool | None:
    """Whether a token breaks a row of chunks (True: words with four letters in a row,
    not capitals only, or a long one, a date), is too short to tell and neither breaks nor
    counts (None: ``in``, ``the``, ``GET``), or is a chunk (False: a group of digits or of
    capitals, a hex byte, ``0x61``, mixed letters and digits)."""
    parts = _parts(token)
    if len(parts) == 1 and parts[0].isalpha() and len(parts[0]) <= _SHORT_WORD \
            and _is_words(parts[0]):
        return None
    return _is_words(token) and (len(token) >= _LONG_WORDS or any(
        _LETTERS.search(part) and not part.isupper() for part in parts))


def _parts(text: str) -> list[str]:
    """`text`'s letters and digits (with the marks that accent them) in a row."""
    parts: list[str] = []
    current: list[str] = []
    for char in text:
        if char.isalnum() or (current and unicodedata.category(char)[0] == "M"):
            current.append(char)
        elif current:
            parts.append("".join(current))
            current = []
    return [*parts, "".join(current)] if current else parts


def _is_word_part(part: str) -> bool:
    """One case (or capitalised), or a short number possibly around one letter; cased
    letters of one script only, so a key spelled in look-alikes does not read as a word.
    Letters without case (kanji, kana, Arabic) mix freely, with digits or Latin too. Cased
    letters or digits, `OPAQUE_RUN` or more in a row, read as a word only capitalised (a
    German compound): base32 without a digit in it is one case of letters."""
    if part.isascii():
        return _WORD.fullmatch(part) is not None and _not_too_long(part)
    pieces = "".join(char if char.lower() != char.upper() or char.isdigit() else " "
                     for char in part if unicodedata.category(char)[0] != "M").split()
    return all(_not_too_long(piece) and (
               _WORD.fullmatch(piece) is not None if piece.isascii() else
               piece.isalpha() and (piece.islower() or piece.isupper() or piece.istitle())
               and len({unicodedata.name(char, "?").split(" ")[0] for char in piece}) == 1)
               for piece in pieces)


def _not_too_long(piece: str) -> bool:
    """Shorter than a run, or capitalised (`_is_word_part`)."""
    return len(piece) < OPAQUE_RUN or piece.istitle()
