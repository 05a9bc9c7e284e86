"""Writing files and folders so that a reader sees the old content or the new, never a part.

A replacement keeps the target's mode and owner (a temporary file is created 0600, a
temporary folder 0700), and what must survive a crash is fsynced before the rename, and the
rename itself through the parent folder.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from contextlib import suppress
from pathlib import Path

__all__ = ["publish_folder", "staging_folder", "write_atomically"]


def write_atomically(target: Path, text: str, *, durable: bool = True) -> None:
    """Write `text` to a temporary file beside `target`, then rename it over `target`.

    `durable=False` skips the fsyncs, for caches that may be lost in a crash.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            _adopt_metadata(handle.fileno(), target, _fresh_mode(0o666))
            if durable:
                os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if durable:
        _fsync_folder(target.parent)


def staging_folder(target: Path, prefix: str) -> Path:
    """A new folder beside `target` to fill, with the mode and owner `target` has or would get."""
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        _adopt_metadata(descriptor, target, _fresh_mode(0o777))
    finally:
        os.close(descriptor)
    return folder


def publish_folder(staging: Path, target: Path) -> None:
    """Make the filled `staging` folder durable, then put it in `target`'s place."""
    _fsync_tree(staging)
    retired = None
    if target.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        target.rename(retired / target.name)
    staging.rename(target)
    _fsync_folder(target.parent)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def _fsync_tree(folder: Path) -> None:
    """fsync every file and folder under `folder`, itself included."""
    for directory, _folders, files in os.walk(folder):
        for name in files:
            descriptor = os.open(Path(directory) / name, os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
        _fsync_folder(Path(directory))


def _fresh_mode(base: int) -> int:
    """The mode a file (0o666) or folder (0o777) created now gets under the umask."""
    # The umask can only be read by setting it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return base & ~mask


def _adopt_metadata(descriptor: int, target: Path, default_mode: int) -> None:
    try:
        current = target.stat()
    except FileNotFoundError:
        os.fchmod(descriptor, default_mode)
        return
    os.fchmod(descriptor, stat.S_IMODE(current.st_mode))
    # Only root may give a file away; anyone else keeps the owner they already are.
    with suppress(PermissionError):
        os.fchown(descriptor, current.st_uid, current.st_gid)


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
