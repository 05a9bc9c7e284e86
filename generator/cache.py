"""A content-addressed record of the last validated pages.

Validation needs pydantic, ruamel.yaml and Jinja2 and dominates the generator's cost; when
nothing it reads has changed, a build reuses its result. The key covers every input:
api.yaml, the snippets, the hand-written pages (for link checks), and this package's own
code and templates.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import multiprocessing.process
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from .atomic import write_atomically
from .fingerprint import PACKAGE, digest_files, files_under
from .paths import SNIPPETS_DIR

__all__ = ["CACHE_FILE", "Rendered", "prefetch", "validate_cached"]

#: Relative to the folder of api.yaml; ignored by git.
CACHE_FILE = Path(".cache") / "guides" / "pages.json"


@dataclass(frozen=True)
class Rendered:
    """What the site needs from a validated api.yaml."""

    pages: dict[str, str]
    site_url: str
    digest: str
    """SHA-256 of api.yaml: the content version the pages were built from."""
    edit_urls: dict[str, str]
    """Page file -> where its source is edited (api.yaml's line for a generated page)."""
    openapi: str
    """The OpenAPI document of api.yaml, published beside the pages."""


#: Validations running in a child process, by (api.yaml, docs folder).
_pending: dict[tuple[Path, Path], multiprocessing.process.BaseProcess] = {}


def prefetch(spec_path: Path, docs_dir: Path) -> None:
    """Start validating in a child process, so that it overlaps MkDocs' start-up.

    The child only fills the cache; `validate_cached` waits for it, and on a miss (an
    invalid spec) validates itself, so errors are still raised in this process.
    """
    paths = (spec_path.resolve(), docs_dir.resolve())
    if paths in _pending or not paths[0].is_file():
        return
    child = multiprocessing.get_context("fork").Process(
        target=_validate_quietly, args=paths, daemon=True)
    child.start()
    _pending[paths] = child


def _validate_quietly(spec_path: Path, docs_dir: Path) -> None:
    with contextlib.suppress(Exception):
        validate_cached(spec_path, docs_dir)


def validate_cached(spec_path: Path, docs_dir: Path) -> Rendered:
    """`pipeline.validate`'s result for these inputs, from the cache when they are unchanged."""
    spec_path = spec_path.resolve()
    child = _pending.pop((spec_path, docs_dir.resolve()), None)
    if child is not None:
        child.join()
    cache_file = spec_path.parent / CACHE_FILE
    key = _inputs_key(spec_path, docs_dir)
    cached = _read(cache_file, key)
    if cached is not None:
        return cached
    # The expensive imports, only when needed.
    from .openapi import openapi_json
    from .pipeline import hand_written_pages, validate
    from .render import page_sources

    project, pages = validate(spec_path, docs_dir)
    docs_folder = Path(os.path.relpath(docs_dir.resolve(), spec_path.parent)).as_posix()
    rendered = Rendered(pages, project.spec.site.url, project.digest, page_sources(
        project, hand_written_pages(docs_dir), docs_folder), openapi_json(project.spec))
    _write(cache_file, key, rendered)
    return rendered


def _inputs_key(spec_path: Path, docs_dir: Path) -> str:
    return digest_files([spec_path, *files_under(spec_path.parent / SNIPPETS_DIR),
                         *files_under(docs_dir, ".md"), *files_under(PACKAGE, ".py", ".j2")],
                        sys.version)


def _read(cache_file: Path, key: str) -> Rendered | None:
    try:
        record = json.loads(cache_file.read_text(encoding="utf-8"))
        if record.get("key") != key:
            return None
        return Rendered(**record["rendered"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(cache_file: Path, key: str, rendered: Rendered) -> None:
    # A cache that cannot be written only costs time.
    with contextlib.suppress(OSError):
        write_atomically(cache_file, json.dumps({"key": key, "rendered": asdict(rendered)}),
                         durable=False)
