"""The compare screen's keys (mixed into the screen): moving, choosing panes and base, the map, help, citations.

Every move is a pure function of tui.app.position; these methods gather what the panes show (which sentence
is at the row being read, how many fit on a screen) and hand the new position to the screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.app import SystemCommand

from tui.app import position as moves
from tui.app.detail import DetailStrip
from tui.app.pane import ArticlePane
from tui.app.reading import Focus
from tui.app.view import ArticleView
from tui.model import Member

# The footer's words are short to fit 80 columns; the command palette says more.
PALETTE_NAMES = {"next_shared": "Next shared passage", "next_quote": "Next shared quotation", "next_pane": "Next pane",
                 "find": "Find in every pane", "filter": "Next filter", "map": "Alignment map",
                 "cite": "Copy a citation", "help": "Help: every key", "note": "Add a note or verdict",
                 "report": "Write a report (HTML)"}  # fmt: skip


class ReaderKeys:
    """What the compare screen's keys do, other than search and filters."""

    # --- moving ---------------------------------------------------------------

    def action_move(self, step: int) -> None:
        self.position = moves.move(self.position, self.reading, step)

    def _view_of(self, index: int) -> ArticleView | None:
        return next((p.view for p in self.panes if p.index == index and p.view.wrapped is not None), None)

    def action_page(self, step: int) -> None:
        """Cursor as many sentences on as the pane shows at once; from what it shows if scrolled away."""
        pos, view = self.position, self._view_of(self.position.active)
        if view is None:
            return
        anchor = moves.anchor(pos, self.reading, pos.active)
        start = None
        if anchor is not None and not view.on_screen(anchor):
            start = view.sentence_near(self.level_row or 0)
        self.position = moves.page(pos, self.reading, step, view.sentences_on_screen(), start)

    def action_edge(self, end: int) -> None:
        self.position = moves.edge(self.position, self.reading, bool(end))

    def _jump(self, step: int, kind: str, what: str) -> None:
        allowed = self.allowed()
        if kind == "passage" and self.filter == "figures":
            kind = "figures"
        moved = moves.jump(self.position, self.reading, step, kind, allowed)
        if moved is None:
            only = f" among {self.filter_label()}" if allowed is not None and self.filter != "figures" else ""
            self.notify(f"No {'next' if step > 0 else 'previous'} {what}{only} in this outlet.", timeout=2)
        else:
            self.position = moved

    def action_jump(self, step: int) -> None:
        self._jump(step, "passage", "figure conflict" if self.filter == "figures" else "shared passage")

    def action_jump_quote(self, step: int) -> None:
        self._jump(step, "quote", "shared quotation")

    def action_pane(self, step: int) -> None:
        readable = self.reading.readable()
        place = readable.index(self.position.active) if self.position.active in readable else 0
        self._enter(readable[(place + step) % len(readable)])

    def on_article_pane_clicked(self, event: ArticlePane.Clicked) -> None:
        if event.index in self.reading.readable() and event.index != self.position.active:
            self._enter(event.index)

    def _enter(self, index: int) -> None:
        self._fit_panes(index)
        view = self._view_of(index)
        if view is None or index not in self.scrolls:
            # Never shown before: it is brought level when it appears, so its version or place will show.
            on_screen, near = (lambda offset: True), None
        else:
            on_screen, near = view.on_screen, view.sentence_near(self.level_row or 0)
        self.position = moves.enter(self.position, self.reading, index, on_screen, near)

    def on_article_view_sentence_clicked(self, event: ArticleView.SentenceClicked) -> None:
        pane = next(p for p in self.panes if p.view is event.control)
        self.position = moves.settle(self.position, self.reading, pane.index, event.sentence)

    def go_to(self, focus: Focus | None) -> None:
        """To a passage or figure conflict chosen from the map."""
        if focus is not None:
            self.position = moves.to_focus(self.position, self.reading, focus)

    def action_base(self) -> None:
        self.position = moves.choose_base(self.position)
        self.notify(f"Comparing against {self.reading.articles[self.position.base].outlet.short}.", timeout=2, markup=False)

    def action_toggle_diff(self) -> None:
        self.show_diff = not self.show_diff
        self.notify(f"Difference highlighting {'on' if self.show_diff else 'off'}.", timeout=2)
        self.redraw()

    def action_toggle_strip(self) -> None:
        strip = self.query_one(DetailStrip)
        strip.display = not strip.display
        strip.show(self.position, self.show_diff)

    def commands(self) -> Iterator[SystemCommand]:
        """Every key's action and every filter, for the command palette."""
        for binding in self.BINDINGS:
            name = PALETTE_NAMES.get(binding.id, binding.description)
            yield SystemCommand(name, f"{binding.tooltip} (key {binding.key})", partial(self.run_action, binding.action))
        for name, help_text, which in self.filter_commands():
            yield SystemCommand(name, help_text, partial(self.action_set_filter, which))

    # --- map, help, citations ---------------------------------------------------

    def action_map(self) -> None:
        from tui.app.overlays import MapScreen

        # The map is kept (installed) while its rows stay the same: building and removing a table of some
        # 600 rows cost a third of a second each time, and the key after closing it 50 to 100 ms.
        pos, allowed = self.position, self.allowed()
        kept: MapScreen | None = getattr(self, "kept_map", None)
        if kept is None or not kept.shows(pos.active, allowed):
            if kept is not None:
                self.app.uninstall_screen(kept)
                kept.remove()
            kept = self.kept_map = MapScreen(self.reading, pos.focus, pos.active, allowed, self.filter_label())
            self.app.install_screen(kept, f"map-{id(kept)}")
        kept.point_at(pos.focus)
        self.app.push_screen(kept, self.go_to)

    def on_unmount(self) -> None:
        # Replaced by another comparison: its map goes too (on quitting, Textual removes every screen).
        kept = getattr(self, "kept_map", None)
        if kept is not None and self.app.is_screen_installed(kept) and kept not in self.app.screen_stack:
            self.app.uninstall_screen(kept)
            kept.remove()

    def action_help(self) -> None:
        from tui.app.overlays import HelpScreen

        self.app.push_screen(HelpScreen(self.BINDINGS))

    def _cursor_member(self) -> Member:
        pos = self.position
        member = pos.under_cursor(pos.active)
        if member is not None:
            return member
        sentence = self.reading.articles[pos.active].sentences[pos.cursors[pos.active]]
        return Member(pos.active, sentence.index, sentence.start, sentence.end, 100.0)

    def action_cite(self) -> None:
        self.post_message(self.CitationWanted(self.reading, [self._cursor_member()]))

    def action_cite_all(self) -> None:
        pos = self.position
        if pos.focus is None:
            self.action_cite()
            return
        members = [m for m in pos.shown if m is not None]
        self.post_message(self.CitationWanted(self.reading, members))

    def action_outlets(self) -> None:
        self.post_message(self.OutletsWanted())

    # --- corrections ------------------------------------------------------------

    def _where(self) -> tuple[int, tuple[int, ...]]:
        return self.position.active, self.position.cursors

    def action_not_same(self) -> None:
        from tui.app.correcting import split_at

        correction = split_at(self.reading, self.position)
        if correction is None:
            self.notify("The cursor is on no passage another outlet shares: nothing to keep apart.", timeout=4)
            return
        self.post_message(self.CorrectionWanted(correction, self._where()))

    def action_join(self) -> None:
        from tui.app.correcting import Marked, join_with

        pos = self.position
        marked = getattr(self, "marked", None)
        if marked is None or marked.pane == pos.active:
            self.marked = Marked(pos.active, pos.cursors[pos.active])
            self.notify("Marked to join: move to another outlet's passage (tab) and press J there.", timeout=6)
            return
        self.marked = None
        self.post_message(self.CorrectionWanted(join_with(self.reading, marked, pos), self._where()))

    def action_undo_correction(self) -> None:
        self.post_message(self.CorrectionWanted(None, self._where()))
