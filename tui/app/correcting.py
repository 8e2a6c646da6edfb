"""The reader's corrections of the alignment, as values: which two passages a key press names (no Textual)."""

from __future__ import annotations

from dataclasses import dataclass

from tui.app.reading import Passage, Reading
from tui.corrections import JOIN, SPLIT, Correction, passage


@dataclass(frozen=True)
class Marked:
    """A passage marked to be joined with another outlet's: a pane and its cursor sentence."""

    pane: int
    sentence: int


def split_at(reading: Reading, pos) -> Correction | None:
    """The version under the cursor is not the same passage as the base outlet's version (in the base's
    own pane: as the next outlet's), or None when the cursor is on no shared passage."""
    if not isinstance(pos.focus, Passage):
        return None
    own = pos.version(pos.active)
    if own is None:
        return None
    others = [pos.base] + [p for p in range(len(reading.articles)) if p != pos.base]
    partner = next((p for p in others if p != pos.active and pos.version(p) is not None), None)
    if partner is None:
        return None
    other = pos.version(partner)
    return Correction(SPLIT, passage(reading.articles[pos.active], own.sentence),
                      passage(reading.articles[partner], other.sentence))


def join_with(reading: Reading, marked: Marked, pos) -> Correction | None:
    """The marked passage and the sentence under the cursor are the same passage; None in the same outlet."""
    if marked.pane == pos.active:
        return None
    here = reading.articles[pos.active]
    if not here.sentences or not reading.articles[marked.pane].sentences:
        return None
    return Correction(JOIN, passage(reading.articles[marked.pane], marked.sentence),
                      passage(here, pos.cursors[pos.active]))


def describe(reading: Reading, correction: Correction) -> str:
    """What a correction says, for the notification: "Kept apart: CNN “...” and Beirut “...”"."""
    verb = "Kept apart" if correction.action == SPLIT else "Joined"
    names = {a.id: a.outlet.short for a in reading.articles}
    a, b = correction.a, correction.b
    return f"{verb}: {names.get(a.article, a.article)} “{a.preview} …” and {names.get(b.article, b.article)} “{b.preview} …”"
