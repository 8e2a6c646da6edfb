"""The rows of a pane: an article's wrapped lines, a blank row after each paragraph, then an end row.

Every offset's row is arithmetic over the wrap, so levelling panes needs no drawing first. Words of the base
outlet that this outlet drops are shown inline, struck out ("[-words]"); a paragraph holding them is wrapped
again on its own and the rows below it move down by the lines it gained.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from rich.cells import get_character_cell_size

from tui.app.wrap import Wrap, wrap_starts
from tui.model import Article

# A piece of a drawn line: its text, and the article offset it starts at (None for inserted removed words).
Piece = tuple[str, int | None]


@dataclass(frozen=True)
class Spot:
    """What a row shows: a paragraph's line, the blank row after a paragraph, or the end of the article."""

    kind: str  # "line", "gap", "end" or "beyond"
    paragraph: int = -1
    line: int = 0


def removed_text(words: str, following: str, preceding: str) -> str:
    """How removed words are shown inline: struck out as "[-words]", spaced from the words around them."""
    before = " " if preceding.isalnum() else ""
    after = " " if following.isalnum() else ""
    return f"{before}[-{' '.join(words.split())}]{after}"


def styled(pieces: list[Piece], spans: list[tuple[int, int, str]], inserted: str = "removed") -> list[tuple[str, tuple[str, ...]]]:
    """Cut pieces of a line where spans begin and end: (text, the span kinds over it, in the spans' order).
    Inserted pieces (removed words) take the `inserted` kind."""
    found: list[tuple[str, tuple[str, ...]]] = []
    for text, offset in pieces:
        if offset is None:
            found.append((text, (inserted,)))
            continue
        cuts = {0, len(text)}
        for start, end, _ in spans:
            cuts.update(cut - offset for cut in (start, end) if offset < cut < offset + len(text))
        ordered = sorted(cuts)
        for a, b in zip(ordered, ordered[1:]):
            kinds = tuple(kind for start, end, kind in spans if start < offset + b and end > offset + a)
            found.append((text[a:b], kinds))
    return found


class Reflowed:
    """One paragraph wrapped again with removed words inserted into it."""

    def __init__(self, text: str, start: int, end: int, removed: list[tuple[int, str]], width: int) -> None:
        pieces: list[Piece] = []
        self.inserted: list[tuple[int, int]] = []  # (article position, length inserted before it)
        cursor = start
        for position, words in sorted(removed):
            position = max(cursor, min(position, end))
            if position > cursor:
                pieces.append((text[cursor:position], cursor))
            shown = removed_text(words, text[position : position + 1], text[position - 1 : position] if position > start else "")
            pieces.append((shown, None))
            self.inserted.append((position, len(shown)))
            cursor = position
        pieces.append((text[cursor:end], cursor))
        self.start = start
        self.display = "".join(piece for piece, _ in pieces)
        self.pieces = pieces
        self.line_starts = wrap_starts(self.display, 0, len(self.display), width)

    def display_index(self, offset: int) -> int:
        """Where an article offset is drawn in the display text (after words inserted before it)."""
        return offset - self.start + sum(length for position, length in self.inserted if position <= offset)

    def line_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.line_starts, self.display_index(offset)) - 1)

    def line(self, index: int) -> list[Piece]:
        """The pieces of one wrapped line."""
        low = self.line_starts[index]
        high = self.line_starts[index + 1] if index + 1 < len(self.line_starts) else len(self.display)
        found, at = [], 0
        for text, offset in self.pieces:
            a, b = max(low, at), min(high, at + len(text))
            if a < b:
                found.append((text[a - at : b - at], None if offset is None else offset + a - at))
            at += len(text)
        return found


