"""A project as it is at a git revision, or in another api.yaml: what ``guides diff`` and
``guides check --changed`` compare with."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from ..errors import GuidesError, SpecError
from ..model import Project, load_project
from ..paths import SNIPPETS_DIR

__all__ = ["RevisionError", "project_at"]


class RevisionError(GuidesError):
    """A revision git does not know, or one without api.yaml."""


@contextmanager
def project_at(given: str, spec_path: Path) -> Iterator[Project]:
    """The project `given` names: an api.yaml file, or a git revision of `spec_path`'s
    repository (its api.yaml and snippets, unpacked in a folder that lives as long as the
    context)."""
    as_file = Path(given)
    if given.endswith((".yaml", ".yml")) and as_file.is_file():
        yield load_project(as_file)
        return
    root = spec_path.resolve().parent
    inside = _git(root, "rev-parse", "--show-prefix").strip()
    name = f"{inside}{spec_path.name}"
    with tempfile.TemporaryDirectory(prefix="guides-diff-") as folder:
        archive = _git_bytes(root, "archive", "--format=tar", f"{given}^{{commit}}", "--",
                             name, *_present(root, given, f"{inside}{SNIPPETS_DIR}"),
                             what=f"{given!r} is not a revision of the repository at {root}, "
                                  f"or it has no {name}")
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            if hasattr(tarfile, "data_filter"):
                tar.extractall(folder, filter="data")
            else:
                # Python 3.11 before 3.11.4 has no extraction filters. A git archive holds
                # no absolute path and no "..", and load_project refuses a link that
                # leaves the project, as it does in any checkout.
                tar.extractall(folder)
        try:
            project = load_project(Path(folder) / name)
        except SpecError as err:
            raise SpecError(replace(p, file=f"{p.file} at {given}")
                            for p in err.problems) from err
        yield project


def _present(root: Path, revision: str, path: str) -> list[str]:
    """`path` if the revision holds it (git archive refuses a path it does not hold)."""
    listed = _git(root, "ls-tree", "--name-only", f"{revision}^{{commit}}", "--", path,
                  what=f"{revision!r} is not a revision of the repository at {root}")
    return [path] if listed.strip() else []


def _git(root: Path, *args: str, what: str = "") -> str:
    return _git_bytes(root, *args, what=what).decode("utf-8", "replace")


def _git_bytes(root: Path, *args: str, what: str = "") -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=120,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise RevisionError(f"cannot run git in {root}: {err}") from err
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(what or f"git {args[0]} failed in {root}: "
                            f"{detail[-1] if detail else done.returncode}")
    return done.stdout
