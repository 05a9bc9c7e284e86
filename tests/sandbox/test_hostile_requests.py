"""A corpus of hostile requests against a real sandbox: each answered in the error shape,
none a 500, none echoing a credential, none leaving a traceback in the log."""

from __future__ import annotations

import base64
import json
import socket
import ssl
from typing import Any

import httpx
import pytest

from tests.sandbox.running import RunningSandbox

NONE_JWT = (base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()
            + "." + base64.urlsafe_b64encode(b'{"plan":"agency"}').rstrip(b"=").decode() + ".")

Case = tuple[str, str, dict[str, str], bytes]


def _cases(keys: dict[str, str]) -> dict[str, Case]:
    key = keys["pro"]
    json_type = {"Content-Type": "application/json", "X-API-Key": key}
    return {
        "alg-none-jwt": ("GET", "/jobs", {"Authorization": f"Bearer {NONE_JWT}"}, b""),
        "key-in-query": ("GET", f"/jobs?api_key={key}", {}, b""),
        "traversal": ("GET", "/jobs/..%2f..%2fetc%2fpasswd", {"X-API-Key": key}, b""),
        "encoded-nul": ("GET", "/jobs/%00", {"X-API-Key": key}, b""),
        "spoofed-client": ("GET", "/jobs", {"X-Forwarded-For": "127.0.0.1",
                                            "Authorization": "Bearer lfk_sk_nope"}, b""),
        "deep-json": ("POST", "/jobs", json_type, b"[" * 5000),
        "lone-surrogate": ("POST", "/jobs", json_type, b'{"leads": [{"email": "\\ud800"}]}'),
        "nul-in-json": ("POST", "/jobs", json_type, b'{"leads": [{"email": "a\\u0000b"}]}'),
        "not-utf8": ("POST", "/jobs", json_type, b'{"leads": "\xff\xfe"}'),
        "huge-number": ("POST", "/jobs", json_type, b'{"leads": ' + b"9" * 5000 + b"}"),
        "session-bad-plan": ("POST", "/sandbox/sessions", {"Content-Type": "application/json"},
                             b'{"plan": {"$ne": null}}'),
        "key-reflected-in-path": ("GET", f"/jobs/{key}", {"X-API-Key": key}, b""),
        "method-override": ("POST", "/me", {"X-HTTP-Method-Override": "DELETE",
                                            "X-API-Key": key}, b""),
    }


CASE_NAMES = sorted(_cases({"pro": "k"}))


@pytest.mark.parametrize("name", CASE_NAMES)
def test_hostile_request_is_refused_cleanly(sandbox: RunningSandbox, name: str) -> None:
    method, path, headers, body = _cases(sandbox.keys)[name]
    with sandbox.client() as client:
        response = client.request(method, sandbox.base_url + path, headers=headers,
                                  content=body)
    assert response.status_code < 500
    if response.status_code >= 400:
        payload: Any = response.json()
        assert list(payload) == ["error", "message", "docs"]
    echoed = response.text + json.dumps(dict(response.headers))
    assert not [s[:12] for s in sandbox.secrets if s in echoed]
    assert "Traceback" not in sandbox.log.read_text()


def test_a_malformed_request_line_is_not_a_500(sandbox: RunningSandbox) -> None:
    host, port = httpx.URL(sandbox.base_url).host, httpx.URL(sandbox.base_url).port
    assert port is not None
    context = ssl.create_default_context(cafile=sandbox.info["ca_file"])
    with socket.create_connection((host, port), timeout=10) as raw, \
            context.wrap_socket(raw, server_hostname=host) as tls:
        tls.sendall(b"GET /v1/jobs\x00 HTTP/1.1\r\nHost: x\r\nX: a\rb\r\n\r\n")
        answer = tls.recv(4096)
    assert not answer.startswith(b"HTTP/1.1 5")
