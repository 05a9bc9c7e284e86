"""Python's cyclic garbage collector held back while a whole file is loaded or rendered.

Loading and rendering api.yaml allocate an object per value, position and page fragment:
hundreds of thousands for a file of 1,000 codes, almost all kept or freed by reference
counting. The collector, triggered by allocation counts, would meanwhile traverse the
growing graph of live objects again and again, a tenth of validating such a file, to find
next to nothing. It is paused for such a step and resumes after it.

Resuming as such would still cost one traversal of everything the step kept: the youngest
generation then holds all of it, and the next allocation collects it. What the step kept is
long-lived by nature, so it joins the oldest generation directly (`gc.freeze` moves every
tracked object aside, `gc.unfreeze` puts them all back as the oldest generation; neither
looks at the objects). Cyclic garbage among them is found by the next full collection,
which Python runs as usual.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collection_paused"]


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic collection inside the block; as before after it (nested blocks too)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
