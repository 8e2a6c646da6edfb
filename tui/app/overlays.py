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

from tui.app.inert import inert
from tui.app.reading import Figures, Focus, Passage, Reading
from tui.model import GroupKind

# What an outlet does with a passage, as the map marks it; "close" is an outlet with a weaker match only,
# never called absent ("unread": the article could not be read).
_MARKS = {"carried": "●", "close": "◐", "absent": "·", "unread": "?", "": "·"}


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"

# Outlet columns narrower than this cannot show a name: the map counts the outlets instead.
MIN_NAME = 3


class MapTable(DataTable):
    """The map's rows: the reader's keys move the row cursor too."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g,home", "scroll_top", "First row", show=False),
        Binding("G,end", "scroll_bottom", "Last row", show=False),
    ]


class MapScreen(ModalScreen[Focus | None]):
    """Every shared passage and figure conflict, one row each, with the outlets that carry it; enter jumps."""

    BINDINGS = [Binding("escape,m,q", "close", "Close", id="close_map")]

    def __init__(self, reading: Reading, current: Focus | None, active: int,
                 allowed: frozenset[Focus] | None = None, only: str = "") -> None:
        super().__init__()
        self.reading, self.current, self.active = reading, current, active
        self.allowed, self.only = allowed, only

    def compose(self) -> ComposeResult:
        with Vertical(id="map-box"):
            yield Static(Content(self._title()), id="map-title")
            yield MapTable(id="map-table", cursor_type="row", zebra_stripes=True)

    def _rows(self) -> list[Focus]:
        """Passages in the reading order of the focused outlet (then those it lacks), then figure conflicts;
        only those the filter lets through."""

        def order(group_id: int) -> tuple:
            group = self.reading.groups[group_id]
            mine = self.reading.member(Passage(group_id), self.active)
            first = min(group.members, key=lambda m: (m.article, m.start))
            return (0, mine.start, 0) if mine else (1, first.article, first.start)

        rows: list[Focus] = [Passage(g) for g in sorted(self.reading.groups, key=order)]
        rows += [Figures(c) for c in self.reading.conflicts]
        return [row for row in rows if self.allowed is None or row in self.allowed]

    def _title(self) -> str:
        passages, figures = len(self.reading.groups), len(self.reading.conflicts)
        credits = len(self.reading.attribution_conflicts)
        what = (f"{_count(passages, 'shared passage')} · {_count(figures, 'figure conflict')} · "
                f"{_count(credits, 'attribution difference')}")
        if self.allowed is not None:
            what = f"only {self.only}: {len(self.allowed)} of {passages + figures} rows"
        return f"Alignment map · {what} · ● carried ◐ close only · none · enter jumps, escape closes"

    def on_mount(self) -> None:
        table = self.query_one(MapTable)
        names = [inert(a.outlet.short) for a in self.reading.articles]
        width, words = self._column_widths(names)
        if width:
            table.add_columns("kind", *(Text(name[:width]) for name in names))
        else:
            table.add_columns("kind", "outlets")
        table.add_column("opening words", width=words)
        rows = self._rows()
        passages = [row for row in rows if isinstance(row, Passage)]
        for focus in passages:
            self._add_row(table, focus, bool(width))
        self._add_credit_rows(table, bool(width))  # beside the figure conflicts, which come last
        for focus in rows[len(passages):]:
            self._add_row(table, focus, bool(width))
        self.point_at(self.current)
        table.focus()

    def shows(self, active: int, allowed: frozenset[Focus] | None) -> bool:
        """Whether the map's rows are those of this pane and filter (it is shown again rather than rebuilt)."""
        return (active, allowed) == (self.active, self.allowed)

    def point_at(self, focus: Focus | None) -> None:
        """Put the row cursor on a passage or figure conflict (the one the reader is at)."""
        self.current = focus
        found = self.query(MapTable)
        if found and focus is not None and self._key(focus) in found.first().rows:
            found.first().move_cursor(row=found.first().get_row_index(self._key(focus)))

    def _column_widths(self, names: list[str]) -> tuple[int, int]:
        """How wide the outlet columns (0: one column counting them) and the opening words may be: names are
        cut short, down to three letters, before the words get narrower than about 40 columns."""
        # The box is 90% of the screen, less its border, padding and the table's scrollbar (2); each column
        # has one cell of padding either side.
        available = int(self.app.size.width * 0.9) - 6
        width = min(10, max(MIN_NAME, max((len(name) for name in names), default=MIN_NAME)))
        while width > MIN_NAME and 8 + len(names) * (width + 2) + 42 > available:
            width -= 1
        if 8 + len(names) * (width + 2) + 20 > available:
            width = 0  # too many outlets for a column each
        outlets = len(names) * (width + 2) if width else 9
        return width, max(20, min(90, available - 8 - outlets - 2))

    @staticmethod
    def _key(focus: Focus) -> str:
        return f"p{focus.group}" if isinstance(focus, Passage) else f"f{focus.conflict}"

    def _add_row(self, table: DataTable, focus: Focus, per_outlet: bool) -> None:
        coverage = self.reading.coverage(focus)
        marks = [_MARKS[state] for state in self.reading.states(focus)] if per_outlet else [f"{sum(coverage)}/{len(coverage)}"]
        if isinstance(focus, Figures):
            # A figure row is read in full (every outlet's number).
            table.add_row("figure", *marks, Text(inert(self.reading.figure_summary(focus.conflict))), key=self._key(focus), height=None)
            return
        group = self.reading.groups[focus.group]
        kind = "quote" if group.kind is GroupKind.QUOTE else "text"
        # DataTable reads plain strings as markup; article data goes in as rich Text.
        table.add_row(kind, *marks, Text(inert(self.reading.opening(group))), key=self._key(focus), height=1)

    def _add_credit_rows(self, table: DataTable, per_outlet: bool) -> None:
        """Shared quotations that outlets credit to different speakers, after the figure conflicts."""
        for group, phrase in self.reading.attribution_conflicts.items():
            if self.allowed is None or Passage(group) in self.allowed:
                coverage = self.reading.coverage(Passage(group))
                marks = ["●" if c else "·" for c in coverage] if per_outlet else [f"{sum(coverage)}/{len(coverage)}"]
                table.add_row("credit", *marks, Text(inert(phrase)), key=f"a{group}", height=None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        self.dismiss(Passage(int(key[1:])) if key[0] in "pa" else Figures(int(key[1:])))

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
            ("ctrl+p", "Command palette: every action, filter, citation style, theme"),
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
            "Marked text is shared with another chosen outlet; coloured quotation marks show quotations; the "
            "bar in the margin marks the cursor. In each pane, words differing from the base outlet (named in "
            "the pane's header) are coloured: added, changed, [-removed], and changed figures stand out most. "
            "Escape closes this help.",
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
