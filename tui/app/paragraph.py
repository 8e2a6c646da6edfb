"""One paragraph of an article, drawn from plain text with styled spans (never markup)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from textual import events
from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widget import Widget

from tui.clean import CONTROL_CHARACTERS
from tui.model import Article, Paragraph

_WORD = re.compile(r"\s*\S+")


def inert(text: str) -> str:
    """Text with control characters blanked, same length, so offsets into it stay true."""
    return CONTROL_CHARACTERS.sub(" ", text)


@dataclass
class Decor:
    """Everything that colours a pane's text: spans as (start, end, component) in article offsets."""

    spans: list[tuple[int, int, str]] = field(default_factory=list)
    removed: list[tuple[int, str]] = field(default_factory=list)
    version: int = 0  # bumped whenever spans or removed change, so drawn paragraphs can be reused until then


def styled(text: str, start: int, decor: Decor, style_of: Callable[[str], Style]) -> tuple[Content, list[tuple[int, int]]]:
    """Text at an article offset with the decor's spans applied and removed words shown struck out."""
    end = start + len(text)
    content = Content(inert(text))
    for a, b, component in decor.spans:
        if a < end and b > start:
            content = content.stylize(style_of(component), max(a, start) - start, min(b, end) - start)
    removed = sorted((pos, words) for pos, words in decor.removed if start <= pos <= end)
    if not removed:
        return content, []
    pieces = content.divide([pos - start for pos, _ in removed])
    parts, shifts = [pieces[0]], []
    for (pos, words), piece in zip(removed, pieces[1:]):
        # The struck-out words run into following punctuation, and are spaced from a following word.
        gap = " " if piece.plain[:1].isalnum() else ""
        word = Content(f"[-{inert(' '.join(words.split()))}]{gap}").stylize(style_of("removed"))
        parts += [word, piece]
        shifts.append((pos, len(word)))
    return Content("").join(parts), shifts


class ParagraphView(Widget):
    """A paragraph whose sentences carry shared, quotation, cursor and diff styles."""

    # The span styles are component classes of the pane, looked up through style_of: thousands of
    # paragraphs each carrying their own component styles made every restyle slow.
    def __init__(self, article: Article, paragraph: Paragraph, decor: Decor, style_of: Callable[[str], Style]) -> None:
        super().__init__(classes=f"-{paragraph.kind.value}")
        self.article = article
        self.paragraph = paragraph
        self.decor = decor
        self.style_of = style_of
        self._built: tuple[tuple[int, str], tuple[Content, list[tuple[int, int]]]] | None = None

    @property
    def span(self) -> tuple[int, int]:
        return self.paragraph.start, self.paragraph.end

    def build(self) -> tuple[Content, list[tuple[int, int]]]:
        """The styled content and the (article offset, length added) of each removed-word insertion.

        Kept until the pane's decoration or the theme changes: drawing and finding rows both need it.
        """
        key = (self.decor.version, self.app.theme)
        if self._built is None or self._built[0] != key:
            start, end = self.span
            self._built = (key, styled(self.article.text[start:end], start, self.decor, self.style_of))
        return self._built[1]

    def render(self) -> Content:
        return self.build()[0]

    def wrapped_height(self) -> int:
        """The height this paragraph will take at its current width, padding included."""
        lines = len(self.build()[0].wrap(max(1, self.content_size.width)))
        return lines + self.styles.padding.top + self.styles.padding.bottom

    def line_of(self, offset: int) -> int:
        """The wrapped line (within this paragraph) that holds an article offset."""
        return self.position_of(offset)[0]

    def position_of(self, offset: int) -> tuple[int, int]:
        """The wrapped line and column (within this paragraph) where an article offset is drawn."""
        content, shifts = self.build()
        local = offset - self.paragraph.start + sum(n for pos, n in shifts if pos < offset)
        if local <= 0:
            return 0, 0
        # Wrap up to the end of the word: a word that does not fit moves to the next line whole.
        word = _WORD.match(content.plain, local)
        end = word.end() if word else local + 1
        lines = Content(content.plain[:end]).wrap(max(1, self.content_size.width))
        return max(0, len(lines) - 1), max(0, len(lines[-1].plain) - (end - local)) if lines else 0

    def sentence_at(self, line: int, column: int) -> int | None:
        """The sentence drawn at a line and column of this paragraph (a click lands there)."""
        found = None
        for sentence in self.article.sentences:
            if sentence.paragraph == self.paragraph.index and self.position_of(sentence.start) <= (line, column):
                found = sentence.index
        return found

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        sentence = self.sentence_at(offset.y, offset.x) if offset is not None else None
        if sentence is not None:
            self.post_message(self.SentenceClicked(self, sentence))

    class SentenceClicked(Message):
        """The user clicked a sentence of this paragraph."""

        def __init__(self, view: ParagraphView, sentence: int) -> None:
            super().__init__()
            self.view, self.sentence = view, sentence

        @property
        def control(self) -> ParagraphView:
            return self.view
