"""Atomic writes: whole files only, and the mode a reader of the folder expects."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.atomic import write_atomically


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_atomically(tmp_path / "out" / "doc.json", "{}\n")
    finally:
        os.umask(previous)
    assert _mode(tmp_path / "out" / "doc.json") == 0o640
    assert (tmp_path / "out" / "doc.json").read_text() == "{}\n"


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "doc.json"
    target.write_text("old")
    target.chmod(0o600)
    write_atomically(target, "new")
    assert (_mode(target), target.read_text()) == (0o600, "new")
    assert [p.name for p in tmp_path.iterdir()] == ["doc.json"]
