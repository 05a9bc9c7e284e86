"""`guides mcp` as an assistant meets it: started by the SDK's own client as a real process,
over stdio and over streamable HTTP on loopback; every tool called with good and bad
arguments; the questions the guides must answer, answered from the tools alone."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import anyio
import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from mcp_types import TextContent

from generator.assistants import Guides
from generator.languages import LANGUAGES
from tests.conftest import REPO

# Each test starts `guides mcp` as its own process: left out of `make quick`.
pytestmark = pytest.mark.e2e

_Session = Callable[[Client], Awaitable[None]]


def _over_stdio(session: _Session) -> None:
    server = StdioServerParameters(command=sys.executable, args=["-m", "generator.cli", "mcp"],
                                   cwd=str(REPO))

    async def run() -> None:
        async with Client(server, read_timeout_seconds=60) as client:
            await session(client)

    anyio.run(run)


@pytest.fixture(scope="module")
def http_url() -> Iterator[str]:
    with subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "mcp", "--http", "--host", "127.0.0.1",
             "--port", "0"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True) as process:
        try:
            assert process.stdout is not None
            announced = json.loads(process.stdout.readline())
            yield str(announced["url"])
        finally:
            process.terminate()
            assert process.wait(timeout=30) == 0  # SIGTERM is a clean stop


def _over_http(url: str, session: _Session) -> None:
    async def run() -> None:
        async with Client(url, read_timeout_seconds=60) as client:
            await session(client)

    anyio.run(run)


async def _call(client: Client, tool: str, arguments: dict[str, Any]) -> tuple[bool, Any]:
    """Whether the call failed, and its answer (JSON) or its message."""
    result = await client.call_tool(tool, arguments)
    content = result.content[0]
    assert isinstance(content, TextContent)
    return bool(result.is_error), content.text if result.is_error else json.loads(content.text)


async def _every_tool(client: Client, guides: Guides) -> None:
    listed = await client.list_tools()
    assert {tool.name for tool in listed.tools} == {
        "lookup_error", "get_example", "search_guides", "explain_response"}
    assert all(tool.annotations and tool.annotations.read_only_hint for tool in listed.tools)
    assert client.instructions is not None and guides.version in client.instructions
    good: dict[str, dict[str, Any]] = {
        "lookup_error": {"query": "REVOKED_TOKEN"},
        "get_example": {"id": "revoked-token", "language": "Python"},
        "search_guides": {"query": "session token"},
        "explain_response": {"status": 404, "body": '{"error": "NOT_FOUND"}'},
    }
    bad: dict[str, tuple[dict[str, Any], str]] = {
        "lookup_error": ({"query": ""}, "query is empty"),
        "get_example": ({"id": "revoked-tokens", "language": "python"}, "did you mean"),
        "search_guides": ({}, "query"),
        "explain_response": ({"status": "teapot"}, "status"),
    }
    for tool, arguments in good.items():
        failed, answer = await _call(client, tool, arguments)
        assert not failed and answer["content_version"] == guides.version, tool
        wrong, says = bad[tool]
        failed, message = await _call(client, tool, wrong)
        assert failed and says in message and "Traceback" not in message, tool
    # Every language the pages show is served; another is named with the ones there are.
    failed, answer = await _call(client, "get_example", {"id": "get-job", "language": "ruby"})
    assert not failed and answer["run"] == "ruby main.rb" and "Net::HTTP" in answer["code"]
    failed, message = await _call(client, "get_example", {"id": "get-job", "language": "cobol"})
    assert failed and ", ".join(language.label for language in LANGUAGES.values()) in message
    resources = (await client.list_resources()).resources
    assert {str(r.name) for r in resources} == set(guides.pages)
    catalog = next(r for r in resources if r.name == "error-catalog.md")
    read = await client.read_resource(catalog.uri)
    text = getattr(read.contents[0], "text", "")
    assert text.startswith("# Error Catalog") and "REVOKED_TOKEN" in text
    assert "guides-decode" not in text  # the page's controls are not prose


async def _the_questions(client: Client, guides: Guides) -> None:
    # "What does REVOKED_TOKEN mean and how do I fix it?"
    _, found = await _call(client, "lookup_error", {
        "query": "what does REVOKED_TOKEN mean and how do I fix it"})
    revoked = next(e for e in guides.errors if e.code == "REVOKED_TOKEN")
    first = found["entries"][0]
    assert (first["code"], first["fix"], first["when"]) == (revoked.code, revoked.fix,
                                                            revoked.when)
    # "Give me the Node sample for reading a job": search finds the example, then its sample.
    _, searched = await _call(client, "search_guides", {"query": "reading a job"})
    example_id = next(r["example_id"] for r in searched["results"] if "example_id" in r)
    _, sample = await _call(client, "get_example", {"id": example_id, "language": "node"})
    assert example_id == "get-job" and sample["language"] == "JavaScript"
    assert sample["code"] == guides.project.snippets["get-job"]["node"].text
    assert sample["verified"]["on"] and sample["response"]["status"] == 200
    # "I got this 403, why?"
    _, explained = await _call(client, "explain_response", {"status": 403})
    plan = next(e for e in guides.errors if e.status == 403)
    assert explained["matched"] and explained["entry"]["code"] == plan.code
    assert explained["what_to_do"] == plan.fix


def test_over_stdio_every_tool_answers_and_refuses_clearly(guides: Guides) -> None:
    _over_stdio(lambda client: _every_tool(client, guides))


def test_over_stdio_the_questions_are_answered_from_the_tools(guides: Guides) -> None:
    _over_stdio(lambda client: _the_questions(client, guides))


def test_over_http_every_tool_answers_and_the_questions_too(http_url: str,
                                                            guides: Guides) -> None:
    assert http_url.startswith("http://127.0.0.1:") and http_url.endswith("/mcp")

    async def both(client: Client) -> None:
        await _every_tool(client, guides)
        await _the_questions(client, guides)

    _over_http(http_url, both)


def test_an_invalid_api_yaml_is_one_line_on_stderr_and_exit_2(tmp_path: Any) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text("site: {url: nope}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "mcp", "--spec", str(spec)],
                            capture_output=True, text=True, timeout=120, check=False,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and result.stdout == ""
    assert "api.yaml:1" in result.stderr and "Traceback" not in result.stderr


def test_a_port_in_use_is_one_line_on_stderr_and_exit_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "generator.cli", "mcp", "--http", "--port", str(port)],
            cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"error: cannot listen on 127.0.0.1:{port}: Address already in use\n"
