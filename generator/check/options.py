"""How a check runs: cache, shard, target, parallelism."""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["CheckOptions"]


@dataclass(frozen=True)
class CheckOptions:
    use_cache: bool = True
    shard: tuple[int, int] | None = None
    jobs: int = max(4, 2 * (os.cpu_count() or 1))
    timeout: float = 30.0
    deadline: float = 1800.0
    """Seconds the whole check may take; a snippet still running then is ended and fails."""
    base_url: str | None = None
    http_url: str | None = None
    ca_file: str | None = None
    examples: tuple[str, ...] = ()
    """Ids of the only examples to check; empty for all."""
    languages: tuple[str, ...] = ()
    """Keys (of `LANGUAGES`) of the only languages to check; empty for all. Not part of
    `cache_key`: a run's verdict does not depend on which other languages run."""

    def cache_key(self) -> str:
        """The options that can change a verdict (not parallelism)."""
        return repr((self.shard, self.base_url, self.http_url, self.ca_file,
                     self.timeout, self.examples))
