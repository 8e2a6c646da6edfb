"""A pane: one outlet's header (name, what it is compared against, headline, link) above its drawn text."""

from __future__ import annotations

from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from tui.app.inert import inert
from tui.app.textstyles import ViewStyles
from tui.app.view import ArticleView
from tui.app.wrap import Wrap, wrap_starts
from tui.model import Article


def header_lines(article: Article, base: str | None, is_base: bool, note: str = "") -> tuple[Content, Content, Content]:
    """Outlet, the outlet it is compared against (or that it is the base), date and a note (its reuse of a
    reference text); headline; link."""
    first = Content(inert(article.outlet.short)).stylize("bold")
    if is_base:
        first += Content("  ") + Content(" base ").stylize("reverse")
    elif base is not None:
        first += Content("  ") + Content(f"vs {inert(base)}").stylize("italic")
    if note:
        first += Content("  " + inert(note)).stylize("italic")
    first += Content("  " + inert(article.published or "no date")).stylize("dim")
    title = Content(inert(article.title or "(no headline)")).stylize("bold")
    return first, title, Content(inert(article.url or article.source)).stylize("dim underline")


class PaneHeader(Widget):
    """A pane's header, drawn from its lines at a fixed height: changing it never lays the screen out again
    (a Static would, and a key that moves through 300 outlets changes headers)."""

    def __init__(self) -> None:
        super().__init__(classes="pane-header")
        self.lines: tuple[Content, Content, Content] = (Content(""), Content(""), Content(""))

    def show(self, lines: tuple[Content, Content, Content]) -> None:
        if lines != self.lines:
            self.lines = lines
            self.refresh()

    def render(self) -> Content:
        width = max(1, self.content_size.width)
        first, title, link = self.lines
        starts = wrap_starts(title.plain, 0, len(title.plain), width)
        rows = [title[a:b].rstrip() for a, b in zip(starts, [*starts[1:], len(title.plain)])][:2]
        if len(starts) > 2:
            rows[1] = rows[1].truncate(width - 1) + Content("…")
        rows += [Content("")] * (2 - len(rows))
        shown = [first.truncate(width, ellipsis=True), *rows, link.truncate(width, ellipsis=True)]
        return Content("\n").join(shown)


class ArticlePane(Vertical):
    """A place for one outlet on the compare screen; which outlet it shows can change (narrow screens)."""

    class Clicked(Message):
        """The user clicked this pane."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, wraps: dict[tuple[int, int], Wrap], styles: ViewStyles) -> None:
        super().__init__(classes="pane")
        self.wraps = wraps
        self.index = -1  # which article it shows
        self.article: Article | None = None
        self.shared: set[int] = set()
        # Kept rather than queried: every key asks every pane for them.
        self.header = PaneHeader()
        self.view = ArticleView(wraps, styles, classes="pane-body")

    def compose(self):
        yield self.header
        yield self.view

    def show(self, index: int, article: Article, shared: set[int]) -> None:
        """Show an outlet's article here (once composed, if it is not yet)."""
        if index == self.index and article is self.article:
            return
        self.index, self.article, self.shared = index, article, shared
        if self.is_mounted:
            self._show()

    def on_mount(self) -> None:
        if self.article is not None:
            self._show()

    def _show(self) -> None:
        self.view.show(self.article, self.shared)

    def describe(self, base: str | None, is_base: bool, active: bool, note: str = "") -> None:
        """Update the header: which outlet is the base, and whether the keys act on this pane."""
        if not self.is_mounted or self.article is None:
            return
        self.header.set_class(active, "-active")
        self.header.show(header_lines(self.article, base, is_base, note))

    def on_click(self) -> None:
        self.post_message(self.Clicked(self.index))
