"""Generated hostile text into every text api.yaml and a recording can carry: the HTML holds
no element, attribute or URL scheme outside the allowlist, and plain text stays its text."""

from __future__ import annotations

import dataclasses
from typing import Any

from annotated_types import MinLen
from hypothesis import HealthCheck, example, given, settings
from pydantic import BaseModel

from generator.model import Project, load_project
from generator.model.prose import Text, parse, visible
from generator.render import render_pages
from generator.render.inert_markdown import inert_text
from generator.site.guard import sanitize_content
from tests.conftest import REPO
from tests.render.hostile import hostile_text, outside_allowlist, read, to_html

_PROJECT = load_project(REPO / "api.yaml")


@settings(max_examples=200, deadline=None)
@given(hostile_text)
def test_escaped_text_holds_no_markup_outside_the_allowlist(text: str) -> None:
    html = to_html(inert_text(text))
    assert outside_allowlist(html) == [], (text, html)


@settings(max_examples=200, deadline=None)
@given(hostile_text)
def test_text_without_code_or_links_is_shown_as_its_text(text: str) -> None:
    if not all(isinstance(token, Text) for token in parse(text)):
        return
    html = to_html(inert_text(text))
    shown = "".join(read(html).text)
    assert " ".join(shown.split()) == " ".join(visible(text).split()), (text, html)
    assert read(html).tags <= {"p", "br", "pre", "code"}, (text, html)


def _is_text(info: Any) -> bool:
    """A free-text field (`Text`): a minimum length and no pattern."""
    return info.annotation is str and any(isinstance(m, MinLen) for m in info.metadata) \
        and not any(getattr(m, "pattern", None) for m in info.metadata)


def _hostile_model(model: Any, text: str) -> Any:
    if isinstance(model, list):
        return [_hostile_model(item, text) for item in model]
    if isinstance(model, dict):
        return {key: _hostile_model(value, text) for key, value in model.items()}
    if not isinstance(model, BaseModel):
        return model
    update = {name: text if _is_text(info) and isinstance(getattr(model, name), str)
              else _hostile_model(getattr(model, name), text)
              for name, info in type(model).model_fields.items()}
    return model.model_copy(update=update)


def _hostile_json(value: Any, text: str, *, keys: bool = True) -> Any:
    if isinstance(value, str):
        return text
    if isinstance(value, list):
        return [_hostile_json(item, text) for item in value]
    if isinstance(value, dict):
        return {(text + key if keys else key): _hostile_json(item, text)
                for key, item in value.items()}
    return value


def _hostile_project(text: str) -> Project:
    recordings = {example_id: {"verified": _hostile_json(recording["verified"], text,
                                                           keys=False),
                               "request": recording["request"],
                               "response": {**recording["response"],
                                            "headers": _hostile_json(
                                                recording["response"]["headers"], text),
                                            "body": _hostile_json(
                                                recording["response"]["body"], text)}}
                  for example_id, recording in _PROJECT.recordings.items()}
    return dataclasses.replace(_PROJECT, spec=_hostile_model(_PROJECT.spec, text),
                               recordings=recordings)


def test_the_corpus_reaches_text_fields() -> None:
    pages = render_pages(_hostile_project("HOSTILE-MARK"))
    assert sum(page.count("HOSTILE-MARK") for page in pages.values()) > 100


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
# Found by the search once: a carriage return ended a code block nested in a tab.
@example("a\r<img src=x onerror=alert(1)>")
def test_every_page_from_hostile_api_yaml_and_recordings_holds_only_allowed_markup(
        text: str) -> None:
    for path, page in render_pages(_hostile_project(text)).items():
        # The front matter is read by MkDocs as YAML (the values as JSON strings), not shown.
        if page.startswith("---\n"):
            page = page[page.index("\n---\n", 4) + 5:]
        html = to_html(page)
        assert outside_allowlist(html) == [], (path, text)
        assert outside_allowlist(sanitize_content(html)) == [], (path, text)
