"""Files a sample reads from outside its folder, where its text shows them.

A sample is proven by running it from its folder, and a re-run is skipped only while
that folder is unchanged: a path that leaves it (``../``, ``~/``, ``$HOME``, an absolute
path into the file system) or a Node package found in a ``node_modules`` above it could
change behind the check's back, and a reader who copies the sample does not have it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["outside_reads"]

_OUTSIDE = re.compile(
    r"(?<![\w.])\.\.[/\\]"                      # ../data.json
    r"|(?<![\w/])~/"                            # ~/notes
    r"|\$\{?HOME\b|\bexpanduser\(|\bhomedir\(\)"  # $HOME, Path.expanduser, os.homedir()
    r"|(?<![\w}.:/-])/(?:etc|home|root|tmp|var|usr|opt|srv|mnt|media|proc|sys|run)/")
#: A bare import in a Node module: a package, resolved from node_modules folders above.
_PACKAGE_IMPORT = re.compile(
    r"""(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"'./][^"']*)["']""")


def outside_reads(text: str, filename: str) -> Iterator[tuple[int, str]]:
    """(line, what) for each read outside the sample's folder that its text shows."""
    for number, line in enumerate(text.splitlines(), 1):
        if number == 1 and line.startswith("#!"):
            continue  # the interpreter, not a file the sample reads
        for match in _OUTSIDE.finditer(line):
            yield number, f"{match.group(0)!r} reaches outside its folder"
        if filename.endswith((".mjs", ".js", ".cjs")):
            for match in _PACKAGE_IMPORT.finditer(line):
                if not match.group(1).startswith("node:"):
                    yield number, (f"imports the package {match.group(1)!r}, read from a "
                                   "node_modules folder outside it (built-in modules are "
                                   "written with node:, e.g. 'node:fs')")
