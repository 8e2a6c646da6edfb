"""An article wrapped to a width once: where every wrapped line starts, as offsets into the article's text.

Pure Python over the article's text (no Textual), so it can run in a worker thread for a long article and
be cached per width. Lines break between words; a word longer than the width is folded.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len, get_character_cell_size

from tui.model import Article

# Characters one cell wide (Latin, Greek, Cyrillic, general punctuation, currency): a paragraph made of
# them alone is wrapped by one regular expression, which a 20 MB article needs.
_NARROW = re.compile(r"[\x20-\x7e\n\u00a0-\u02ff\u0370-\u04ff\u2010-\u2027\u2030-\u205e\u20a0-\u20bf\u2100-\u214f]*")
_CHUNK = re.compile(r"[^ \n]+ *| +")


@lru_cache(maxsize=32)
def _line_pattern(width: int) -> re.Pattern[str]:
    """One wrapped line: as much as fits before a space or a line end, else a fold of an over-long word;
    trailing spaces belong to the line. Hard line breaks are never inside a match."""
    return re.compile(rf"(?:[^\n]{{1,{width}}}(?=[ \n]|$)|[^ \n]{{1,{width}}}) *")


def wrap_starts(text: str, start: int, end: int, width: int) -> list[int]:
    """Offsets where the wrapped lines of text[start:end] begin; the first is always `start`."""
    width = max(1, width)
    if _NARROW.fullmatch(text, start, end):
        starts = [match.start() for match in _line_pattern(width).finditer(text, start, end)]
    else:
        starts = _wrap_by_cells(text, start, end, width)
    if not starts or starts[0] != start:
        starts[:1] = [start]
    return starts


def _wrap_by_cells(text: str, start: int, end: int, width: int) -> list[int]:
    """The slow path for wide characters (CJK, emoji): measure each chunk in terminal cells."""
    starts: list[int] = []
    position = start
    for line in text[start:end].split("\n"):
        starts.append(position)
        used = 0
        for chunk in _CHUNK.finditer(line):
            word = chunk.group().rstrip(" ")
            cells = cell_len(word)
            if used and used + cells > width:
                starts.append(position + chunk.start())
                used = 0
            if cells > width:
                used = _fold(chunk.group(), position + chunk.start(), width, starts)
            else:
                used += cell_len(chunk.group())
        position += len(line) + 1
    return starts


def _fold(word: str, offset: int, width: int, starts: list[int]) -> int:
    """Fold an over-long word onto as many lines as it needs; the cells used on its last line."""
    used = 0
    for index, character in enumerate(word):
        cells = get_character_cell_size(character)
        if used + cells > width and used and character != " ":
            starts.append(offset + index)
            used = 0
        used += cells
    return used


@dataclass(frozen=True)
class Wrap:
    """Every paragraph of an article wrapped to one width.

    `line_starts` holds the offset of every wrapped line of every paragraph, in order; paragraph p's lines
    are line_starts[first_line[p] : first_line[p + 1]].
    """

    width: int
    line_starts: array
    first_line: array
    first_row: array  # paragraph p's first row, counting one blank row after each paragraph before it

    @property
    def lines(self) -> int:
        return self.first_line[-1]


def wrap_article(article: Article, width: int) -> Wrap:
    """Wrap each paragraph of an article to `width` cells (at least one line per paragraph)."""
    line_starts, first_line = array("q"), array("q")
    text = article.text
    for paragraph in article.paragraphs:
        first_line.append(len(line_starts))
        line_starts.extend(wrap_starts(text, paragraph.start, paragraph.end, width))
    first_line.append(len(line_starts))
    first_row = array("q", (first + paragraph for paragraph, first in enumerate(first_line)))
    return Wrap(width, line_starts, first_line, first_row)
