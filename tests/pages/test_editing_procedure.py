"""The editing page's "Add an error code, end to end", taken from the page and run as written.

The steps, the YAML, the sandbox change and the commands all come from
docs/editing-the-guides.md itself, so the page cannot drift from what works.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.model.source import rewriting_yaml
from tests.conftest import REPO, installed

PAGE = REPO / "docs" / "editing-the-guides.md"
SECTION = "## Add an error code, end to end"
#: A fenced block inside a list item: four spaces of indentation, a language, an optional title.
_FENCE = re.compile(r"^    ```(?P<language>\w+)[^\n]*\n(?P<body>.*?)^    ```$", re.M | re.S)
#: What a fresh clone holds: the working tree without what builds and runs leave behind.
_NOT_IN_A_CLONE = shutil.ignore_patterns(".git", ".venv", "site", ".site-*", ".cache",
                                         ".sandbox", "__pycache__", "*.egg-info", ".*_cache",
                                         "check-report.xml")


@dataclass(frozen=True)
class Block:
    language: str
    text: str


def procedure() -> list[Block]:
    """The section's fenced blocks, in order, with their list indentation removed."""
    text = PAGE.read_text(encoding="utf-8")
    section = text[text.index(SECTION):]
    section = section[:section.find("\n## ", len(SECTION))]
    return [Block(match["language"],
                  "".join(line.removeprefix("    ")
                          for line in match["body"].splitlines(keepends=True)))
            for match in _FENCE.finditer(section)]


def test_the_page_gives_the_yaml_the_sandbox_change_and_the_commands() -> None:
    languages = [block.language for block in procedure()]
    assert languages[:2] == ["yaml", "diff"]
    assert languages[2:] == ["sh"] * (len(languages) - 2)
    assert "make check" in procedure()[-1].text


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A copy of the repository as a fresh clone holds it, using this checkout's .venv."""
    root = tmp_path / "repo"
    shutil.copytree(REPO, root, ignore=_NOT_IN_A_CLONE, symlinks=True)
    (root / ".venv").symlink_to(REPO / ".venv")
    return root


def test_adding_an_error_code_works_exactly_as_the_page_says(clone: Path) -> None:
    # The copy's own generator (with its sandbox change) must be the one that runs.
    # An editor's machine, not CI (`--update` refuses to run there).
    env = {key: value for key, value in os.environ.items()
           if key not in {"PYTHONPATH", "CI", "GITHUB_ACTIONS"}}
    env["PYTHONPATH"] = str(clone)
    # The .venv is this checkout's, installed from it: make must not reinstall it from the copy.
    env["MAKEFLAGS"] = " ".join(installed())
    for step, block in enumerate(procedure(), 1):
        if block.language == "yaml":
            _append_to_errors(clone / "api.yaml", block.text)
            continue
        command = (["git", "apply", "--verbose", "-"] if block.language == "diff"
                   else ["sh", "-e", "-c", block.text])
        done = subprocess.run(command, cwd=clone, env=env, input=block.text
                              if block.language == "diff" else None, capture_output=True,
                              text=True, check=False, timeout=600)
        assert done.returncode == 0, (
            f"step {step} ({block.language}) failed:\n{block.text}\n"
            f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")


def _append_to_errors(spec_path: Path, entries: str) -> None:
    """What an editor does with the page's YAML: paste it at the end of `errors`."""
    yaml = rewriting_yaml()
    data = yaml.load(spec_path.read_text(encoding="utf-8"))
    data["errors"].extend(yaml.load(entries))
    with spec_path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
