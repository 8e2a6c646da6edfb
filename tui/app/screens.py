"""The screens before the comparison: story list, loading state and outlet picker."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import LoadingIndicator, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from tui.app.inert import inert
from tui.app.keybar import KeyBar
from tui.app.titlebar import TitleBar
from tui.clean import printable
from tui.model import Article, Story


class StoryListScreen(Screen):
    """Several stories: the user picks one."""

    BINDINGS = [Binding("q", "app.quit", "Quit", id="quit")]

    class Chosen(Message):
        def __init__(self, story_id: str) -> None:
            super().__init__()
            self.story_id = story_id

    def __init__(self, stories: list[Story]) -> None:
        super().__init__()
        self.stories = stories

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(classes="centre-box"):
            yield Static(Content("Choose a story (enter opens it)"), classes="box-title")
            options = [Option(self._label(story), id=story.id) for story in self.stories]
            yield OptionList(*options, id="stories")
        yield KeyBar()

    @staticmethod
    def _label(story: Story) -> Content:
        title = Content(inert(story.title or story.id)).stylize("bold")
        outlets = len({ref.outlet for ref in story.articles})
        counts = f"{outlets} outlet{'s' * (outlets != 1)} · {len(story.articles)} articles"
        return title + Content(f"\n{inert(story.date) or 'no date'} · {counts}").stylize("dim")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.post_message(self.Chosen(event.option.id))


class LoadingScreen(Screen):
    """A visible loading state while a worker reads or aligns articles; one screen says both, in turn."""

    BINDINGS = [Binding("q", "app.quit", "Quit", id="quit")]

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = printable(what)  # it names the story, whose title came from a file
        self.progress_line = ""
        self.error = ""

    def compose(self) -> ComposeResult:
        # No header or footer: drawn for a moment, they were most of the cost of showing this screen.
        with Vertical(classes="centre-box loading-box"):
            yield Static(Content(""), classes="box-title", id="loading-what")
            yield LoadingIndicator()
            yield Static(Content(""), id="loading-progress")
            yield Static(Content("q quits"), id="loading-keys")

    def on_mount(self) -> None:
        self._update()

    def say(self, what: str) -> None:
        """Go on to another step ("Aligning …") on the same screen: switching screens costs a redraw of all."""
        self.what, self.progress_line = printable(what), ""
        self._update()

    def progress(self, done: int, total: int, name: str) -> None:
        """Show how far the worker has got: the article on its way, counted from one."""
        self.progress_line = f"{done + 1} of {total} · {printable(name)}" if name else f"{done} of {total}"
        self._update()

    def failed(self, error: str) -> None:
        """The work cannot go on: say why, stop the spinner, and leave quitting to the user."""
        self.error = printable(error)
        self._update()

    def _update(self) -> None:
        # Reports can come before the screen is composed (or shown at all): on_mount shows the latest then.
        if not self.query("#loading-what"):
            return
        what, progress = self.what, self.progress_line
        if self.error:
            what, progress = f"Could not go on: {self.error}", "Press q to quit."
            self.query_one(LoadingIndicator).display = False
        self.query_one("#loading-what", Static).update(Content(what))
        self.query_one("#loading-progress", Static).update(Content(progress))


class OutletList(SelectionList[int]):
    """The outlets to tick, in the order the keys were typed.

    Enter compares rather than ticks, through an ordinary binding: a priority one runs the moment its key
    arrives, before the ticks typed just ahead of it. Space ticks the highlighted outlet at once; Textual's
    list ticks whichever is highlighted when a message it posts comes round, which after "down space down
    space" typed in a burst is the last one, twice.
    """

    BINDINGS = [Binding("enter", "screen.confirm", "Compare", id="confirm")]

    def action_select(self) -> None:
        option = self.get_option_at_index(self.highlighted) if self.highlighted is not None else None
        if option is not None and not option.disabled:
            self.toggle(option)


class PickerScreen(Screen):
    """Tick the outlets to compare."""

    BINDINGS = [
        Binding("enter", "confirm", "Compare", id="confirm"),
        Binding("a", "all", "All", id="select_all"),
        Binding("escape", "stories", "Stories", id="stories"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    class StoriesWanted(Message):
        """The user wants the list of stories again."""

    class Picked(Message):
        """The user confirmed outlets: indexes into the loaded articles."""

        def __init__(self, chosen: list[int]) -> None:
            super().__init__()
            self.chosen = chosen

    def __init__(self, story: Story, articles: list[Article], chosen: list[int] | None = None) -> None:
        super().__init__()
        self.story = story
        self.articles = articles
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(classes="centre-box picker-box"):
            yield Static(Content(inert(self.story.title or self.story.id)).stylize("bold"), classes="box-title")
            yield Static(Content("Tick two or more outlets (space), then press enter to compare."), id="picker-hint")
            yield OutletList(*self._selections(), id="outlets")
            yield Static(Content(""), id="picker-error")
        yield KeyBar()

    def _selections(self) -> list[Selection[int]]:
        selections = []
        for index, article in enumerate(self.articles):
            # Unless chosen before, an article that could not be read starts unticked.
            ticked = article.ok if self.chosen is None else index in self.chosen
            selections.append(Selection(self._label(article), index, ticked))
        return selections

    @staticmethod
    def _label(article: Article) -> Content:
        outlet = Content(f"{inert(article.outlet.short):<14} ").stylize("bold")
        if not article.ok:
            return outlet + Content(f"cannot be read: {inert(article.error)}").stylize("dim")
        when = Content(f"{inert(article.published) or 'no date':<12} ").stylize("dim")
        return outlet + when + Content(inert(article.title) or "(no headline)")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Going back to the stories only makes sense when there is more than one.
        return action != "stories" or len(getattr(self.app, "stories", ())) > 1

    def action_stories(self) -> None:
        self.post_message(self.StoriesWanted())

    def action_all(self) -> None:
        self.query_one(SelectionList).select_all()

    def action_confirm(self) -> None:
        chosen = sorted(self.query_one(SelectionList).selected)
        readable = [i for i in chosen if self.articles[i].ok]
        if len(readable) < 2:
            unreadable = len(chosen) - len(readable)
            note = f", {unreadable} of them unreadable" if unreadable else ""
            message = f"Pick at least two readable outlets to compare ({len(chosen)} ticked{note})."
            self.query_one("#picker-error", Static).update(Content(message))
            self.notify(message, severity="warning", markup=False)
            return
        self.post_message(self.Picked(chosen))
