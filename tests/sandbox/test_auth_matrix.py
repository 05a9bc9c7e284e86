"""Every way of (not) authenticating, through real HTTPS on loopback."""

from __future__ import annotations

import base64
import json
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import jwt
import pytest

from tests.sandbox.running import RunningSandbox

SEED_INVALID = {
    "error": "INVALID_TOKEN",
    "message": "The provided API key is invalid or does not exist.",
    "docs": "https://trustleads.ai/guides/api-authentication",
}
SEED_INSUFFICIENT = {
    "error": "INSUFFICIENT_PLAN",
    "message": "Job submission via API requires a Pro or Agency plan.",
    "docs": "https://trustleads.ai/guides/billing-plans-comparison",
}
REALM = 'Bearer realm="trustleads"'
INVALID_CHALLENGE = REALM + ', error="invalid_token"'

Headers = list[tuple[str, str]]


def tampered(token: str) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["plan"] = "agency"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def unsigned(token: str) -> str:
    claims = jwt.decode(token, options={"verify_signature": False})
    return jwt.encode(claims, None, algorithm="none")  # type: ignore[arg-type]


def foreign(token: str) -> str:
    claims = jwt.decode(token, options={"verify_signature": False})
    return jwt.encode(claims, "not-the-sandbox-secret-but-long-enough", algorithm="HS256")


@dataclass(frozen=True)
class Case:
    headers: Callable[[RunningSandbox], Headers]
    status: int
    code: str | None = None
    challenge: str | None = None
    method: str = "GET"
    path: str = "/jobs"


def bearer(key: str) -> Callable[[RunningSandbox], Headers]:
    return lambda s: [("Authorization", f"Bearer {s.keys.get(key, key)}")]


