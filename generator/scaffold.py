"""`guides new-example ID`: the api.yaml entry and the three snippet files of a new example,
ready for `guides check --update` to fill in what the API answers."""

from __future__ import annotations

import io
import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from .atomic import write_atomically
from .errors import GuidesError
from .layout import SNIPPETS_DIR
from .spec.source import rewriting_yaml

__all__ = ["NewExample", "create_example"]

_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


@dataclass(frozen=True)
class NewExample:
    id: str
    method: str = "GET"
    path: str = "/jobs"
    header: str | None = "Authorization"
    credential: str | None = "pro"
    error: str | None = None
    title: str | None = None


def create_example(spec_path: Path, example: NewExample) -> list[Path]:
    """Append the entry to api.yaml and write the snippets; refuse an id already used."""
    if not _ID.match(example.id):
        raise GuidesError(f"{example.id!r} is not an example id: lower-case words joined by "
                          "- or _, e.g. list-jobs-by-status")
    yaml = rewriting_yaml()
    data = yaml.load(spec_path.read_text(encoding="utf-8"))
    examples = data.setdefault("examples", [])
    if any(entry.get("id") == example.id for entry in examples):
        raise GuidesError(f"{spec_path.name}: an example {example.id!r} exists already")
    folder = spec_path.parent / SNIPPETS_DIR / example.id
    if folder.exists():
        raise GuidesError(f"{folder} exists already; pick another id or remove it")
    examples.append(_entry(example))
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    staging = Path(tempfile.mkdtemp(prefix=f".{example.id}.", dir=folder.parent))
    try:
        written = [_write(staging / name, text) for name, text in _snippets(example).items()]
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        write_atomically(spec_path, buffer.getvalue())
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return [spec_path, *(folder / path.name for path in written)]


def _entry(example: NewExample) -> CommentedMap:
    request = CommentedMap(method=example.method, path=example.path)
    if example.header:
        request["header"] = example.header
        request["credential"] = example.credential
    if example.method in {"POST", "PUT", "PATCH"}:
        request["body"] = {"leads": [{"email": "ada@example.com"}]}
    else:
        request.fa.set_flow_style()
    # Block style, so that `guides check --update` writes the body it fills in readably.
    response = CommentedMap(error=example.error) if example.error else \
        CommentedMap(status=200, body=CommentedMap())
    title = example.title or example.id.replace("-", " ").replace("_", " ").capitalize()
    return CommentedMap(id=example.id, title=title, request=request, response=response)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _snippets(example: NewExample) -> dict[str, str]:
    base = "https://api.trustleads.ai/v1"
    variable = "TRUSTLEADS_SESSION_TOKEN" if example.credential and \
        "session" in example.credential else "TRUSTLEADS_API_KEY"
    body = '{"leads": [{"email": "ada@example.com"}]}' \
        if example.method in {"POST", "PUT", "PATCH"} else None
    header_value = (lambda ref: f"Bearer {ref}") if example.header == "Authorization" \
        else (lambda ref: ref)
    title = example.title or example.id.replace("-", " ")

    curl = ["#!/bin/sh", f"# {title}", "curl --silent --show-error --include \\"]
    if example.method != "GET":
        curl.append(f"  --request {example.method} \\")
    if example.header:
        curl.append(f'  --header "{example.header}: {header_value("$" + variable)}" \\')
    if body:
        curl += ['  --header "Content-Type: application/json" \\',
                 f"  --data '{json.dumps(json.loads(body), separators=(',', ':'))}' \\"]
    curl.append(f'  "${{TRUSTLEADS_BASE_URL:-{base}}}{example.path}"')

    python_args = [f'f"{{base_url}}{example.path}"']
    if example.header:
        python_args.append(
            f'headers={{"{example.header}": f"{header_value("{credential}")}"}}')
    if body:
        python_args.append(f"json={body}")
    python = [f'"""{title}"""', "", "import os", "", "import httpx", "",
              f'base_url = os.environ.get("TRUSTLEADS_BASE_URL", "{base}")']
    if example.header:
        python.append(f'credential = os.environ["{variable}"]')
    python += ["", f"response = httpx.request(\n    {example.method!r},\n"
               + "".join(f"    {arg},\n" for arg in python_args) + ")".replace("'", '"'),
               "print(response.status_code)", "print(response.text)"]

    options = [f'method: "{example.method}"']
    headers = []
    if example.header:
        headers.append(f'"{example.header}": `{header_value("${credential}")}`')
    if body:
        headers.append('"Content-Type": "application/json"')
        options.append(f"body: JSON.stringify({body})")
    if headers:
        options.insert(1, "headers: { " + ", ".join(headers) + " }")
    node = [f"// {title}",
            f'const baseUrl = process.env.TRUSTLEADS_BASE_URL ?? "{base}";']
    if example.header:
        node.append(f"const credential = process.env.{variable};")
    node += ["", f"const response = await fetch(`${{baseUrl}}{example.path}`, {{",
             *(f"  {option}," for option in options), "});",
             "console.log(response.status);", "console.log(await response.text());"]
    return {"curl.sh": "\n".join(curl) + "\n",
            "python.py": "\n".join(python).replace("'GET'", '"GET"').replace(
                f"'{example.method}'", f'"{example.method}"') + "\n",
            "node.mjs": "\n".join(node) + "\n"}
