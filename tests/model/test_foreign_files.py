"""Only the repository's own files: symlinks out of it, fifos and devices are found."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.model.foreign_files import foreign_files


def _repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "docs" / "inner").mkdir(parents=True)
    (root / "docs" / "page.md").write_text("# Page\n")
    (root / "docs" / "inner" / "note.txt").write_text("note\n")
    (tmp_path / "secret.txt").write_text("secret\n")
    return root


def test_the_repositorys_own_files_and_links_within_it_pass(tmp_path: Path) -> None:
    root = _repository(tmp_path)
    (root / "docs" / "alias.md").symlink_to("page.md")
    (root / "docs" / "again").symlink_to("inner", target_is_directory=True)
    # A link to its own folder is walked once, not forever.
    (root / "docs" / "inner" / "loop").symlink_to("..", target_is_directory=True)
    assert foreign_files(root, [root / "docs"]) == []


@pytest.mark.parametrize(("name", "target"), [
    ("environ.txt", "/proc/self/environ"),
    ("null.txt", "/dev/null"),
    ("kernel", "/sys/kernel"),
    ("secret.txt", "../../../secret.txt"),
    ("outside", "../../.."),
    ("absolute.txt", "SECRET"),
])
def test_a_link_leaving_the_repository_is_named(tmp_path: Path, name: str,
                                                target: str) -> None:
    root = _repository(tmp_path)
    target = str(tmp_path / "secret.txt") if target == "SECRET" else target
    (root / "docs" / "inner" / name).symlink_to(target)
    [problem] = foreign_files(root, [root / "docs"])
    assert problem.file == f"docs/inner/{name}"
    assert "outside the repository" in problem.message


def test_a_chain_of_links_is_judged_by_where_it_ends(tmp_path: Path) -> None:
    root = _repository(tmp_path)
    (root / "docs" / "first.txt").symlink_to("inner/second.txt")
    (root / "docs" / "inner" / "second.txt").symlink_to("/proc/self/environ")
    problems = foreign_files(root, [root / "docs"])
    assert sorted(p.file for p in problems) == ["docs/first.txt", "docs/inner/second.txt"]


def test_a_fifo_is_refused_unread(tmp_path: Path) -> None:
    root = _repository(tmp_path)
    os.mkfifo(root / "docs" / "pipe.md")
    [problem] = foreign_files(root, [root / "docs"])
    assert (problem.file, problem.message.split(",")[0]) == ("docs/pipe.md", "is a fifo")


def test_a_folder_linked_outside_is_refused_whole(tmp_path: Path) -> None:
    root = _repository(tmp_path)
    (root / "docs").rename(tmp_path / "elsewhere")
    (root / "docs").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    [problem] = foreign_files(root, [root / "docs", root / "missing"])
    assert problem.file == "docs"
