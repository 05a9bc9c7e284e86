"""The one cache: records found only under the key of their inputs; failures cost only time."""

from __future__ import annotations

import os
from pathlib import Path

from generator.cache import Cache, content_key


def test_a_record_is_found_under_its_key_only(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "records")
    cache.put("one", {"pages": ["a.md"]})
    assert cache.get("one") == {"pages": ["a.md"]}
    assert cache.get("two") is None


def test_a_key_changes_with_any_input(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("first", encoding="utf-8")
    other = tmp_path / "other.md"
    keys = {content_key(text="a", files=[page])}
    page.write_text("second", encoding="utf-8")
    keys.add(content_key(text="a", files=[page]))
    keys.add(content_key(text="b", files=[page]))
    keys.add(content_key(text="a", files=[page, other]))
    keys.add(content_key(texts="a", files=[page]))
    assert len(keys) == 5
    # The same inputs, named in another order: the same key.
    assert content_key(files=[page], text="a") == content_key(text="a", files=[page])


def test_only_the_newest_records_are_kept(tmp_path: Path) -> None:
    cache = Cache(tmp_path, keep=2)
    for number, key in enumerate(("old", "middle", "new")):
        cache.put(key, number)
        os.utime(tmp_path / f"{key}.json", ns=(number * 10**9, number * 10**9))
    cache.put("newest", 3)
    assert sorted(path.stem for path in tmp_path.glob("*.json")) == ["new", "newest"]


def test_a_cache_in_place_of_a_file_only_misses(tmp_path: Path) -> None:
    (tmp_path / "records").write_text("a file, not a folder", encoding="utf-8")
    cache = Cache(tmp_path / "records")
    cache.put("key", 1)
    assert cache.get("key") is None
