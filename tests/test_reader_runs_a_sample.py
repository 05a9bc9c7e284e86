"""A reader copies the Python sample of "List jobs" from the built page, sets the key as the
page says, runs it against `guides sandbox`, and gets the shape the page shows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from tests.html import main_text
from tests.sandbox.running import RunningSandbox, start_sandbox


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    running = start_sandbox(tmp_path / "sandbox.log")
    yield running
    running.stop()


def _shape(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return type(value).__name__


def test_the_python_sample_answers_what_the_page_shows(built_site: Path,
                                                      sandbox: RunningSandbox,
                                                      tmp_path: Path) -> None:
    page = built_site / "api-authentication" / "index.html"
    html = page.read_text(encoding="utf-8")
    section = html[html.index('id="example-list-jobs-bearer"'):]
    section = section[:section.index('id="example-list-jobs-x-api-key"')]
    # The samples' tabs: the set whose labels are curl, Python, JavaScript.
    samples = section[section.index(">curl</label>"):]
    python = samples.split('<div class="tabbed-block">')[2]
    code = python[python.index("<code>") + len("<code>"):python.index("</code>")]
    sample = tmp_path / "sample.py"
    sample.write_text(unescape(_without_tags(code)), encoding="utf-8")

    # As the page says: export the key (and, for this sandbox, its address).
    text = main_text(page)
    assert "export TRUSTLEADS_API_KEY=" in text
    env = {**os.environ, "TRUSTLEADS_API_KEY": sandbox.keys["pro"],
           "TRUSTLEADS_BASE_URL": sandbox.base_url.rstrip("/"),
           "SSL_CERT_FILE": str(sandbox.info["ca_file"])}
    ran = subprocess.run([sys.executable, str(sample)], env=env, capture_output=True,
                         text=True, timeout=60, check=False)
    assert ran.returncode == 0, ran.stderr
    status, body = ran.stdout.split("\n", 1)
    shown = section[section.index("Response:"):]
    shown = shown[shown.index("<pre>"):]
    shown_json = json.loads(unescape(_without_tags(
        shown[shown.index("<code>") + len("<code>"):shown.index("</code>")])))
    assert status == "200"
    assert _shape(json.loads(body)) == _shape(shown_json)
    assert json.loads(body)["data"][0]["name"] == shown_json["data"][0]["name"]


def _without_tags(html: str) -> str:
    out, inside = [], False
    for character in html:
        if character == "<":
            inside = True
        elif character == ">" and inside:
            inside = False
        elif not inside:
            out.append(character)
    return "".join(out)
