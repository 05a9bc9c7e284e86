"""Project files read as `Path.read_text` reads them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.model.files import foreign_files, read_utf8


@pytest.mark.parametrize("raw", [
    b"plain\n", b"crlf\r\nline\r\n", b"old mac\rline\r", b"mixed\r\n\r\n\n\r",
    "caf\u00e9 \u2028 ok\n".encode(), b"",
], ids=repr)
def test_the_same_text_as_read_text(tmp_path: Path, raw: bytes) -> None:
    (tmp_path / "sample.py").write_bytes(raw)
    expected = (tmp_path / "sample.py").read_text(encoding="utf-8")
    assert read_utf8(tmp_path, "sample.py") == expected


def test_errors_are_those_of_read_text(tmp_path: Path) -> None:
    (tmp_path / "latin1.py").write_bytes(b"caf\xe9\n")
    with pytest.raises(UnicodeDecodeError):
        read_utf8(tmp_path, "latin1.py")
    with pytest.raises(FileNotFoundError):
        read_utf8(tmp_path, "missing.py")
    with pytest.raises(IsADirectoryError):
        read_utf8(tmp_path, ".")


def test_error_messages_are_those_of_read_text(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    for name in ("missing.py", "folder"):
        with pytest.raises(OSError) as expected:
            (tmp_path / name).read_text(encoding="utf-8")
        with pytest.raises(OSError) as got:
            read_utf8(tmp_path, name)
        assert (type(got.value), str(got.value)) == (type(expected.value), str(expected.value))


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
