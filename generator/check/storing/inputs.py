"""Everything besides api.yaml that can change the verdict of a sample's run.

Standard library only: the replay of a green check computes it before any heavy import.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

from ...cache import PACKAGE, content_key, files_under, installed_distributions, project_cache
from ..options import CheckOptions
from ..running.environment import snippet_environment
from ..running.target import SANDBOX_SETTINGS

__all__ = ["folder_files", "tool_digests", "tools_named",
           "verdict_inputs"]

#: Words that may name a program: a sample's text is searched for them on PATH.
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_.+-]*")


def verdict_inputs(options: CheckOptions, package: Path = PACKAGE) -> str:
    """The mode flags, the code under `package` (runners, the sandbox and the command that
    starts it), the sandbox's settings, the Python libraries installed, and the samples'
    environment."""
    return "\n".join([
        options.cache_key(), " ".join(SANDBOX_SETTINGS),
        content_key(code=files_under(package, ".py")), sys.version,
        *installed_distributions(), json.dumps(snippet_environment(), sort_keys=True)])


def folder_files(folder: Path) -> list[Path]:
    """Every file of a sample's folder, dotfiles included (a sample may read or import any)."""
    return files_under(folder)


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


def tool_digests(root: Path, tools: Iterable[str]) -> str:
    """The bytes of each tool's file (followed through links), not what its `--version`
    says: a wrapper may answer the same. Hashing node (100 MB) every run would cost the
    quick re-run its budget, so each digest is kept under the file's identity (device,
    inode, size, modification and change times); any write changes the change time."""
    memo = project_cache(root, "tools", keep=64)
    parts = []
    for tool in tools:
        real = os.path.realpath(tool)
        try:
            stat = os.stat(real)
        except OSError:
            parts.append(f"{tool}: missing")
            continue
        identity = content_key(file=f"{real} {stat.st_dev} {stat.st_ino} {stat.st_size} "
                               f"{stat.st_mtime_ns} {stat.st_ctime_ns}")
        digest = memo.get(identity)
        if not isinstance(digest, str):
            digest = _file_digest(real)
            memo.put(identity, digest)
        parts.append(f"{tool} -> {real}: {digest}")
    return "\n".join(parts)


def _file_digest(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return "unreadable"
