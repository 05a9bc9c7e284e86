"""What a sample prints against what came over the wire.

A reader runs a sample to see what the API answers, so a sample must print the status it
received and, when there is one, the body it received (verbatim, or as JSON of the same
value); a sample that prints nothing, or something else, fails.
"""

from __future__ import annotations

import json
import re

from ..guarding.shallow_json import loads
from ..running.exchange import Exchange

__all__ = ["printed_problems"]

#: Where a printed JSON value may start (a body is an object or an array here, or a scalar
#: that the verbatim search already finds).
_JSON_START = re.compile(r"[\[{]")


def printed_problems(stdout: str, exchange: Exchange) -> list[str]:
    """How what a run printed disagrees with `exchange`, the response it received."""
    if not stdout.strip():
        return [f"it printed nothing; it should print the status it received "
                f"({exchange.status}) and the body"]
    problems = []
    if not re.search(rf"(?<![0-9]){exchange.status}(?![0-9])", stdout):
        problems.append(f"it does not print the status it received ({exchange.status})")
    body = exchange.response_body.decode("utf-8", "replace").strip()
    if body and body not in stdout and not _prints_json_of(body, stdout):
        problems.append("it does not print the response body it received")
    return problems


def _prints_json_of(body: str, stdout: str) -> bool:
    """Whether `stdout` holds a JSON text of the same value as `body`, however formatted
    (indented over lines, keys in another order, other spacing), as a reader reads it."""
    try:
        value = loads(body)
    except ValueError:
        return False
    decoder = json.JSONDecoder()
    for start in (match.start() for match in _JSON_START.finditer(stdout)):
        try:
            printed, _ = decoder.raw_decode(stdout, start)
        except ValueError:
            continue
        if printed == value:
            return True
    return False
