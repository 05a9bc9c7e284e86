"""`guides new-example ID`: the api.yaml entry and the snippet files of a new example, one per
language.

Every text comes from the editor's flags, and every fact of the API (base URL, variable
names, header formats) from api.yaml itself; the result is validated before it is written.
"""

from __future__ import annotations

import functools
import io
import json
import re
import shutil
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from ruamel.yaml.comments import CommentedMap

from .atomic import publish_folder, staging_folder, write_atomically
from .errors import GuidesError
from .languages import LANGUAGES
from .model import Spec, credential_variable, load_project
from .model.consistency import example_id_problem
from .model.models import SLUG_PATTERN
from .model.source import rewriting_yaml
from .paths import SNIPPETS_DIR

__all__ = ["RECOMMENDED_HEADER", "NewExample", "create_example", "path_problem",
           "text_problem"]

_TEMPLATES = Path(__file__).parent / "scaffold_templates"
#: Characters a path may hold and still be pasted verbatim into a shell's double quotes,
#: a Python f-string and a JavaScript template literal.
_SAFE_PATH = re.compile(r"^/[A-Za-z0-9._~/%:@!&'()*+,;=?-]*$")


@dataclass(frozen=True)
class NewExample:
    id: str
    title: str
    """Heading shown above the code tabs."""
    description: str
    """What the sample does: the page's sentence and each snippet's opening comment."""
    method: str = "GET"
    path: str | None = None
    """Below the base URL; None for the path most examples of api.yaml use."""
    header: str | None = None
    """The auth header's name, `RECOMMENDED_HEADER`, or None for no header."""
    credential: str | None = None
    """The credential kind sent in `header`; None for the one most examples use."""
    error: str | None = None
    body: Any = None
    """JSON request body, or None for none."""


#: Stands for the header api.yaml recommends.
RECOMMENDED_HEADER = "recommended"


def path_problem(path: str) -> str | None:
    """Why `path` cannot be scaffolded, or None."""
    if _SAFE_PATH.match(path):
        return None
    return (f"{path!r} is not a path below the base URL made of URL characters "
            "(no spaces, quotes, backslashes, braces or $), e.g. /jobs/job_0123456789abcdef")


def create_example(spec_path: Path, example: NewExample) -> list[Path]:
    """Append the entry to api.yaml and write the snippets, or write nothing and raise."""
    if not re.match(SLUG_PATTERN, example.id):
        raise GuidesError(f"{example.id!r} is not an example id: lower-case words joined by "
                          "- or _, e.g. list-jobs-by-status")
    too_long = example_id_problem(example.id)
    if too_long is not None:
        raise GuidesError(f"{too_long}; pick a shorter id")
    project = load_project(spec_path)
    requests = [entry.request for entry in project.spec.examples]
    example = replace(example, path=example.path or _most_used("path", [r.path for r in requests]))
    if example.header is not None and example.credential is None:
        # Sent in a header only: without one, no credential is asked for.
        example = replace(example, credential=_most_used(
            "credential", [r.credential for r in requests if r.credential]))
    if example.header == RECOMMENDED_HEADER:
        recommended = next((h for h in project.spec.headers if h.recommended),
                           project.spec.headers[0])
        example = replace(example, header=recommended.name)
    names = [header.name for header in project.spec.headers]
    if example.header is not None and example.header not in names:
        raise GuidesError(f"{example.header!r} is not one of {spec_path.name}'s headers: "
                          f"{', '.join(names)} (or none)")
    if any(entry.id == example.id for entry in project.spec.examples):
        raise GuidesError(f"{spec_path.name}: an example {example.id!r} exists already")
    folder = project.root / SNIPPETS_DIR / example.id
    if folder.exists() or folder.is_symlink():
        raise GuidesError(f"{folder} exists already; pick another id or remove it")
    yaml = rewriting_yaml()
    data = yaml.load(spec_path.read_text(encoding="utf-8"))
    data["examples"].append(_entry(example))
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    text = buffer.getvalue()
    try:
        staging = staging_folder(folder, f".{example.id}.")
    except OSError as err:
        raise _unwritable(folder, err) from None
    try:
        for language in LANGUAGES.values():
            written = staging / language.filename
            written.write_text(_snippet(project.spec, example, language.filename),
                               encoding="utf-8")
            if language.runs_itself:
                written.chmod(0o755)  # the page tells readers to run it as ./curl.sh
        publish_folder(staging, folder)
    except OSError as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise _unwritable(folder, err) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        # The entry and its snippets must pass validation before api.yaml is touched.
        load_project(spec_path, raw=text.encode("utf-8"))
        write_atomically(spec_path, text)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return [spec_path, *(folder / language.filename for language in LANGUAGES.values())]


def _most_used(option: str, values: list[str]) -> str:
    """The value most examples have, for an option left out (like most, until told)."""
    if not values:
        raise GuidesError(f"give --{option}: no example of api.yaml has one to go by")
    return Counter(values).most_common(1)[0][0]


