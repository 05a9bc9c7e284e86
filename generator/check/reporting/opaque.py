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
from collections import defaultdict
from typing import Any

from ...model import Spec
from ...model.matchers import Matcher

__all__ = ["OPAQUE_RUN", "Documented", "field_of", "opaque_runs", "shown"]

OPAQUE_RUN = 20
"""Characters of an encoding alphabet in a row that could be hiding a credential."""

# Every encoding alphabet (base64, base32, hex, Ascii85, base85) is printable ASCII.
_RUNS = re.compile(rf"[!-~]{{{OPAQUE_RUN},}}")
# What JSON or a repr puts around a value: not part of the run.
_QUOTING = "\"'[]{}(),:"
_WORD_PARTS = re.compile(r"[A-Za-z0-9]+")
# A part a reader reads as a word or number: one case (or capitalised), or a short number,
# possibly around one letter (``06T15`` in a date).
_WORD = re.compile(r"[a-z]+|[A-Z]+|[A-Z][a-z]+|[0-9]{1,6}(?:[A-Za-z][0-9]{0,6})?")
_WORD_LENGTH = 3
"""Characters a part of words has on average; an Ascii85 run's parts are shorter."""
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
        return field is not None and any(
            documented.matches(value) if isinstance(documented, Matcher)
            else isinstance(documented, str) and _same_shape(documented, value)
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
    written = _text(documented)
    return [run for leaf in _cleared(value, documented, field, known, set())
            for run in _RUNS.findall(leaf) if run not in written and not _is_words(run)]


def shown(text: str, value: Any, documented: Any, known: Documented | None = None,
          field: Field | None = None) -> str:
    """`text` (showing `value`, the value of `field`) with each run api.yaml does not
    document replaced by its length."""
    written = _text(documented)
    cleared: set[str] = set()
    _cleared(value, documented, field, known, cleared)

    def hide(run: re.Match[str]) -> str:
        core = run.group().strip(_QUOTING)
        if core in written or core in cleared or _is_words(core):
            return run.group()
        return f"[opaque, {len(run.group())} characters]"

    return _RUNS.sub(hide, text)


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
            (isinstance(documented, Matcher) and documented.matches(value))
            or (isinstance(documented, str) and _same_shape(documented, value))
            or (known is not None and known.holds(field, value))):
        cleared.add(text)
        return []
    return [text]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                           default=str)


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
    ``TOO_MANY_REQUESTS``, a date), not as an encoding, whose letters and digits mix within
    a part of it."""
    parts = _WORD_PARTS.findall(run)
    # Encoded bytes that happen to fall into word-like parts fall into short ones.
    return (sum(map(len, parts)) >= _WORD_LENGTH * len(parts)
            and all(_WORD.fullmatch(part) for part in parts))
