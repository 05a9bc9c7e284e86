"""Reading the project's small files (snippets, recordings): thousands per validation."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["read_utf8"]

#: More than any snippet or recording holds: one read takes a file, the next finds its end.
_CHUNK = 1 << 16


def read_utf8(root: Path, relative: str) -> str:
    """`Path.read_text` of `root`/`relative`, newlines and errors alike, at a third of the cost.

    Read through the descriptor alone: no file object, no buffer, no text layer and no
    terminal check for each file; the text layer's one service, reading ``\\r\\n`` and ``\\r``
    as ``\\n``, is done here.
    """
    path = f"{root}/{relative}"
    descriptor = os.open(path, os.O_RDONLY)
    chunks = []
    try:
        while chunk := os.read(descriptor, _CHUNK):
            chunks.append(chunk)
    except OSError as err:
        # Named as `open` names it: a folder, say, opens here and fails only when read.
        raise OSError(err.errno, err.strerror, path) from None
    finally:
        os.close(descriptor)
    text = b"".join(chunks).decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
