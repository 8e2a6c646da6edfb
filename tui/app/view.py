"""One outlet's article drawn line by line from its wrapped layout, styled by spans when a line is drawn."""

from __future__ import annotations

import bisect
from collections import OrderedDict

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events, work
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from tui.app.inert import inert
from tui.app.layout import Layout, styled
from tui.app.spans import PARAGRAPH_KINDS, ArticleSpans, Decor, touched
from tui.app.textstyles import ViewStyles
from tui.app.wrap import Wrap, wrap_article, wrap_starts
from tui.model import Article

# Longer articles are wrapped in a worker thread (a megabyte takes a few tenths of a second).
WRAP_IN_THREAD = 200_000
NOTICE = "┄ not in this outlet ┄"


def closest_notice(score: float, width: int) -> str:
    """Where an outlet's weaker match stands in for the passage: the longest wording that fits the pane, so
    the score and the key that shows it (s) are never cut off."""
    wordings = (f"┄ closest in this outlet: score {score:.0f} (s) ┄", f"┄ closest here: score {score:.0f} (s) ┄",
                f"┄ closest here: {score:.0f} (s) ┄", f"┄ closest: {score:.0f} ┄")
    return next((text for text in wordings if len(text) <= width), wordings[-1])

# Wraps of an article kept for other widths (resizing back and forth reuses them).
WIDTHS_KEPT = 3
# Rows kept free below an article's end for removed words shown inline (more makes the view grow).
INSERTED_ROWS = 40


