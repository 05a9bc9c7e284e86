"""Whatever a client sends, the sandbox answers in its error shape: never a 500, never a key."""

from __future__ import annotations

import asyncio
import json

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.sandbox import SandboxSettings, create_sandbox

SANDBOX = create_sandbox(SandboxSettings(failed_auth_limit=0))
SECRETS = [*SANDBOX.keys.values(), SANDBOX.session_token, SANDBOX.expired_session_token]
EXPECTED = {200, 201, 400, 401, 403, 404, 405, 413, 415}

header_text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF,
                                    exclude_characters="\x7f"), max_size=120)
credential = st.one_of(
    header_text,
    st.sampled_from(SECRETS),
    st.builds(lambda scheme, secret, pad: f"{scheme}{pad}{secret}",
              st.sampled_from(["Bearer", "bearer", "BEARER", "Basic", "", "Bearer:"]),
              st.sampled_from(SECRETS) | header_text,
              st.sampled_from([" ", "  ", "\t", ""])),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | header_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(header_text, inner, max_size=4),
    max_leaves=20)


def request(method: str, path: str, headers: dict[bytes, bytes],
            content: bytes | None = None) -> httpx.Response:
    """In process, through httpx's ASGI transport; an app exception would propagate."""
    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=SANDBOX.app)
        async with httpx.AsyncClient(transport=transport, base_url="https://sandbox.test") as c:
            return await c.request(method, path, headers=headers, content=content)

    return asyncio.run(send())


def check(response: httpx.Response) -> None:
    assert response.status_code in EXPECTED, response.text
    assert not [s for s in SECRETS if s in response.text + str(response.headers)]
    if response.status_code >= 400:
        assert list(response.json()) == ["error", "message", "docs"]


@settings(max_examples=300, deadline=None)
@given(authorization=st.none() | credential, api_key=st.none() | credential,
       path=st.sampled_from(["/v1/jobs", "/v1/me", "/v1/jobs/job_1", "/v1/x"]))
def test_any_headers(authorization: str | None, api_key: str | None, path: str) -> None:
    headers: dict[bytes, bytes] = {}
    if authorization is not None:
        headers[b"Authorization"] = authorization.strip(" \t").encode("latin-1")
    if api_key is not None:
        headers[b"X-API-Key"] = api_key.strip(" \t").encode("latin-1")
    response = request("GET", path, headers)
    check(response)


@settings(max_examples=300, deadline=None)
@given(body=json_values | st.binary(max_size=300) | st.fixed_dictionaries({"plan": json_values})
       | st.fixed_dictionaries({"leads": st.lists(st.fixed_dictionaries({"email": json_values}),
                                                  max_size=3)}),
       content_type=st.sampled_from(["application/json", "application/json; charset=utf-8",
                                     "text/plain", "", "APPLICATION/JSON"]),
       key=st.sampled_from(["pro", "starter", "revoked"]),
       path=st.sampled_from(["/v1/jobs", "/sandbox/sessions"]))
def test_any_bodies(body: object, content_type: str, key: str, path: str) -> None:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = request("POST", path, {b"X-API-Key": SANDBOX.keys[key].encode(),
                                      b"Content-Type": content_type.encode()}, content)
    check(response)
