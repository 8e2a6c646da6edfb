"""The reading position as a value, and every move the reader's keys make as a pure function (no Textual).

A move takes a Position (and the Reading it points into) and returns the next one; the compare screen holds
the current Position and redraws its panes whenever it changes.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, replace

from tui.app.reading import Figures, Focus, Reading
from tui.model import Member


@dataclass(frozen=True)
class Position:
    """Where the reader is: the pane the keys act on, each pane's cursor sentence, the base outlet, and the
    shared passage or figure conflict under the cursor with each pane's version of it."""

    active: int
    cursors: tuple[int, ...]
    base: int = 0
    focus: Focus | None = None
    shown: tuple[Member | None, ...] = ()  # each pane's version of the focus (None where it lacks it)
    origin: int = 0  # the pane the focus was chosen in: where a missing passage would be is found from it
    hold: bool = False  # the text stays where it is (entering a pane)
    together: bool = False  # every pane brings its own cursor level (first or last sentence everywhere)

    def version(self, pane: int) -> Member | None:
        return self.shown[pane] if pane < len(self.shown) else None

    def under_cursor(self, pane: int) -> Member | None:
        """A pane's version of the focus when its cursor is on it."""
        member = self.version(pane)
        return member if member is not None and member.sentence == self.cursors[pane] else None


def start(reading: Reading, base: int = 0) -> Position:
    """The cursor on the first sentence of the first readable outlet."""
    first = reading.readable()[0]
    empty = Position(first, tuple(0 for _ in reading.articles), base)
    return settle(empty, reading, first, 0)


def settle(pos: Position, reading: Reading, pane: int, sentence: int, focus: Focus | None = None,
           hold: bool = False) -> Position:
    """The cursor on a sentence of a pane; every other pane goes to its version of the passage there.

    Where the sentence carries several passages, the given one is kept, else sentences come before
    quotations. A figure conflict is kept as given. An outlet that repeats the passage keeps the copy it
    shows already.
    """
    article = reading.articles[pane]
    if not article.sentences:
        return pos
    sentence = max(0, min(sentence, len(article.sentences) - 1))
    candidates = reading.passages_at(pane, sentence)
    if not (focus in candidates or isinstance(focus, Figures)):
        focus = candidates[0] if candidates else None
    cursors, shown = list(pos.cursors), [None] * len(reading.articles)
    cursors[pane] = sentence
    shown[pane] = next((m for m in reading.versions(focus, pane) if m.sentence == sentence), None)
    for other in range(len(reading.articles)):
        versions = reading.versions(focus, other) if other != pane else []
        if versions:
            member = next((m for m in versions if m.sentence == pos.cursors[other]), versions[0])
            shown[other], cursors[other] = member, member.sentence
    return Position(pane, tuple(cursors), pos.base, focus, tuple(shown), pane, hold)


def place_in(pos: Position, reading: Reading, pane: int) -> int | None:
    """Where a pane that lacks the passage under the cursor would carry it (an article offset), if anywhere."""
    here = pos.version(pos.origin)
    if pos.focus is None or here is None or pos.version(pane) is not None or not reading.articles[pane].sentences:
        return None
    return reading.place_of_missing(pos.origin, here.sentence, here.start, pane)


def anchor(pos: Position, reading: Reading, pane: int) -> int | None:
    """The article offset a pane is levelled by: its version of the passage, else (in the pane the keys act
    on, or when every pane levels its own cursor) its cursor's sentence; None when the pane may stay put."""
    member = pos.version(pane)
    if member is not None and (pane != pos.active or member.sentence == pos.cursors[pane]):
        return member.start
    sentences = reading.articles[pane].sentences
    if sentences and (pane == pos.active or pos.together):
        return sentences[pos.cursors[pane]].start
    return None


def move(pos: Position, reading: Reading, step: int) -> Position:
    """The cursor a sentence down (1) or up (-1)."""
    return settle(pos, reading, pos.active, pos.cursors[pos.active] + step)


def page(pos: Position, reading: Reading, step: int, count: int, start: int | None = None) -> Position:
    """The cursor `count` sentences on (a screenful), from `start` where the pane was scrolled away from it."""
    origin = pos.cursors[pos.active] if start is None else start
    return settle(pos, reading, pos.active, origin + step * max(1, count))


def edge(pos: Position, reading: Reading, end: bool) -> Position:
    """Every pane to its first (or last) sentence, the panes level with the one the keys act on."""
    sentences = reading.articles[pos.active].sentences
    if not sentences:
        return pos
    moved = settle(pos, reading, pos.active, len(sentences) - 1 if end else 0)
    cursors = list(moved.cursors)
    for pane in reading.readable():
        if moved.version(pane) is None and pane != pos.active:
            cursors[pane] = len(reading.articles[pane].sentences) - 1 if end else 0
    return replace(moved, cursors=tuple(cursors), together=True)


def jump(pos: Position, reading: Reading, step: int, kind: str, allowed: frozenset[Focus] | None = None) -> Position | None:
    """To the next (1) or previous (-1) stop of a kind ("passage", "quote", "figures"); None if there is none."""
    pane = pos.active
    sentences = reading.articles[pane].sentences
    if not sentences:
        return None
    member = pos.under_cursor(pane)
    start = member.start if member else sentences[pos.cursors[pane]].start
    stop = reading.next_stop(pane, pos.cursors[pane], start, step, kind, allowed)
    return None if stop is None else settle(pos, reading, pane, stop.sentence, stop.focus)


def to_focus(pos: Position, reading: Reading, focus: Focus) -> Position:
    """To a passage or figure conflict chosen from the map: in the pane the keys act on if it carries it."""
    carriers = reading.carriers(focus)
    pane = pos.active if pos.active in carriers else min(carriers)
    return settle(pos, reading, pane, reading.member(focus, pane).sentence, focus)


def to_offset(pos: Position, reading: Reading, pane: int, offset: int) -> Position:
    """The cursor on the sentence of a pane that holds an article offset (a search match)."""
    sentence = max(0, bisect.bisect_right(reading.sentence_starts[pane], offset) - 1)
    return settle(pos, reading, pane, sentence)


def enter(pos: Position, reading: Reading, pane: int, on_screen: Callable[[int], bool], reading_sentence: int | None) -> Position:
    """Make another pane the one the keys act on without moving any text.

    The cursor stays on the pane's version of the passage if it shows; in a pane that lacks the passage it
    goes where the passage would be; otherwise to the sentence at the row being read.
    """
    cursors = list(pos.cursors)
    member, place = pos.version(pane), place_in(pos, reading, pane)
    if member is not None and on_screen(member.start):
        cursors[pane] = member.sentence
    elif place is not None and on_screen(place):
        cursors[pane] = max(0, bisect.bisect_right(reading.sentence_starts[pane], place) - 1)
    elif reading_sentence is not None:
        cursors[pane] = reading_sentence
    return replace(pos, active=pane, cursors=tuple(cursors), hold=True, together=False)


def choose_base(pos: Position) -> Position:
    """Compare every other outlet against the one the keys act on."""
    return replace(pos, base=pos.active, hold=False, together=False)
