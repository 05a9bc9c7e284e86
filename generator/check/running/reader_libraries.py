"""The Python samples' libraries as a reader has them: a virtual environment that holds what
"Run the samples" tells a reader to `pip install` (httpx) and what those require, nothing
else.

The check's own environment holds about a hundred more distributions; a sample that
imported one of them would pass the check and fail for every reader. The environment is
made of the distributions installed here, each of their files linked in (no network, the
same versions), in a fraction of a second.
"""

from __future__ import annotations

import json
import sysconfig
import venv
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path, PurePosixPath

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ...errors import GuidesError

__all__ = ["reader_environment"]

_SITE_PACKAGES = sorted({sysconfig.get_path("purelib"), sysconfig.get_path("platlib")})


def reader_environment(folder: Path, requirements: Iterable[str]) -> Path:
    """Make a virtual environment in `folder` holding `requirements` and what they require
    (their extras left out, as a plain `pip install` does); return its `bin` folder."""
    venv.EnvBuilder(symlinks=True, with_pip=False).create(folder)
    [site_packages] = folder.glob("lib/python*/site-packages")
    for distribution in _required(requirements):
        # File by file: a folder that several distributions share (a namespace package)
        # gets only the files of these.
        for file in _installed_files(distribution):
            link = site_packages / file
            link.parent.mkdir(parents=True, exist_ok=True)
            if not link.exists():
                link.symlink_to(str(distribution.locate_file(file)))
    return folder / "bin"


def _required(requirements: Iterable[str]) -> list[metadata.Distribution]:
    found: dict[str, metadata.Distribution] = {}
    waiting = [Requirement(text) for text in requirements]
    while waiting:
        requirement = waiting.pop()
        name = canonicalize_name(requirement.name)
        if name in found:
            continue
        # Where pip installs, not anywhere on sys.path (the current folder may be on it).
        installed = next(iter(metadata.distributions(name=requirement.name, path=_SITE_PACKAGES)),
                         None)
        if installed is None:
            raise GuidesError(f"the samples need {requirement.name}, which is not installed "
                              "beside guides: pip install 'trustleads-guides[check]'")
        found[name] = installed
        waiting += [needed for needed in map(Requirement, found[name].requires or ())
                    if needed.marker is None or needed.marker.evaluate({"extra": ""})]
    return list(found.values())


def _installed_files(distribution: metadata.Distribution) -> list[PurePosixPath]:
    """The files a distribution installed in its site-packages (scripts outside it, bytecode
    and path hooks left out); an install that lists none, or an editable one whose files
    are elsewhere, cannot be given to the samples."""
    name = distribution.metadata["Name"]
    direct_url = json.loads(distribution.read_text("direct_url.json") or "{}")
    if distribution.files is None or direct_url.get("dir_info", {}).get("editable"):
        raise GuidesError(f"{name} is installed without a list of its files, or as an "
                          f"editable install: reinstall it (pip install --force-reinstall "
                          f"{name}) to let the samples use it")
    files = [PurePosixPath(file.as_posix()) for file in distribution.files]
    return [file for file in files
            if not file.is_absolute() and file.parts[0] != ".."
            and "__pycache__" not in file.parts and file.suffix != ".pth"]
