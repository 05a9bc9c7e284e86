"""The credential contract: an API with data of its own must confirm each credential first.

Against our sandbox the credentials are what it issued. Against another API they are what a
team supplied, and a Starter key given as the Pro one would make every example it runs
diverge; one message naming the variable says more than those divergences.
"""

from __future__ import annotations

import json
import ssl
from collections.abc import Callable, Iterable
from typing import Any

import httpx

from ..credentials import REMOTE_CREDENTIAL_VARIABLES, SECOND_KEY_KIND
from ..spec import Example, Project
from ..spec.models import CheckCredential
from .plan import Run
from .report import Failure, Result
from .target import Target

__all__ = ["confirm_contract", "credentials_used", "unconfirmed_credentials"]

_TIMEOUT = 30.0


def confirm_contract(project: Project, runs: list[Run], target: Target,
                     on_result: Callable[[Result], None]) -> tuple[list[Result], set[Run]]:
    """One failed result per credential the API does not confirm, and a not-judged result
    for each run that uses one; the runs not to make."""
    refused = unconfirmed_credentials(
        project, target, {kind for run in runs for kind in credentials_used(run.example)})
    results = [Result(f"credential {kind}", None, [failure]) for kind, failure in refused.items()]
    skipped: set[Run] = set()
    for run in runs:
        blocking = sorted(credentials_used(run.example) & set(refused))
        if blocking:
            skipped.add(run)
            variables = ", ".join(REMOTE_CREDENTIAL_VARIABLES[kind] for kind in blocking)
            results.append(Result(run.example.id, run.language, not_judged=(
                f"its credential {variables} was not confirmed (see credential "
                f"{', '.join(blocking)} above)")))
    for result in results:
        on_result(result)
    return results, skipped


def credentials_used(example: Example) -> set[str]:
    """The credential kinds `example`'s samples are run with."""
    request = example.request
    used = {request.credential} if request.credential else set()
    return used | ({SECOND_KEY_KIND} if request.conflicting_header else set())


def unconfirmed_credentials(project: Project, target: Target,
                            kinds: Iterable[str]) -> dict[str, Failure]:
    """Kind -> why the API did not confirm it, for each of `kinds` the contract gives a plan."""
    contract = project.spec.credentials
    if contract is None:
        return {}
    context = ssl.create_default_context(cafile=target.ca_file) if target.ca_file else True
    refused: dict[str, Failure] = {}
    with httpx.Client(verify=context, timeout=_TIMEOUT) as client:
        wanted = set(kinds)
        for kind, rule in contract.kinds.items():
            if kind not in wanted or rule.plan is None:
                continue
            answer = _ask(client, project, target, contract.confirmed_by, kind, rule)
            problem = _disagreement(project, rule, answer)
            if problem is not None:
                line = project.source.position(("credentials", "kinds", kind))[0]
                refused[kind] = Failure(
                    f"{REMOTE_CREDENTIAL_VARIABLES[kind]} is not the credential api.yaml "
                    f"requires: GET {contract.confirmed_by} answered {problem}; it must be "
                    f"{_requirement(project, rule)}", yaml_line=line)
    return refused


def _ask(client: httpx.Client, project: Project, target: Target, path: str, kind: str,
         rule: CheckCredential) -> tuple[int, Any] | str:
    """(status, parsed body) of the confirming request, or why there is none."""
    header = next(h for h in project.spec.headers if rule.method in h.accepts)
    value = header.value.replace("{key}", target.credentials[kind])
    try:
        response = client.get(target.base_url + path, headers={header.name: value})
    except httpx.HTTPError as err:
        return f"nothing ({type(err).__name__}: {err})"
    try:
        return response.status_code, response.json()
    except ValueError:
        return response.status_code, response.text[:200]


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
