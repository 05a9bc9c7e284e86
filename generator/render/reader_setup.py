"""What a reader sets before running an example's samples: the credential it needs, in
words, and the copyable lines that set its variables, for the public sandbox (from its
demo credentials) and for the reader's own account against the real API."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from ..credentials import OTHER, locate
from ..model import Example, Spec, credential_variable

__all__ = ["CREDENTIALS_PATH", "HTTP_URL_PATH", "JOB_ID_PATH", "Setup", "credentials_url",
           "example_setup", "takes_the_readers_key"]

#: Where a sandbox serves its demo credentials, relative to its base URL.
CREDENTIALS_PATH = "../sandbox/credentials"
#: Where that document gives the sandbox's plain-HTTP base URL, and a job of the reader's.
HTTP_URL_PATH = ("http_url",)
JOB_ID_PATH = ("job_id",)


def credentials_url(sandbox_url: str) -> str:
    """The demo credentials' address for a sandbox whose base URL is `sandbox_url`."""
    return urljoin(sandbox_url.rstrip("/") + "/", CREDENTIALS_PATH)


@dataclass
class Setup:
    """The credentials an example needs and the lines that set its variables; a tab whose
    lines are empty is not shown (no sandbox, or no known way to get one's own)."""

    needs: list[str] = field(default_factory=list)
    yours: list[str] = field(default_factory=list)
    sandbox_sh: str = ""
    sandbox_powershell: str = ""
    own_sh: str = ""
    own_powershell: str = ""


def example_setup(spec: Spec, example: Example, sandbox_url: str) -> Setup:
    """The `Setup` of `example`; `sandbox_url` is the public sandbox's base URL, or empty."""
    samples, request = spec.samples, example.request
    http = request.transport == "http"
    own_base = spec.api.base_url.rstrip("/")
    sandbox_base: str | list[str] = sandbox_url.rstrip("/")
    if http:
        # The plain-HTTP example is sent to the API's host without TLS; a sandbox's plain-HTTP
        # port need not be its HTTPS one's, so its setup reads the address it publishes.
        own_base = "http://" + own_base.split("://", 1)[1]
        sandbox_base = list(HTTP_URL_PATH)
    sandbox: list[tuple[str, str | list[str]]] = [(samples.base_url_variable, sandbox_base)]
    own: list[tuple[str, str]] = [(samples.base_url_variable, own_base)]
    setup = Setup()
    kinds: list[tuple[str, str]] = []
    if request.credential is not None:
        kinds.append((credential_variable(samples, request.credential), request.credential))
    if request.conflicting_header is not None:
        kinds.append((samples.other_key_variable, OTHER))
    known_own = True
    for variable, kind in kinds:
        reader = samples.credentials.get(kind)
        setup.needs.append(reader.needs if reader else kind)
        if reader and reader.yours:
            setup.yours.append(reader.yours)
        else:
            known_own = False
        path = locate(kind, spec.second_key)["path"]
        sandbox.append((variable, path))
        placeholder = spec.api.other_key_example if kind == OTHER else None
        own.append((variable, placeholder or spec.api.key_example))
    if request.reads_job_id and samples.job_id_variable:
        # The sandbox names a job of the reader's own (each visitor has jobs of their own).
        sandbox.append((samples.job_id_variable, list(JOB_ID_PATH)))
        own.append((samples.job_id_variable, request.path.rsplit("/", 1)[1]))
    if sandbox_url:
        document = credentials_url(sandbox_url)
        setup.sandbox_sh = "".join(_sh(name, value, document) for name, value in sandbox)
        setup.sandbox_powershell = "".join(_powershell(name, value, document)
                                           for name, value in sandbox)
    if known_own:
        setup.own_sh = "".join(_sh(name, value, "") for name, value in own)
        setup.own_powershell = "".join(_powershell(name, value, "") for name, value in own)
    return setup


def takes_the_readers_key(spec: Spec, example: Example) -> bool:
    """Whether "Show my key in the samples" may put the reader's key into `example`: it sends
    one active API key (a plan's, in the credential contract) and its answer does not turn on
    which key that is. An example of a refused key, a second key or a plan's refusal keeps
    the placeholder: the reader's own key would change its answer (a Pro key makes the
    Starter example create a job)."""
    request = example.request
    kinds = spec.credentials.kinds if spec.credentials else {}
    kind = kinds.get(request.credential) if request.credential else None
    if kind is None or kind.method != "api_key" or kind.plan is None \
            or request.conflicting_header is not None:
        return False
    error = example.response.error
    return error is None or spec.error(error).category != "permission"


def _sh(name: str, value: str | list[str], document: str) -> str:
    if isinstance(value, str):
        return f"export {name}={_sh_quoted(value)}\n"
    # python3 reads the JSON: jq is not everywhere, and a bare sed would depend on spacing.
    keys = "".join(f'["{step}"]' for step in value)
    return (f'export {name}="$(curl -fsS {_sh_quoted(document)} | python3 -c '
            f"'import json, sys; print(json.load(sys.stdin){keys})')\"\n")


def _powershell(name: str, value: str | list[str], document: str) -> str:
    if isinstance(value, str):
        return f'$env:{name} = "{value}"\n'
    return f'$env:{name} = (Invoke-RestMethod "{document}").{".".join(value)}\n'


def _sh_quoted(value: str) -> str:
    safe = all(character.isalnum() or character in "-_./:@%+=," for character in value)
    return value if safe else "'" + value.replace("'", "'\\''") + "'"
