"""The second guard on what an API answered: text that could be hiding anything is not shown.

The redactor finds the credentials it knows in the encodings it can undo. What it cannot
undo (an encryption, a new encoding) still looks like a long run of an encoding alphabet;
such a run, unless api.yaml documents it, is shown only by its length, and `--update`
never writes it.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["OPAQUE_RUN", "opaque_runs", "shown"]

OPAQUE_RUN = 20
"""Characters of an encoding alphabet in a row that could be hiding a credential."""

# Every encoding alphabet (base64, base32, hex, Ascii85, base85) is printable ASCII.
_RUNS = re.compile(rf"[!-~]{{{OPAQUE_RUN},}}")
_NARROW = re.compile(r"[A-Za-z0-9+/=_-]+")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                           default=str)


def opaque_runs(value: Any, documented: Any) -> list[str]:
    """The runs in `value` (text or decoded JSON) that `documented` does not hold."""
    known = _text(documented)
    return [run.group() for run in _RUNS.finditer(_text(value)) if run.group() not in known
            and not _is_words(run.group())]


def shown(text: str, documented: Any) -> str:
    """`text` with each run `documented` does not hold replaced by its length."""
    known = _text(documented)
    return _RUNS.sub(lambda run: run.group() if run.group() in known or _is_words(run.group())
                     else f"[opaque, {len(run.group())} characters]", text)


def _is_words(run: str) -> bool:
    """A run a reader reads as words (``not-found``, ``https://example.com/docs``), not as
    an encoding. Base64, base32 or hex of a credential holds digits or both cases; Ascii85
    or base85 (punctuation too, so also code and links) holds digits and both cases."""
    digits = any(char.isdigit() for char in run)
    lower, upper = any(char.islower() for char in run), any(char.isupper() for char in run)
    if _NARROW.fullmatch(run):
        return not digits and not (lower and upper)
    return not (digits and lower and upper)
