"""Each example's recording: what `guides check` last saw its samples exchange with the API.

Written by the check (`generator/check/recording.py`), read here so that the pages can show
concrete answers; a recording that cannot be read is a problem of the file, with its name.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..paths import SNIPPETS_DIR
from .files import read_utf8

__all__ = ["RECORDING_FILE", "read_recordings"]

#: Beside an example's samples: ``snippets/<id>/recording.json``.
RECORDING_FILE = "recording.json"
_KEYS = {"verified", "request", "response"}


def read_recordings(root: Path, example_ids: list[str],
                    problems: list[Problem]) -> dict[str, dict[str, Any]]:
    """Example id -> its recording, for the examples that have one."""
    found = {}
    for example_id in example_ids:
        relative = f"{SNIPPETS_DIR}/{example_id}/{RECORDING_FILE}"
        try:
            text = read_utf8(root, relative)
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError) as err:
            problems.append(Problem(relative, f"cannot read the recording: {err}"))
            continue
        try:
            recording = json.loads(text)
        except ValueError as err:
            problems.append(Problem(relative, f"not JSON: {err}; `guides check --update` "
                                              "records it anew"))
            continue
        if not isinstance(recording, dict) or set(recording) != _KEYS \
                or not isinstance(recording["response"], dict) \
                or not isinstance(recording["response"].get("status"), int):
            problems.append(Problem(relative, "not a recording written by `guides check`; "
                                              "`guides check --update` records it anew"))
            continue
        found[example_id] = recording
    return found
