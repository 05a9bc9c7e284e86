"""The field reference of api.yaml, read from the models that validate it.

Every model the root model holds is one section: its docstring, then each field with its
type, whether it is required (or its default) and its docstring. Only the models' fields are
listed: their properties, methods and private attributes are code, not something an editor
writes. A field's anchor is its path in api.yaml (``errors.status``), from the first place an
editor meets it; a model's is its name in lower case after "model-" (``model-errorcode``).
"""

from __future__ import annotations

import inspect
import types
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from markupsafe import Markup, escape
from pydantic import BaseModel
from pydantic_core import to_json

__all__ = ["FieldEntry", "ModelSection", "model_sections", "referenced_models"]


@dataclass(frozen=True)
class FieldEntry:
    """One field of a model, as the reference shows it."""

    name: str
    anchor: str
    type: Markup
    """Its type as inline HTML, models linking to their sections."""
    default: str | None
    """Its default as JSON text; None when the field is required or defaults to nothing."""
    required: bool
    description: str


@dataclass(frozen=True)
class ModelSection:
    """One model: what it describes and its fields, in source order."""

    name: str
    anchor: str
    description: str
    fields: tuple[FieldEntry, ...]


def referenced_models(root: type[BaseModel]) -> list[type[BaseModel]]:
    """`root` and every model its fields hold, depth first in field order: the order in
    which an editor meets them in the file."""
    found: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in found:
            return
        found.append(model)
        for field in model.model_fields.values():
            for held in _models_in(field.annotation):
                visit(held)

    visit(root)
    return found


def model_sections(root: type[BaseModel]) -> list[ModelSection]:
    """The reference of `root` and every model it holds."""
    models = referenced_models(root)
    anchors = {model: f"model-{model.__name__.lower()}" for model in models}
    paths = _field_paths(root)
    return [ModelSection(model.__name__, anchors[model], inspect.getdoc(model) or "",
                         _fields(model, anchors, paths[model])) for model in models]


def _field_paths(root: type[BaseModel]) -> dict[type[BaseModel], str]:
    """Where each model is first met in api.yaml, as a dotted path ("" for the root)."""
    paths: dict[type[BaseModel], str] = {root: ""}

    def visit(model: type[BaseModel]) -> None:
        for name, field in model.model_fields.items():
            for held in _models_in(field.annotation):
                if held not in paths:
                    paths[held] = _join(paths[model], name)
                    visit(held)

    visit(root)
    return paths


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _fields(model: type[BaseModel], anchors: Mapping[type, str],
            path: str) -> tuple[FieldEntry, ...]:
    entries = []
    for name, field in model.model_fields.items():
        required = field.is_required()
        default = None if required else field.get_default(call_default_factory=True)
        entries.append(FieldEntry(
            name=name, anchor=_join(path, name),
            type=_type_markup(field.annotation, anchors), required=required,
            default=None if default is None else to_json(default).decode(),
            description=field.description or ""))
    return tuple(entries)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models_in(arg)]


def _type_markup(annotation: Any, anchors: Mapping[type, str]) -> Markup:
    """`list[Example]`, `"GET" | "POST"`, `str | None`: the type as an editor reads it.

    Brackets are written as entities, so that Markdown cannot take them for a link.
    """
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Annotated:
        return _type_markup(args[0], anchors)
    if origin is Literal:
        return Markup(" | ").join(escape(to_json(value).decode()) for value in args)
    if origin in (Union, types.UnionType):
        return Markup(" | ").join(_type_markup(arg, anchors) for arg in args)
    if annotation is type(None):
        return Markup("None")
    if annotation is Any:
        return Markup("any")
    if origin is not None:
        inner = Markup(", ").join(_type_markup(arg, anchors) for arg in args)
        return Markup("{}&#91;{}&#93;").format(getattr(origin, "__name__", str(origin)), inner)
    if annotation in anchors:
        return Markup('<a href="#{}">{}</a>').format(anchors[annotation], annotation.__name__)
    return escape(getattr(annotation, "__name__", str(annotation)))
