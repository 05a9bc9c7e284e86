"""The Python samples' libraries as a reader has them: a virtual environment that holds what
"Run the samples" tells a reader to `pip install` (httpx) and what those require, nothing
else.

The check's own environment holds about a hundred more distributions; a sample that
imported one of them would pass the check and fail for every reader. The environment is
made of the distributions installed here, linked in (no network, the same versions), in a
fraction of a second.
"""

from __future__ import annotations

import venv
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ...errors import GuidesError

__all__ = ["reader_environment"]


def reader_environment(folder: Path, requirements: Iterable[str]) -> Path:
    """Make a virtual environment in `folder` holding `requirements` and what they require
    (their extras left out, as a plain `pip install` does); return its `bin` folder."""
    venv.EnvBuilder(symlinks=True, with_pip=False).create(folder)
    [site_packages] = folder.glob("lib/python*/site-packages")
    for distribution in _required(requirements):
        for name in _top_level(distribution):
            (site_packages / name).symlink_to(str(distribution.locate_file(name)))
    return folder / "bin"


def _required(requirements: Iterable[str]) -> list[metadata.Distribution]:
    found: dict[str, metadata.Distribution] = {}
    waiting = [Requirement(text) for text in requirements]
    while waiting:
        requirement = waiting.pop()
        name = canonicalize_name(requirement.name)
        if name in found:
            continue
        try:
            found[name] = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            raise GuidesError(f"the Python samples need {requirement.name}, which is not "
                              "installed beside guides: pip install "
                              "'trustleads-guides[check]'") from None
        waiting += [needed for needed in map(Requirement, found[name].requires or ())
                    if needed.marker is None or needed.marker.evaluate({"extra": ""})]
    return list(found.values())


def _top_level(distribution: metadata.Distribution) -> set[str]:
    """The names a distribution installed at the top of its site-packages: its packages,
    modules and metadata (scripts outside it, and shared bytecode folders, left out)."""
    return {file.parts[0] for file in distribution.files or ()
            if file.parts[0] not in {"..", "__pycache__"} and not file.name.endswith(".pth")}
