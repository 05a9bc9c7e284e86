"""Everything besides api.yaml that can change the verdict of a sample's run."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

from ...cache import PACKAGE, content_key, files_under, installed_distributions
from ...model.recordings import RECORDING_FILE
from ..options import CheckOptions
from ..running.environment import snippet_environment

__all__ = ["folder_files", "tool_identities", "tools_named", "verdict_inputs"]

#: Words that may name a program: a sample's text is searched for them on PATH.
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_.+-]*")


def verdict_inputs(options: CheckOptions, package: Path = PACKAGE) -> str:
    """The mode flags, the code under `package` (runners, the sandbox, its settings and the
    command that starts it), the Python libraries installed, and the samples' environment."""
    return "\n".join([
        options.cache_key(),
        content_key(code=files_under(package, ".py")), sys.version,
        *installed_distributions(), json.dumps(snippet_environment(), sort_keys=True)])


def folder_files(folder: Path) -> list[Path]:
    """Every file of a sample's folder, dotfiles included (a sample may read or import any),
    but the recording: the check writes it from these runs' exchanges, and compares it with
    them on every check, cached or not (with it, writing a recording would undo the cache
    of every run of its example)."""
    return [path for path in files_under(folder)
            if path.relative_to(folder).as_posix() != RECORDING_FILE]


def tools_named(texts: Iterable[str], commands: Iterable[str] = ()) -> list[str]:
    """The programs found on the samples' PATH that `texts` name (a shebang's interpreter,
    curl, jq, any word that is a program there) and the `commands` that run them."""
    path = snippet_environment()["PATH"]
    names = set(commands)
    for text in texts:
        if text.startswith("#!"):
            names.update(text.splitlines()[0][2:].split())
        names.update(_WORD.findall(text))
    found = {shutil.which(name, path=path) for name in names}
    return sorted(tool for tool in found if tool)


def tool_identities(tools: Iterable[str]) -> str:
    """Each tool's file (followed through links) by its identity, not by what its
    `--version` says (a wrapper may answer the same): device, inode, size, modification
    and change times. Any write to a file sets its change time, and a file replaced is
    another inode, so the identity changes with the bytes, without reading the 100 MB of
    node on every check."""
    parts = []
    for tool in tools:
        real = os.path.realpath(tool)
        try:
            stat = os.stat(real)
        except OSError:
            parts.append(f"{tool}: missing")
            continue
        parts.append(f"{tool} -> {real}: {stat.st_dev} {stat.st_ino} {stat.st_size} "
                     f"{stat.st_mtime_ns} {stat.st_ctime_ns}")
    return "\n".join(parts)
