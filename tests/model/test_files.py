"""Project files read as `Path.read_text` reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model.files import read_utf8


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
