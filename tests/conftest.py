"""Shared set-ups for the reader's tests: the app on a story, keys pressed, and what its screen shows.

Tests look at the reader as a person does: the text on the screen, where each pane's cursor mark and
"not in this outlet" line are, the colours under a word, the clipboard and the notifications. Only this
file knows how those are read out of Textual, so a redesign of the panes does not rewrite the tests.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

import pytest
from rich.style import Style
from textual.geometry import Region

from tui.app.app import ParallaxApp
from tui.sources import load_catalog, sample_sources_path

OUTLETS = ["cnn-local", "aggregator", "dc-politics", "beirut-wire", "defence-mag"]
CURSOR_MARK = "▌"
NOTICE = "not in this outlet"
CLOSEST = "┄ closest"  # "closest in this outlet", shortened to fit narrow panes


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch):
    """A configuration folder of the test's own: no preferences or themes of the machine leak in."""
    monkeypatch.setenv("PARALLAX_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path / "config"


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    """A cache folder of the test's own: no test reads what another one, or the machine, cached."""
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """A data folder of the test's own: corrections made in one test never reach another, or the machine's."""
    monkeypatch.setenv("PARALLAX_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def sample_app(**options) -> ParallaxApp:
    catalog = load_catalog(sample_sources_path())
    return ParallaxApp(list(catalog.stories), catalog.outlets, **options)


def run(coroutine):
    return asyncio.run(coroutine)


async def until(pilot, condition: Callable[[], bool], seconds: float = 30.0) -> None:
    """Let the app run until a condition holds: a generous bound, never a fixed wait."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not condition():
        assert loop.time() < deadline, f"not within {seconds} s"
        await pilot.pause(0.02)


def hex_of(colour) -> str | None:
    return colour.triplet.hex.upper() if colour is not None and colour.triplet else None


@dataclass
class PaneShown:
    """One pane as drawn: the outlet named in its header, its header lines and the rows of its text."""

    header: list[str]
    rows: list[str]  # the text area, one string per row, the cursor margin included
    styles: list[list[Style | None]]  # the style of each cell of the text area
    variables: dict[str, str]  # the theme's colours
    origin: tuple[int, int] = (0, 0)  # where the text area starts on the screen

    def runs(self, wanted: Callable[[Style], bool]) -> list[str]:
        """The stretches of text drawn in a style, in reading order (a stretch ends where a row ends)."""
        found = []
        for row, styles in zip(self.rows, self.styles):
            run = ""
            for character, style in zip(row, styles):
                if style is not None and wanted(style):
                    run += character
                elif run:
                    found.append(run)
                    run = ""
            if run:
                found.append(run)
        return found

    def coloured(self, variable: str) -> list[str]:
        """The stretches of text whose letters are drawn in a theme colour ("px-added", "px-figure", ...)."""
        colour = self.variables[variable].upper()
        return [run for run in self.runs(lambda s: hex_of(s.color) == colour) if run.strip()]

    def on_background(self, variable: str) -> str:
        """The text drawn on a theme background colour, runs joined with single spaces."""
        colour = self.variables[variable].upper()
        return " ".join(" ".join(self.runs(lambda s: hex_of(s.bgcolor) == colour)).split())

    @property
    def name(self) -> str:
        return self.header[0].strip(" █▌").split("  ")[0]

    def row_of(self, text: str) -> int | None:
        """The first row of the text area showing `text` (None if no row does)."""
        return next((i for i, row in enumerate(self.rows) if text in row), None)

    @property
    def cursor_rows(self) -> list[int]:
        return [i for i, row in enumerate(self.rows) if row.startswith(CURSOR_MARK)]

    @property
    def cursor_row(self) -> int | None:
        """Where the marked passage starts (its first marked row)."""
        return next(iter(self.cursor_rows), None)

    @property
    def cursor_text(self) -> str:
        """The words drawn on the cursor's background, joined as one line ("" where there is no cursor)."""
        return self.on_background("px-cursor")

    @property
    def notice_row(self) -> int | None:
        """The row saying the outlet lacks the passage: "not in this outlet", or where its closest one is."""
        found = self.row_of(NOTICE)
        return found if found is not None else self.row_of(CLOSEST)

    @property
    def text(self) -> str:
        return "\n".join(self.rows)

    def reads(self, words: str) -> bool:
        """Whether the pane shows these words, read on from row to row: a line may break anywhere in them (a
        path longer than the pane breaks inside a word, and a test's folder name varies in length)."""
        return "".join(words.split()) in "".join(self.text.split())

    def background_of(self, text: str) -> set[str]:
        """The background colours under the first occurrence of `text` in the text area."""
        row = self.row_of(text)
        assert row is not None, f"{text!r} is not shown in {self.name}"
        start = self.rows[row].index(text)
        return {hex_of(style.bgcolor) for style in self.styles[row][start : start + len(text)] if style and style.bgcolor}


class Shown:
    """The whole screen as drawn, and its panes."""

    def __init__(self, app) -> None:
        update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
        self.variables = app.theme_variables
        self.lines: list[str] = []
        self.styles: list[list[Style | None]] = []
        for line in update.strips:
            text, styles = "", []
            for strip in line:
                for segment in strip:
                    text += segment.text
                    styles += [segment.style] * len(segment.text)
            self.lines.append(text)
            self.styles.append(styles)
        self.panes = [self._pane(pane) for pane in app.screen.query("ArticlePane")] if app.screen.query("ArticlePane") else []

    def _pane(self, pane) -> PaneShown:
        header, body = pane.query_one(".pane-header").region, pane.query_one(".pane-body").scrollable_content_region
        body = Region(body.x, body.y, body.width - 1, body.height)  # the last column marks where the pane is

        def cut(rows: list, region) -> list:
            return [row[region.x : region.right] for row in rows[region.y : region.bottom]]

        shown = PaneShown(cut(self.lines, header), cut(self.lines, body), cut(self.styles, body), self.variables)
        shown.origin = (body.x, body.y)
        return shown

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def pane(self, name: str) -> PaneShown:
        found = [pane for pane in self.panes if pane.name == name]
        assert found, f"no pane of {name!r} on screen: {[p.name for p in self.panes]}"
        return found[0]

    @property
    def names(self) -> list[str]:
        return [pane.name for pane in self.panes]

    @property
    def title(self) -> str:
        return self.lines[0]

    def region(self, region) -> list[str]:
        return [line[region.x : region.right] for line in self.lines[region.y : region.bottom]]

    @property
    def footer(self) -> str:
        return self.lines[-1]


class Reader:
    """A running reader: press keys, click, and look at what it shows."""

    def __init__(self, app: ParallaxApp, pilot) -> None:
        self.app, self.pilot = app, pilot
        # What the last key or click made the reader say, kept after its notification times out: on a busy
        # machine the reader may take longer to settle than a two-second notification is shown.
        self.heard: list[str] = []
        shown = app.notify

        def notify(message, *args, **kwargs):
            self.heard.append(str(message))
            return shown(message, *args, **kwargs)

        app.notify = notify

    async def settled(self) -> None:
        """Wait for the workers (loading, aligning, wrapping, searching) and the screens they bring."""
        for _ in range(3):
            await self.app.workers.wait_for_complete()
            await self.pilot.pause()
        await self.pilot.pause()

    async def press(self, *keys: str) -> Shown:
        self.heard = []
        for key in keys:
            await self.pilot.press(key)
            await self.pilot.pause()
        await self.settled()
        return self.shown()

    async def type(self, text: str) -> None:
        await self.pilot.press(*text)

    async def type_ahead(self, *keys: str) -> Shown:
        """Keys arriving in one burst, as a terminal delivers them when typed (or pasted, or sent by a script)
        faster than the reader handles them: none waits for the one before to be handled."""
        import unicodedata

        from textual.events import Key
        from textual.keys import _character_to_key, _get_unicode_name_from_key

        self.heard = []
        for key in keys:
            if len(key) == 1 and not key.isalnum():
                key = _character_to_key(key)
            try:
                character = unicodedata.lookup(_get_unicode_name_from_key(key))
            except KeyError:
                character = key if len(key) == 1 else None
            event = Key(key, character)
            event.set_sender(self.app)
            self.app._driver.send_message(event)
        await self.settled()
        return self.shown()

    async def click(self, pane: str, text: str) -> Shown:
        """Click on the first character of a text shown in a pane."""
        self.heard = []
        target = self.shown().pane(pane)
        row = target.row_of(text)
        assert row is not None, f"{text!r} is not shown in {pane}"
        x, y = target.origin
        await self.pilot.click(offset=(x + target.rows[row].index(text), y + row))
        await self.settled()
        return self.shown()

    async def wheel(self, pane: str, times: int = 1, down: bool = True) -> Shown:
        """Turn the mouse wheel over a pane by `times` notches in a burst, faster than a hand can (each
        notch is still an event of its own, handled in turn)."""
        from textual.events import MouseScrollDown, MouseScrollUp
        from textual.pilot import _get_mouse_message_arguments

        x, y = self.shown().pane(pane).origin
        arguments = _get_mouse_message_arguments(self.app.screen, (x + 2, y + 2))
        for _ in range(times):
            self.app.screen._forward_event((MouseScrollDown if down else MouseScrollUp)(**arguments))
        await self.settled()
        return self.shown()

    async def resize(self, width: int, height: int) -> Shown:
        await self.pilot.resize_terminal(width, height)
        await self.settled()
        return self.shown()

    def shown(self) -> Shown:
        return Shown(self.app)

    def part(self, selector: str) -> list[str]:
        """The lines of one part of the screen: "#detail" (the detail strip), "#status", "#map-box", ..."""
        found = self.app.screen.query(selector)
        return self.shown().region(found.first().content_region) if found and found.first().display else []

    @property
    def clipboard(self) -> str:
        return self.app.clipboard

    @property
    def notifications(self) -> list[str]:
        showing = [str(n.message) for n in self.app._notifications]
        return showing + [message for message in self.heard if message not in showing]

    @property
    def theme_variables(self) -> dict[str, str]:
        return self.app.theme_variables


@pytest.fixture
def open_reader() -> Callable:
    """Open the reader, by default on the sample story's compare screen with all five outlets at 160x45."""

    @asynccontextmanager
    async def opened(size: tuple[int, int] = (160, 45), app: ParallaxApp | None = None, **options):
        if app is None:
            options.setdefault("outlet_ids", OUTLETS)
            app = sample_app(**options)
        async with app.run_test(size=size) as pilot:
            reader = Reader(app, pilot)
            await reader.settled()
            yield reader

    return opened
