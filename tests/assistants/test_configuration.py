"""The assistants' configurations on the editing page: valid JSON, each starting `guides mcp`
as the command accepts it or pointing at the address `guides mcp --http` serves."""

from __future__ import annotations

import json
import re

from generator.cli import cli
from tests.conftest import REPO

_SECTION = re.compile(r"^## Ask an assistant.*?(?=^## )", re.DOTALL | re.MULTILINE)
_JSON = re.compile(r"^```json\n(.*?)^```", re.DOTALL | re.MULTILINE)


def test_claude_desktop_vs_code_and_cursor_are_each_shown() -> None:
    page = (REPO / "docs" / "editing-the-guides.md").read_text(encoding="utf-8")
    section = _SECTION.search(page)
    assert section is not None
    configurations = [json.loads(block) for block in _JSON.findall(section.group())]
    assert len(configurations) == 3
    claude, vs_code, cursor = configurations
    for server in (claude["mcpServers"]["trustleads-guides"],
                   vs_code["servers"]["trustleads-guides"]):
        assert server["command"].endswith("/.venv/bin/guides")
        assert server["args"][0] == "mcp" and server["args"][2].endswith("/api.yaml")
        # The options as the command parses them (running it would serve).
        given = cli.commands["mcp"].make_context("mcp", list(server["args"][1:]))
        assert str(given.params["spec_path"]).endswith("api.yaml")
    port = next(p for p in cli.commands["mcp"].params if p.name == "port").default
    assert cursor["mcpServers"]["trustleads-guides"]["url"] == f"http://127.0.0.1:{port}/mcp"
