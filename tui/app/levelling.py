"""Where each pane scrolls so that every version of the passage under the cursor sits on one row (pure)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PaneRows:
    """One pane's rows, counted from the top of its text."""

    anchor: int | None  # the row of its version of the passage (or of its cursor)
    place: int | None  # the row where it would carry a passage it lacks (the notice goes on the row above)
    scroll: int  # the first row it shows now
    height: int  # how many rows it shows
    length: int = 1  # how many rows the passage under the cursor takes


@dataclass(frozen=True)
class Levelled:
    """The row of the screen the passage sits on, and where each pane scrolls to."""

    row: int | None
    scrolls: dict[int, int]


def level(panes: dict[int, PaneRows], active: int, hold: bool, held_row: int | None, fresh: frozenset[int] = frozenset()) -> Levelled:
    """Level the panes on the row where the active pane shows its anchor.

    The active pane scrolls only when its anchor is off screen or at an edge (then to a third of the way
    down), or when the passage runs past the bottom. A passage near the top of some article cannot sit lower than its row there, so the common row
    rises to it. A pane lacking the passage shows its place one row below the common row (its notice goes on
    that row); a pane with neither stays where it is. When holding (entering a pane), no text moves: only
    panes never shown before (`fresh`) are brought to the row held.
    """
    scrolls = {pane: rows.scroll for pane, rows in panes.items()}
    me = panes.get(active)
    if hold and held_row is not None:
        row, movable = held_row, fresh
    elif me is None or _row(me) is None:
        return Levelled(held_row, scrolls)
    else:
        row, movable = _row(me) - me.scroll, frozenset(panes)
        if not 1 <= row < me.height - 3:
            row = max(1, me.height // 3)
        # All of the passage in view where it fits (it may run past the bottom of the screen).
        row = min(row, max(1, me.height - me.length))
        row = max(0, min([row, *(r for rows in panes.values() if (r := _row(rows)) is not None)]))
    for pane in movable:
        if (top := _row(panes[pane])) is not None:
            scrolls[pane] = max(0, top - row)
    return Levelled(row, scrolls)


def _row(rows: PaneRows) -> int | None:
    """The row of a pane's text that goes on the common row: its anchor, or where it lacks the passage, the
    blank row above its place (the place itself shows just below)."""
    return rows.place - 1 if rows.place is not None else rows.anchor
