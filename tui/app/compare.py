"""The compare screen: one pane per outlet, a sentence cursor, and aligned jumps between shared passages."""

from __future__ import annotations

import bisect

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header

from tui.app.detail import DetailStrip
from tui.app.pane import ArticlePane, after_layout
from tui.app.paragraph import Decor, ParagraphView
from tui.app.reading import Reading
from tui.model import Group, Member

# Below this many columns a pane is too narrow to read; fewer panes are shown and tab cycles through them.
MIN_PANE_WIDTH = 30


class CompareScreen(Screen):
    """Side-by-side panes kept level on the passage under the cursor."""

    BINDINGS = [
        Binding("n", "jump(1)", "Next shared", id="next_shared", tooltip="Next passage another outlet shares; every pane moves to its version"),
        Binding("N", "jump(-1)", "Prev shared", id="prev_shared", tooltip="Previous shared passage", show=False),
        Binding("]", "jump_quote(1)", "Next quote", id="next_quote", tooltip="Next quotation another outlet shares"),
        Binding("[", "jump_quote(-1)", "Prev quote", id="prev_quote", tooltip="Previous shared quotation", show=False),
        Binding("j,down", "move(1)", "Down", id="cursor_down", tooltip="Cursor to the next sentence", show=False),
        Binding("k,up", "move(-1)", "Up", id="cursor_up", tooltip="Cursor to the previous sentence", show=False),
        Binding("pagedown,ctrl+d", "page(1)", "Page down", id="page_down", tooltip="Cursor a screenful further down", show=False),
        Binding("pageup,ctrl+u", "page(-1)", "Page up", id="page_up", tooltip="Cursor a screenful further up", show=False),
        Binding("g,home", "edge(0)", "Start", id="start", tooltip="Cursor to the first sentence", show=False),
        Binding("G,end", "edge(-1)", "End", id="end", tooltip="Cursor to the last sentence", show=False),
        Binding("tab", "pane(1)", "Next pane", id="next_pane", tooltip="Move to the next outlet's pane", priority=True),
        Binding("shift+tab", "pane(-1)", "Prev pane", id="prev_pane", tooltip="Move to the previous outlet's pane", priority=True, show=False),
        Binding("b", "base", "Make base", id="make_base", tooltip="Compare every other outlet against this one"),
        Binding("d", "toggle_diff", "Diff", id="toggle_diff", tooltip="Colour words that differ from the base outlet (on/off)"),
        Binding("s", "toggle_strip", "Detail", id="toggle_strip", tooltip="Show every outlet's version of this passage, with scores"),
        Binding("m", "map", "Map", id="map", tooltip="Alignment map: every shared passage and who carries it"),
        Binding("c", "cite", "Cite", id="cite", tooltip="Copy a citation of the sentence or quotation under the cursor"),
        Binding("C", "cite_all", "Cite all", id="cite_all", tooltip="Copy one citation per outlet of the current passage"),
        Binding("o", "outlets", "Outlets", id="outlets", tooltip="Choose other outlets", show=False),
        Binding("?", "help", "Help", id="help", tooltip="This help"),
        Binding("q", "app.quit", "Quit", id="quit", tooltip="Quit Parallax"),
    ]

    class CitationWanted(Message):
        """The user asked to copy citations of these members."""

        def __init__(self, reading: Reading, members: list[Member]) -> None:
            super().__init__()
            self.reading, self.members = reading, members

    class OutletsWanted(Message):
        """The user wants to choose other outlets."""

    def __init__(self, reading: Reading) -> None:
        super().__init__()
        self.reading = reading
        self.active = 0
        self.cursors = [0 for _ in reading.articles]
        self.group: Group | None = None
        self.show_diff = True
        self.first_pane = 0
        # The body row the cursor's passage sits on in every pane, as last levelled.
        self.level_row = 0
        # Where each pane that lacks the current passage would carry it (an article offset).
        self.places: dict[int, int] = {}
        self._hold_row = False
        self._panes: list[ArticlePane] = []
        self._static = [self._static_spans(p) for p in range(len(reading.articles))]

    def compose(self) -> ComposeResult:
        yield Header()
        fitting = self._fitting(self.app.size.width)
        with Horizontal(id="panes"):
            for index, article in enumerate(self.reading.articles):
                yield ArticlePane(article, index, is_base=index == self.reading.base, shown=index < fitting)
        yield DetailStrip(self.reading)
        yield Footer()

    def on_mount(self) -> None:
        first = self._readable()[0]
        self._activate(first)
        # At once, not after the first refresh: a key pressed as the screen appears must not be undone by
        # this. Levelling waits for the layout by itself.
        self.settle(first, 0, None)

    @property
    def panes(self) -> list[ArticlePane]:
        # The panes never change once composed; querying the DOM on every key press is measurable.
        if not self._panes:
            self._panes = list(self.query(ArticlePane))
        return self._panes

    def _static_spans(self, pane: int) -> list[tuple[int, int, str]]:
        """Spans that never change: shared sentences and quotations."""
        article = self.reading.articles[pane]
        shared = self.reading.shared_sentences(pane)
        spans = [(s.start, s.end, "shared") for s in article.sentences if s.index in shared]
        return spans + [(q.outer_start, q.outer_end, "quote") for q in article.quotes]

    # --- moving the cursor -------------------------------------------------

    def settle(self, pane: int, sentence: int, group: Group | None) -> None:
        """Put the cursor on a sentence of a pane and bring every other pane to the same passage."""
        article = self.reading.articles[pane]
        if not article.sentences:
            return
        sentence = max(0, min(sentence, len(article.sentences) - 1))
        self.active, self.cursors[pane] = pane, sentence
        candidates = self.reading.groups_at(pane, sentence)
        chosen_figures = group is not None and group.id < 0
        self.group = group if group in candidates or chosen_figures else next(iter(candidates), None)
        self.places = {}
        here = self._member(pane)
        for other in range(len(self.cursors)):
            member = self._member(other)  # the copy it shows already, where an outlet repeats the passage
            if other != pane and member is not None:
                self.cursors[other] = member.sentence
            elif other != pane and here is not None and self.reading.articles[other].sentences:
                place = self.reading.place_of_missing(pane, here.sentence, here.start, other)
                if place is not None:
                    self.places[other] = place
        self.redraw()

    def redraw(self) -> None:
        """Restyle every pane and level them: at once if no layout changes, else once it exists."""
        remounted = False
        for pane in self.panes:
            pane.redecorate(self._decor(pane.index))
            offset = self._cursor_offset(pane.index)
            if offset is None:
                offset = self.places.get(pane.index)
            if pane.display and not pane.article.error and (offset is not None or not pane.views):
                # A pane with nothing to show stays where the reader left it; one never shown starts at its top.
                remounted |= pane.show_paragraph(pane.paragraph_of(offset or 0))
        self.query_one(DetailStrip).show(self.group)
        # Freshly mounted paragraphs have no place yet; otherwise the panes are levelled in this frame.
        if remounted:
            self.call_later(self._level_when_mounted)
        elif not self._level():
            self._level_later()

    def _member(self, pane: int) -> Member | None:
        """A pane's member of the current group: the copy under its cursor where the outlet repeats it."""
        if self.group is None:
            return None
        members = self.group.members_of(pane)
        return next((m for m in members if m.sentence == self.cursors[pane]), next(iter(members), None))

    def _cursor_offset(self, pane: int) -> int | None:
        member = self._member(pane)
        if member is not None:
            return member.start
        sentences = self.reading.articles[pane].sentences
        return sentences[self.cursors[pane]].start if pane == self.active and sentences else None

    def _decor(self, pane: int) -> Decor:
        decor = Decor(spans=list(self._static[pane]))
        member = self._member(pane)
        if member is not None:
            decor.spans.append((member.start, member.end, "cursor"))
        elif pane == self.active and self.reading.articles[pane].sentences:
            sentence = self.reading.articles[pane].sentences[self.cursors[pane]]
            decor.spans.append((sentence.start, sentence.end, "cursor"))
        if self.show_diff:
            overlay = self.reading.overlay(self.group, pane)
            decor.spans += overlay.spans
            decor.removed = overlay.removed
        return decor

    def _level(self) -> bool:
        """Scroll panes so their version of the passage sits on the cursor's row; mark panes that lack it.

        Returns False when a pane could not reach its place yet (its paragraphs are not laid out, or its text
        grows at the next layout).
        """
        active = self.panes[self.active]
        offset = self._cursor_offset(self.active)
        if offset is None:
            return True
        # Entering a pane at the row being read: on screen is enough, the text does not move.
        row = active.keep_visible(offset, margin=not self._hold_row)
        if row is None:
            return False
        holding = self._hold_row
        if holding:
            # Entering a pane that lacks the passage: the text stays where it is.
            row, self._hold_row = self.level_row, False
        shown = {pane: self._cursor_offset(pane.index) for pane in self.panes if pane.display and not pane.article.error}
        # A passage near the top of some article can sit no lower than its row in that text: raise the
        # common row to it rather than leave that pane out of line.
        tops = [pane.row_of(mine) for pane, mine in shown.items() if mine is not None and not (holding and pane is active)]
        # A pane lacking the passage shows the place it would be at one row below (the notice on the row).
        tops += [top - 1 for pane, mine in shown.items() if mine is None and pane.index in self.places
                 and (top := pane.row_of(self.places[pane.index])) is not None]
        highest = max(0, min((top for top in tops if top is not None), default=row))
        if row > highest:
            row = highest
            active.level(offset, row)
        self.level_row = row
        reached = True
        for pane, mine in shown.items():
            if mine is not None and pane.index != self.active:
                reached &= pane.level(mine, row)
            # Only a shared passage can be missing somewhere; other panes stay where they are otherwise.
            missing = self.group is not None and mine is None
            if missing and pane.index in self.places:
                # The text it carries around that place shows beside the passage, the notice between.
                reached &= pane.level(self.places[pane.index], row + 1)
            pane.show_missing(row if missing else None)
        return reached

    async def _level_when_mounted(self) -> None:
        for pane in self.panes:
            await pane.ready()
        self._level_later()

    def _level_later(self) -> None:
        """Level once the layout has caught up."""
        after_layout(self, lambda final: self._level())

    def action_move(self, step: int) -> None:
        self.settle(self.active, self.cursors[self.active] + step, None)

    def action_page(self, step: int) -> None:
        """Cursor as many sentences on as the focused pane shows at once; the panes follow as for any move."""
        pane = self.panes[self.active]
        if not pane.article.sentences:
            return
        start = self.cursors[self.active]
        row = pane.row_of(self._cursor_offset(self.active))
        if row is None or not 0 <= row - round(pane.body.scroll_y) < pane.body.size.height:
            # The pane was scrolled by hand away from its cursor: page on from what it shows.
            start = pane.sentence_near(self.level_row) or start
        self.settle(self.active, start + step * max(1, pane.sentences_on_screen()), None)

    def action_edge(self, end: int) -> None:
        sentences = self.reading.articles[self.active].sentences
        if sentences:
            self.settle(self.active, len(sentences) - 1 if end else 0, None)

    def _jump(self, step: int, quotes: bool) -> None:
        if not self.reading.articles[self.active].sentences:
            return
        member = self._member(self.active)
        start = member.start if member else self.reading.articles[self.active].sentences[self.cursors[self.active]].start
        stop = self.reading.jump(self.active, self.cursors[self.active], start, step, quotes)
        if stop is None:
            what = "quotation" if quotes else "passage"
            self.notify(f"No {'next' if step > 0 else 'previous'} shared {what} in this outlet.", timeout=2)
            return
        self.settle(self.active, stop.sentence, self.reading.groups[stop.group])

    def action_jump(self, step: int) -> None:
        self._jump(step, quotes=False)

    def action_jump_quote(self, step: int) -> None:
        self._jump(step, quotes=True)

    # --- panes ---------------------------------------------------------------

    def _readable(self) -> list[int]:
        """Panes whose article was read; a failed one shows its error and is passed over by the keys."""
        return [i for i, article in enumerate(self.reading.articles) if article.sentences] or [0]

    def action_pane(self, step: int) -> None:
        readable = self._readable()
        place = readable.index(self.active) if self.active in readable else 0
        self._enter(readable[(place + step) % len(readable)])

    def on_article_pane_clicked(self, event: ArticlePane.Clicked) -> None:
        if event.index in self._readable():
            self._enter(event.index)

    def _enter(self, index: int) -> None:
        """Move to another pane without moving the text. In a pane that lacks the current passage the cursor
        goes where the passage would be, or else to the sentence at the row being read."""
        self._activate(index)
        pane = self.panes[index]
        if self._member(index) is not None:
            self.redraw()
        elif index in self.places:
            self.cursors[index] = max(0, bisect.bisect_right(pane.sentence_starts, self.places[index]) - 1)
            self._hold_row = True
            self.redraw()
        else:
            self.call_later(self._enter_where_reading, index)

    async def _enter_where_reading(self, index: int) -> None:
        pane = self.panes[index]
        if not pane.views:
            # Never shown before (a narrow screen brings it into view): its text starts at its cursor.
            pane.show_paragraph(pane.paragraph_of(self._cursor_offset(index) or 0))
            await pane.ready()
        after_layout(self, lambda final: self._cursor_to_level_row(index, final))

    def _cursor_to_level_row(self, index: int, final: bool) -> bool:
        if self.active != index:
            return True  # the reader moved on meanwhile
        sentence = self.panes[index].sentence_near(self.level_row)
        if sentence is None and not final:
            return False  # not laid out yet
        if sentence is not None:
            self.cursors[index] = sentence
            self._hold_row = True
        self.redraw()
        return True

    def on_paragraph_view_sentence_clicked(self, event: ParagraphView.SentenceClicked) -> None:
        pane = next(p for p in event.control.ancestors if isinstance(p, ArticlePane)).index
        self._activate(pane)
        self.settle(pane, event.sentence, None)

    def _activate(self, index: int) -> None:
        """Make a pane the one the keys act on, and bring it into view on a narrow screen."""
        self.active = index
        for pane in self.panes:
            pane.set_active(pane.index == index)
        self._fit_panes()

    def on_resize(self) -> None:
        self._fit_panes()
        self.redraw()  # panes that come into view need their paragraphs

    def _fitting(self, width: int) -> int:
        """How many panes fit side by side."""
        return max(1, min(len(self.reading.articles), width // MIN_PANE_WIDTH))

    def _fit_panes(self) -> None:
        """Show as many panes as fit, keeping the focused one in view."""
        panes = self.panes
        visible = self._fitting(self.size.width)
        if self.active < self.first_pane:
            self.first_pane = self.active
        elif self.active >= self.first_pane + visible:
            self.first_pane = self.active - visible + 1
        self.first_pane = max(0, min(self.first_pane, len(panes) - visible))
        for pane in panes:
            pane.display = self.first_pane <= pane.index < self.first_pane + visible
        hidden = len(panes) - visible
        last = self.first_pane + visible
        shown = f"outlet {last}" if visible == 1 else f"outlets {self.first_pane + 1}–{last}"
        self.sub_title = f"{shown} of {len(panes)} · tab shows the others" if hidden else ""

    def action_base(self) -> None:
        self.reading.base = self.active
        for pane in self.panes:
            pane.set_base(pane.index == self.active)
        self.notify(f"Comparing against {self.reading.articles[self.active].outlet.short}.", timeout=2, markup=False)
        self.redraw()

    def action_toggle_diff(self) -> None:
        self.show_diff = not self.show_diff
        self.notify(f"Difference highlighting {'on' if self.show_diff else 'off'}.", timeout=2)
        self.redraw()

    def action_toggle_strip(self) -> None:
        strip = self.query_one(DetailStrip)
        strip.display = not strip.display
        strip.show(self.group)
        self._level_later()

    # --- map, help, citations ------------------------------------------------

    def action_map(self) -> None:
        from tui.app.overlays import MapScreen

        current = self.group.id if self.group else None
        self.app.push_screen(MapScreen(self.reading, current, self.active), self._jump_to_group)

    def _jump_to_group(self, group_id: int | None) -> None:
        if group_id is None:
            return
        group = self.reading.group(group_id)
        pane = self.active if self.active in group.articles else min(group.articles)
        self._activate(pane)
        self.settle(pane, self.reading.member(group, pane).sentence, group)

    def action_help(self) -> None:
        from tui.app.overlays import HelpScreen

        self.app.push_screen(HelpScreen(self.BINDINGS))

    def _cursor_member(self) -> Member:
        member = self._member(self.active)
        if member is not None:
            return member
        sentence = self.reading.articles[self.active].sentences[self.cursors[self.active]]
        return Member(self.active, sentence.index, sentence.start, sentence.end, 100.0)

    def action_cite(self) -> None:
        self.post_message(self.CitationWanted(self.reading, [self._cursor_member()]))

    def action_cite_all(self) -> None:
        if self.group is None:
            self.post_message(self.CitationWanted(self.reading, [self._cursor_member()]))
            return
        members = [self._member(p) for p in range(len(self.panes))]
        self.post_message(self.CitationWanted(self.reading, [m for m in members if m is not None]))

    def action_outlets(self) -> None:
        self.post_message(self.OutletsWanted())
