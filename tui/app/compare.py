"""The compare screen: one pane per outlet, kept level on the passage under the cursor."""

from __future__ import annotations

import threading
from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Static

from tui.app import position as moves
from tui.app.detail import DetailStrip
from tui.app.finding import Matches
from tui.app.keybar import KeyBar
from tui.app.titlebar import TitleBar
from tui.app.keys import ReaderKeys
from tui.app.levelling import PaneRows, level
from tui.app.noting import NOTE_BINDINGS, NoteKeys
from tui.app.pane import ArticlePane
from tui.app.position import Position
from tui.app.reading import Reading
from tui.app.search import SearchKeys
from tui.app.spans import Decor
from tui.app.textstyles import ViewStyles
from tui.app.view import NOTICE, ArticleView, closest_notice
from tui.app.wrap import Wrap
from tui.model import Member

# Below this many columns a pane is too narrow to read; fewer panes are shown and tab cycles through them.
MIN_PANE_WIDTH = 30
# Seconds after the compare screen opens: its first frames are drawn by then, and few open the map sooner.
PREPARE_MAP_AFTER = 0.3


class CompareScreen(NoteKeys, ReaderKeys, SearchKeys, Screen):
    """Side-by-side panes kept level on the passage under the cursor."""

    BINDINGS = [
        Binding("n", "jump(1)", "Next shared", id="next_shared", tooltip="Next passage another outlet shares; every pane moves to its version"),
        Binding("N", "jump(-1)", "Prev shared", id="prev_shared", tooltip="Previous shared passage", show=False),
        Binding("]", "jump_quote(1)", "Next quote", id="next_quote", tooltip="Next quotation another outlet shares", show=False),
        Binding("[", "jump_quote(-1)", "Prev quote", id="prev_quote", tooltip="Previous shared quotation", show=False),
        Binding("j,down", "move(1)", "Down", id="cursor_down", tooltip="Cursor to the next sentence", show=False),
        Binding("k,up", "move(-1)", "Up", id="cursor_up", tooltip="Cursor to the previous sentence", show=False),
        Binding("pagedown,ctrl+d", "page(1)", "Page down", id="page_down", tooltip="Cursor a screenful further down", show=False),
        Binding("pageup,ctrl+u", "page(-1)", "Page up", id="page_up", tooltip="Cursor a screenful further up", show=False),
        Binding("g,home", "edge(0)", "Start", id="start", tooltip="Every pane to its first sentence", show=False),
        Binding("G,end", "edge(1)", "End", id="end", tooltip="Every pane to its last sentence, level", show=False),
        Binding("tab", "pane(1)", "Pane", id="next_pane", tooltip="Move to the next outlet's pane; no text moves"),
        Binding("shift+tab", "pane(-1)", "Prev pane", id="prev_pane", tooltip="Move to the previous outlet's pane", show=False),
        Binding("b", "base", "Make base", id="make_base", tooltip="Compare every other outlet against this one", show=False),
        Binding("d", "toggle_diff", "Diff", id="toggle_diff", tooltip="Colour words that differ from the base outlet (on/off)", show=False),
        Binding("s", "toggle_strip", "Detail", id="toggle_strip", tooltip="Show every outlet's version of this passage, with scores", show=False),
        Binding("m", "map", "Map", id="map", tooltip="Alignment map: every shared passage and figure conflict, and who carries it"),
        *SearchKeys.SEARCH_BINDINGS,
        Binding("c", "cite", "Cite", id="cite", tooltip="Copy a citation of the sentence or quotation under the cursor"),
        Binding("C", "cite_all", "Cite all", id="cite_all", tooltip="Copy one citation per outlet of the current passage", show=False),
        Binding("o", "outlets", "Outlets", id="outlets", tooltip="Choose other outlets", show=False),
        Binding("x", "not_same", "Not the same", id="not_same", show=False,
                tooltip="Mark the version under the cursor as not the same passage as the base's (saved; u undoes)"),
        Binding("J", "join", "Join", id="join", show=False,
                tooltip="Join passages the alignment left apart: J on one, then J on another outlet's (saved; u undoes)"),
        Binding("u", "undo_correction", "Undo correction", id="undo_correction", show=False,
                tooltip="Undo your last correction of the alignment"),
        *NOTE_BINDINGS,
        Binding("?", "help", "Help", id="help", tooltip="This help"),
        Binding("q", "app.quit", "Quit", id="quit", tooltip="Quit Parallax"),
    ]

    # Nothing takes the focus: the screen's keys act on the panes (the find bar takes it while open).
    AUTO_FOCUS = ""

    position: var[Position | None] = var(None, init=False)

    class CitationWanted(Message):
        """The user asked to copy citations of these members."""

        def __init__(self, reading: Reading, members: list[Member]) -> None:
            super().__init__()
            self.reading, self.members = reading, members

    class OutletsWanted(Message):
        """The user wants to choose other outlets."""

    class CorrectionWanted(Message):
        """The user corrected the alignment (a Correction), or asked to undo the last correction (None)."""

        def __init__(self, correction, where: tuple[int, tuple[int, ...]]) -> None:
            super().__init__()
            self.correction, self.where = correction, where

    def __init__(self, reading: Reading, where: tuple[int, tuple[int, ...]] | None = None) -> None:
        super().__init__()
        self.reading = reading
        self.where = where  # the pane and cursors to open at (after a correction), else the start
        self.show_diff = True
        self.first_pane = 0
        self.level_row: int | None = None  # the screen row the passage under the cursor was last levelled on
        self.scrolls: dict[int, int] = {}  # where each outlet's text was last scrolled, while out of view
        self.wraps: dict[tuple[int, int], Wrap] = {}
        self.shared = [reading.shared_sentences(p) for p in range(len(reading.articles))]
        self.matches: Matches | None = None
        self.current_match: tuple[int, int] | None = None
        self.filter: str | None = None
        self._allowed: dict[str, frozenset] = {}
        self._status = ""
        self._panes: list[ArticlePane] | None = None
        self.text_styles = ViewStyles()  # the panes' text styles, for all of them

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield self.text_styles
        with Horizontal(id="panes"):
            for _ in range(self._fitting(self.app.size.width)):
                yield ArticlePane(self.wraps, self.text_styles)
        yield DetailStrip(self.reading)
        yield Static(Content(""), id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        # At once, not after the first refresh: a key pressed as the screen appears must not be undone.
        self.position = moves.start(self.reading)
        if self.where is not None:
            active, cursors = self.where
            if active < len(cursors) and len(cursors) == len(self.reading.articles):
                self.position = moves.settle(replace(self.position, cursors=cursors), self.reading, active, cursors[active])
        self.set_timer(PREPARE_MAP_AFTER, self._prepare_map)

    def _prepare_map(self) -> None:
        """Work out who each outlet credits for its quotations (the map's attribution rows) in the background:
        with 300 outlets that took most of the quarter second of opening the map the first time."""

        def work() -> None:
            try:
                self.reading.attribution_conflicts  # noqa: B018 - kept by the Reading once worked out
            except Exception:  # noqa: BLE001 - the map works it out again, and says what went wrong
                pass

        # A daemon thread, not a worker: quitting never waits for it.
        threading.Thread(target=work, name="parallax-map", daemon=True).start()

    @property
    def panes(self) -> list[ArticlePane]:
        """The panes on screen, left to right (kept: every key asks for them more than once)."""
        if self._panes is None:
            self._panes = list(self.query_one("#panes").query_children(ArticlePane))
        return self._panes

    def watch_position(self, old: Position | None, new: Position | None) -> None:
        if new is not None:
            self.redraw()

    # --- drawing ---------------------------------------------------------------

    def redraw(self) -> None:
        """Bring every pane to what the position says: its outlet, colouring and scroll."""
        pos = self.position
        if pos is None:
            return
        self._fit_panes(pos.active)
        base = self.reading.articles[pos.base].outlet.short if self.show_diff else None
        rows: dict[int, PaneRows] = {}
        for pane in self.panes:
            if not pane.is_mounted:
                continue  # just added (a wider terminal): drawn once it is laid out
            pane.describe(base, pane.index == pos.base, pane.index == pos.active, self.reading.reuse_notes.get(pane.index, ""))
            pane.view.decorate(self._decor(pos, pane.index))
            if pane.view.wrapped is not None and not pane.article.error:
                rows[pane.index] = self._rows(pos, pane.index, pane.view)
        self._level(pos, rows)
        self.query_one(DetailStrip).show(pos, self.show_diff)
        self._describe()

    def _rows(self, pos: Position, index: int, view: ArticleView) -> PaneRows:
        """Where a pane's version of the passage (or the place it would be) is in its rows."""
        anchor, place = moves.anchor(pos, self.reading, index), moves.place_in(pos, self.reading, index)
        closest = self.reading.closest(pos.focus, index) if pos.version(index) is None else None
        # Not "not in this outlet" where the outlet has a weaker match: the detail strip shows that passage.
        view.notice_text = closest_notice(closest.score, view.text_width) if closest else NOTICE
        place_row = view.wrapped.row_of(place) if place is not None else None
        # The notice sits on the blank row before the place, between paragraphs, hiding no text.
        view.notice = place_row - 1 if place_row else None
        anchor_row = None if anchor is None else view.wrapped.row_of(anchor)
        length = len(view.cursor_rows) if index == pos.active else 1
        return PaneRows(anchor_row, place_row, view.top_row, view.rows_shown, max(1, length))

    def _level(self, pos: Position, rows: dict[int, PaneRows]) -> None:
        """Scroll the panes level; panes never shown before are brought level even when the text holds."""
        fresh = frozenset(i for i in rows if i not in self.scrolls)
        levelled = level(rows, pos.active, pos.hold, self.level_row, fresh)
        self.level_row = levelled.row if levelled.row is not None else self.level_row
        for pane in self.panes:
            if pane.index in levelled.scrolls and pane.is_mounted:
                pane.view.scroll_to(y=levelled.scrolls[pane.index], animate=False)
                self.scrolls[pane.index] = levelled.scrolls[pane.index]
                self._note_lacking(pos, pane.index, pane.view, levelled.scrolls[pane.index])

    def _note_lacking(self, pos: Position, index: int, view: ArticleView, scroll: int) -> None:
        """An outlet lacking the passage with no place for it says so on the blank row nearest the row read."""
        lacking = pos.focus is not None and pos.version(index) is None
        if lacking and view.notice is None and self.level_row is not None:
            view.notice = view.wrapped.gap_near(scroll + self.level_row)

    def _decor(self, pos: Position, pane: int) -> Decor:
        article = self.reading.articles[pane]
        member, under = pos.version(pane), pos.under_cursor(pane)
        cursor = None
        if under is not None or (member is not None and pane != pos.active):
            cursor = (under or member).start, (under or member).end
        elif (pane == pos.active or pos.together) and article.sentences:
            sentence = article.sentences[pos.cursors[pane]]
            cursor = sentence.start, sentence.end
        overlay = self.reading.overlay(pos.focus, pos.base, member) if self.show_diff else None
        matches = self.matches.spans[pane] if self.matches else ()
        current = self.matches.spans[pane][self.current_match[1]] if self.current_match and self.current_match[0] == pane else None
        return Decor(cursor, tuple(overlay.spans) if overlay else (), tuple(overlay.removed) if overlay else (), matches, current)

    def on_article_view_laid_out(self, event: ArticleView.LaidOut) -> None:
        self.redraw()

    def on_resize(self) -> None:
        # Less space between the footer's keys on a narrow terminal, so that every one of them shows.
        self.query_one(KeyBar).compact = self.size.width < 100
        if self.position is not None:
            self.redraw()

    def _fitting(self, width: int) -> int:
        """How many panes fit side by side."""
        return max(1, min(len(self.reading.articles), width // MIN_PANE_WIDTH))

    def _fit_panes(self, active: int) -> None:
        """Show as many panes as fit, keeping the one the keys act on in view."""
        visible = self._fitting(self.size.width or self.app.size.width)
        panes = self.panes
        if len(panes) != visible:
            self._mount_panes(visible - len(panes))
            panes = self.panes
        count = len(self.reading.articles)
        if active < self.first_pane:
            self.first_pane = active
        elif active >= self.first_pane + len(panes):
            self.first_pane = active - len(panes) + 1
        self.first_pane = max(0, min(self.first_pane, count - len(panes)))
        for offset, pane in enumerate(panes):
            index = self.first_pane + offset
            if pane.index != index:
                mounted = pane.is_mounted
                if mounted and pane.index >= 0 and pane.view.wrapped is not None:
                    self.scrolls[pane.index] = pane.view.top_row
                pane.show(index, self.reading.articles[index], self.shared[index])
                if mounted:
                    pane.view.scroll_to(y=self.scrolls.get(index, 0), animate=False)

    def _mount_panes(self, more: int) -> None:
        """Add or remove panes at the right, as the terminal widens or narrows."""
        panes = self.panes
        if more > 0:
            added = [ArticlePane(self.wraps, self.text_styles) for _ in range(more)]
            self.query_one("#panes").mount_all(added)
            self._panes = panes + added
        else:
            for pane in panes[len(panes) + more :]:
                pane.remove()
            self._panes = panes[: len(panes) + more]

    def _describe(self) -> None:
        """The sub-title says which outlets are in view; the status line, the filter and the search."""
        visible, count = len(self.panes), len(self.reading.articles)
        last = self.first_pane + visible
        shown = f"outlet {last}" if visible == 1 else f"outlets {self.first_pane + 1}–{last}"
        self.sub_title = f"{shown} of {count} · tab shows the others" if visible < count else ""
        # Updating a Static lays the screen out again: only when what it says changes.
        status, said = self.query_one("#status", Static), " · ".join(self.search_status())
        if said != self._status:
            self._status = said
            status.display = bool(said)
            status.update(Content(said))
