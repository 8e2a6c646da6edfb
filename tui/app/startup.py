"""Python's cycle collector held off while the reader starts, and set going again once a screen shows.

Starting the reader creates some hundred thousand objects (modules, widgets, styles, the story) and few
cycles among them; the collector walked that growing heap again and again, about a tenth of the CPU of
opening a story. Once a screen is up, what exists then is kept out of later collections (gc.freeze), so
those stay as cheap as at the start.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Hold the collector off until `resume` (no effect if something else turned it off already)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Set the collector going again if `pause` held it off, leaving what exists now out of its walks."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
