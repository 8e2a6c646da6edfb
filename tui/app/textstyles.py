"""The styles of the panes' text, from the app's CSS, held by one widget for every pane."""

from __future__ import annotations

from textual.style import Style
from textual.widget import Widget

from tui.app.spans import ORDER


class ViewStyles(Widget):
    """The styles of the panes' text (shared, quotation, cursor, word differences...), from the app's CSS.

    One widget holds them for every pane: each of the 17 component classes costs a pass over the style sheet
    for the widget that has it, on every restyle. Not drawn; every restyle is a new generation, which tells
    the panes to draw their rows again.
    """

    COMPONENT_CLASSES = {f"view--{name}" for name in ORDER} | {"view--mark", "view--missing", "view--end", "view--thumb",
                                                              "view--error"}

    def __init__(self) -> None:
        super().__init__()
        self.display = False
        self.generation = 0

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.generation += 1

    def component(self, name: str) -> Style:
        """A component's style alone (laid over a pane's own style where a row is drawn)."""
        component = f"view--{name}"
        style = self.get_visual_style(component, partial=True)
        # A partial visual style leaves the background out; shared sentences and the cursor need theirs.
        background = self.get_component_styles(component).background
        return style + Style(background=background) if background.a > 0 else style
