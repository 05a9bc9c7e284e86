"""What the docs as a whole must show, beside each example's own verdict: an example for
every error code, every API-key header and session tokens; runs that stay under the API's
documented lock-out; no file under snippets/ that no example shows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ...model import Project
from ...model.recordings import RECORDING_FILE
from ...paths import SNIPPETS_DIR
from ..plan import Run

__all__ = ["coverage_gaps", "throttle_headroom", "unused_snippets"]


def coverage_gaps(project: Project) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(api.yaml location, what is missing) for each thing the docs must demonstrate."""
    spec = project.spec
    examples = spec.examples
    for index, error in enumerate(spec.errors):
        if not any(e.response.error == error.code for e in examples):
            yield ("errors", index, "code"), (
                f"error code {error.code} has no example; add one under examples "
                "(guides check runs it)")
    # The credentials named after a plan are that plan's API keys.
    plan_keys = {plan.id for plan in spec.plans}
    for index, header in enumerate(spec.headers):
        if "api_key" in header.accepts and not any(
                e.request.header == header.name and e.request.credential in plan_keys
                and not e.response.error for e in examples):
            yield ("headers", index, "name"), (
                f"no successful example sends an API key in the {header.name} header")
    if not any(e.request.credential == "session" and not e.response.error for e in examples):
        yield ("auth_methods",), "no successful example uses a session token"
    if spec.api.plain_http == "redirect" and not any(
            e.request.transport == "http" for e in examples):
        yield ("api", "plain_http"), "no example shows the redirect from plain HTTP"


def throttle_headroom(project: Project, runs: list[Run]
                      ) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(api.yaml location, problem) when, from one address, the runs that fail to
    authenticate on purpose would trip a documented threshold before its own example runs."""
    spec = project.spec
    failing = sum(1 for run in runs if run.example.response.error
                  and spec.threshold(run.example) is None
                  and spec.error(run.example.response.error).category == "authentication")
    for index, error in enumerate(spec.errors):
        if error.threshold and failing >= error.threshold.attempts:
            yield ("errors", index, "threshold"), (
                f"{failing} runs fail authentication on purpose before {error.code}'s "
                f"examples, and the API answers {error.code} after "
                f"{error.threshold.attempts}: from one address they would lock out the runs "
                "after them; document the API's real threshold, or show fewer failures")


def unused_snippets(project: Project) -> list[str]:
    """Files under snippets/ that no example shows."""
    used = {snippet.path for files in project.snippets.values() for snippet in files.values()}
    used |= {f"{SNIPPETS_DIR}/{example_id}/{RECORDING_FILE}" for example_id in project.recordings}
    folder = project.root / SNIPPETS_DIR
    present = (path.relative_to(project.root).as_posix()
               for path in sorted(folder.rglob("*")) if path.is_file()) \
        if folder.is_dir() else iter(())
    return [path for path in present if path not in used and not _ignored(Path(path))]


def _ignored(path: Path) -> bool:
    return "__pycache__" in path.parts or path.name.startswith(".")
