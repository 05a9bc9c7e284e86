"""`guides build`: validate, build with MkDocs into a staging folder, swap it in for site/."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import TextIO

from jinja2 import TemplateSyntaxError
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from ..atomic import publish_folder, staging_folder
from ..build import site_content
from ..errors import BuildError
from ..settings import try_it_base_url
from .input_checks import check_site_inputs, spec_file
from .mkdocs_log import mkdocs_log, template_error

__all__ = ["build_site", "build_strict"]


def build_site(config_file: Path, site_dir: Path, log: TextIO) -> None:
    """Validate and build into a temporary folder, then swap it in for `site_dir`.

    On any failure the previous `site_dir` is left exactly as it was.
    """
    # Before anything is read for the pages or written: only the repository is published.
    check_site_inputs(config_file)
    site_dir = site_dir.resolve()
    staging = staging_folder(site_dir, ".site-new-")
    try:
        build_strict(config_file, staging, log)
        publish_folder(staging, site_dir)
    except BuildError as err:
        raise BuildError(f"{err}\n{site_dir.name}/ was left unchanged") from err
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def build_strict(config_file: Path, site_dir: Path, log: TextIO) -> None:
    """Validate api.yaml, then ``mkdocs build --strict`` into `site_dir`, in this process.

    Invalid input raises the `GuidesError` that describes it, before MkDocs builds anything
    (the plugin then finds the pages in the cache); MkDocs' own failures raise `BuildError`.
    MkDocs' log goes to `log` once it is done.
    """
    buffer = io.StringIO()
    with mkdocs_log(buffer):
        try:
            config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
            # The guides plugin's pages, validated before MkDocs runs (which would wrap the
            # error); read by its name, so that the build never imports the hooks.
            plugin = config.plugins.get("guides")
            if plugin is not None:
                sandbox_url = try_it_base_url(config.extra.get("try_it_url") or "")
                site_content(spec_file(config.config_file_path, plugin.config["spec"]),
                             Path(config.docs_dir), sandbox_url)
            build(config)
        except (Abort, ConfigurationError) as err:
            log.write(buffer.getvalue())
            raise BuildError(f"mkdocs: {err}") from err
        except TemplateSyntaxError as err:
            log.write(buffer.getvalue())
            raise template_error(err, config_file) from None
    log.write(buffer.getvalue())
