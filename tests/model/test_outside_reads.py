"""A sample that reads a file outside its folder is refused where its text shows it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.cli import main
from generator.model.outside_reads import outside_reads

FOLDER = Path("snippets") / "list-jobs-bearer"


@pytest.mark.parametrize(("name", "line", "shown"), [
    ("python.py", "config = open('../shared/config.json').read()\n", "'../'"),
    ("python.py", "token = open('/etc/trustleads/token').read()\n", "'/etc/'"),
    ("python.py", "key = Path('~/key').expanduser()\n", "'~/'"),
    ("curl.sh", 'cat "$HOME/.trustleads"\n', "'$HOME'"),
    ("node.mjs", 'import _ from "lodash";\n', "imports the package 'lodash'"),
])
def test_a_read_outside_the_folder_is_refused_on_its_line(
        project: Path, capsys: pytest.CaptureFixture[str], name: str, line: str,
        shown: str) -> None:
    sample = project / FOLDER / name
    text = sample.read_text(encoding="utf-8")
    sample.write_text(text + line, encoding="utf-8")
    number = text.count("\n") + 1
    status = main(["validate", "--spec", str(project / "api.yaml")])
    err = capsys.readouterr().err
    assert status == 2
    assert f"snippet {FOLDER.as_posix()}/{name}:{number}: {shown}" in err
    assert "Traceback" not in err
    assert "api.yaml:" in err


@pytest.mark.parametrize("text", [
    "#!/usr/bin/env bash\n",  # the interpreter, not a file it reads
    'curl "${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}/jobs"\n',
    'httpx.get(f"{base_url}/tmp/jobs")\n',
    "# GET /jobs, then /jobs/{id}\n",
    'import fs from "node:fs";\nimport { helper } from "./helper.mjs";\n',
    "open('data.json')\n",
])
def test_what_stays_in_the_folder_or_is_a_url_passes(text: str) -> None:
    assert list(outside_reads(text, "node.mjs")) == []


def test_a_shell_sample_that_is_not_executable_is_refused(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / FOLDER / "curl.sh").chmod(0o644)
    status = main(["validate", "--spec", str(project / "api.yaml")])
    assert status == 2
    assert f"snippet {FOLDER.as_posix()}/curl.sh is run as ./curl.sh, as the pages tell " \
           f"readers, but is not executable: chmod +x {FOLDER.as_posix()}/curl.sh" in \
           capsys.readouterr().err


#: The rule as first written, line by line with its look-behinds in front: the reference the
#: faster spelling must agree with.
_PLAIN = re.compile(
    r"(?<![\w.])\.\.[/\\]|(?<![\w/])~/|\$\{?HOME\b|\bexpanduser\(|\bhomedir\(\)"
    r"|(?<![\w}.:/-])/(?:etc|home|root|tmp|var|usr|opt|srv|mnt|media|proc|sys|run)/")


@given(st.lists(st.sampled_from(
    ["..", ".", "/", "\\", "~", "$", "{", "}", "HOME", "expanduser(", "homedir()", "etc",
     "tmp", "proc", ":", "-", "_", "a", "1", " ", "\n", "#!", "import ", "from ", '"', "'",
     "lodash", "node:fs", "require("])).map("".join))
def test_the_rule_agrees_with_its_plain_spelling(text: str) -> None:
    lines = text.splitlines()
    expected = [(number, f"{match.group(0)!r} reaches outside its folder")
                for number, line in enumerate(lines, 1)
                if not (number == 1 and line.startswith("#!"))
                for match in _PLAIN.finditer(line)]
    assert outside_reads(text, "python.py") == expected
