"""What a build reads, checked before it reads it: the repository's own files, and a
mkdocs.yml that brings nothing from another origin or from the build's environment.

A pull request can change any of these files; the site it builds is public. So every file
under the folders MkDocs publishes (docs/, the theme's overrides/, snippets/) and every
file the build reads (mkdocs.yml, api.yaml) must be the repository's own (see
`foreign_files`), and mkdocs.yml may neither load assets from another origin nor write a
variable of the build's environment into pages: ``!ENV`` reads only the documented
settings, each checked for what it must be.

mkdocs.yml is read as YAML nodes (no value constructed, no tag run), so its own tags
(``!ENV``, ``!!python/name``) are seen as written, with their lines.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ..errors import Problem, SpecError
from ..model.foreign_files import foreign_files
from ..paths import SNIPPETS_DIR
from ..settings import (
    FEEDBACK_VARIABLE,
    FULL_SITE_VARIABLE,
    SETTING_VARIABLES,
    TRY_IT_VARIABLE,
    endpoint_url_problem,
)

__all__ = ["check_site_inputs", "site_input_problems", "spec_file"]

_ENV_TAG = "!ENV"
#: Settings under ``extra:`` that the pages' scripts call: URL, and whether a base URL.
_ENDPOINTS = {"feedback_endpoint": False, "try_it_url": True}
_ENDPOINT_VARIABLES = {FEEDBACK_VARIABLE: False, TRY_IT_VARIABLE: True}
_BOOLEAN_WORDS = {"true", "false", "yes", "no", "on", "off", "1", "0", ""}


def spec_file(config_file: str | Path, spec: str) -> Path:
    """api.yaml as the guides plugin's ``spec`` option names it: relative to mkdocs.yml."""
    return Path(config_file).parent / spec


def check_site_inputs(config_file: Path) -> None:
    """Raise `SpecError` naming every input of the build that must not be published."""
    problems = site_input_problems(config_file)
    if problems:
        raise SpecError(problems)


def site_input_problems(config_file: Path) -> list[Problem]:
    """Every problem of mkdocs.yml and of the files the build would read; none if fine."""
    config_file = config_file.absolute()
    root = config_file.parent
    name = config_file.name
    foreign = foreign_files(root, [config_file])
    if foreign:
        return foreign  # not read: it is not the repository's
    try:
        document = yaml.compose(config_file.read_text(encoding="utf-8"),
                                Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        return [Problem(name, f"cannot be read: {err}")]
    if not isinstance(document, yaml.MappingNode):
        return [Problem(name, "is not a mapping of settings")]
    config = _Mapping(document)
    inputs = [root / _text(config.get("docs_dir"), "docs")]
    theme = _Mapping(config.get("theme"))
    custom_dir = _text(theme.get("custom_dir"), "")
    if custom_dir:
        inputs.append(root / custom_dir)
    spec = spec_file(config_file, _guides_spec(config.get("plugins")))
    inputs += [spec, spec.parent / SNIPPETS_DIR]
    # Code the build runs: MkDocs' hooks and the Markdown copies' preprocess module.
    inputs += [root / path for path in _code_files(config)]
    problems = [*_environment_problems(name, document),
                *_asset_problems(name, config, theme),
                *_reading_problems(name, config),
                *_endpoint_problems(name, _Mapping(config.get("extra")))]
    return problems + foreign_files(root, inputs)


class _Mapping:
    """The entries of a mapping node by key; an empty one for anything else."""

    def __init__(self, node: yaml.Node | None) -> None:
        self.entries: dict[str, yaml.Node] = {}
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    self.entries[str(key.value)] = value

    def get(self, key: str) -> yaml.Node | None:
        return self.entries.get(key)


def _text(node: yaml.Node | None, default: str) -> str:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else default


def _guides_spec(plugins: yaml.Node | None) -> str:
    """The guides plugin's ``spec`` option: where api.yaml is, relative to mkdocs.yml."""
    for item in plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins]:
        options = _Mapping(item).get("guides")
        if options is not None:
            return _text(_Mapping(options).get("spec"), "api.yaml")
    return "api.yaml"


def _code_files(config: _Mapping) -> list[str]:
    """The files of Python code mkdocs.yml names: ``hooks`` and llmstxt's ``preprocess``."""
    hooks = config.get("hooks")
    files = [_text(node, "") for node in hooks.value] if isinstance(
        hooks, yaml.SequenceNode) else []
    plugins = config.get("plugins")
    for item in plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins]:
        options = _Mapping(item).get("llmstxt")
        files.append(_text(_Mapping(options).get("preprocess"), ""))
    return [path for path in files if path]


def _at(file: str, node: yaml.Node, message: str) -> Problem:
    return Problem(file, message, node.start_mark.line + 1, node.start_mark.column + 1)


