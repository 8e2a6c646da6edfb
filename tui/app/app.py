"""The Parallax reader application: loads a story in workers and moves between its screens."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterable, MutableMapping
from datetime import date
from typing import TypeVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import get_current_worker

from tui.align import AlignSettings
from tui.cache import Cache
from tui.app.compare import CompareScreen
from tui.app.reading import Reading
from tui.app.screens import LoadingScreen, PickerScreen, StoryListScreen
from tui.app import startup
from tui.app.settings import Settings
from tui.app.theming import variable_defaults
from tui.clean import printable
from tui.model import Article, Outlet, Story
from tui.wording import DiffOptions

# At launch, work that ends within a second shows no loading screen: the reader opens straight onto its compare
# screen (or picker) instead of flashing a screen for a fraction of a second, which also cost about a quarter of
# the CPU of opening the sample story. A second, not less, so that this holds on a busy machine too; a wait up
# to a second does not break the flow of work, and longer ones show their progress.
LOADING_DELAY = 1.0


class ParallaxApp(App):
    """Read one story through several outlets, side by side."""

    CSS_PATH = "app.tcss"
    TITLE = "Parallax"
    # Textual binds ctrl+c to a hint about ctrl+q; in a reader with nothing to copy from, it quits at once.
    BINDINGS = [Binding("ctrl+c", "interrupt", "Quit", show=False, priority=True, system=True)]

    class ArticlesLoaded(Message):
        def __init__(self, story: Story, articles: list[Article]) -> None:
            super().__init__()
            self.story, self.articles = story, articles

    class LoadProgressed(Message):
        def __init__(self, done: int, total: int, name: str) -> None:
            super().__init__()
            self.done, self.total, self.name = done, total, name

    class Aligned(Message):
        def __init__(self, reading: Reading, where: tuple[int, tuple[int, ...]] | None = None) -> None:
            super().__init__()
            self.reading, self.where = reading, where

    class WorkFailed(Message):
        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(
        self,
        stories: list[Story],
        outlets: dict[str, Outlet],
        *,
        story_id: str | None = None,
        outlet_ids: list[str] | None = None,
        settings: AlignSettings | None = None,
        diff_options: DiffOptions | None = None,
        theme: str | None = None,
        cite_style: str | None = None,
        refresh: bool = False,
        cache: Cache | None = None,
        load_errors: list[str] | None = None,
        today: date | None = None,
        compare_at_once: bool = False,
    ) -> None:
        super().__init__()
        self.stories, self.outlets = list(stories), outlets
        self.story_id, self.outlet_ids = story_id, outlet_ids
        # Articles given directly go straight to the compare screen; the picker is one key (o) away.
        self.compare_at_once = compare_at_once
        self.align_settings = settings or AlignSettings()
        self.diff_options = diff_options or DiffOptions()
        self.refresh_cache = refresh
        self.engine_cache = cache  # segmented articles and alignments kept from earlier runs (None: not used)
        self.today = today or date.today()
        self.settings = Settings(self, theme=theme, cite_style=cite_style, errors=list(load_errors or []))
        self.settings.start_theme()
        self.story: Story | None = None
        self.articles: list[Article] = []
        self.chosen: list[int] = []
        self._loading: LoadingScreen | None = None  # made, and not on screen yet

    async def on_event(self, event: events.Event) -> None:
        # A key typed before a line of text took the focus ("/" and a search typed in one burst, as a terminal
        # may deliver them) was passed to the screen, and comes back here to be read as the screen's key: "r"
        # would write a report, "q" quit. Typed for the line, it goes there, in the order typed.
        line = self.focused if isinstance(event, events.Key) and event.is_forwarded and event.is_printable else None
        if isinstance(line, Input):
            # Typed in at once (as the line itself types a character), so that an enter typed after it, which
            # reaches the line's binding here, searches all of it.
            if line.selection.is_empty:
                line.insert_text_at_cursor(event.character)
            else:
                line.replace(event.character, *line.selection)
            return
        await super().on_event(event)

    def action_interrupt(self) -> None:
        self.exit(return_code=130)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return variable_defaults(self.current_theme.dark)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from self.settings.commands()
        if isinstance(screen, CompareScreen):
            yield from screen.commands()

    def on_mount(self) -> None:
        self.settings.apply()
        if self.story_id is None and len(self.stories) > 1:
            self._show(StoryListScreen(self.stories))
        else:
            self.open_story(self.story_id or self.stories[0].id)

    def _show(self, screen: Screen) -> None:
        """Replace the current step's screen (the first step pushes over the blank default screen)."""
        self._loading = None
        screen.call_after_refresh(startup.resume)
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def open_story(self, story_id: str) -> None:
        story = next((s for s in self.stories if s.id == story_id), None)
        if story is None:
            self.notify(printable(f"No story {story_id!r}; choose one from the list."), severity="error", markup=False)
            self._show(StoryListScreen(self.stories))
            return
        self.story, self.articles, self.chosen = story, [], []
        self._wait(f"Reading {len(story.articles)} articles of “{printable(story.title or story.id)}”")
        self._load(story)

    def _wait(self, what: str) -> None:
        """Say what the reader waits for: on the loading screen if one is up, else on one shown at once over
        another step's screen, or after LOADING_DELAY at launch."""
        shown = self.loading_screen()
        if shown is not None:
            shown.say(what)
        elif len(self.screen_stack) > 1:
            self._show(LoadingScreen(what))
        else:
            self._loading = waiting = LoadingScreen(what)
            self.set_timer(LOADING_DELAY, lambda: self._loading is waiting and self._show(waiting))

    def loading_screen(self) -> LoadingScreen | None:
        """The loading screen, on screen or still waiting for its delay."""
        return self.screen if isinstance(self.screen, LoadingScreen) else self._loading

    def on_story_list_screen_chosen(self, event: StoryListScreen.Chosen) -> None:
        self.open_story(event.story_id)

    @work(thread=True, exclusive=True, group="load")
    def _load(self, story: Story) -> None:
        from tui.pipeline import load_articles

        def progress(done: int, total: int, name: str) -> None:
            self.post_message(self.LoadProgressed(done, total, name))

        try:
            articles = detached(lambda: load_articles(story, self.outlets, refresh=self.refresh_cache, on_progress=progress,
                                                      cache=self.engine_cache))
        except Abandoned:
            return
        except Exception as error:  # noqa: BLE001 - a bug in loading must not take the interface down
            self.post_message(self.WorkFailed(f"Loading failed: {error}"))
            return
        self.post_message(self.ArticlesLoaded(story, articles))

    def on_parallax_app_load_progressed(self, event: LoadProgressed) -> None:
        loading = self.loading_screen()
        if loading is not None:
            loading.progress(event.done, event.total, event.name)

    def on_parallax_app_articles_loaded(self, event: ArticlesLoaded) -> None:
        self.articles = event.articles
        for article in event.articles:
            if article.error:
                title = f"{printable(article.outlet.short)} could not be read"
                self.notify(printable(article.error), title=title, severity="warning", markup=False)
        chosen, problem = self._preselected()
        if chosen is None and self.compare_at_once:
            chosen = [i for i, article in enumerate(self.articles) if article.ok]
            problem = "" if len(chosen) >= 2 else "At least two readable articles are needed to compare."
        if problem:
            self.notify(printable(problem), severity="warning", markup=False)
        if chosen is not None and not problem:
            self.compare_outlets(chosen)
        else:
            self._show(PickerScreen(event.story, self.articles, chosen))

    def _preselected(self) -> tuple[list[int] | None, str]:
        """Indexes chosen with --outlets, and why they cannot be used as they are."""
        if not self.outlet_ids:
            return None, ""
        index = {a.outlet.id: i for i, a in enumerate(self.articles)}
        unknown = [o for o in self.outlet_ids if o not in index]
        chosen = [index[o] for o in self.outlet_ids if o in index]
        if unknown:
            return chosen, f"Unknown outlets: {', '.join(unknown)}; known: {', '.join(index)}."
        if sum(self.articles[i].ok for i in chosen) < 2:
            return chosen, "At least two readable outlets are needed; pick them here."
        return chosen, ""

    def on_picker_screen_stories_wanted(self, event: PickerScreen.StoriesWanted) -> None:
        self._show(StoryListScreen(self.stories))

    def on_picker_screen_picked(self, event: PickerScreen.Picked) -> None:
        self.compare_outlets(event.chosen)

    def compare_outlets(self, chosen: list[int]) -> None:
        self.chosen = chosen
        names = ", ".join(printable(self.articles[i].outlet.short) for i in chosen)
        self._wait(f"Aligning {names}")
        self._align([self.articles[i] for i in chosen])

    @work(thread=True, exclusive=True, group="align")
    def _align(self, articles: list[Article], where: tuple[int, tuple[int, ...]] | None = None) -> None:
        from tui.pipeline import compare

        corrections = self._corrections().items if self.story is not None else []
        try:
            # The reader's lookups are built here too, off the interface's thread.
            reading = detached(lambda: Reading(compare(articles, self.align_settings, corrections, self.engine_cache),
                                               options=self.diff_options))
        except Abandoned:
            return
        except Exception as error:  # noqa: BLE001 - show the failure instead of crashing
            self.post_message(self.WorkFailed(f"Alignment failed: {error}"))
            return
        self.post_message(self.Aligned(reading, where))

    def on_parallax_app_aligned(self, event: Aligned) -> None:
        screen = CompareScreen(event.reading, event.where)
        self._show(screen)
        # The notes show only in the detail strip, closed at first: read once the screen is up.
        screen.call_after_refresh(self._show_notes, screen)
        store = getattr(self, "_store", None)
        if store is not None and store.problem:
            self.notify(printable(store.problem), severity="warning", markup=False)
            store.problem = ""

    def _show_notes(self, screen: CompareScreen) -> None:
        if self.story is not None and screen.is_attached and screen.notes is None:
            screen.show_notes(self._notes_of(screen))

    def _notes_of(self, screen: CompareScreen):
        """The notes shown on a compare screen, read from the notes file the first time they are asked for."""
        from tui.app.noting import load_notes

        if screen.notes is None:
            screen.notes, problem = load_notes(self.story, screen.reading.alignment)
            if problem:
                self.notify(printable(problem), severity="warning", timeout=10, markup=False)
        return screen.notes

    def on_parallax_app_work_failed(self, event: WorkFailed) -> None:
        self.notify(printable(event.error), severity="error", timeout=30, markup=False)
        if self.story is not None and self.articles:
            self._show(PickerScreen(self.story, self.articles, self.chosen or None))
        elif len(self.stories) > 1:
            self._show(StoryListScreen(self.stories))
        elif self.loading_screen() is not None:
            loading = self.loading_screen()
            loading.failed(event.error)
            if loading is not self.screen:
                self._show(loading)

    def _corrections(self):
        """The user's corrections of this story's alignment, read once per story."""
        from tui.corrections import CorrectionStore
        from tui.pipeline import corrections_key

        key = corrections_key(self.story)
        if getattr(self, "_store", None) is None or self._store_key != key:
            self._store, self._store_key = CorrectionStore(key).load(), key
        return self._store

    def on_compare_screen_correction_wanted(self, event: CompareScreen.CorrectionWanted) -> None:
        """Save (or undo) a correction and align again with it, keeping the reader where it was."""
        from tui.app.correcting import describe

        if self.story is None or not isinstance(self.screen, CompareScreen):
            return
        store, reading = self._corrections(), self.screen.reading
        if event.correction is None:
            undone = store.undo()
            if undone is None:
                self.notify("No correction to undo.", timeout=3)
                return
            self.notify(printable(f"Undone: {describe(reading, undone)}"), timeout=6, markup=False)
        else:
            try:
                store.add(event.correction)
            except OSError as error:
                self.notify(printable(f"The correction could not be saved in {store.path}: {error}"),
                            severity="error", markup=False)
                return
            self.notify(printable(f"{describe(reading, event.correction)} (saved for this story; u undoes)"),
                        timeout=6, markup=False)
        self._align([self.articles[i] for i in self.chosen], event.where)

    def on_compare_screen_outlets_wanted(self, event: CompareScreen.OutletsWanted) -> None:
        if self.story is not None:
            self._show(PickerScreen(self.story, self.articles, self.chosen))

    def on_compare_screen_citation_wanted(self, event: CompareScreen.CitationWanted) -> None:
        self.settings.copy_citations(event.reading, event.members, self.today)

    def on_note_keys_note_wanted(self, event: CompareScreen.NoteWanted) -> None:
        """Save a note and show it in the detail strip at once."""
        from tui.app.noting import remove_notes, save_note
        from tui.notes import NotesError, note_phrase

        screen = self.screen
        if self.story is None or not isinstance(screen, CompareScreen):
            return
        notes = self._notes_of(screen)
        try:
            if event.remove:
                said = f"{remove_notes(notes, event.focus)} notes removed"
            else:
                placed = save_note(self.story, screen.reading, event)
                notes.add(placed)
                said = f"{note_phrase(placed)} (saved; s shows the notes here)"
        except NotesError as error:
            self.notify(printable(str(error)), severity="error", timeout=10, markup=False)
            return
        screen.show_notes(notes)
        self.notify(said, title="Notes", timeout=6, markup=False)

    def on_note_keys_report_wanted(self, event: CompareScreen.ReportWanted) -> None:
        from tui.report.colours import palette_of

        if self.story is not None and isinstance(self.screen, CompareScreen):
            self.notify("Writing the report…", timeout=2)
            self._write_report(self.screen.reading, self.screen.notes, palette_of(self.theme_variables))

    @work(thread=True, exclusive=True, group="report")
    def _write_report(self, reading: Reading, notes, palette: dict[str, str]) -> None:
        from tui.app.noting import write_report_of

        try:
            path = write_report_of(self, reading, notes, palette)
        except Exception as error:  # noqa: BLE001 - a report that fails must not take the reader down
            self.call_from_thread(self.notify, printable(f"The report could not be written: {error}"),
                                  severity="error", timeout=15, markup=False)
            return
        self.call_from_thread(self.notify, printable(str(path)), title="Report written", timeout=15, markup=False)


