"""The detail strip: every outlet's version of the current passage, stacked, with the word diff inline."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.style import Style
from textual.widgets import Static

from tui.app.paragraph import Decor, inert, styled
from tui.app.reading import Reading
from tui.model import Group


class DetailStrip(VerticalScroll, can_focus=False):
    """Stacked versions of the group under the cursor, each with its similarity to the base."""

    COMPONENT_CLASSES = {
        "detail--outlet",
        "detail--added",
        "detail--changed",
        "detail--removed",
        "detail--figure",
        "detail--missing",
    }

    def __init__(self, reading: Reading) -> None:
        super().__init__(id="detail")
        self.reading = reading
        self.group: Group | None = None
        self.display = False

    def style_of(self, component: str) -> Style:
        return self.get_visual_style(f"detail--{component}", partial=True)

    def show(self, group: Group | None) -> None:
        """Rebuild the rows for a group (or a hint when the cursor is on no shared passage)."""
        self.group = group
        if not self.display:
            return  # rebuilt when shown
        self.remove_children()
        self.mount_all([Static(row, classes="detail-row") for row in self.rows()])

    def rows(self) -> list[Content]:
        if self.group is None:
            return [Content("No shared passage under the cursor.").stylize(self.style_of("missing"))]
        return [self.row(pane) for pane in range(len(self.reading.articles))]

    def row(self, pane: int) -> Content:
        """One outlet's version: its name, its score against the base, and its words."""
        article = self.reading.articles[pane]
        name = Content(f"{inert(article.outlet.short)[:14]:<14} ").stylize(self.style_of("outlet"))
        member = self.reading.member(self.group, pane)
        if member is None:
            return name + Content("—    not in this outlet").stylize(self.style_of("missing"))
        diff = self.reading.diff(self.group, pane)
        score = "base" if pane == self.reading.base else (f"{diff.similarity:3.0f}%" if diff else "  — ")
        overlay = self.reading.overlay(self.group, pane)
        decor = Decor(spans=overlay.spans, removed=overlay.removed)
        words, _ = styled(self.reading.text_of(member), member.start, decor, self.style_of)
        return name + Content(f"{score:>5} ") + Content(" ").join(words.split())
