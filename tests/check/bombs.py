"""Compressed bodies that inflate far beyond their size, for the check's hostile-API tests."""

from __future__ import annotations

import functools
import zlib

GZIP, DEFLATE = 31, 15


@functools.cache
def bomb(inflated_mib: int, wbits: int = GZIP) -> bytes:
    """Zeros that inflate to `inflated_mib` MiB (about 1,000-fold), made without holding them:
    gzip with `GZIP`, zlib's deflate with `DEFLATE`. Made when a test first asks (not when
    tests are collected, in every test process)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    block = b"\0" * (1024 * 1024)
    return b"".join([*(packer.compress(block) for _ in range(inflated_mib)), packer.flush()])