def _nodes(node: yaml.Node) -> Iterator[yaml.Node]:
    yield node
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nodes(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _nodes(key)
            yield from _nodes(value)


def _environment_problems(file: str, document: yaml.Node) -> Iterator[Problem]:
    """``!ENV`` reads only the documented settings, and what it reads is what they must be."""
    for node in _nodes(document):
        if node.tag != _ENV_TAG:
            continue
        variables, default = _env_parts(node)
        unknown = [v for v in variables if v not in SETTING_VARIABLES]
        if unknown or not variables:
            named = ", ".join(unknown) or "without a variable"
            yield _at(file, node, f"!ENV {named} would write the "
                      "build's environment into the site; write the value itself (only "
                      f"{', '.join(SETTING_VARIABLES)} are read from the environment)")
            continue
        variable = next((v for v in variables if os.environ.get(v)), None)
        value = os.environ[variable] if variable else default
        problem = _setting_problem(variables[0], value)
        if problem is not None:
            source = f"{variable} from the environment" if variable else "its default"
            yield _at(file, node, f"{variables[0]}: {value!r} ({source}) {problem}")


def _env_parts(node: yaml.Node) -> tuple[list[str], str]:
    """``!ENV VAR`` or ``!ENV [VAR, …, default]``: the variables, and the default as text."""
    if isinstance(node, yaml.ScalarNode):
        return [str(node.value)], ""
    if isinstance(node, yaml.SequenceNode) and all(
            isinstance(item, yaml.ScalarNode) for item in node.value):
        items = [str(item.value) for item in node.value]
        if len(items) == 1:
            return items, ""
        return items[:-1], items[-1]
    return [], ""


def _setting_problem(variable: str, value: str) -> str | None:
    if variable == FULL_SITE_VARIABLE:
        return None if value.strip().lower() in _BOOLEAN_WORDS else "is not true or false"
    if not value and variable == TRY_IT_VARIABLE:
        return None  # unset: no Try it control
    return endpoint_url_problem(value, base=_ENDPOINT_VARIABLES[variable])


#: Markdown extensions that put a file's content into a page: a page could then publish any
#: file the build can read (``--8<-- "/proc/self/environ"``).
_READING_EXTENSIONS = ("pymdownx.snippets", "pymdownx.b64", "markdown_include.include",
                       "mdx_include")


def _reading_problems(file: str, config: _Mapping) -> Iterator[Problem]:
    """No inherited configuration (its settings would escape these checks) and no Markdown
    extension that includes files."""
    inherit = config.get("INHERIT")
    if inherit is not None:
        yield _at(file, inherit, "INHERIT is refused: the settings of another file would not "
                                 "be checked here; write them in mkdocs.yml itself")
    extensions = config.get("markdown_extensions")
    for item in extensions.value if isinstance(extensions, yaml.SequenceNode) else []:
        names = [item] if isinstance(item, yaml.ScalarNode) else [
            key for key, _value in item.value] if isinstance(item, yaml.MappingNode) else []
        for node in names:
            if isinstance(node, yaml.ScalarNode) and node.value in _READING_EXTENSIONS:
                yield _at(file, node, f"the Markdown extension {node.value} includes files in "
                                      "pages, which could publish any file the build can "
                                      "read; the pages show samples from snippets/ instead")


def _endpoint_problems(file: str, extra: _Mapping) -> Iterator[Problem]:
    """The URLs the pages' scripts call, when written in mkdocs.yml itself."""
    for key, base in _ENDPOINTS.items():
        node = extra.get(key)
        if isinstance(node, yaml.ScalarNode) and node.tag != _ENV_TAG and node.value:
            problem = endpoint_url_problem(str(node.value), base=base)
            if problem is not None:
                yield _at(file, node, f"extra.{key}: {node.value!r} {problem}")


def _asset_problems(file: str, config: _Mapping, theme: _Mapping) -> Iterator[Problem]:
    """Every script, style sheet, font and image comes from the site itself."""
    for key in ("extra_css", "extra_javascript"):
        listed = config.get(key)
        for item in listed.value if isinstance(listed, yaml.SequenceNode) else []:
            path = _Mapping(item).get("path") if isinstance(item, yaml.MappingNode) else item
            if isinstance(path, yaml.ScalarNode) and _foreign_origin(str(path.value)):
                yield _at(file, path, f"{key}: {path.value!r} is loaded from another origin; "
                          "copy it under the docs folder, so the site serves it itself")
    for key in ("logo", "favicon"):
        node = theme.get(key)
        if isinstance(node, yaml.ScalarNode) and _foreign_origin(str(node.value)):
            yield _at(file, node, f"theme.{key}: {node.value!r} is loaded from another "
                      "origin; copy it under the docs folder")
    theme_node = config.get("theme")
    name = theme.get("name") or theme_node
    font = theme.get("font")
    if name is not None and _text(name, "") == "material" and not (
            isinstance(font, yaml.ScalarNode) and str(font.value).lower() == "false"):
        yield _at(file, font or name, "theme.font: Material then loads fonts from Google "
                  "Fonts, so every visit reaches a third party; set `font: false` "
                  "(system fonts)")
    provider = _Mapping(_Mapping(config.get("extra")).get("analytics")).get("provider")
    if isinstance(provider, yaml.ScalarNode) and provider.value != "custom":
        yield _at(file, provider, f"extra.analytics.provider: {provider.value!r} loads a "
                  "third party's script; the feedback widget is the `custom` provider")


def _foreign_origin(url: str) -> bool:
    """Whether `url` names a host or scheme: anything but a path on the site itself."""
    stripped = "".join(url.split())
    try:
        parts = urlsplit(stripped)
    except ValueError:
        return True
    return bool(parts.scheme or parts.netloc or stripped.startswith(("//", "\\")))