class Layout:
    """The rows of one article at one width, with removed words shown inline in some paragraphs."""

    def __init__(self, article: Article, wrap: Wrap, removed: list[tuple[int, str]] | None = None) -> None:
        self.article, self.wrap = article, wrap
        self.paragraph_starts = [p.start for p in article.paragraphs]
        self.reflowed: dict[int, Reflowed] = {}
        by_paragraph: dict[int, list[tuple[int, str]]] = {}
        for position, words in removed or []:
            by_paragraph.setdefault(self.paragraph_of(position), []).append((position, words))
        for index, items in sorted(by_paragraph.items()):
            paragraph = article.paragraphs[index]
            self.reflowed[index] = Reflowed(article.text, paragraph.start, paragraph.end, items, wrap.width)
        # (paragraph, extra rows it gained), in order: every row below it moves down by that much.
        self.extra = [(p, len(r.line_starts) - self._base_lines(p)) for p, r in sorted(self.reflowed.items())]
        self.rows = wrap.lines + len(article.paragraphs) + sum(extra for _, extra in self.extra)

    def _base_lines(self, paragraph: int) -> int:
        return self.wrap.first_line[paragraph + 1] - self.wrap.first_line[paragraph]

    def lines_of(self, paragraph: int) -> int:
        reflowed = self.reflowed.get(paragraph)
        return len(reflowed.line_starts) if reflowed else self._base_lines(paragraph)

    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, offset) - 1)

    def paragraph_row(self, paragraph: int) -> int:
        """The first row of a paragraph (the end row for one past the last)."""
        if paragraph >= len(self.paragraph_starts):
            return self.rows
        shift = sum(extra for p, extra in self.extra if p < paragraph)
        return self.wrap.first_line[paragraph] + paragraph + shift

    def row_of(self, offset: int) -> int:
        """The row where an article offset is drawn; the end row for the end of the text."""
        if not self.paragraph_starts:
            return 0
        if offset >= len(self.article.text):
            return self.rows
        paragraph = self.paragraph_of(offset)
        reflowed = self.reflowed.get(paragraph)
        if reflowed is not None:
            line = reflowed.line_of(offset)
        else:
            first, stop = self.wrap.first_line[paragraph], self.wrap.first_line[paragraph + 1]
            line = max(0, bisect.bisect_right(self.wrap.line_starts, offset, first, stop) - 1 - first)
        return self.paragraph_row(paragraph) + line

    def locate(self, row: int) -> Spot:
        """What a row shows."""
        if row >= self.rows:
            return Spot("end" if row == self.rows else "beyond")
        shift = 0
        for paragraph, extra in self.extra:
            top = self.wrap.first_row[paragraph] + shift
            if row < top:
                break
            if row <= top + self.lines_of(paragraph):
                return self._spot(paragraph, row - top)
            shift += extra
        base_row = row - shift
        paragraph = max(0, bisect.bisect_right(self.wrap.first_row, base_row, 0, len(self.paragraph_starts)) - 1)
        return self._spot(paragraph, base_row - self.wrap.first_row[paragraph])

    def _spot(self, paragraph: int, line: int) -> Spot:
        return Spot("gap", paragraph) if line >= self.lines_of(paragraph) else Spot("line", paragraph, line)

    def sentence_near(self, row: int, sentence_starts: list[int]) -> int:
        """The sentence whose first line is nearest a row (the earlier of two as near)."""
        after = bisect.bisect_left(sentence_starts, self.offset_at(row))
        candidates = [s for s in (after - 1, after) if 0 <= s < len(sentence_starts)]
        return min(candidates, key=lambda s: (abs(self.row_of(sentence_starts[s]) - row), s))

    def sentences_in(self, top: int, height: int, sentence_starts: list[int]) -> int:
        """How many sentences start on `height` rows from `top`, as if text filled them all near the end."""
        text_rows = max(0, min(height, self.rows - top))
        first = bisect.bisect_left(sentence_starts, self.offset_at(top))
        count = bisect.bisect_left(sentence_starts, self.offset_at(top + text_rows)) - first
        return round(count * height / text_rows) if text_rows else 0

    def gap_near(self, row: int) -> int:
        """The blank row between paragraphs nearest a row (the earlier of two as near)."""
        spot = self.locate(row)
        if spot.kind == "gap":
            return row
        if spot.kind != "line":
            return self.rows - 1
        above = self.paragraph_row(spot.paragraph) - 1
        below = self.paragraph_row(spot.paragraph) + self.lines_of(spot.paragraph)
        return above if above >= 0 and row - above <= below - row else below

    def line(self, paragraph: int, index: int) -> list[Piece]:
        """The pieces of a paragraph's wrapped line."""
        reflowed = self.reflowed.get(paragraph)
        if reflowed is not None:
            return reflowed.line(index)
        first = self.wrap.first_line[paragraph] + index
        start = self.wrap.line_starts[first]
        end = self.wrap.line_starts[first + 1] if index + 1 < self._base_lines(paragraph) else self.article.paragraphs[paragraph].end
        return [(self.article.text[start:end], start)]

    def offset_at(self, row: int) -> int:
        """The article offset at the start of a row (a blank row counts as the next paragraph's start)."""
        spot = self.locate(row)
        if spot.kind != "line":
            following = spot.paragraph + 1
            return self.paragraph_starts[following] if 0 < following < len(self.paragraph_starts) else len(self.article.text)
        found = next((offset for _, offset in self.line(spot.paragraph, spot.line) if offset is not None), None)
        return self.offset_at(row + 1) if found is None else found  # a row of removed words only

    def offset_at_column(self, row: int, column: int) -> int | None:
        """The article offset drawn at a row and cell column (None off the text); on removed words shown
        inline, the offset of the text after them."""
        spot = self.locate(row)
        if spot.kind != "line":
            return None
        drawn: list[tuple[int, int | None]] = []  # (cell after the character, its article offset)
        at = 0
        for text, offset in self.line(spot.paragraph, spot.line):
            for index, character in enumerate(text):
                at += get_character_cell_size(character)
                drawn.append((at, None if offset is None else offset + index))
        hit = next((i for i, (end, _) in enumerate(drawn) if end > column), len(drawn) - 1)
        after = [offset for _, offset in drawn[hit:] if offset is not None]
        before = [offset for _, offset in drawn[:hit] if offset is not None]
        return after[0] if after else (before[-1] if before else None)
