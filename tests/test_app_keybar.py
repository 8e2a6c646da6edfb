"""The key bar at the foot of the screen: the keys that work there, and a click on one presses it."""

from __future__ import annotations

from tests.conftest import run, until


def test_clicking_a_key_in_the_key_bar_presses_it(open_reader):
    async def scenario() -> tuple[str, list[str], list[str]]:
        async with open_reader() as reader:
            footer = reader.shown().footer
            row = len(reader.shown().lines) - 1
            await reader.pilot.click(offset=(footer.index("Map"), row))
            await until(reader.pilot, lambda: bool(reader.part("#map-box")))
            box = reader.part("#map-box")
            await reader.press("escape")
            await reader.pilot.click(offset=(footer.index("palette"), row))
            await until(reader.pilot, lambda: reader.app.screen.query("CommandInput").first(None) is not None)
            return footer, box, [type(screen).__name__ for screen in reader.app.screen_stack]

    footer, box, screens = run(scenario())
    assert footer.split() == ["tab", "Pane", "n", "Next", "shared", "m", "Map", "/", "Find", "f", "Filter", "c", "Cite",
                              "r", "Report", "?", "Help", "q", "Quit", "▏^p", "palette"]
    assert "Alignment map" in box[0]
    assert screens[-1] == "CommandPalette"


def test_the_picker_key_bar_names_its_own_keys(open_reader):
    async def scenario() -> str:
        async with open_reader(outlet_ids=None) as reader:
            await until(reader.pilot, lambda: "Compare" in reader.shown().footer)
            return reader.shown().footer

    footer = run(scenario())
    assert footer.split()[:4] == ["⏎", "Compare", "a", "All"] and "Quit" in footer


def test_the_title_row_names_the_panes_shown_and_its_icon_opens_the_command_palette(open_reader):
    async def scenario() -> tuple[str, str]:
        async with open_reader(size=(80, 24)) as reader:
            title = reader.shown().title
            await reader.pilot.click(offset=(1, 0))
            await until(reader.pilot, lambda: reader.app.screen.query("CommandInput").first(None) is not None)
            return title, type(reader.app.screen).__name__

    title, screen = run(scenario())
    assert title.split() == ["⭘", "Parallax", "—", "outlets", "1–2", "of", "5", "·", "tab", "shows", "the", "others"]
    assert screen == "CommandPalette"
