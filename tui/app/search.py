"""Finding words in every pane, and filtering the passages the jump keys and the map visit."""

from __future__ import annotations

from textual import work
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from tui.app import position as moves
from tui.app.finding import FILTERS, Matches, find, next_match, passing
from tui.app.reading import Focus

# Searching more text than this runs in a worker thread, so that the interface keeps responding.
SEARCH_IN_THREAD = 1_000_000


class FindBar(Input):
    """The line where a search is typed: enter searches every pane, escape closes it."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close_find"),
        # Focus stays in the bar while a search is typed (tab would otherwise leave it for nowhere).
        Binding("tab,shift+tab", "stay", show=False),
    ]

    class Closed(Message):
        """The bar closed without a search."""

    def __init__(self) -> None:
        super().__init__(placeholder="Find in every pane: a word or phrase, enter searches, escape closes", id="find")
        self.display = False

    def open(self) -> None:
        self.display = True
        # At once, not once the keys already queued are handled (as `focus()` does): typed right after "/", they
        # are the search's (see ParallaxApp.on_event).
        self.screen.set_focus(self)

    def action_close(self) -> None:
        self.display = False
        self.post_message(self.Closed())

    def action_stay(self) -> None:
        """Nothing: the key is the bar's."""


class SearchKeys:
    """The compare screen's search and filter keys (mixed into the screen)."""

    SEARCH_BINDINGS = [
        Binding("/", "find", "Find", id="find", tooltip="Find a word or phrase in every pane; matches are highlighted"),
        Binding(">", "next_match(1)", "Next match", id="next_match", tooltip="Cursor to the next match of the search", show=False),
        Binding("<", "next_match(-1)", "Prev match", id="prev_match", tooltip="Cursor to the previous match of the search", show=False),
        Binding("escape", "clear_search", "Clear search", id="clear_search", tooltip="Stop highlighting the search's matches", show=False),
        Binding("f", "cycle_filter", "Filter", id="filter", tooltip="Visit only passages worded differently, passages some outlet lacks, or figure conflicts (n, N and the map)"),
    ]

    class Found(Message):
        def __init__(self, matches: Matches) -> None:
            super().__init__()
            self.matches = matches

    _allowed: dict[str, frozenset[Focus]]  # what each filter lets through, once worked out

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While a search is typed the keys are the search's: tab and the arrows must not move the panes.
        return not isinstance(self.focused, FindBar)

    # --- search ------------------------------------------------------------------

    async def action_find(self) -> None:
        # Made on first use: most readers never search, and the screen opens faster without it.
        bars = self.query(FindBar)
        if not bars:
            await self.mount(FindBar(), after="#status")
        self.query_one(FindBar).open()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        bar = self.query_one(FindBar)
        bar.display = False
        self.set_focus(None)
        query = event.value.strip()
        if not query:
            self.action_clear_search()
            return
        texts = [article.text for article in self.reading.articles]
        if sum(len(text) for text in texts) > SEARCH_IN_THREAD:
            self.notify(f"Searching for “{query}” …", timeout=2, markup=False)
            self._search_in_thread(texts, query)
        else:
            self.on_search_keys_found(self.Found(find(texts, query)))

    def on_find_bar_closed(self) -> None:
        self.set_focus(None)

    @work(thread=True, exclusive=True, group="search")
    def _search_in_thread(self, texts: list[str], query: str) -> None:
        self.post_message(self.Found(find(texts, query)))

    def on_search_keys_found(self, event: Found) -> None:
        self.matches, self.current_match = event.matches, None
        if not event.matches.total:
            self.notify(f"“{event.matches.query}” is in none of the outlets.", severity="warning", timeout=4, markup=False)
            self.matches = None
            self.redraw()
            return
        outlets = sum(1 for spans in event.matches.spans if spans)
        self.notify(f"{event.matches.total} matches in {outlets} outlets: > and < move between them, escape clears.",
                    title=f"Found “{event.matches.query}”", timeout=4, markup=False)
        self.action_next_match(1)

    def action_next_match(self, step: int) -> None:
        if self.matches is None:
            self.notify("Press / to search first.", timeout=2)
            return
        pos = self.position
        pane, offset = pos.active, self._reading_offset()
        if self.current_match is not None and self.current_match[0] == pane:
            offset = self.matches.spans[pane][self.current_match[1]][0]
        found = next_match(self.matches, self.reading.readable(), pane, offset, step)
        if found is None:
            return
        self.current_match = found
        start = self.matches.spans[found[0]][found[1]][0]
        self.position = moves.to_offset(pos, self.reading, found[0], start)
        if self.position == pos:
            self.redraw()  # the same sentence: only the highlighted match moves

    def _reading_offset(self) -> int:
        """Where the search goes on from: the start of what is under the cursor, less one."""
        pos = self.position
        member = pos.under_cursor(pos.active)
        sentences = self.reading.articles[pos.active].sentences
        start = member.start if member else (sentences[pos.cursors[pos.active]].start if sentences else 0)
        return start - 1

    def action_clear_search(self) -> None:
        if self.matches is not None:
            self.matches, self.current_match = None, None
            self.redraw()

    def search_status(self) -> list[str]:
        parts = []
        if self.filter is not None:
            parts.append(f"only {self.filter_label()} ({len(self.allowed())} of {self._filter_total()})")
        if self.matches is not None:
            pane, index = self.current_match or (self.position.active, -1)
            where = f"{index + 1} of {len(self.matches.spans[pane])} in {self.reading.articles[pane].outlet.short}, " if index >= 0 else ""
            parts.append(f"“{self.matches.query}”: {where}{self.matches.total} in all")
        return parts

    # --- filters -----------------------------------------------------------------

    def allowed(self) -> frozenset[Focus] | None:
        """What the filter lets the jump keys and the map visit (None: everything)."""
        return None if self.filter is None else self._allowed[self.filter]

    def filter_label(self) -> str:
        return FILTERS.get(self.filter, "")

    def _filter_total(self) -> int:
        return len(self.reading.conflicts) if self.filter == "figures" else len(self.reading.groups)

    def action_cycle_filter(self) -> None:
        names = [None, *FILTERS]
        self.action_set_filter(names[(names.index(self.filter) + 1) % len(names)])

    def action_set_filter(self, name: str | None) -> None:
        if name is not None and name not in self._allowed:
            # Comparing the wording of every passage of 300 outlets takes a while: not on the keys' thread.
            self.notify(f"Finding {FILTERS[name]} …", timeout=2)
            self._sort_in_thread(name)
            return
        self.filter = name
        if name is None:
            self.notify("Every shared passage again.", timeout=3)
        else:
            self.notify(f"Only {self.filter_label()}: {len(self.allowed())} of {self._filter_total()}. "
                        "n and N visit them, the map lists them; f for the next filter.", timeout=5)
        self.redraw()

    class Sorted(Message):
        def __init__(self, name: str, allowed: frozenset[Focus]) -> None:
            super().__init__()
            self.name, self.allowed = name, allowed

    @work(thread=True, exclusive=True, group="filter")
    def _sort_in_thread(self, name: str) -> None:
        self.post_message(self.Sorted(name, passing(self.reading, name)))

    def on_search_keys_sorted(self, event: Sorted) -> None:
        self._allowed[event.name] = event.allowed
        self.action_set_filter(event.name)

    def filter_commands(self) -> list[tuple[str, str, str | None]]:
        """(name, help, filter) for the command palette."""
        found = [(f"Filter: only {label}", f"n, N and the map visit only {label}", name) for name, label in FILTERS.items()]
        return found + [("Filter: off", "n, N and the map visit every shared passage", None)]
