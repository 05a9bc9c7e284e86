"""What a hostile API answers where the check quotes it outside a divergence line.

The contract's question (`GET /me`) and the job listing a reading example is lent a job
from are quoted in FAIL and not-judged lines; a key no redactor knows, spelled in look-alike
letters or in chunks, is shown there only by its length, in the console and the JUnit
report alike. The real `guides check --base-url` process, against the sandbox over TLS.
"""

# The look-alike letters are the point of these tests.
# ruff: noqa: RUF001

from __future__ import annotations

import base64
import json
import re
import secrets
from collections.abc import Callable

import pytest

from .test_hostile_api import Ran, assert_clean_failure, hostile, languages, whole  # noqa: F401

_KEY = "lfk_" + secrets.token_urlsafe(24)
SPELLED = {
    "look-alikes": _KEY.translate(str.maketrans("ABCEHKMOPTXaceopxy", "АВСЕНКМОРТХасеорху")),
    "base32 in groups": " ".join(
        re.findall(".{1,8}", base64.b32encode(_KEY.encode()).decode())),
    "0x bytes": ", ".join(f"0x{byte:02x}" for byte in _KEY.encode()),
}


def _hidden(ran: Ran, spelled: str) -> None:
    for written in (ran.output, ran.junit):
        assert "[opaque, " in written, written
        assert spelled not in written and _KEY not in written, written


@pytest.mark.parametrize("spelling", sorted(SPELLED))
def test_me_answering_a_spelled_key_as_its_plan(hostile: Callable[..., Ran],  # noqa: F811
                                                 spelling: str) -> None:
    body = {"plan": SPELLED[spelling], "scopes": ["jobs:read"], "credential": "api_key"}
    ran = hostile("/v1/me", whole(200, {"content-type": b"application/json"},
                                  json.dumps(body).encode()), example="me-api-key")
    assert_clean_failure(ran, "credential pro")
    assert re.search(r'GET /me answered 200 \{"plan": "?\[opaque, \d+ characters\]',
                     ran.output), ran.output
    _hidden(ran, SPELLED[spelling])


def test_an_empty_listing_saying_a_spelled_key(hostile: Callable[..., Ran]) -> None:  # noqa: F811
    spelled = SPELLED["base32 in groups"]
    body = {"data": [], "has_more": False, "hint": spelled}
    ran = hostile("/v1/jobs", whole(200, {"content-type": b"application/json"},
                                    json.dumps(body).encode()), example="get-job")
    assert "listed none: 200 {" in ran.output, ran.output
    for name in languages("get-job"):
        assert f"not judged {name}" in ran.output, ran.output
    _hidden(ran, spelled)
