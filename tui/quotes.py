"""Quotations: curly and straight, double and single, nested, and running across paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPENERS = {"“": "double", "„": "double", "«": "double", "‘": "single", "‹": "single"}
_CLOSERS = {"”": "double", "»": "double", "’": "single", "›": "single"}
_STRAIGHT = {'"': "double", "'": "single"}
_MARKS = re.compile("[“„«‘‹”»’›\"']")


@dataclass
class _Open:
    kind: str
    mark: int
    straight: bool


@dataclass(frozen=True)
class QuoteSpan:
    start: int
    end: int
    outer_start: int
    outer_end: int
    depth: int


class _Scanner:
    """Walks the text once, keeping a stack of open quotation marks."""

    def __init__(self, text: str, paragraphs: list[tuple[int, int]]):
        self.text = text
        self.paragraphs = paragraphs
        self.stack: list[_Open] = []
        self.found: list[QuoteSpan] = []

    def run(self) -> list[QuoteSpan]:
        for number, (start, end) in enumerate(self.paragraphs):
            position = self._continue_from(start)
            for mark in _MARKS.finditer(self.text, position, end):
                self._see(mark.start())
            self._paragraph_ended(end, number)
        self.found.sort(key=lambda q: (q.outer_start, -q.outer_end))
        return self.found

    def _continue_from(self, start: int) -> int:
        """Skip the opening mark that continues a quotation from the previous paragraph."""
        if self.stack and start < len(self.text) and self._opens_same(self.text[start], self.stack[-1].kind):
            return start + 1
        return start

    def _opens_same(self, char: str, kind: str) -> bool:
        return _OPENERS.get(char) == kind or _STRAIGHT.get(char) == kind

    def _paragraph_ended(self, end: int, number: int) -> None:
        """A quotation open at a paragraph's end runs on only if the next paragraph reopens it."""
        following = self.paragraphs[number + 1][0] if number + 1 < len(self.paragraphs) else None
        reopened = following is not None and self.stack and self._opens_same(self.text[following], self.stack[-1].kind)
        if reopened:
            # Inner single quotes do not cross paragraphs; only the outermost quotation does.
            self.stack = self.stack[:1]
            return
        while self.stack:
            opened = self.stack.pop()
            if opened.kind == "double":
                self._emit(opened, end, closed=False)

    def _see(self, i: int) -> None:
        char = self.text[i]
        if char in _OPENERS:
            self._open(_OPENERS[char], i, straight=False)
        elif char in _CLOSERS:
            self._curly_close(_CLOSERS[char], i)
        elif char in _STRAIGHT:
            self._straight(_STRAIGHT[char], i)

    def _open(self, kind: str, i: int, straight: bool) -> None:
        self.stack.append(_Open(kind, i, straight))

    def _curly_close(self, kind: str, i: int) -> None:
        if kind == "single" and self._is_apostrophe(i):
            return
        self._close(kind, i)

    def _straight(self, kind: str, i: int) -> None:
        if kind == "single" and self._is_apostrophe(i):
            return
        before = self.text[i - 1] if i > 0 else " "
        after = self.text[i + 1] if i + 1 < len(self.text) else " "
        is_open = any(o.kind == kind for o in self.stack)
        if is_open and not before.isspace():
            self._close(kind, i)
        elif not after.isspace() and (before.isspace() or before in "([{—–-/“‘"):
            self._open(kind, i, straight=True)
        elif is_open:
            self._close(kind, i)

    def _is_apostrophe(self, i: int) -> bool:
        """Apostrophes sit inside words (don’t, Russia’s) or end a plural possessive (Americans’ plan)."""
        before = self.text[i - 1] if i > 0 else " "
        after = self.text[i + 1] if i + 1 < len(self.text) else " "
        if before.isalnum() and after.isalnum():
            return True
        if before.isspace() and after.isdigit():
            return True  # ’90s
        single_open = any(o.kind == "single" for o in self.stack)
        return before.isalnum() and not single_open

    def _close(self, kind: str, i: int) -> None:
        while self.stack:
            opened = self.stack.pop()
            if opened.kind == kind:
                self._emit(opened, i, closed=True)
                return
        # A closing mark with nothing open is a stray; it is ignored.

    def _emit(self, opened: _Open, close: int, closed: bool) -> None:
        start, end = opened.mark + 1, close
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if start < end:
            outer_end = close + 1 if closed else close
            self.found.append(QuoteSpan(start, end, opened.mark, outer_end, len(self.stack)))


def find_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Every quotation in the text, outermost first at each position, with offsets into the text."""
    return _Scanner(text, paragraphs).run()
