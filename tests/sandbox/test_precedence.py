"""The sandbox judges a request in the order api.yaml's `error_precedence` documents.

Each request below breaks the rule of one step and of every step after it, so only the
documented order gives that step's code.
"""

from __future__ import annotations

import json

import pytest

from generator.model import load_project
from tests.conftest import REPO
from tests.sandbox.running import RunningSandbox

#: Code -> (method, path, plan of the Bearer key or None, content type, body).
BREAKING = {
    "PAYLOAD_TOO_LARGE": ("DELETE", "/jobs", None, "text/plain", b"x" * (65 * 1024)),
    "METHOD_NOT_ALLOWED": ("DELETE", "/jobs", None, "text/plain", b"x"),
    "MISSING_TOKEN": ("POST", "/jobs", None, "text/plain", b"x"),
    "INSUFFICIENT_PLAN": ("POST", "/jobs", "starter", "text/plain", b"x"),
    "UNSUPPORTED_MEDIA_TYPE": ("POST", "/jobs", "pro", "text/plain", b"x"),
    "INVALID_REQUEST": ("POST", "/jobs", "pro", "application/json", b'{"leads": []}'),
}
STEPS = load_project(REPO / "api.yaml").spec.error_precedence
# Throttling needs failures first, and the lookup of a job comes last: neither is paired.
PROVEN = [(code, step.codes) for step in STEPS for code in step.codes if code in BREAKING]


def test_every_step_but_throttling_and_the_job_lookup_is_proven() -> None:
    assert len(PROVEN) == len(STEPS) - 2


@pytest.mark.parametrize(("code", "step"), PROVEN, ids=[code for code, _ in PROVEN])
def test_the_earliest_broken_step_answers(sandbox: RunningSandbox, code: str,
                                          step: list[str]) -> None:
    method, path, plan, media_type, body = BREAKING[code]
    headers = {"Content-Type": media_type}
    if plan is not None:
        headers["Authorization"] = f"Bearer {sandbox.keys[plan]}"
    with sandbox.client() as client:
        response = client.request(method, sandbox.base_url + path, headers=headers,
                                  content=body)
    assert json.loads(response.content)["error"] == code, step
