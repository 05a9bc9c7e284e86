"""An API that echoes the key it was sent, base64-encoded, leaks it nowhere (issue 21)."""

from __future__ import annotations

import base64
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tests.check.conftest import remote_api
from tests.check.test_remote import check_remote


class EchoKey:
    """The revoked-key message, with the credential the request carried in base64."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", []))
        sent = headers.get(b"x-api-key") or headers.get(b"authorization", b"").split(b" ")[-1]
        echo = base64.b64encode(b"key:" + sent)
        start: Message = {}

        async def rewrite(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            body = message.get("body", b"").replace(b"has been revoked",
                                                     b"is revoked (" + echo + b")")
            headers = [(k, v) for k, v in start["headers"] if k != b"content-length"]
            await send({**start, "headers": [*headers, (b"content-length",
                                                         str(len(body)).encode())]})
            await send({**message, "body": body})

        await self.app(scope, receive, rewrite)


def test_an_echoed_key_is_redacted_and_never_written(project: Path, tmp_path: Path) -> None:
    before = (project / "api.yaml").read_bytes()
    report = tmp_path / "report.xml"
    with remote_api(tmp_path, EchoKey) as api:
        revoked = api["GUIDES_SANDBOX_REVOKED_KEY"]
        echoed = base64.b64encode(b"key:" + revoked.encode()).decode()
        result = check_remote(project, api, "--junit-xml", str(report), "revoked-token")
        update = check_remote(project, api, "--update", "revoked-token")
    everything = result.stdout + result.stderr + report.read_text(encoding="utf-8")
    assert "FAIL revoked-token" in result.stdout, everything
    # What a remote API answers is never written (a hostile one's encodings are endless).
    assert update.returncode == 2 and update.stdout == ""
    assert "--update writes only what this repository's sandbox answers" in update.stderr
    everything += update.stderr
    assert echoed[8:30] not in everything and revoked not in everything
    cached = "".join(p.read_text(errors="replace") for p in (project / ".cache").rglob("*")
                     if p.is_file())
    assert echoed[8:30] not in cached and revoked not in cached
    assert (project / "api.yaml").read_bytes() == before
