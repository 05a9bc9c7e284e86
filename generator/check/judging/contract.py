"""What an API with data of its own must confirm before its examples are judged.

Against our sandbox the credentials are what it issued. Against another API they are what a
team supplied, and a Starter key given as the Pro one would make every example it runs
diverge; one message naming the variable says more than those divergences. Its jobs are its
own too: an example that reads one is lent the account's first.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

import httpx

from ...credentials import remote_variable
from ...model import Example, Project, Spec
from ...model.models import CheckCredential
from ..guarding.opaque import guarded
from ..plan import Run
from ..results import Failure, Result
from ..running.asking import api_client, ask
from ..running.target import Target

__all__ = ["Confirmed", "confirm_contract", "credentials_used", "unconfirmed_credentials"]


@dataclass
class Confirmed:
    """What a remote API confirmed before any example runs."""

    results: list[Result]
    """A failure per credential it did not confirm; a not-judged result per run that needs
    one, or needs a job the account does not have."""
    skipped: set[Run]
    job_id: str | None
    """One of the account's jobs, lent to the examples that read a job id."""


def confirm_contract(project: Project, runs: list[Run], target: Target,
                     on_result: Callable[[Result], None], ends: float = math.inf) -> Confirmed:
    """Ask the API for what the runs rely on; say once what is missing, and which runs
    cannot be judged for it. No question outlasts `ends` (`time.monotonic`), the check's
    deadline."""
    with api_client(target) as client:
        refused = unconfirmed_credentials(
            project, target, client,
            {kind for run in runs for kind in credentials_used(project.spec, run.example)}, ends)
        readers = [run for run in runs if run.example.request.reads_job_id
                   and not credentials_used(project.spec, run.example) & set(refused)]
        lent = _lend_job(project, target, client, readers[0].example, ends) if readers \
            else _Lent(None)
    results = [Result(f"credential {kind}", None, [failure]) for kind, failure in refused.items()]
    skipped: set[Run] = set()
    for run in runs:
        blocking = sorted(credentials_used(project.spec, run.example) & set(refused))
        reason = None
        if blocking:
            variables = ", ".join(_variable(project.spec, kind) for kind in blocking)
            reason = (f"its credential {variables} was not confirmed (see credential "
                      f"{', '.join(blocking)} above)")
        elif run in readers and lent.job_id is None:
            reason = f"it reads one of the account's jobs, and {lent.why_none}"
        if reason is not None:
            skipped.add(run)
            results.append(Result(run.example.id, run.language, not_judged=reason))
    for result in results:
        on_result(result)
    return Confirmed(results, skipped, lent.job_id)


class _Lent(NamedTuple):
    job_id: str | None
    why_none: str = ""


def _lend_job(project: Project, target: Target, client: httpx.Client,
              example: Example, ends: float) -> _Lent:
    """The account's first job, listed as the example's path names its parent."""
    paging = project.spec.paging
    if paging is None:
        return _Lent(None, "api.yaml has no paging section saying how to list them")
    listing = f"{example.request.path.rsplit('/', 1)[0]}?{paging.limit_parameter}=1"
    kind = example.request.credential or ""
    answer = ask(client, project, target, listing, kind, ends)
    if isinstance(answer, tuple) and answer[0] == 200 and isinstance(answer[1], dict):
        items = answer[1].get(paging.items_field)
        if isinstance(items, list) and items and isinstance(items[0], dict) \
                and isinstance(items[0].get("id"), str):
            return _Lent(items[0]["id"])
    # What the API answered may hide a credential the redactor cannot undo.
    shown = guarded(answer if isinstance(answer, str) else f"{answer[0]} {answer[1]!r}")[:300]
    return _Lent(None, f"GET {listing} with {_variable(project.spec, kind)} "
                       f"listed none: {shown}")


def credentials_used(spec: Spec, example: Example) -> set[str]:
    """The credential kinds `example`'s samples are run with."""
    request = example.request
    used = {request.credential} if request.credential else set()
    second = spec.second_key
    return used | ({second} if request.conflicting_header and second else set())


def _variable(spec: Spec, kind: str) -> str:
    """The variable a credential of `kind` is read from (the kind itself if none is)."""
    rule = spec.credentials.kinds.get(kind) if spec.credentials else None
    return remote_variable(kind, rule.method) if rule else kind


def unconfirmed_credentials(project: Project, target: Target, client: httpx.Client,
                            kinds: Iterable[str], ends: float = math.inf
                            ) -> dict[str, Failure]:
    """Kind -> why the API did not confirm it, for each of `kinds` the contract gives a plan."""
    contract = project.spec.credentials
    if contract is None:
        return {}
    refused: dict[str, Failure] = {}
    wanted = set(kinds)
    for kind, rule in contract.kinds.items():
        if kind not in wanted or rule.plan is None:
            continue
        answer = ask(client, project, target, contract.confirmed_by, kind, ends)
        problem = _disagreement(project, rule, answer)
        if problem is not None:
            line = project.source.position(("credentials", "kinds", kind))[0]
            refused[kind] = Failure(
                f"{_variable(project.spec, kind)} is not the credential api.yaml "
                f"requires: GET {contract.confirmed_by} answered {guarded(problem)}; it must be "
                f"{_requirement(project, rule)}", yaml_line=line)
    return refused


def _disagreement(project: Project, rule: CheckCredential,
                  answer: tuple[int, Any] | str) -> str | None:
    """What the answer says, when it does not confirm `rule`; None when it does."""
    if isinstance(answer, str):
        return answer
    status, body = answer
    if status == 200 and isinstance(body, dict):
        scopes = body.get("scopes")
        if body.get("plan") == rule.plan and body.get("credential") == rule.method \
                and isinstance(scopes, list) and set(scopes) == set(_plan_scopes(project, rule)):
            return None
        shown = {key: body.get(key) for key in ("plan", "scopes", "credential")}
        return f"{status} {json.dumps(shown)}"
    return f"{status} {json.dumps(body) if not isinstance(body, str) else body!r}"


def _requirement(project: Project, rule: CheckCredential) -> str:
    return (f"plan {rule.plan!r} with scopes {_plan_scopes(project, rule)}, "
            f"credential {rule.method!r} ({rule.must_be})")


def _plan_scopes(project: Project, rule: CheckCredential) -> list[str]:
    return next(plan.scopes for plan in project.spec.plans if plan.id == rule.plan)
