"""The environment of a sample run: what every run starts from, whatever its language and
example, and the inputs its example declares (base URL, credential, a job's id)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ...credentials import OTHER
from ...model import Project, credential_variable
from ..plan import Run
from .target import Target

__all__ = ["sample_inputs", "snippet_environment"]


def snippet_environment() -> dict[str, str]:
    """The variables every sample run gets that are the same from check to check.

    Inside a virtual environment, its `bin` comes first, as activating it does: `python3`
    is then this interpreter, the one the Python samples' own environment is made from
    (`Runtimes` puts that environment in front for them), so the runs' cache key names the
    interpreter they run.
    """
    path = os.environ.get("PATH", "/usr/bin:/bin")
    if sys.prefix != sys.base_prefix:
        own = str(Path(sys.executable).parent)
        path = os.pathsep.join([own, *(p for p in path.split(os.pathsep) if p != own)])
    return {"PATH": path, "LANG": "C.UTF-8"}


def sample_inputs(project: Project, run: Run, target: Target, base_url: str,
                  lent_job_id: str | None) -> dict[str, str]:
    """The declared substitutions only: base URL, credentials and a job's id."""
    samples = project.spec.samples
    request = run.example.request
    env = {samples.base_url_variable: base_url}
    if request.reads_job_id and samples.job_id_variable:
        # The sandbox has the job the docs show; another API lends one of its own.
        env[samples.job_id_variable] = lent_job_id or request.path.rsplit("/", 1)[1]
    if request.credential:
        variable = credential_variable(samples, request.credential)
        env[variable] = target.credentials[request.credential]
    if request.conflicting_header:
        env[samples.other_key_variable] = target.credentials[OTHER]
    return env
