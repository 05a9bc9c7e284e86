"""The collector paused over a loading step: what the step keeps is not traversed again at
the next collection, and its cyclic garbage is still found."""

from __future__ import annotations

import gc
import weakref

from generator.model.collection import collection_paused


class _Node:
    """A tracked object that can take part in a cycle."""

    partner: _Node | None = None


def test_what_a_step_keeps_leaves_the_youngest_generation() -> None:
    with collection_paused():
        kept = _Node()
    assert gc.isenabled()
    assert not any(found is kept for found in gc.get_objects(generation=0))
    assert any(found is kept for found in gc.get_objects(generation=2))


def test_cyclic_garbage_of_a_step_is_still_collected() -> None:
    with collection_paused():
        first, second = _Node(), _Node()
        first.partner, second.partner = second, first
        gone = weakref.ref(first)
    del first, second
    gc.collect()
    assert gone() is None


def test_a_nested_step_leaves_the_collector_paused_until_the_outer_one_ends() -> None:
    with collection_paused():
        with collection_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
