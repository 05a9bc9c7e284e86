"""The field reference of api.yaml, rendered from the models themselves."""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated, Literal

import markdown
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from generator.model import models
from generator.model.models import Spec
from generator.render import render_field_reference
from generator.render.reference import model_sections, referenced_models


class _Model(BaseModel):
    model_config = ConfigDict(use_attribute_docstrings=True)


class Leaf(_Model):
    """A leaf <script>alert('owned')</script> & its <b>kin</b>."""

    name: str
    """Its name; raw <img src=x onerror=alert(1)> & `<kept>` in code."""
    speed: Literal["fast", "slow"] = "fast"
    """How it grows."""


class Root(_Model):
    """The root of the file."""

    leaves: Annotated[list[Leaf], Field(min_length=1)]
    """Every leaf."""
    note: str | None = None
    """A remark, if any."""
    count: Annotated[int, Field(ge=1)] = 3
    """How many."""
    by_name: dict[str, Leaf] = {}
    """Leaves by name."""
    _secret: str = PrivateAttr("hidden")

    @property
    def total(self) -> int:
        """A property: code, not a field."""
        return self.count

    @cached_property
    def first(self) -> Leaf:
        return self.leaves[0]

    def helper(self) -> None:
        """A method."""


def rendered(root: type[BaseModel] = Root) -> str:
    html: str = markdown.markdown(render_field_reference(root),
                                  extensions=["attr_list", "def_list", "md_in_html", "toc"])
    return html


def test_docstrings_are_text_not_markup() -> None:
    html = rendered()
    assert "<script" not in html and "<b>" not in html and "<img" not in html
    assert ("A leaf &lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt; &amp; its "
            "&lt;b&gt;kin") in html
    assert "raw &lt;img src=x onerror=alert(1)&gt; &amp; <code>&lt;kept&gt;</code>" in html


def test_a_nested_model_links_to_its_section() -> None:
    html = rendered()
    assert '<h3 id="model-leaf"><code>Leaf</code></h3>' in html
    assert '<code>list&#91;<a href="#model-leaf">Leaf</a>&#93;</code>' in html
    assert '<code>dict&#91;str, <a href="#model-leaf">Leaf</a>&#93;</code>' in html


def test_a_field_is_anchored_at_its_path_in_the_file() -> None:
    ids = element_ids(rendered())
    assert {"leaves", "leaves.name", "leaves.speed", "note", "count", "by_name"} <= ids


def test_types_read_as_an_editor_writes_them() -> None:
    types = {(section.name, entry.name): str(entry.type)
             for section in model_sections(Root) for entry in section.fields}
    assert types[("Root", "note")] == "str | None"
    assert types[("Root", "count")] == "int"
    assert types[("Leaf", "speed")] == "&#34;fast&#34; | &#34;slow&#34;"


def test_required_fields_and_defaults_are_shown() -> None:
    fields = {entry.name: entry for section in model_sections(Root) for entry in section.fields}
    assert (fields["leaves"].required, fields["leaves"].default) == (True, None)
    assert (fields["note"].required, fields["note"].default) == (False, None)
    assert fields["count"].default == "3"
    assert fields["by_name"].default == "{}"
    assert fields["speed"].default == '"fast"'
    html = rendered()
    assert "<em>required</em>" in html
    assert "<em>optional</em>, default <code>3</code>" in html
    assert "<em>optional</em>, default <code>\"fast\"</code>" in html


def test_only_fields_are_listed() -> None:
    html = rendered()
    ids = element_ids(html)
    assert {i for i in ids if not i.startswith("model-")} == {
        "leaves", "leaves.name", "leaves.speed", "note", "count", "by_name"}
    for code in ("_secret", "total", "first", "helper", "model_config"):
        assert code not in html


def test_models_come_in_the_order_an_editor_meets_them() -> None:
    assert referenced_models(Root) == [Root, Leaf]
    order = [model.__name__ for model in referenced_models(Spec)]
    assert order[:3] == ["Spec", "Site", "Pages"]
    assert order.index("ErrorCode") < order.index("Threshold") < order.index("CategoryRule")


def test_every_public_field_of_every_model_of_api_yaml_is_listed() -> None:
    public = {cls for cls in vars(models).values() if isinstance(cls, type)
              and issubclass(cls, BaseModel) and cls.__module__ == models.__name__
              and not cls.__name__.startswith("_")}
    assert set(referenced_models(Spec)) == public
    ids = element_ids(rendered(Spec))
    assert {f"model-{cls.__name__.lower()}" for cls in public} <= ids
    unlisted = [f"{cls.__name__}.{field}" for cls in public for field in cls.model_fields
                if not any(i == field or i.endswith(f".{field}") for i in ids)]
    assert unlisted == []


def element_ids(html: str) -> set[str]:
    return set(re.findall(r' id="([^"]+)"', html))
