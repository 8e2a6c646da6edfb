"""One outlet's article: a header, the paragraphs near the cursor, and a notice when a passage is missing."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator

from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widget import AwaitMount, Widget
from textual.widgets import Static

from tui.app.paragraph import Decor, ParagraphView, inert
from tui.model import Article

# Mounting thousands of paragraph widgets freezes the interface; only this many around the cursor exist.
WINDOW = 100


def header_lines(article: Article, is_base: bool) -> tuple[Content, Content, Content]:
    """Outlet and date, headline, and link, all as plain text."""
    outlet = Content(inert(article.outlet.short)).stylize("bold")
    first = outlet + Content("  " + inert(article.published or "no date")).stylize("dim")
    if is_base:
        first += Content("  ") + Content(" base ").stylize("reverse")
    title = Content(inert(article.title or "(no headline)")).stylize("bold")
    return first, title, Content(inert(article.url or article.source)).stylize("dim underline")


def after_layout(widget: Widget, attempt: Callable[[bool], bool], tries: int = 30) -> None:
    """Call attempt(final) after each refresh until it reports done: freshly mounted paragraphs can take
    a few frames to be laid out. The last of the tries is told it is final, and must make do."""

    def step(left: int) -> None:
        if not attempt(left <= 1) and left > 1:
            widget.call_after_refresh(step, left - 1)

    widget.call_after_refresh(step, tries)


class ArticlePane(Vertical):
    """An outlet's article with a sentence cursor; the screen decides what it shows."""

    COMPONENT_CLASSES = {
        "pane--shared",
        "pane--quote",
        "pane--cursor",
        "pane--added",
        "pane--changed",
        "pane--removed",
        "pane--figure",
    }

    class Clicked(Message):
        """The user clicked this pane."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, article: Article, index: int, *, is_base: bool = False, shown: bool = True) -> None:
        super().__init__(id=f"pane-{index}", classes="pane")
        self.article = article
        self.index = index
        # A pane off screen (many outlets, narrow terminal) gets its paragraphs when it first comes into view.
        self.shown_at_start = shown
        self.is_base = is_base
        self.decor = Decor()
        self.window = (0, 0)
        self.paragraph_starts = [p.start for p in article.paragraphs]
        self.sentence_starts = [s.start for s in article.sentences]
        # How many rows each restyled paragraph grows (or shrinks) at the next layout.
        self.growth: dict[ParagraphView, int] = {}
        self._body: VerticalScroll | None = None
        self.views: list[ParagraphView] = []  # the mounted window, in order
        self._sliding = False  # the window is being moved along; scrolling meanwhile is its own doing
        self._positioning = False  # the reader itself is scrolling (levelling, jumps), not the person
        self.generation = 0  # counts remounts and levels, so a stale slide does not undo a newer position
        self._remounted = 0  # the generation of the latest remount
        self.mounting: AwaitMount | None = None  # a window being mounted

    def compose(self):
        with Vertical(classes="pane-header"):
            for line, name in zip(header_lines(self.article, self.is_base), ("outlet", "title", "link")):
                yield Static(line, classes=f"pane-{name}")
        with VerticalScroll(classes="pane-body", can_focus=False):
            if self.article.error:
                yield Static(Content(inert(self.article.error)), classes="pane-error")
            elif self.shown_at_start:
                # Composed with the pane, so the whole screen is laid out once before its first paint.
                yield from self._window_widgets(0)
        yield Static(Content("┄ not in this outlet ┄"), classes="pane-missing")

    def on_mount(self) -> None:
        self.watch(self.body, "scroll_y", self._scrolled, init=False)

    def on_click(self) -> None:
        self.post_message(self.Clicked(self.index))

    def _scrolled(self, old: float, new: float) -> None:
        """The reader scrolled (wheel or scrollbar) to within a screen of the mounted window's edge while
        the article goes on: move the window along, keeping the paragraph at the top of the pane in place.
        The reader's own positioning (levelling, jumps) mounts what it needs itself and is not followed."""
        lo, hi = self.window
        height = self.body.size.height
        if self._positioning or self._sliding or not self.views or not height or not self.views[0].virtual_region.height:
            return
        near_end = hi < len(self.article.paragraphs) and new + 2 * height >= self.body.virtual_size.height
        near_start = lo > 0 and new < height
        if not (near_end or near_start):
            return
        top = next((v for v in self.views if v.virtual_region.bottom > new), self.views[-1])
        anchor, shift = top.paragraph.index, new - top.virtual_region.y
        self._remount(anchor)
        self.call_later(self._slid, self.generation, anchor, shift)

    async def _slid(self, generation: int, anchor: int, shift: float) -> None:
        await self.laid_out()
        after_layout(self, lambda final: self._keep_place(generation, anchor, shift, final))

    def _keep_place(self, generation: int, anchor: int, shift: float, final: bool) -> bool:
        if generation != self.generation:
            # The pane was positioned since (a jump, a level): that wins. A newer remount ends its own slide.
            if self._remounted == generation:
                self._stop_sliding()
            return True
        view = self.view_of(anchor)
        if view is not None and not view.virtual_region.height and not final:
            return False  # mounted but not laid out yet: its place is known after another refresh
        if view is not None:
            self._scroll(view.virtual_region.y + shift)
        self._stop_sliding()
        return True

    def _scroll(self, y: float) -> None:
        """Scroll the body on the reader's own account (not followed by the moving window)."""
        self._positioning = True
        try:
            self.body.scroll_to(y=y, animate=False, immediate=True)
        finally:
            self._positioning = False

    def style_of(self, component: str) -> Style:
        """A span style from the app's CSS; partial, so spans layer (a quotation inside a shared sentence)."""
        name = f"pane--{component}"
        style = self.get_visual_style(name, partial=True)
        # A partial visual style leaves the background out; shared sentences and the cursor need theirs.
        background = self.get_component_styles(name).background
        return style + Style(background=background) if background.a > 0 else style

    def set_active(self, active: bool) -> None:
        """Mark the pane the keys act on (on the header only: restyling every paragraph is slow)."""
        self.query_one(".pane-header").set_class(active, "-active")

    @property
    def body(self) -> VerticalScroll:
        if self._body is None:
            self._body = self.query_one(".pane-body", VerticalScroll)
        return self._body

    def set_base(self, is_base: bool) -> None:
        self.is_base = is_base
        self.query_one(".pane-outlet", Static).update(header_lines(self.article, is_base)[0])

    def show_paragraph(self, paragraph: int) -> bool:
        """Make sure the window of mounted paragraphs holds this one; say whether it had to be remounted."""
        lo, hi = self.window
        if lo <= paragraph < hi:
            return False
        self._remount(paragraph)
        return True

    def _remount(self, paragraph: int) -> None:
        """Mount the window around a paragraph in place of the current one."""
        self.generation += 1
        self._remounted = self.generation
        self._positioning = True  # removing the old paragraphs resets the scroll position
        try:
            self.body.remove_children()
        finally:
            self._positioning = False
        # Until the new paragraphs are mounted and laid out, scroll positions say nothing about them.
        self._sliding = True
        self.mounting = self.body.mount_all(self._window_widgets(paragraph))

    async def laid_out(self) -> None:
        """Wait until a remounted window's paragraphs are mounted (they are laid out at the next refresh)."""
        if self.mounting is not None:
            await self.mounting
            self.mounting = None

    async def ready(self) -> None:
        """Wait for a remount the reader itself asked for, after which the moving window may follow scrolls."""
        await self.laid_out()
        self._stop_sliding()

    def _stop_sliding(self) -> None:
        self._sliding = False

    def _window_widgets(self, paragraph: int) -> list[Static | ParagraphView]:
        """Views of the paragraphs around one paragraph, and the line that ends them."""
        count = len(self.article.paragraphs)
        # Paragraphs take two rows or more: this leaves over a screen either side of a slide's anchor even
        # on a tall terminal, so one slide is not at once followed by another.
        size = max(WINDOW, 3 * self.app.size.height)
        lo = max(0, min(paragraph - size // 2, count - size))
        self.window = (lo, min(count, lo + size))
        self.views = [ParagraphView(self.article, p, self.decor, self.style_of) for p in self.article.paragraphs[slice(*self.window)]]
        return [*self.views, Static(Content("— end —" if self.window[1] == count else "…"), classes="pane-end")]

    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, offset) - 1)

    def view_of(self, paragraph: int) -> ParagraphView | None:
        lo, hi = self.window
        if not lo <= paragraph < hi:
            return None
        index = paragraph - lo
        return self.views[index] if index < len(self.views) else None

    def redecorate(self, decor: Decor) -> None:
        """Restyle with new spans; only removed words change a paragraph's height, and by how much is noted."""
        changed = [(a, b) for a, b, _ in set(self.decor.spans) ^ set(decor.spans)]
        reflow = [p for p, _ in set(self.decor.removed) ^ set(decor.removed)]
        if changed or reflow:
            self.decor.version += 1
        self.decor.spans, self.decor.removed = list(decor.spans), list(decor.removed)
        for view in self.views:
            start, end = view.span
            if any(start <= p <= end for p in reflow):
                view.refresh(layout=True)
                self.growth[view] = view.wrapped_height() - view.outer_size.height
            elif any(a < end and b > start for a, b in changed):
                view.refresh()
        if self.growth:
            # Once the layout has caught up, the laid-out heights are the true ones again.
            self.call_after_refresh(self._forget_growth)

    def _forget_growth(self) -> None:
        self.growth.clear()

    def _top(self, view: ParagraphView) -> int:
        """A view's first row in the body's virtual space, counting restyles the layout has not caught up with."""
        top = view.virtual_region.y
        return top + sum(grown for other, grown in self.growth.items() if other.virtual_region.y < top)

    def row_of(self, offset: int) -> int | None:
        """The line, counted in the body's virtual space, where an article offset is drawn.

        Paragraphs restyled since the last layout are counted at their new height, so panes can be
        levelled in the same frame as the restyle instead of one frame later.
        """
        view = self.view_of(self.paragraph_of(offset))
        if view is None or not view.region:
            return None
        top = self._top(view)
        # A child's virtual region is in the body's scrolled coordinates: row 0 is the top of the text.
        return top + view.styles.padding.top + view.line_of(offset)

    def level(self, offset: int, screen_row: int) -> bool:
        """Scroll so an article offset sits at a given row of the body; False if that is past the end for now."""
        row = self.row_of(offset)
        if row is None:
            self.generation += 1  # the level that follows once laid out is what counts
            return False  # not laid out yet
        target = max(0, row - screen_row)
        self.generation += 1  # a slide still settling must not undo this
        self._scroll(target)
        return target <= self.body.max_scroll_y

    def keep_visible(self, offset: int, margin: bool = True) -> int | None:
        """Scroll only if an article offset is out of view (or, with a margin, near an edge); return its
        row in the body (None while it is not laid out)."""
        row = self.row_of(offset)
        if row is None:
            return None
        height = self.body.size.height
        top = round(self.body.scroll_target_y)
        if not top + margin <= row < top + height - 3 * margin:
            self.level(offset, max(1, height // 3))
            top = round(self.body.scroll_target_y)
        return row - top

    def _height(self, view: ParagraphView) -> int:
        """A view's height, counting a restyle the layout has not caught up with."""
        return view.outer_size.height + self.growth.get(view, 0)

    def _visible_views(self) -> list[tuple[int, ParagraphView]]:
        """The laid-out paragraph views that show at least one row, each with its first row on screen."""
        top, height = round(self.body.scroll_target_y), self.body.size.height
        views = []
        for view in self.views:
            if not view.virtual_region.height:
                continue  # not laid out yet
            first = self._top(view) - top
            if first < height and first + self._height(view) > 0:
                views.append((first, view))
        return views

    def _sentence_rows(self, views: list[tuple[int, ParagraphView]]) -> Iterator[tuple[int, int]]:
        """(sentence index, row on screen of its first line) for the sentences of these views."""
        for first_row, view in views:
            start, end = view.span
            for index in range(bisect.bisect_left(self.sentence_starts, start), bisect.bisect_left(self.sentence_starts, end)):
                yield index, first_row + view.styles.padding.top + view.line_of(self.sentence_starts[index])

    def sentence_near(self, screen_row: int) -> int | None:
        """The sentence whose first line is drawn nearest a body row on screen: where reading goes on here."""
        rows = self._sentence_rows(self._visible_views())
        best = min(rows, key=lambda found: abs(found[1] - screen_row), default=None)
        return best[0] if best else None

    def sentences_on_screen(self) -> int:
        """How many sentences start on the rows the pane shows (as if text filled them all)."""
        views, height = self._visible_views(), self.body.size.height
        count = sum(0 <= row < height for _, row in self._sentence_rows(views))
        rows = sum(min(height, first + self._height(view)) - max(0, first) for first, view in views)
        # Near the end of the mounted paragraphs part of the screen is blank: count as if text filled it.
        return round(count * height / rows) if rows else 0

    def _gap_near(self, screen_row: int) -> int:
        """The blank row between paragraphs nearest a body row, so the notice hides no text (else the row)."""
        height = self.body.size.height
        gaps = [first + self._height(view) - 1 for first, view in self._visible_views() if view.styles.padding.bottom]
        gaps = [gap for gap in gaps if 0 <= gap < height]
        return min(gaps, key=lambda gap: (abs(gap - screen_row), gap), default=screen_row)

    def show_missing(self, screen_row: int | None) -> None:
        """Show the dim "not in this outlet" line near a body row, between paragraphs; hide it with None."""
        notice = self.query_one(".pane-missing", Static)
        notice.display = screen_row is not None
        if screen_row is not None:
            header = self.query_one(".pane-header").outer_size.height
            notice.styles.offset = (0, header + self._gap_near(screen_row))
