"""The title row at the top of each screen, drawn by one widget as Textual's Header draws it with four.

The icon at the left opens the command palette; the title ("Parallax — outlets 1–2 of 5 · ...") is centred
between the icon's cells and the clock's empty place at the right; a click elsewhere makes the row taller, as
the Header's does. Its widgets and the watchers that keep their title cost about 20 ms of CPU when the
compare screen opens.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

ICON = "⭘"
ICON_CELLS, CLOCK_CELLS = 8, 10  # the Header's icon and (empty) clock places


class TitleBar(Widget, can_focus=False):
    """The app's title and the screen's sub-title, with the command palette's icon."""

    COMPONENT_CLASSES = {"title-bar--hover"}

    def __init__(self) -> None:
        super().__init__()
        self._hover = False

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._retitle, init=False)
            self.watch(node, "sub_title", self._retitle, init=False)
        if self.app.ENABLE_COMMAND_PALETTE:
            self.tooltip = "Open the command palette"

    def _retitle(self) -> None:
        self.refresh()

    def title_content(self) -> Content:
        screen = self.screen
        title = screen.title if screen.title is not None else self.app.title
        sub_title = screen.sub_title if screen.sub_title is not None else self.app.sub_title
        return self.app.format_title(title, sub_title)

    def render(self) -> Content:
        width = self.content_size.width
        room = max(0, width - ICON_CELLS - CLOCK_CELLS)
        title = self.title_content()
        if title.cell_length > room:
            title = title.truncate(room, ellipsis=True)
        before = (room - title.cell_length) // 2
        icon = Content(f" {ICON}".ljust(ICON_CELLS))
        if self._hover:
            icon = icon.stylize(self.get_visual_style("title-bar--hover", partial=True).rich_style)
        line = icon + Content(" " * before) + title + Content(" " * (room - before - title.cell_length + CLOCK_CELLS))
        return Content("\n").join([Content(""), line, Content("")]) if self.has_class("-tall") else line

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = event.x < ICON_CELLS
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover:
            self._hover = False
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        if event.x < ICON_CELLS and self.app.ENABLE_COMMAND_PALETTE:
            await self.run_action("app.command_palette")
        else:
            self.toggle_class("-tall")