CASES: dict[str, Case] = {
    "no credentials": Case(lambda s: [], 401, "MISSING_TOKEN", REALM),
    "bearer key": Case(bearer("pro"), 200),
    "x-api-key": Case(lambda s: [("X-API-Key", s.keys["pro"])], 200),
    "both headers, same key": Case(
        lambda s: [("Authorization", f"Bearer {s.keys['pro']}"), ("X-API-Key", s.keys["pro"])],
        200),
    "both headers, different keys": Case(
        lambda s: [("Authorization", f"Bearer {s.keys['pro']}"),
                   ("X-API-Key", s.keys["agency"])],
        401, "CONFLICTING_CREDENTIALS", INVALID_CHALLENGE),
    "lower-case scheme": Case(lambda s: [("Authorization", f"bearer {s.keys['pro']}")], 200),
    "upper-case scheme": Case(lambda s: [("Authorization", f"BEARER {s.keys['pro']}")], 200),
    "extra spaces": Case(lambda s: [("Authorization", f"Bearer    {s.keys['pro']}")], 200),
    "empty bearer": Case(lambda s: [("Authorization", "Bearer")], 401, "INVALID_TOKEN",
                         INVALID_CHALLENGE),
    "basic scheme": Case(lambda s: [("Authorization", "Basic dXNlcjpwYXNz")], 401,
                         "INVALID_TOKEN", INVALID_CHALLENGE),
    "key without scheme": Case(lambda s: [("Authorization", s.keys["pro"])], 401,
                               "INVALID_TOKEN", INVALID_CHALLENGE),
    "two tokens": Case(lambda s: [("Authorization", f"Bearer {s.keys['pro']}, Bearer x")],
                       401, "INVALID_TOKEN", INVALID_CHALLENGE),
    "two authorization headers": Case(
        lambda s: [("Authorization", f"Bearer {s.keys['pro']}"),
                   ("Authorization", f"Bearer {s.keys['pro']}")],
        401, "INVALID_TOKEN", INVALID_CHALLENGE),
    "wrong prefix": Case(bearer("sk_live_0123456789abcdef"), 401, "INVALID_TOKEN",
                         INVALID_CHALLENGE),
    "public key prefix": Case(bearer("lfk_pk_0123456789abcdef"), 401, "INVALID_TOKEN",
                              INVALID_CHALLENGE),
    "unknown key": Case(bearer("lfk_sk_0123456789abcdefghijklmnopqrstuv"), 401,
                        "INVALID_TOKEN", INVALID_CHALLENGE),
    "revoked key": Case(bearer("revoked"), 401, "REVOKED_TOKEN", INVALID_CHALLENGE),
    "revoked key in x-api-key": Case(lambda s: [("X-API-Key", s.keys["revoked"])], 401,
                                     "REVOKED_TOKEN", INVALID_CHALLENGE),
    "empty x-api-key": Case(lambda s: [("X-API-Key", "")], 401, "INVALID_TOKEN",
                            INVALID_CHALLENGE),
    "session token": Case(lambda s: [("Authorization", f"Bearer {s.info['session_token']}")],
                          200, path="/me"),
    "session token in x-api-key": Case(
        lambda s: [("X-API-Key", s.info["session_token"])], 401, "INVALID_TOKEN",
        INVALID_CHALLENGE, path="/me"),
    "expired session token": Case(
        lambda s: [("Authorization", f"Bearer {s.info['expired_session_token']}")],
        401, "EXPIRED_TOKEN", INVALID_CHALLENGE, path="/me"),
    "tampered session token": Case(
        lambda s: [("Authorization", f"Bearer {tampered(s.info['session_token'])}")],
        401, "INVALID_TOKEN", INVALID_CHALLENGE, path="/me"),
    "alg none session token": Case(
        lambda s: [("Authorization", f"Bearer {unsigned(s.info['session_token'])}")],
        401, "INVALID_TOKEN", INVALID_CHALLENGE, path="/me"),
    "session token signed elsewhere": Case(
        lambda s: [("Authorization", f"Bearer {foreign(s.info['session_token'])}")],
        401, "INVALID_TOKEN", INVALID_CHALLENGE, path="/me"),
    "starter reads jobs": Case(bearer("starter"), 200),
    "starter submits a job": Case(
        bearer("starter"), 403, "INSUFFICIENT_PLAN",
        REALM + ', error="insufficient_scope", scope="jobs:write"', method="POST"),
    "pro submits a job": Case(bearer("pro"), 201, method="POST"),
    "agency submits a job": Case(bearer("agency"), 201, method="POST"),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_auth_matrix(sandbox: RunningSandbox, case: Case) -> None:
    with sandbox.client() as client:
        response = client.request(
            case.method, sandbox.base_url + case.path, headers=case.headers(sandbox),
            json={"leads": [{"email": "ada@example.com"}]} if case.method == "POST" else None)

    assert response.status_code == case.status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers.get("www-authenticate") == case.challenge
    if case.code is not None:
        body = response.json()
        assert list(body) == ["error", "message", "docs"]
        assert body["error"] == case.code
        assert body["docs"].startswith("https://trustleads.ai/guides/")
    if case.code == "INVALID_TOKEN":
        assert response.json() == SEED_INVALID
    if case.code == "INSUFFICIENT_PLAN":
        assert response.json() == SEED_INSUFFICIENT
    echoed = str(response.headers) + response.text
    assert not [s for s in sandbox.secrets if s in echoed]


def test_me_tells_plan_scopes_and_credential(sandbox: RunningSandbox) -> None:
    with sandbox.client() as client:
        by_key = client.get(sandbox.base_url + "/me",
                            headers={"X-API-Key": sandbox.keys["starter"]}).json()
        by_session = client.get(sandbox.base_url + "/me", headers={
            "Authorization": f"Bearer {sandbox.info['session_token']}"}).json()
    assert by_key == {"plan": "starter", "scopes": ["jobs:read", "account:read"],
                      "credential": "api_key"}
    assert by_session == {"plan": "pro", "scopes": ["jobs:read", "jobs:write", "account:read"],
                          "credential": "session_token"}


def test_minted_session_carries_its_plan(sandbox: RunningSandbox) -> None:
    with sandbox.client() as client:
        minted = client.post(sandbox.base_url.removesuffix("/v1") + "/sandbox/sessions",
                             json={"plan": "starter"})
        assert minted.status_code == 201
        token = minted.json()["session_token"]
        claims = jwt.decode(token, options={"verify_signature": False})
        assert claims["exp"] - claims["iat"] == 3600
        headers = {"Authorization": f"Bearer {token}"}
        assert client.get(sandbox.base_url + "/me", headers=headers).json()["plan"] == "starter"
        submitted = client.post(sandbox.base_url + "/jobs", headers=headers,
                                json={"leads": [{"email": "ada@example.com"}]})
        assert submitted.status_code == 403


def raw_request(sandbox: RunningSandbox, header_lines: list[bytes]) -> tuple[int, bytes]:
    """Send bytes exactly as given: clients trim what these cases are about."""
    url = httpx.URL(sandbox.base_url)
    context = ssl.create_default_context(cafile=sandbox.info["ca_file"])
    with socket.create_connection((url.host, url.port), timeout=10) as plain, \
            context.wrap_socket(plain, server_hostname=url.host) as tls:
        tls.sendall(b"GET /v1/jobs HTTP/1.1\r\nHost: " + url.host.encode() + b"\r\n"
                    + b"".join(line + b"\r\n" for line in header_lines)
                    + b"Connection: close\r\n\r\n")
        received = b""
        while chunk := tls.recv(65536):
            received += chunk
    status = int(received.split(b" ", 2)[1])
    return status, received


@pytest.mark.parametrize(("value", "status"), [
    (b"Bearer ", 401),
    (b"Bearer \t", 401),
    (b"  Bearer KEY  ", 200),
    (b"Bearer\tKEY", 401),
])
def test_whitespace_around_credentials(sandbox: RunningSandbox, value: bytes,
                                       status: int) -> None:
    line = b"Authorization: " + value.replace(b"KEY", sandbox.keys["pro"].encode())
    got, received = raw_request(sandbox, [line])
    assert got == status, received
    assert sandbox.keys["pro"].encode() not in received