class ArticleView(ScrollView, can_focus=False):
    """A pane's text: draws only the rows on screen, each from the layout and the spans over it."""

    class LaidOut(Message):
        """The article is wrapped to the view's width: rows are known and panes can be levelled."""

    class SentenceClicked(Message):
        def __init__(self, view: ArticleView, sentence: int) -> None:
            super().__init__()
            self.view, self.sentence = view, sentence

        @property
        def control(self) -> ArticleView:
            return self.view

    class Wrapped(Message):
        def __init__(self, article: Article, wrap: Wrap) -> None:
            super().__init__()
            self.article, self.wrap = article, wrap

    def __init__(self, wraps: dict[tuple[int, int], Wrap], styles: ViewStyles, **options) -> None:
        super().__init__(**options)
        self.wraps = wraps  # shared by the panes, keyed by (id of the article, width)
        self.styles_of_text = styles
        self._generation = -1  # of the text's styles, as last drawn
        self.article: Article | None = None
        self.decor = Decor()
        self.wrapped: Layout | None = None
        self.cursor_rows = range(0)
        self._strips: OrderedDict[int, dict[tuple[int, bool, bool], Strip]] = OrderedDict()
        self._spans: dict[int, list[tuple[int, int, str]]] = {}
        self._styles: dict[tuple[str, ...], RichStyle] = {}
        self._rows: dict[tuple[str, str, bool], Strip] = {}  # drawn rows that are not article text
        self._notice: int | None = None
        self.notice_text = NOTICE  # "not in this outlet", or where the outlet's closest passage is
        self._thumb: tuple[tuple[int, int, int], range] = ((0, 0, 0), range(0))
        self._area = Size(0, 0)  # the size of the view's drawing area, as of the last resize
        self.spans_of: ArticleSpans | None = None
        self._sentence_starts: list[int] = []
        self.error = ""

    def show(self, article: Article, shared: set[int]) -> None:
        """Draw another article (a pane showing another outlet on a narrow screen)."""
        if article is self.article:
            return
        self.article, self.wrapped, self.decor = article, None, Decor()
        self.error = inert(article.error)  # an article that could not be read shows why instead
        self.spans_of = ArticleSpans(article, shared)
        self._sentence_starts = self.spans_of.sentence_starts
        self._forget()
        self._lay_out()

    def _forget(self, paragraphs: set[int] | None = None) -> None:
        """Drop drawn lines and spans (of some paragraphs) so they are drawn again."""
        if paragraphs is None:
            self._strips.clear()
            self._spans.clear()
            self._rows.clear()
        for paragraph in paragraphs or ():
            self._strips.pop(paragraph, None)
            self._spans.pop(paragraph, None)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._forget()

    # --- layout ----------------------------------------------------------------

    @property
    def text_width(self) -> int:
        """Cells for text: the view less the margin columns (the cursor's mark on the left; a blank and the
        mark of where the view is in the article on the right)."""
        return max(1, self._area.width - 3)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # Textual calls this as it lays the screen out, before it draws the frame; the Resize event comes after
        # that frame. Wrapping here, the first frame of the compare screen shows the text, not empty panes.
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        self._measured()
        return resized

    def on_resize(self) -> None:
        self._measured()

    def _measured(self) -> None:
        # Kept, since asking a widget for its size looks it up in the screen's map: costly on every row.
        area = self.scrollable_content_region.size
        if area != self._area:
            self._area = area
            self._lay_out(resized=True)

    def _lay_out(self, resized: bool = False) -> None:
        if self.article is None or not self._area.width:
            return
        if self.error:
            self.refresh()
            return
        key = (id(self.article), self.text_width)
        wrap = self.wraps.get(key)
        if wrap is not None and resized and self.wrapped is not None and self.wrapped.wrap is wrap:
            # Only the height changed (the detail strip opened, say): the panes are levelled again.
            self._sized()
            self.post_message(self.LaidOut())
        elif wrap is not None:
            self._use(wrap)
        elif len(self.article.text) > WRAP_IN_THREAD:
            self.wrapped = None
            self.refresh()
            self._wrap_in_thread(self.article, self.text_width)
        else:
            self._keep(key, wrap_article(self.article, self.text_width))
            self._use(self.wraps[key])

    def _keep(self, key: tuple[int, int], wrap: Wrap) -> None:
        """Keep a wrap for reuse, and only the latest few widths of an article (a 20 MB one takes room)."""
        self.wraps[key] = wrap
        widths = [k for k in self.wraps if k[0] == key[0]]
        for old in widths[:-WIDTHS_KEPT]:
            del self.wraps[old]

    @work(thread=True, exclusive=True, group="wrap")
    def _wrap_in_thread(self, article: Article, width: int) -> None:
        self.post_message(self.Wrapped(article, wrap_article(article, width)))

    def on_article_view_wrapped(self, event: Wrapped) -> None:
        event.stop()
        self._keep((id(event.article), event.wrap.width), event.wrap)
        if event.article is self.article and event.wrap.width == self.text_width:
            self._use(event.wrap)

    def _use(self, wrap: Wrap) -> None:
        if self.wrapped is not None and self.wrapped.wrap is wrap:
            return
        self.wrapped = Layout(self.article, wrap, list(self.decor.removed))
        self._forget()
        self._mark_cursor()
        self._sized()
        self.post_message(self.LaidOut())

    def _sized(self) -> None:
        """Room to scroll the end row up to the top, as with a page of blank paper after the text.

        Removed words shown inline add a few rows; room for them is left in advance, since a change of
        virtual size lays the whole screen out again, which a key press should not cost.
        """
        rows = self.wrapped.rows if self.wrapped else 0
        if self.wrapped is not None:
            rows = max(rows, self.wrapped.wrap.lines + len(self.article.paragraphs) + INSERTED_ROWS)
        size = Size(self._area.width, rows + max(1, self._area.height))
        if size != self.virtual_size:
            self.virtual_size = size
        self.refresh()

    # --- decoration ----------------------------------------------------------------

    @property
    def notice(self) -> int | None:
        """The text row of the "not in this outlet" line (a blank row between paragraphs), if shown."""
        return self._notice

    @notice.setter
    def notice(self, row: int | None) -> None:
        if row != self._notice:
            for changed in (self._notice, row):
                if changed is not None:
                    self.refresh_line(changed)
            self._notice = row

    def decorate(self, decor: Decor) -> None:
        """Restyle with new spans; only paragraphs whose colouring changed are drawn again."""
        if decor == self.decor:
            return
        old, self.decor = self.decor, decor
        if self.wrapped is not None and old.removed != decor.removed:
            self.wrapped = Layout(self.article, self.wrapped.wrap, list(decor.removed))
            self._sized()
        if old.matches != decor.matches:
            self._forget()
        else:
            self._forget(self._touched(old) | self._touched(decor))
        self._mark_cursor()
        self.refresh()

    def _mark_cursor(self) -> None:
        """The rows the cursor's passage covers, which get the mark in the margin."""
        if self.wrapped is not None and self.decor.cursor is not None:
            start, end = self.decor.cursor
            self.cursor_rows = range(self.wrapped.row_of(start), self.wrapped.row_of(max(start, end - 1)) + 1)
        else:
            self.cursor_rows = range(0)

    def _touched(self, decor: Decor) -> set[int]:
        return touched(self.wrapped, decor) if self.wrapped is not None else set()

    def _paragraph_spans(self, index: int) -> list[tuple[int, int, str]]:
        """Every span over a paragraph, in drawing order (kept until its colouring changes)."""
        if index not in self._spans:
            self._spans[index] = self.spans_of.over(index, self.decor)
        return self._spans[index]

    # --- drawing ----------------------------------------------------------------

    def _style(self, names: tuple[str, ...]) -> RichStyle:
        """The view's style with components layered on (translucent backgrounds blend over what is below)."""
        style = self._styles.get(names)
        if style is None:
            layered = self.visual_style
            for name in names:
                layered += self._component(name)
            style = self._styles[names] = layered.rich_style
        return style

    def _component(self, name: str) -> Style:
        return self.styles_of_text.component(name)

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._generation != self.styles_of_text.generation:  # restyled (another theme)
            self._generation = self.styles_of_text.generation
            self._styles.clear()
            self._forget()
        # The view draws every cell of its rows itself (no border, padding or tint): Textual's styling
        # pass over each line would only copy them, and it is much of the cost of a pane that scrolls.
        filters, background = self.get_line_filters(), self.background_colors[1]
        lines = []
        for y in range(crop.y, crop.bottom):
            strip = self.render_line(y).crop(crop.x, crop.right)
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            lines.append(strip)
        return lines

    def render_line(self, y: int) -> Strip:
        row = y + round(self.scroll_y)
        if self.error:
            return self._error_line(y)
        if self.wrapped is None:
            waiting = "Wrapping the article to this width …" if y == 0 and self.article is not None else ""
            return self._plain(waiting, "end")
        spot = self.wrapped.locate(row)
        thumb = self._on_thumb(y)
        if spot.kind == "line":
            return self._line(spot.paragraph, spot.line, row in self.cursor_rows, thumb)
        if spot.kind == "gap" and row == self.notice:
            return self._plain(self.notice_text.center(self.text_width), "missing", thumb)
        return self._plain("— end —" if spot.kind == "end" else "", "end", thumb)

    def _error_line(self, y: int) -> Strip:
        """A row of the reason the article could not be read, wrapped to the pane under a blank row."""
        starts = wrap_starts(self.error, 0, len(self.error), max(1, self._area.width - 2))
        if not 1 <= y <= len(starts):
            return self._plain("", "end")
        end = starts[y] if y < len(starts) else len(self.error)
        return self._plain(self.error[starts[y - 1] : end].rstrip(), "error")

    def _on_thumb(self, y: int) -> bool:
        """Whether a row of the view shows the mark of where the view is in the article (its right margin)."""
        total, height, scroll = (self.wrapped.rows + 1 if self.wrapped else 1), self.rows_shown, round(self.scroll_y)
        if self._thumb[0] != (total, height, scroll):
            length = max(1, round(height * height / total)) if total > height else 0
            top = min(height - length, round(scroll * height / total))
            self._thumb = ((total, height, scroll), range(top, top + length))
        return y in self._thumb[1]

    def _finished(self, segments: list[Segment], marked: bool = False, thumb: bool = False) -> Strip:
        """A row as drawn: the left margin (the cursor's mark, or blank), the text, blank up to the right
        margin, which shows where in the article the view is."""
        width, blank = self._area.width, self._style(())
        mark = Segment("▌", self._style(("mark",))) if marked else Segment(" ", blank)
        end = Segment("▐", self._style(("thumb",))) if thumb else Segment(" ", blank)
        room = width - 2
        if room < 0:
            return Strip([mark, end]).crop(0, width)
        # One strip made whole (each crop or join of strips makes another, and a key draws some hundred rows).
        cells = sum(cell_len(segment.text) for segment in segments)
        if cells > room:
            segments, cells = list(Strip(segments).crop(0, room)), room
        padding = [Segment(" " * (room - cells), blank)] if cells < room else []
        return Strip([mark, *segments, *padding, end], width)

    def _plain(self, text: str, kind: str, thumb: bool = False) -> Strip:
        key = (text, kind, thumb)
        strip = self._rows.get(key)
        if strip is None:
            strip = self._rows[key] = self._finished([Segment(text, self._style((kind,)))], thumb=thumb)
        return strip

    def _line(self, paragraph: int, line: int, marked: bool, thumb: bool) -> Strip:
        """One wrapped line, drawn once per change of its paragraph's colouring (rows on screen are drawn
        again on every scroll, so this is what keeps keys cheap)."""
        lines = self._strips.get(paragraph)
        if lines is None:
            lines = self._strips[paragraph] = {}
            if len(self._strips) > 400:
                self._strips.popitem(last=False)
        strip = lines.get((line, marked, thumb))
        if strip is None:
            strip = lines[(line, marked, thumb)] = self._finished(self._segments(paragraph, line), marked, thumb)
        return strip

    def _segments(self, paragraph: int, line: int) -> list[Segment]:
        spans = self._paragraph_spans(paragraph)
        kind = PARAGRAPH_KINDS.get(self.article.paragraphs[paragraph].kind)
        segments = []
        for text, kinds in styled(self.wrapped.line(paragraph, line), spans):
            if kinds == ("removed",) and kind:
                kinds = (kind, "removed")
            segments.append(Segment(inert(text).replace("\n", " "), self._style(kinds)))
        return segments

    # --- questions the screen asks -------------------------------------------------

    @property
    def rows_shown(self) -> int:
        return self._area.height

    @property
    def top_row(self) -> int:
        return round(self.scroll_target_y)

    def sentence_near(self, screen_row: int) -> int | None:
        """The sentence whose first line is drawn nearest a row of the screen: where reading goes on here."""
        if self.wrapped is None or not self._sentence_starts:
            return None
        return self.wrapped.sentence_near(self.top_row + screen_row, self._sentence_starts)

    def sentences_on_screen(self) -> int:
        """How many sentences start on the rows shown (as if text filled them all near the end)."""
        return self.wrapped.sentences_in(self.top_row, self.rows_shown, self._sentence_starts) if self.wrapped else 0

    def on_screen(self, offset: int) -> bool:
        return self.wrapped is not None and 0 <= self.wrapped.row_of(offset) - self.top_row < self.rows_shown

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if self.wrapped is None or offset is None or offset.x < 1:
            return
        found = self.wrapped.offset_at_column(self.top_row + offset.y, offset.x - 1)
        if found is not None and self._sentence_starts:
            event.stop()
            self.post_message(self.SentenceClicked(self, max(0, bisect.bisect_right(self._sentence_starts, found) - 1)))
