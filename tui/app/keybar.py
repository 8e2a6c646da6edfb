"""The key bar at the foot of each screen: the keys that work there, drawn as one line by one widget.

It shows what Textual's Footer shows, the same way (a key and what it does, disabled keys dimmed, the command
palette's key at the right; clicking a key presses it, pointing at one shows its tooltip). The Footer makes a
widget per key and makes them all again whenever the keys change: on the compare screen that cost about
40 ms of CPU just after its first frame, more than drawing the panes.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

EDGE = "▏"  # before the command palette's key, as the Footer draws it


@dataclass(frozen=True)
class Item:
    """One key as drawn: its key name, what it does, whether it works now, and its tooltip."""

    key: str
    shown: str
    description: str
    enabled: bool
    tooltip: str
    palette: bool = False


class KeyBar(Widget, can_focus=False):
    """The keys of the screen it is on, updated when they change (no widget per key)."""

    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--edge", "key-bar--hover"}

    compact = reactive(False)

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, Item]] = []  # the cells each key takes, as last drawn
        self._hover: Item | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._keys_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _keys_changed(self, screen) -> None:
        self.refresh()

    def watch_compact(self) -> None:
        self.refresh()

    def items(self) -> list[Item]:
        """The keys to show, one per action (the first key bound to it), as the Footer chooses them."""
        app = self.app
        bindings = self.screen.active_bindings
        found: dict[str, Item] = {}
        for _, binding, enabled, tooltip in bindings.values():
            if binding.show and binding.action not in found:
                found[binding.action] = self._item(binding, enabled, tooltip or binding.description)
        items = list(found.values())
        palette = bindings.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
        if palette is not None:
            _, binding, enabled, tooltip = palette
            items.append(self._item(binding, enabled, binding.tooltip or binding.description, palette=True))
        return items

    def _item(self, binding: Binding, enabled: bool, tooltip: str, palette: bool = False) -> Item:
        return Item(binding.key, self.app.get_key_display(binding), binding.description, enabled, tooltip, palette)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        key_style = base + self.get_component_rich_style("key-bar--key")
        words_style = base + self.get_component_rich_style("key-bar--description")
        hover = self.get_component_rich_style("key-bar--hover")
        items = self.items()
        keys = [item for item in items if not item.palette]
        segments, spans, at = [], [], 0
        for item in keys:
            drawn = self._drawn(item, key_style, words_style, hover)
            spans.append((at, at + Strip(drawn).cell_length, item))
            at = spans[-1][1]
            segments += drawn
        line = Strip(segments).crop_extend(0, width, base)
        palette = next((item for item in items if item.palette), None)
        if palette is not None:
            drawn = [Segment(EDGE, base + self.get_component_rich_style("key-bar--edge")),
                     *self._drawn(palette, key_style, words_style, hover, compact=True), Segment(" ", base)]
            length = Strip(drawn).cell_length
            line = Strip.join([line.crop(0, max(0, width - length)), Strip(drawn)]).crop(0, width)
            spans.append((width - length, width, palette))
        self._spans = spans
        return line

    def _drawn(self, item: Item, key_style: Style, words_style: Style, hover: Style, compact: bool | None = None) -> list[Segment]:
        """A key's segments: " key " and "description " (compact: "key", " description" and a space)."""
        compact = self.compact if compact is None else compact
        if item is self._hover or item == self._hover:
            key_style, words_style = key_style + hover, words_style + hover
        if not item.enabled:
            key_style, words_style = key_style + Style(dim=True), words_style + Style(dim=True)
        key = item.shown if compact else f" {item.shown} "
        if not item.description:
            return [Segment(key, key_style)]
        words = f" {item.description}" if compact else f"{item.description} "
        tail = [Segment(" ", self.rich_style)] if compact and not item.palette else []  # the Footer's margin
        return [Segment(key, key_style), Segment(words, words_style), *tail]

    def _at(self, x: int) -> Item | None:
        return next((item for start, end, item in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        item = self._at(event.x)
        if item != self._hover:
            self._hover = item
            self.tooltip = item.tooltip if item else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        item = self._at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()
