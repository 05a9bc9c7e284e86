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

# Base64 (both alphabets), base32 and hex are within the first; Ascii85 and base85 texts
# are runs without spaces of the second.
_RUNS = re.compile(rf"[A-Za-z0-9+/=_-]{{{OPAQUE_RUN},}}|[!-~]{{{OPAQUE_RUN},}}")


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
    """A run a reader reads as words (``not-found``, ``https://example.com/docs``): letters
    of one case and punctuation only. Any encoding of a credential mixes cases or digits."""
    letters = "".join(char for char in run if char.isalpha())
    return not any(char.isdigit() for char in run) and (letters.islower() or letters.isupper())
