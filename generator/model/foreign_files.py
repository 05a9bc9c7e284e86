"""Making sure every file a build reads belongs to the repository."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import Problem

__all__ = ["foreign_files"]

#: Where no file of a repository lives, whatever the repository's own path.
_SYSTEM = ("/proc", "/dev", "/sys")

def foreign_files(root: Path, paths: Iterable[Path]) -> list[Problem]:
    """Every file or folder among `paths` (folders walked, symlinks followed) that is not the
    repository's own: a symlink whose target leaves `root` (or lies in /proc, /dev, /sys) or
    reaches into a hidden file or folder of it (``.git``, whose config may hold a CI token,
    ``.venv``, ``.cache``, ``.env``…), or anything but a regular file or folder (a fifo, a
    device, a socket).

    A build publishes what it reads, so ``docs/x.txt -> /proc/self/environ`` would publish
    the build's environment; refused here by real path, whatever the spelling of the link.
    Nothing found is read, so a fifo cannot hang the check.
    """
    real_root = os.path.realpath(root)
    problems: list[Problem] = []
    seen: set[str] = set()
    for path in paths:
        if os.path.lexists(path):
            problems.extend(_walk(Path(root), real_root, Path(path), os.path.realpath(path),
                                  seen))
    return problems


def _walk(root: Path, real_root: str, path: Path, real: str, seen: set[str]
          ) -> Iterator[Problem]:
    """`real` is where `path` lies unless `path` is itself a symlink: a folder's entries lie
    in its real folder, so only a link needs resolving (one per link, not one per file)."""
    shown = _shown(root, path)
    if path.is_symlink():
        real = os.path.realpath(path)
        if not _inside(real, real_root):
            yield Problem(shown, f"a symlink to {real}, outside the repository: the build "
                                 "publishes only the repository's own files; put the file "
                                 "itself here")
            return
        if _hidden(real, real_root):
            yield Problem(shown, f"a symlink to {real}, a hidden file or folder of the "
                                 "repository (such as .git, .venv or .cache, which hold "
                                 "credentials and local state): the build publishes none of "
                                 "them; put the file itself here")
            return
    try:
        mode = os.stat(path).st_mode
    except OSError as err:
        yield Problem(shown, f"cannot be read: {err.strerror or err}")
        return
    if stat.S_ISDIR(mode):
        # A folder linked twice (or a link to its own parent) is walked once.
        if real in seen:
            return
        seen.add(real)
        try:
            children = sorted(os.listdir(path))
        except OSError as err:
            yield Problem(shown, f"cannot be listed: {err.strerror or err}")
            return
        for child in children:
            yield from _walk(root, real_root, path / child, os.path.join(real, child), seen)
    elif not stat.S_ISREG(mode):
        yield Problem(shown, f"is {_kind(mode)}, not a regular file: the build reads only "
                             "files; remove it")


def _inside(real: str, real_root: str) -> bool:
    if any(real == system or real.startswith(system + "/") for system in _SYSTEM):
        return False
    return real == real_root or real.startswith(real_root.rstrip("/") + "/")


def _hidden(real: str, real_root: str) -> bool:
    """Whether `real`, inside the repository, lies in a file or folder whose name starts
    with a dot."""
    relative = os.path.relpath(real, real_root)
    return any(part.startswith(".") and part not in (".", "..")
               for part in relative.split(os.sep))


def _shown(root: Path, path: Path) -> str:
    """`path` as the editor knows it: relative to the repository when it is below it."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return str(path)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a fifo"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"