Result = TypeVar("Result")


class Abandoned(Exception):
    """The worker was cancelled (the reader is quitting, or newer work replaced it) before its work finished."""


def detached(work: Callable[[], Result]) -> Result:
    """Run work on a daemon thread and wait for it, giving up as soon as the calling worker is cancelled.

    Thread workers run in asyncio's default executor, which Python waits for when it exits: quitting during a
    slow download or a long alignment kept the terminal for as long as that took. A daemon thread is not waited
    for, so ctrl+c and q quit at once.
    """
    worker = get_current_worker()
    outcome: dict[str, object] = {}
    finished = threading.Event()

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # noqa: BLE001 - raised again in the worker below
            outcome["error"] = error
        finally:
            finished.set()

    threading.Thread(target=run, name="parallax-work", daemon=True).start()
    while not finished.wait(0.05):
        if worker.is_cancelled:
            raise Abandoned()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def trust_the_terminal_size(environ: MutableMapping[str, str], stdout_is_terminal: bool) -> None:
    """Drop exported COLUMNS and LINES when a real terminal can tell its own size.

    Textual, through shutil, lets these variables override the terminal, so a value left over from a
    script or CI setup would lay the reader out at the wrong size and never follow resizes.
    """
    if stdout_is_terminal:
        environ.pop("COLUMNS", None)
        environ.pop("LINES", None)


def run_app(stories: list[Story], outlets: dict[str, Outlet], **options) -> int:
    """Run the reader until the user quits; the exit code is 0 unless the app failed."""
    stdout = sys.__stdout__
    trust_the_terminal_size(os.environ, stdout is not None and stdout.isatty())
    app = ParallaxApp(stories, outlets, **options)
    app.run()
    return app.return_code or 0
