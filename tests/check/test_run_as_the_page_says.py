"""The pages and the check agree on how a sample is run: one fact (`LANGUAGES`) for both."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.check.running.environment import snippet_environment
from generator.check.running.launch import run_sample
from generator.check.running.process_group import ProcessGroup
from generator.check.running.runtimes import cache_variables
from generator.languages import LANGUAGES
from generator.model import load_project
from generator.render import render_pages
from tests.conftest import REPO

#: Each sample prints the command line its process was started with, as the kernel has it.
PRINTS_ITS_COMMAND = {
    "python": "print(open('/proc/self/cmdline').read().replace('\\0', ' ').strip())\n",
    "node": "import fs from 'node:fs';\n"
            "console.log(fs.readFileSync('/proc/self/cmdline', 'utf8').split('\\0')"
            ".join(' ').trim());\n",
    "curl": "#!/bin/sh\ntr '\\0' ' ' < /proc/$$/cmdline; echo\n",
    # `go run` compiles the file and runs the program as its child: the command typed is
    # its parent's.
    "go": 'package main\n\nimport (\n\t"fmt"\n\t"os"\n\t"strings"\n)\n\nfunc main() {\n'
          '\ttyped, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", os.Getppid()))\n'
          '\tfmt.Println(strings.TrimSpace(strings.ReplaceAll(string(typed), "\\x00", " ")))\n}\n',
    "ruby": 'puts File.read("/proc/self/cmdline").tr("\\0", " ").strip\n',
    "php": '<?php\necho trim(str_replace("\\0", " ", file_get_contents("/proc/self/cmdline"))), '
           '"\\n";\n',
    "java": "public class Main {\n    public static void main(String[] args) throws Exception {\n"
            "        System.out.println(new String(java.nio.file.Files.readAllBytes("
            'java.nio.file.Path.of("/proc/self/cmdline"))).replace("\\0", " ").trim());\n'
            "    }\n}\n",
}


def page_commands() -> dict[str, str]:
    """File name -> the command the pages tell a reader to type for it."""
    pages = render_pages(load_project(REPO / "api.yaml"))
    text = pages["error-catalog.md"]
    return dict(re.findall(r"^\| [^|]+ \| `([\w.]+)` \| `([^`]+)`", text, re.MULTILINE))


def test_every_page_that_shows_samples_says_how_to_run_each() -> None:
    commands = page_commands()
    assert commands == {language.filename: " ".join(language.command)
                        for language in LANGUAGES.values()}
    pages = render_pages(load_project(REPO / "api.yaml"))
    for page in ("error-catalog.md", "api-authentication.md"):
        for language in LANGUAGES.values():
            assert f"export {language.ca_variable}=" in pages[page]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_check_starts_a_sample_with_the_page_s_command(tmp_path: Path,
                                                           language: str) -> None:
    spoken = page_commands()[LANGUAGES[language].filename]
    sample = tmp_path / LANGUAGES[language].filename
    sample.write_text(PRINTS_ITS_COMMAND[language], encoding="utf-8")
    sample.chmod(0o755)
    processes = ProcessGroup()
    try:
        outcome = run_sample(processes, LANGUAGES[language].command, tmp_path,
                             {**snippet_environment(),
                              **cache_variables(REPO, language, LANGUAGES[language])}, 30)
    finally:
        processes.close()
    assert outcome.exit_code == 0, outcome.stderr
    # A script run by its shebang is started as its interpreter followed by the path typed.
    expected = f"/bin/sh {spoken}" if language == "curl" else spoken
    assert outcome.stdout.strip() == expected
