"""An API's answer read within a deadline and a size, however it is encoded.

A hostile or broken API can dribble a byte at a time, never end, or send a small gzip body
that inflates a thousandfold. The check reads the raw bytes within a deadline, and decodes
them (gzip, deflate) incrementally with the output bounded, so neither time nor memory
depends on what the API chose to send.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import AsyncIterator, Iterable, Iterator

__all__ = ["ACCEPTED_ENCODINGS", "LARGEST_BODY", "UnreadableAnswer", "decoded", "read_by"]

#: What the check asks an API for: the codings `decoded` reads within bounds.
ACCEPTED_ENCODINGS = "gzip, deflate"

#: The largest body the check keeps, once decoded (bytes): far above any documented answer.
LARGEST_BODY = 8 * 1024 * 1024


class UnreadableAnswer(ValueError):
    """A body that is larger than `LARGEST_BODY`, or in an encoding the check cannot read."""


class _Decoder:
    def __init__(self, encoding: str, limit: int) -> None:
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise UnreadableAnswer(f"Content-Encoding {encoding[:60]!r} is not one the check "
                                 "reads (gzip, deflate)")
        self._limit = limit
        self._size = 0
        # 47: a zlib or gzip header, detected; deflate is sometimes sent raw (-15).
        self._inflate = zlib.decompressobj(47) if codings else None
        self._raw_deflate = bool(codings) and codings[0] == "deflate"

    def feed(self, chunk: bytes) -> Iterator[bytes]:
        if self._inflate is None:
            yield self._counted(chunk)
            return
        data = chunk
        while data:
            try:
                out = self._inflate.decompress(data, self._limit - self._size + 1)
            except zlib.error as err:
                if not self._raw_deflate or self._size:
                    raise UnreadableAnswer("the body is not what its Content-Encoding "
                                           "says") from err
                self._inflate, self._raw_deflate = zlib.decompressobj(-15), False
                continue
            yield self._counted(out)
            data = self._inflate.unconsumed_tail
            if self._inflate.eof:
                break

    def _counted(self, chunk: bytes) -> bytes:
        self._size += len(chunk)
        if self._size > self._limit:
            raise UnreadableAnswer(f"the body exceeds {self._limit // (1024 * 1024)} MiB "
                                 "once decoded")
        return chunk


async def decoded(raw: AsyncIterator[bytes], encoding: str,
                  limit: int = LARGEST_BODY) -> bytes:
    """The body of `raw` chunks sent with Content-Encoding `encoding`, decoded; raises
    `UnreadableAnswer` past `limit` bytes or for an encoding it cannot read."""
    decoder = _Decoder(encoding, limit)
    parts: list[bytes] = []
    async for chunk in raw:
        parts.extend(decoder.feed(chunk))
    return b"".join(parts)


def read_by(raw: Iterable[bytes], encoding: str, deadline: float,
            limit: int = LARGEST_BODY) -> bytes:
    """As `decoded`, from a blocking iterator, raising `TimeoutError` once `deadline`
    (`time.monotonic`) has passed: each read is bounded by the client's read timeout."""
    decoder = _Decoder(encoding, limit)
    parts: list[bytes] = []
    for chunk in raw:
        parts.extend(decoder.feed(chunk))
        if time.monotonic() > deadline:
            raise TimeoutError
    return b"".join(parts)
