"""A question the check asks a remote API itself, outside any sample: GET a path with one of
the team's credentials, within a deadline, the answer read within bounds."""

from __future__ import annotations

import math
import ssl
import time
from typing import Any

import httpx

from ...model import Project
from ..guarding.shallow_json import loads
from .bounded import ACCEPTED_ENCODINGS, UnreadableAnswer, read_by
from .target import Target

__all__ = ["api_client", "ask"]

#: Seconds one question to the API may take, from request to the body's last byte.
_TIMEOUT = 30.0


def api_client(target: Target) -> httpx.Client:
    """An HTTP client for `target`, trusting its CA file if it has one."""
    context = ssl.create_default_context(cafile=target.ca_file) if target.ca_file else True
    # Each read waits at most a third of the deadline, so an answer's deadline is kept.
    return httpx.Client(verify=context, timeout=_TIMEOUT / 3)


def ask(client: httpx.Client, project: Project, target: Target, path: str,
        kind: str, ends: float = math.inf) -> tuple[int, Any] | str:
    """(status, parsed body) of GET `path` with the credential `kind` in the recommended
    header that carries it, or why there is no answer; given up at `ends` at the latest."""
    contract = project.spec.credentials
    rules = contract.kinds.items() if contract else ()
    rule = next((described for named, described in rules if named == kind), None)
    # Headers are listed recommended first.
    header = next(h for h in project.spec.headers if rule is None or rule.method in h.accepts)
    value = header.value.replace("{key}", target.credentials[kind])
    now = time.monotonic()
    deadline = min(now + _TIMEOUT, ends)
    # The check's deadline bounds every read too: an API silent for a whole read timeout
    # must not hold the check past it.
    timeout = max(min(_TIMEOUT / 3, deadline - now), 0.01)
    try:
        with client.stream("GET", target.base_url + path, timeout=timeout, headers={
                header.name: value, "Accept-Encoding": ACCEPTED_ENCODINGS}) as response:
            # A read timeout alone lets an API that dribbles a byte now and then hold the
            # check for ever: the whole answer has one deadline.
            body = read_by(response.iter_raw(), response.headers.get("content-encoding", ""),
                           deadline)
    except TimeoutError:
        return _too_late(deadline, now)
    except httpx.TimeoutException as err:
        if time.monotonic() >= deadline:
            return _too_late(deadline, now)
        return f"nothing ({type(err).__name__}: {str(err)[:200]})"
    except UnreadableAnswer as err:
        return f"an answer that was not read: {err}"
    except httpx.HTTPError as err:
        return f"nothing ({type(err).__name__}: {str(err)[:200]})"
    try:
        return response.status_code, loads(body)
    except ValueError:
        return response.status_code, body.decode("utf-8", "replace")[:200]


def _too_late(deadline: float, asked: float) -> str:
    if deadline < asked + _TIMEOUT:
        return "nothing before the check's deadline (--deadline) ended the question"
    return f"nothing within {_TIMEOUT:.0f} s"
