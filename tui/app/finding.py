"""Search across every pane and the passage filters, without Textual."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from tui.app.reading import Figures, Focus, Passage, Reading

# Enough to highlight and step through; more matches than this in one article are counted as this many.
MAX_MATCHES = 50_000

FILTERS = {
    "differs": "passages worded differently",
    "lacking": "passages some outlet lacks",
    "figures": "figure conflicts",
}


@dataclass(frozen=True)
class Matches:
    """Where a word or phrase occurs in each article: sorted (start, end) offsets per pane."""

    query: str
    spans: tuple[tuple[tuple[int, int], ...], ...]

    @property
    def total(self) -> int:
        return sum(len(spans) for spans in self.spans)


def pattern(query: str) -> re.Pattern[str] | None:
    """Words of the query in order, any whitespace between them, case ignored; None for an empty query."""
    words = query.split()
    return re.compile(r"\s+".join(re.escape(word) for word in words), re.IGNORECASE) if words else None


def find(texts: list[str], query: str) -> Matches:
    """Every occurrence of the query in each text."""
    compiled = pattern(query)
    spans = []
    for text in texts:
        found = []
        if compiled is not None:
            for match in compiled.finditer(text):
                found.append(match.span())
                if len(found) >= MAX_MATCHES:
                    break
        spans.append(tuple(found))
    return Matches(query, tuple(spans))


def next_match(matches: Matches, panes: list[int], pane: int, offset: int, step: int) -> tuple[int, int] | None:
    """The (pane, index) of the next match after an offset of a pane (step 1) or before it (step -1): on in
    that pane, then through the other panes in order, round to where it began."""
    spans = matches.spans[pane]
    starts = [start for start, _ in spans]
    index = bisect.bisect_right(starts, offset) if step > 0 else bisect.bisect_left(starts, offset) - 1
    if 0 <= index < len(spans):
        return pane, index
    if pane in panes:
        later, earlier = panes[panes.index(pane) + 1 :], panes[: panes.index(pane)]
        order = later + earlier + [pane] if step > 0 else earlier[::-1] + later[::-1] + [pane]
    else:
        order = panes if step > 0 else panes[::-1]
    for other in order:
        if matches.spans[other]:
            return other, 0 if step > 0 else len(matches.spans[other]) - 1
    return None


def passing(reading: Reading, name: str) -> frozenset[Focus]:
    """What a filter lets through: passages worded differently, passages some readable outlet lacks, or the
    figure conflicts."""
    if name == "figures":
        return frozenset(Figures(c) for c in reading.conflicts)
    if name == "lacking":
        readable = set(reading.readable())
        return frozenset(Passage(g) for g, group in reading.groups.items() if not readable <= group.articles)
    if name == "differs":
        return frozenset(Passage(g) for g in reading.groups if reading.differs(g))
    raise ValueError(f"unknown filter {name!r}")