def _unwritable(folder: Path, err: OSError) -> GuidesError:
    """The file system refused the snippets' folder (a path too long, no permission)."""
    return GuidesError(f"cannot create {folder}: {err.strerror or err}; nothing was written")


def _entry(example: NewExample) -> CommentedMap:
    request = CommentedMap(method=example.method, path=example.path)
    if example.header:
        request["header"] = example.header
        request["credential"] = example.credential
    if example.body is not None:
        request["body"] = example.body
    else:
        request.fa.set_flow_style()
    # Block style, so that `guides check --update` writes the body it fills in readably.
    # Closed, so that the empty body differs from any answer and `check --update` writes
    # the whole of it; an editor may then let the objects gain fields again.
    response = CommentedMap(error=example.error) if example.error else \
        CommentedMap(status=200, body=CommentedMap(), closed=True)
    return CommentedMap(id=example.id, title=example.title, description=example.description,
                        request=request, response=response)


def _snippet(spec: Spec, example: NewExample, filename: str) -> str:
    header = next((h for h in spec.headers if h.name == example.header), None)
    values = {
        "description": example.description,
        "method": example.method,
        "path": example.path,
        "body": example.body,
        "header": example.header,
        "header_value": (lambda reference: header.value.format(key=reference)) if header
        else None,
        # The header's text before and after the credential, for languages that concatenate.
        "header_parts": header.value.split("{key}", 1) if header else None,
        "credential_variable": credential_variable(spec.samples, example.credential)
        if example.credential else None,
        # Pasted without the variable set, a sample sends the placeholder key, not nothing.
        "fallback": spec.api.key_example if example.credential and credential_variable(
            spec.samples, example.credential) == spec.samples.key_variable else None,
        "base_url_variable": spec.samples.base_url_variable,
        "base_url": spec.api.base_url.rstrip("/"),
    }
    return _environment().get_template(f"{filename}.j2").render(values)


@functools.cache
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(_TEMPLATES), undefined=StrictUndefined,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                      autoescape=False)
    env.filters["compact_json"] = lambda value: json.dumps(value, ensure_ascii=False,
                                                           separators=(",", ":"))
    env.filters["shell_quote"] = lambda text: "'" + text.replace("'", "'\\''") + "'"
    env.filters["python_literal"] = _python_literal
    env.filters["ruby_literal"] = _ruby_literal
    env.filters["php_literal"] = _php_literal
    # A JSON string is a Java and a Go string literal; Go's raw string reads better.
    env.filters["java_string"] = json.dumps
    env.filters["go_string"] = lambda text: json.dumps(text) if "`" in text else f"`{text}`"
    env.filters["go_concat"] = functools.partial(_concatenation, "+")  # as gofmt writes it
    env.filters["java_concat"] = functools.partial(_concatenation, " + ")
    env.filters["ruby_value"] = lambda parts, name: \
        f'"{parts[0]}#{{{name}}}{parts[1]}"' if any(parts) else name
    env.filters["php_interpolation"] = lambda parts, name: f"{parts[0]}${name}{parts[1]}"
    return env


def _concatenation(plus: str, parts: list[str], name: str) -> str:
    """The header's text around variable `name`, as string literals joined by `plus`."""
    return plus.join([*([json.dumps(parts[0])] if parts[0] else []), name,
                      *([json.dumps(parts[1])] if parts[1] else [])])


def _ruby_literal(value: Any) -> str:
    """A JSON value written as Ruby source (symbol keys, as JSON.generate writes them)."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(str(k))}: {_ruby_literal(v)}"
                                for k, v in value.items()) + " }" if value else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(_ruby_literal(item) for item in value) + "]"
    if value is None:
        return "nil"
    # "#{" in a double-quoted Ruby string would interpolate.
    return json.dumps(value, ensure_ascii=False).replace("#{", "\\#{")


def _php_literal(value: Any) -> str:
    """A JSON value written as PHP source (an empty object stays an object)."""
    if isinstance(value, dict):
        if not value:
            return "new stdClass()"
        return "[" + ", ".join(f"{_php_string(str(k))} => {_php_literal(v)}"
                               for k, v in value.items()) + "]"
    if isinstance(value, list):
        return "[" + ", ".join(_php_literal(item) for item in value) + "]"
    if isinstance(value, str):
        return _php_string(value)
    if value is None:
        return "null"
    return json.dumps(value)


def _php_string(text: str) -> str:
    """A single-quoted PHP string: nothing in it is interpolated."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _python_literal(value: Any) -> str:
    """A JSON value written as Python source."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_python_literal(k)}: {_python_literal(v)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_python_literal(item) for item in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def text_problem(flag: str, text: str) -> str | None:
    """Why `text` cannot open a snippet as its comment or docstring, or None."""
    if not text.strip():
        return f"{flag} is empty"
    if any(character in text for character in '\n\r\\') or '"""' in text:
        return f"{flag} must be one line without backslashes or triple quotes: got {text!r}"
    return None
