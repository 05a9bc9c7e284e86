"""What a reader's runtime finds in their environment, given to every run of its language.

The variable a reader sets to trust the sandbox's authority, in the form the language reads
(the PEM file, or for Java a PKCS#12 trust store that keytool makes of it, as a reader
does), the caches a reader's home keeps between runs (Go's build cache): each run gets
an empty home, so the check keeps those in a folder of its own between checks; and, first on
PATH, a virtual environment holding only the libraries the pages tell a reader to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Iterable
from pathlib import Path

from ...cache import CACHE_DIR
from ...errors import GuidesError
from ...languages import LANGUAGES, TRUST_STORE_COMMAND, Language
from .environment import snippet_environment
from .reader_libraries import reader_environment

__all__ = ["Runtimes", "cache_variables", "require_runtimes"]


def require_runtimes(keys: Iterable[str]) -> None:
    """Raise one line naming each language of `keys` whose runtime is not on the samples'
    PATH, and the Debian package that installs it: otherwise every one of its samples
    would fail alike, each with the same "No such file or directory"."""
    path = snippet_environment()["PATH"]
    missing = [LANGUAGES[key] for key in LANGUAGES
               if key in set(keys) and shutil.which(LANGUAGES[key].runtime, path=path) is None]
    if missing:
        raise GuidesError("; ".join(
            f"the {language.label} samples need `{language.runtime}`, which is not on PATH: "
            f"install it (Debian: apt-get install {language.package})" for language in missing)
            + "; or leave them out with --language")


def cache_variables(root: Path, key: str, language: Language) -> dict[str, str]:
    """The cache variables of `language` (`LANGUAGES[key]`), pointed at folders kept under
    the project in `root` (beside the guides' own cache) from check to check."""
    return {name: str(root / CACHE_DIR / "runtimes" / key / name)
            for name in language.cache_variables}


class Runtimes:
    def __init__(self, ca_file: Path, work: Path, root: Path) -> None:
        self._ca_file = ca_file
        self._work = work
        self._root = root
        self._lock = threading.Lock()
        self._store: Path | None = None
        self._libraries: dict[str, Path] = {}
        # Its own lock: Python's first runs need not wait for Java's keytool.
        self._libraries_lock = threading.Lock()

    def environment(self, key: str, language: Language) -> dict[str, str]:
        """The variables a run of `language` (`LANGUAGES[key]`) gets besides the page's."""
        env = cache_variables(self._root, key, language)
        if language.requirements:
            env["PATH"] = os.pathsep.join([str(self._libraries_of(key, language)),
                                           snippet_environment()["PATH"]])
        if language.reads_pem:
            env[language.ca_variable] = str(self._ca_file)
        else:
            store = self._trust_store()
            if store is not None:
                env[language.ca_variable] = language.ca_value.format(p12=store)
        return env

    def _libraries_of(self, key: str, language: Language) -> Path:
        """The `bin` of the environment holding `language`'s requirements, made once."""
        with self._libraries_lock:
            if key not in self._libraries:
                self._libraries[key] = reader_environment(self._work / f"{key}-libraries",
                                                          language.requirements)
            return self._libraries[key]

    def _trust_store(self) -> Path | None:
        """The sandbox's authority as a PKCS#12 trust store, made once; None without a JDK
        (its runs then fail to start, which says more)."""
        with self._lock:
            if self._store is None:
                store = self._work / "trust-store.p12"
                try:
                    subprocess.run(
                        [word.format(pem=self._ca_file, p12=store)
                         for word in TRUST_STORE_COMMAND],
                        stdin=subprocess.DEVNULL, capture_output=True, check=True, timeout=60)
                except (OSError, subprocess.SubprocessError):
                    return None
                self._store = store
            return self._store
