"""Work on large input in one go: the cyclic garbage collector paused while millions of objects are made."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large input is read, checked or aligned.

    Reading makes millions of small objects and almost no cycles; the collector would scan them over and over
    (20 s of the 28 s a 40 MB stories file took, a tenth of a 20 MB article's alignment).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
