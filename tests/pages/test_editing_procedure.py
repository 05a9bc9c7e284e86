"""The editing page's "Add an error code, end to end", taken from the page and run as written.

The steps, the YAML, the sandbox change and the commands all come from
docs/editing-the-guides.md itself, so the page cannot drift from what works. Its last step,
`make check`, is also the suite's one run of every sample in every language but Java (other
tests of the check run the quick languages).

Java is left out with `GUIDES_LANGUAGES`, as an editor without a JDK leaves it out: `java
Main.java` compiles each sample in a fresh JVM, about 4 s of CPU a run here, which made
two thirds of this test. Every Java sample runs in the docs' CI (`make check`, a shard of
its own); here the suite runs Java where behaviour is Java's own (tests/check/test_parity.py,
one sample per request shape in tests/pages/test_samples_on_the_wire.py, the scaffold's).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.languages import LANGUAGES
from generator.model import load_project
from generator.model.source import rewriting_yaml
from tests.conftest import REPO

PAGE = REPO / "docs" / "editing-the-guides.md"
#: The languages the procedure is followed in (see the module's docstring).
CHECKED = tuple(key for key in LANGUAGES if key != "java")
SECTION = "## Add an error code, end to end"
#: A fenced block inside a list item: four spaces of indentation, a language, an optional title.
_FENCE = re.compile(r"^    ```(?P<language>\w+)(?: title=\"(?P<title>[^\"]*)\")?[^\n]*\n"
                    r"(?P<body>.*?)^    ```$", re.M | re.S)
#: A YAML block's title names where it goes: "api.yaml, at the end of errors".
_SECTION = re.compile(r"api\.yaml, at the end of (\w+)")
#: What a fresh clone holds: the working tree without what builds and runs leave behind.
_LEFT_BEHIND = shutil.ignore_patterns(".git", ".venv", ".site-*", ".cache", ".sandbox",
                                      "__pycache__", "*.egg-info", ".*_cache",
                                      "check-report.xml")


def _not_in_a_clone(folder: str, names: list[str]) -> set[str]:
    # The built site/ at the top only: generator/site/ is code.
    top = Path(folder) == REPO
    return set(_LEFT_BEHIND(folder, names)) | ({"site"} if top and "site" in names else set())


@dataclass(frozen=True)
class Block:
    language: str
    text: str
    title: str = ""

    @property
    def section(self) -> str:
        """The api.yaml section a YAML block is pasted at the end of."""
        found = _SECTION.fullmatch(self.title)
        assert found, f"a YAML block's title must say where it goes: {self.title!r}"
        return found[1]


def procedure() -> list[Block]:
    """The section's fenced blocks, in order, with their list indentation removed."""
    text = PAGE.read_text(encoding="utf-8")
    section = text[text.index(SECTION):]
    section = section[:section.find("\n## ", len(SECTION))]
    return [Block(match["language"],
                  "".join(line.removeprefix("    ")
                          for line in match["body"].splitlines(keepends=True)),
                  match["title"] or "")
            for match in _FENCE.finditer(section)]


def test_the_page_gives_the_yaml_the_sandbox_change_and_the_commands() -> None:
    languages = [block.language for block in procedure()]
    assert languages[:2] == ["yaml", "diff"]
    assert set(languages[2:]) == {"sh", "yaml"}
    assert all(block.section for block in procedure() if block.language == "yaml")
    assert "make check" in procedure()[-1].text


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A copy of the repository as a fresh clone holds it, using this checkout's .venv."""
    root = tmp_path / "repo"
    shutil.copytree(REPO, root, ignore=_not_in_a_clone, symlinks=True)
    # This checkout's programs, under a .venv of the copy's own whose stamps say "installed":
    # make must never install into the shared venv from the copy (other tests use it).
    (root / ".venv").mkdir()
    (root / ".venv" / "bin").symlink_to(REPO / ".venv" / "bin")
    for stamp in (".installed-build", ".installed-check", ".installed-dev"):
        (root / ".venv" / stamp).touch()
    return root


@pytest.mark.long
def test_adding_an_error_code_works_exactly_as_the_page_says(clone: Path) -> None:
    # The copy's own generator (with its sandbox change) must be the one that runs.
    # An editor's machine, not CI (`--update` refuses to run there).
    env = {key: value for key, value in os.environ.items()
           if key not in {"PYTHONPATH", "CI", "GITHUB_ACTIONS"}}
    env["PYTHONPATH"] = str(clone)
    env["GUIDES_LANGUAGES"] = " ".join(CHECKED)
    # Older than the stamps: make takes the venv as installed for this pyproject.toml.
    os.utime(clone / "pyproject.toml", (0, 0))
    for step, block in enumerate(procedure(), 1):
        if block.language == "yaml":
            _append_to(clone / "api.yaml", block.section, block.text)
            continue
        command = (["git", "apply", "--verbose", "-"] if block.language == "diff"
                   else ["sh", "-e", "-c", block.text])
        done = subprocess.run(command, cwd=clone, env=env, input=block.text
                              if block.language == "diff" else None, capture_output=True,
                              text=True, check=False, timeout=600)
        assert done.returncode == 0, (
            f"step {step} ({block.language}) failed:\n{block.text}\n"
            f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    # `make check` judged every checked language's sample of every example, the new one too.
    examples = {example.id for example in load_project(clone / "api.yaml").spec.examples}
    assert "delete-job" in examples
    cases = ElementTree.parse(clone / "check-report.xml").getroot().iter("testcase")
    passed = {(case.get("classname"), case.get("name")) for case in cases
              if case.find("failure") is None and case.find("error") is None}
    assert {(example, language) for example in examples for language in CHECKED} <= passed


def _append_to(spec_path: Path, section: str, entries: str) -> None:
    """What an editor does with the page's YAML: paste it at the end of the section its
    title names."""
    yaml = rewriting_yaml()
    data = yaml.load(spec_path.read_text(encoding="utf-8"))
    data[section].extend(yaml.load(entries))
    with spec_path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
