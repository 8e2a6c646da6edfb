"""Modal screens over the compare screen: the alignment map and the key help."""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from tui.app.paragraph import inert
from tui.app.reading import Reading
from tui.model import Group, GroupKind


class MapScreen(ModalScreen[int | None]):
    """All shared passages, one row each, with which outlets carry them; enter jumps there."""

    BINDINGS = [
        Binding("escape,m,q", "close", "Close", id="close_map"),
    ]

    def __init__(self, reading: Reading, current: int | None, active: int) -> None:
        super().__init__()
        self.reading = reading
        self.current = current
        self.active = active

    def compose(self) -> ComposeResult:
        with Vertical(id="map-box"):
            count, figures = len(self.reading.groups), len(self.reading.figure_groups)
            title = f"Alignment map · {count} shared passages · {figures} figure conflicts · enter jumps, escape closes"
            yield Static(Content(title), id="map-title")
            yield DataTable(id="map-table", cursor_type="row", zebra_stripes=True)

    def ordered_groups(self) -> list[int]:
        """Groups in the reading order of the focused outlet, then those it lacks."""

        def key(group_id: int) -> tuple:
            group = self.reading.groups[group_id]
            mine = self.reading.member(group, self.active)
            first = min(group.members, key=lambda m: (m.article, m.start))
            return (0, mine.start, 0) if mine else (1, first.article, first.start)

        return sorted(self.reading.groups, key=key)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # DataTable reads plain strings as markup; article data goes in as rich Text.
        names = [inert(a.outlet.short) for a in self.reading.articles]
        width, words = self._column_widths(names)
        table.add_columns("kind", *(Text(name[:width]) for name in names))
        table.add_column("opening words", width=words)
        for group_id in self.ordered_groups():
            group = self.reading.groups[group_id]
            kind = "quote" if group.kind is GroupKind.QUOTE else "text"
            self._add_row(table, group, kind, self.reading.opening(group))
        # Figures that outlets give differently, wherever they say them: what a fact-checker looks for.
        for group_id, group in self.reading.figure_groups.items():
            self._add_row(table, group, "figure", self.reading.figure_summary(group_id))
        if self.current is not None:
            table.move_cursor(row=table.get_row_index(str(self.current)))
        table.focus()

    def _column_widths(self, names: list[str]) -> tuple[int, int]:
        """How wide the outlet columns and the opening words may be: outlet names are cut short (down to
        three letters) before the opening words get narrower than about 40 columns."""
        # The box is 90% of the screen, less its border, padding and the table's scrollbar (2); each column
        # has one cell of padding either side.
        available = int(self.app.size.width * 0.9) - 6
        width = max((len(name) for name in names), default=3)
        width = min(10, max(3, width))
        while width > 3 and 8 + len(names) * (width + 2) + 42 > available:
            width -= 1
        return width, max(20, min(90, available - 8 - len(names) * (width + 2) - 2))

    def _add_row(self, table: DataTable, group: Group, kind: str, words: str) -> None:
        marks = ["●" if covered else "·" for covered in self.reading.coverage(group)]
        # A figure row is read in full (every outlet's number); passages show their opening words on one line.
        table.add_row(kind, *marks, Text(inert(words)), key=str(group.id), height=None if kind == "figure" else 1)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(int(event.row_key.value))

    def action_close(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """Every key of the compare screen with what it does."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="close_help")]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        keys = [(b.key.replace(",", " / "), b.tooltip or b.description) for b in self.bindings]
        keys += [
            ("ctrl+p", "Command palette: every action, citation style, theme"),
            ("mouse", "Click a sentence to put the cursor there; the wheel scrolls a pane"),
        ]
        width = max(len(key) for key, _ in keys) + 1
        # The box is 100 columns at most, less border, padding and a scrollbar; descriptions wrap under
        # themselves, not under the keys.
        room = min(100, self.app.size.width) - 8
        rows = []
        for key, does in keys:
            lines = textwrap.wrap(does, max(20, room - width - 1))
            rows += [f"{key:<{width}} {lines[0]}", *(f"{'':<{width}} {line}" for line in lines[1:])]
        rows.append("")
        rows += textwrap.wrap(
            "Marked text is shared with another chosen outlet; coloured quotation marks show quotations. "
            "In each pane, words differing from the base outlet are coloured: added, changed, [-removed], "
            "and changed figures stand out most. Escape closes this help.",
            max(20, room),
        )
        # Scrolls (arrows, page keys, wheel) where the terminal is too short for all of it.
        with VerticalScroll(id="help-box"):
            yield Static(Content("Keys"), id="help-title")
            yield Static(Content("\n".join(rows)), id="help-body")

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def action_close(self) -> None:
        self.dismiss(None)
