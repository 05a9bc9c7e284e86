"""Two Specs walked side by side: every value that differs, where it is on each side.

Lists of entries are matched by what identifies them (a code, an id, a method and path),
not by position, so moving an entry is no change and renaming one is one change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from ..model.source import Loc

__all__ = ["ITEM", "Difference", "differences"]

#: Stands for one entry of a list or a mapping in a `Difference`'s path.
ITEM = "*"

Op = Literal["added", "removed", "changed", "renamed"]


@dataclass(frozen=True)
class Difference:
    """One value that differs between BASE and HEAD."""

    op: Op
    path: tuple[str, ...]
    """Field names from the top, `ITEM` for an entry, e.g. ``("errors", "*", "status")``."""
    keys: tuple[str, ...]
    """What names each `ITEM` of `path`, e.g. ``("INVALID_TOKEN",)``."""
    base: Loc | None
    """Where it is in BASE (None when added)."""
    head: Loc | None
    """Where it is in HEAD (None when removed)."""
    old: Any = None
    new: Any = None


def _key(*fields: str) -> Callable[[Any], str]:
    return lambda item: " ".join(str(getattr(item, field)) for field in fields)


#: Path of a list of entries -> what identifies an entry; other lists go by position, and
#: lists of plain values by value.
_ENTRY_KEYS: dict[tuple[str, ...], Callable[[Any], str]] = {
    ("errors",): _key("code"),
    ("examples",): _key("id"),
    ("endpoints",): _key("method", "path"),
    ("objects",): _key("name"),
    ("objects", ITEM, "fields"): _key("name"),
    ("field_values",): _key("field"),
    ("field_values", ITEM, "values"): _key("value"),
    ("auth_methods",): _key("id"),
    ("headers",): _key("name"),
    ("scopes",): _key("id"),
    ("plans",): _key("id"),
    ("category_rules",): _key("category", "header"),
    ("https_headers",): _key("header"),
    ("changes",): _key("anchor"),
}

#: Path of a list of entries -> the field an entry keeps when renamed (the rest equal).
_RENAME_ALIKE: dict[tuple[str, ...], tuple[str, ...]] = {
    ("errors",): ("status", "message"),
}


def differences(base: BaseModel, head: BaseModel) -> list[Difference]:
    """Every difference between `base` and `head`, in HEAD's order."""
    return list(_walk(base, head, (), (), (), ()))


def _walk(old: Any, new: Any, path: tuple[str, ...], keys: tuple[str, ...],
          at_base: Loc, at_head: Loc) -> Iterator[Difference]:
    if old == new:
        return
    if old is None or new is None:
        yield Difference("added" if old is None else "removed", path, keys,
                         None if old is None else at_base, None if new is None else at_head,
                         old, new)
    elif isinstance(old, BaseModel) and type(old) is type(new):
        for name in type(old).model_fields:
            yield from _walk(getattr(old, name), getattr(new, name), (*path, name), keys,
                             (*at_base, name), (*at_head, name))
    elif isinstance(old, dict) and isinstance(new, dict):
        yield from _entries(dict(_pairs(old)), dict(_pairs(new)), path, keys, at_base,
                            at_head, by_position=False)
    elif isinstance(old, list) and isinstance(new, list):
        yield from _list(old, new, path, keys, at_base, at_head)
    else:
        yield Difference("changed", path, keys, at_base, at_head, old, new)


def _pairs(mapping: dict[Any, Any]) -> Iterator[tuple[str, tuple[Any, Any]]]:
    for key, value in mapping.items():
        yield str(key), (key, value)


def _list(old: list[Any], new: list[Any], path: tuple[str, ...], keys: tuple[str, ...],
          at_base: Loc, at_head: Loc) -> Iterator[Difference]:
    key = _ENTRY_KEYS.get(path)
    plain = all(not isinstance(v, BaseModel | dict | list) for v in (*old, *new))
    if key is not None:
        yield from _entries({key(v): (i, v) for i, v in enumerate(old)},
                            {key(v): (i, v) for i, v in enumerate(new)},
                            path, keys, at_base, at_head, by_position=True)
    elif plain and old and new and any(isinstance(v, str) for v in (*old, *new)):
        # A set of names (scopes, accepts, codes): what left and what came.
        yield from _entries({str(v): (i, v) for i, v in enumerate(old)},
                            {str(v): (i, v) for i, v in enumerate(new)},
                            path, keys, at_base, at_head, by_position=True, leaves=True)
    else:
        yield from _entries({str(i): (i, v) for i, v in enumerate(old)},
                            {str(i): (i, v) for i, v in enumerate(new)},
                            path, keys, at_base, at_head, by_position=True)


def _entries(old: dict[str, tuple[Any, Any]], new: dict[str, tuple[Any, Any]],
             path: tuple[str, ...], keys: tuple[str, ...], at_base: Loc, at_head: Loc, *,
             by_position: bool, leaves: bool = False) -> Iterator[Difference]:
    """Entries matched by name; one removed and one added that are alike, a rename."""
    inner = (*path, ITEM)
    gone = [name for name in old if name not in new]
    came = [name for name in new if name not in old]
    renamed: dict[str, str] = {}
    if not leaves:
        for name in gone:
            twin = next((c for c in came if c not in renamed.values()
                         and _alike(path, old[name][1], new[c][1])), None)
            if twin is not None:
                renamed[name] = twin
    for name in gone:
        where, value = old[name]
        if name in renamed:
            twin = renamed[name]
            yield Difference("renamed", inner, (*keys, twin), (*at_base, where),
                             (*at_head, new[twin][0]), name, twin)
        else:
            yield Difference("removed", inner, (*keys, name), (*at_base, where), None, value)
    for name, (where, value) in new.items():
        if name in came:
            if name not in renamed.values():
                yield Difference("added", inner, (*keys, name), None, (*at_head, where),
                                 None, value)
        elif not leaves:
            yield from _walk(old[name][1], value, inner, (*keys, name),
                             (*at_base, old[name][0]), (*at_head, where))


def _alike(path: tuple[str, ...], old: Any, new: Any) -> bool:
    """Whether `new` is `old` under another name: equal in all but the name (or, for an
    error code, in what identifies it to a reader)."""
    fields = _RENAME_ALIKE.get(path)
    if fields is not None:
        return all(getattr(old, f) == getattr(new, f) for f in fields)
    key = _ENTRY_KEYS.get(path)
    if isinstance(old, BaseModel) and isinstance(new, BaseModel) and key is not None:
        differing = [n for n in type(old).model_fields if getattr(old, n) != getattr(new, n)]
        return len(differing) <= 1  # only the name field
    # A field of a body or a header under another name, holding what it held.
    return old is not None and old == new
