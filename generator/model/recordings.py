"""Each example's recording: what `guides check` last saw its samples exchange with the API.

Written by the check (`generator/check/storing/recording.py`), read here so that the pages can show
concrete answers. A recording is a committed file a pull request can change, so it is
validated like api.yaml: a typed model, and each problem at its line
(``snippets/<id>/recording.json:12: response.status: …``), never a traceback.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import Problem
from ..paths import SNIPPETS_DIR

__all__ = ["RECORDING_FILE", "Recording", "read_recordings"]

#: Beside an example's samples: ``snippets/<id>/recording.json``.
RECORDING_FILE = "recording.json"
#: Far more than any answer a page shows; a larger file is refused before it is read.
MAX_BYTES = 1 << 20
#: Far deeper than any API answer; deeper JSON is refused, not recursed into.
MAX_DEPTH = 32
_FIX = "`guides check --update` records it anew"


def _depth(value: Any) -> int:
    deepest, level = 0, [(value, 1)]
    while level:
        node, depth = level.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        children = node.values() if isinstance(node, dict) else \
            node if isinstance(node, list) else ()
        level.extend((child, depth + 1) for child in children)
    return deepest


def _shallow(value: Any) -> Any:
    if _depth(value) > MAX_DEPTH:
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Verified(_Strict):
    on: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]
    """The day the check recorded it, e.g. ``2026-11-28``."""
    against: Annotated[str, Field(min_length=1, max_length=200)]
    """What answered, e.g. ``guides sandbox 0.1.0``."""


class _Message(_Strict):
    headers: dict[str, str]
    """Its headers: those an API answers alike from run to run, credentials redacted."""
    body: Any = None
    """Its JSON body, if any."""

    @field_validator("body")
    @classmethod
    def _shallow_body(cls, value: Any) -> Any:
        return _shallow(value)


class RecordedRequest(_Message):
    method: Annotated[str, Field(pattern=r"^[A-Z]+$", max_length=16)]
    """The HTTP method the sample sent."""
    url: Annotated[str, Field(min_length=1, max_length=4096)]
    """The URL, written as the API's."""


class RecordedResponse(_Message):
    status: Annotated[int, Field(ge=100, le=599)]
    """The status code the API answered."""


class Recording(_Strict):
    """A ``recording.json``, as `guides check` writes it."""

    verified: Verified
    request: RecordedRequest
    response: RecordedResponse


def read_recordings(root: Path, example_ids: list[str],
                    problems: list[Problem]) -> dict[str, dict[str, Any]]:
    """Example id -> its recording, for the examples that have one."""
    found = {}
    for example_id in example_ids:
        relative = f"{SNIPPETS_DIR}/{example_id}/{RECORDING_FILE}"
        recording = _read(root, relative, problems)
        if recording is not None:
            found[example_id] = recording
    return found


def _read(root: Path, relative: str, problems: list[Problem]) -> dict[str, Any] | None:
    try:
        size = os.stat(root / relative).st_size
        if size > MAX_BYTES:
            problems.append(Problem(relative, f"{size} bytes, more than a recording may hold "
                                              f"({MAX_BYTES}); {_FIX}"))
            return None
        text = (root / relative).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as err:
        problems.append(Problem(relative, f"not UTF-8 text (byte {err.start}); {_FIX}"))
        return None
    except OSError as err:
        problems.append(Problem(relative, f"cannot read the recording: {err.strerror}"))
        return None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        problems.append(Problem(relative, f"not JSON: {err.msg}; {_FIX}", err.lineno, err.colno))
        return None
    except RecursionError:
        problems.append(Problem(relative, f"nested too deeply to read; {_FIX}"))
        return None
    try:
        Recording.model_validate(document)
    except ValidationError as err:
        for error in err.errors(include_url=False):
            field = ".".join(str(part) for part in error["loc"]) or "(the file)"
            problems.append(Problem(relative, f"{field}: {error['msg']}",
                                    _line_of(text, error["loc"])))
        return None
    result: dict[str, Any] = document
    return result


def _line_of(text: str, loc: tuple[int | str, ...]) -> int | None:
    """The line where the value at `loc` starts in the JSON `text` (which parsed), or None.

    Walked along `loc` alone, each sibling skipped by the standard decoder: the file is
    read once more only when it holds a mistake.
    """
    decoder = json.JSONDecoder()
    index = _skip_space(text, 0)
    for part in loc:
        if index >= len(text) or text[index] not in "{[":
            return None
        start = index
        opening = text[index]
        index = _skip_space(text, index + 1)
        position = 0
        while index < len(text) and text[index] not in "}]":
            if opening == "{":
                key, index = decoder.raw_decode(text, index)
                index = _skip_space(text, _skip_space(text, index) + 1)  # past the colon
                here = key == part
            else:
                here = position == part
            if here:
                break
            _, index = decoder.raw_decode(text, index)
            index = _skip_space(text, index)
            if index < len(text) and text[index] == ",":
                index = _skip_space(text, index + 1)
            position += 1
        else:
            # A field that is missing: the object that should hold it.
            return text.count("\n", 0, start) + 1
    return text.count("\n", 0, index) + 1


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index
