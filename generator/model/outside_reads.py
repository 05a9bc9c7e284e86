"""Files a sample reads from outside its folder, where its text shows them.

A sample is proven by running it from its folder, and a re-run is skipped only while
that folder is unchanged: a path that leaves it (``../``, ``~/``, ``$HOME``, an absolute
path into the file system) or a Node package found in a ``node_modules`` above it could
change behind the check's back, and a reader who copies the sample does not have it.
"""

from __future__ import annotations

import re

__all__ = ["outside_reads"]

#: Each branch starts with a character, its look-behind right after it: Python's re then
#: skips straight to those characters, where an opening look-behind made it try every
#: position (25 times slower; validation reads every sample of every example).
_OUTSIDE = re.compile(
    r"\.(?<![\w.]\.)\.[/\\]"                  # ../data.json
    r"|~(?<![\w/]~)/"                          # ~/notes
    r"|\$\{?HOME\b"                            # $HOME, ${HOME}
    r"|e(?<!\we)xpanduser\(|h(?<!\wh)omedir\(\)"  # Path.expanduser(), os.homedir()
    r"|/(?<![\w}.:/-]/)(?:etc|home|root|tmp|var|usr|opt|srv|mnt|media|proc|sys|run)/")
#: A bare import in a Node module: a package, resolved from node_modules folders above.
_PACKAGE_IMPORT = re.compile(
    r"""(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"'./][^"']*)["']""")


def outside_reads(text: str, filename: str) -> list[tuple[int, str]]:
    """(line, what) for each read outside the sample's folder that its text shows."""
    # A first line "#!..." names the interpreter, not a file the sample reads.
    start = len(text.partition("\n")[0]) if text.startswith("#!") else 0
    found = [(match.start(), f"{match.group(0)!r} reaches outside its folder")
             for match in _OUTSIDE.finditer(text, start)]
    if filename.endswith((".mjs", ".js", ".cjs")):
        found += [(match.start(), f"imports the package {match.group(1)!r}, read from a "
                                  "node_modules folder outside it (built-in modules are "
                                  "written with node:, e.g. 'node:fs')")
                  for match in _PACKAGE_IMPORT.finditer(text, start)
                  if not match.group(1).startswith("node:")]
    return [(text.count("\n", 0, position) + 1, what) for position, what in sorted(found)]
