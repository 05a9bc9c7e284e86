"""The key cases again, from curl and Node processes as readers would send them."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable

import pytest

from tests.sandbox.running import RunningSandbox

Client = Callable[[RunningSandbox, str | None, str | None], tuple[int, str]]

NODE = """
const [url, header, value] = process.argv.slice(1);
const response = await fetch(url, { headers: header ? { [header]: value } : {} });
console.log(JSON.stringify({ status: response.status, body: await response.text(),
  challenge: response.headers.get("www-authenticate") }));
"""

#: (case, header, credential name or literal, expected status, expected code)
CASES = [
    ("no credentials", None, None, 401, "MISSING_TOKEN"),
    ("bearer key", "Authorization", "Bearer {pro}", 200, None),
    ("x-api-key", "X-API-Key", "{pro}", 200, None),
    ("lower-case scheme", "Authorization", "bearer {pro}", 200, None),
    ("unknown key", "Authorization", "Bearer lfk_sk_unknown0123456789", 401, "INVALID_TOKEN"),
    ("wrong prefix", "X-API-Key", "sk_live_0123456789", 401, "INVALID_TOKEN"),
    ("empty bearer", "Authorization", "Bearer", 401, "INVALID_TOKEN"),
    ("revoked key", "Authorization", "Bearer {revoked}", 401, "REVOKED_TOKEN"),
    ("expired session", "Authorization", "Bearer {expired}", 401, "EXPIRED_TOKEN"),
]


def credential(sandbox: RunningSandbox, template: str | None) -> str | None:
    if template is None:
        return None
    return template.format(expired=sandbox.info["expired_session_token"], **sandbox.keys)


def run_curl(sandbox: RunningSandbox, header: str | None, value: str | None) -> tuple[int, str]:
    args = ["curl", "--silent", "--show-error", "--cacert", sandbox.info["ca_file"],
            "--write-out", "\n%{http_code}", sandbox.base_url + "/me"]
    if header:
        args += ["--header", f"{header}: {value}"]
    result = subprocess.run(args, capture_output=True, text=True, timeout=30, check=True)
    body, status = result.stdout.rsplit("\n", 1)
    return int(status), body


def run_node(sandbox: RunningSandbox, header: str | None, value: str | None) -> tuple[int, str]:
    result = subprocess.run(
        ["node", "--input-type=module", "-e", NODE, sandbox.base_url + "/me", header or "",
         value or ""],
        capture_output=True, text=True, timeout=30, check=True,
        env={"PATH": "/usr/bin:/bin", "NODE_EXTRA_CA_CERTS": sandbox.info["ca_file"]})
    answer = json.loads(result.stdout)
    return int(answer["status"]), str(answer["body"])


@pytest.mark.parametrize("client", [run_curl, run_node], ids=["curl", "node"])
@pytest.mark.parametrize(("case", "header", "template", "status", "code"), CASES,
                         ids=[c[0] for c in CASES])
def test_key_cases_from_other_clients(sandbox: RunningSandbox, client: Client, case: str,
                                      header: str | None, template: str | None, status: int,
                                      code: str | None) -> None:
    for tool in ("curl", "node"):
        assert shutil.which(tool), f"{tool} is needed for these tests"
    got_status, body = client(sandbox, header, credential(sandbox, template))
    assert got_status == status, body
    parsed = json.loads(body)
    if code is None:
        assert parsed["credential"] == "api_key"
    else:
        assert parsed["error"] == code
