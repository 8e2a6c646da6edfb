"""One outlet's article: a header, the paragraphs near the cursor, and a notice when a passage is missing."""

from __future__ import annotations

import bisect

from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.style import Style
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

    def __init__(self, article: Article, index: int, *, is_base: bool = False) -> None:
        super().__init__(id=f"pane-{index}", classes="pane")
        self.article = article
        self.index = index
        self.is_base = is_base
        self.decor = Decor()
        self.window = (0, 0)
        self.paragraph_starts = [p.start for p in article.paragraphs]

    def compose(self):
        with Vertical(classes="pane-header"):
            for line, name in zip(header_lines(self.article, self.is_base), ("outlet", "title", "link")):
                yield Static(line, classes=f"pane-{name}")
        with VerticalScroll(classes="pane-body", can_focus=False):
            if self.article.error:
                yield Static(Content(inert(self.article.error)), classes="pane-error")
        yield Static(Content("┄ not in this outlet ┄"), classes="pane-missing")

    def on_mount(self) -> None:
        if not self.article.error:
            self.show_paragraph(0)

    def on_click(self) -> None:
        self.post_message(self.Clicked(self.index))

    def style_of(self, component: str) -> Style:
        return self.get_visual_style(f"pane--{component}", partial=True)

    def set_active(self, active: bool) -> None:
        """Mark the pane the keys act on (on the header only: restyling every paragraph is slow)."""
        self.query_one(".pane-header").set_class(active, "-active")

    @property
    def body(self) -> VerticalScroll:
        return self.query_one(".pane-body", VerticalScroll)

    def set_base(self, is_base: bool) -> None:
        self.is_base = is_base
        self.query_one(".pane-outlet", Static).update(header_lines(self.article, is_base)[0])

    def show_paragraph(self, paragraph: int) -> bool:
        """Make sure the window of mounted paragraphs holds this one; say whether it had to be remounted."""
        lo, hi = self.window
        if lo <= paragraph < hi:
            return False
        count = len(self.article.paragraphs)
        lo = max(0, min(paragraph - WINDOW // 2, count - WINDOW))
        self.window = (lo, min(count, lo + WINDOW))
        body = self.body
        body.remove_children()
        views = [ParagraphView(self.article, p, self.decor, self.style_of) for p in self.article.paragraphs[slice(*self.window)]]
        body.mount_all([*views, Static(Content("— end —" if self.window[1] == count else "…"), classes="pane-end")])
        return True

    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, offset) - 1)

    def view_of(self, paragraph: int) -> ParagraphView | None:
        lo, hi = self.window
        if not lo <= paragraph < hi:
            return None
        views = self.body.query(ParagraphView)
        index = paragraph - lo
        return views[index] if index < len(views) else None

    def redecorate(self, decor: Decor) -> bool:
        """Restyle with new spans (only removed words reflow); say whether the layout will change."""
        changed = [(a, b) for a, b, _ in set(self.decor.spans) ^ set(decor.spans)]
        reflow = [(p, p) for p, _ in set(self.decor.removed) ^ set(decor.removed)]
        self.decor.spans, self.decor.removed = list(decor.spans), list(decor.removed)
        for view in self.body.query(ParagraphView):
            start, end = view.span
            if any(a <= end and b >= start for a, b in reflow):
                view.refresh(layout=True)
            elif any(a < end and b > start for a, b in changed):
                view.refresh()
        return bool(reflow)

    def row_of(self, offset: int) -> int | None:
        """The line, counted in the body's virtual space, where an article offset is drawn."""
        view = self.view_of(self.paragraph_of(offset))
        if view is None or not view.region:
            return None
        # A child's virtual region is in the body's scrolled coordinates: row 0 is the top of the text.
        return view.virtual_region.y + view.styles.padding.top + view.line_of(offset)

    def level(self, offset: int, screen_row: int) -> None:
        """Scroll so an article offset sits at a given row of the body."""
        row = self.row_of(offset)
        if row is not None:
            self.body.scroll_to(y=max(0, row - screen_row), animate=False, immediate=True)

    def keep_visible(self, offset: int) -> int:
        """Scroll only if an article offset is out of view (or near an edge); return its row in the body."""
        row = self.row_of(offset)
        if row is None:
            return 0
        height = self.body.size.height
        top = round(self.body.scroll_target_y)
        if not top + 1 <= row < top + height - 3:
            self.level(offset, max(1, height // 3))
            top = round(self.body.scroll_target_y)
        return row - top

    def show_missing(self, screen_row: int | None) -> None:
        """Show the dim "not in this outlet" line at a body row, or hide it with None."""
        notice = self.query_one(".pane-missing", Static)
        notice.display = screen_row is not None
        if screen_row is not None:
            header = self.query_one(".pane-header").outer_size.height
            notice.styles.offset = (0, header + screen_row)
