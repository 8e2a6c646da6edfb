"""Hostile or broken input: markup in articles, unreadable files, a very long article."""

import asyncio
import time
from contextlib import asynccontextmanager

import pytest

from tui.app.app import ParallaxApp
from tui.app.compare import CompareScreen
from tui.app.paragraph import ParagraphView
from tui.app.screens import PickerScreen
from tui.sources import story_from_paths

SHARED = "The minister said the bridge would reopen on Monday after repairs costing 40 million."


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PARALLAX_CONFIG_DIR", str(tmp_path / "config"))


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


async def settle(app, pilot) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def test_markup_in_an_article_shows_literally(tmp_path):
    hostile = f"Bridge news [bold]loud[/bold]\n\n{SHARED} See [link=http://x]here[/link] \x1b[31mred.\n"
    paths = [write(tmp_path, "one.txt", hostile), write(tmp_path, "two.txt", f"Bridge report\n\n{SHARED}\n")]
    story, outlets = story_from_paths(paths)

    async def scenario():
        app = ParallaxApp([story], outlets, outlet_ids=list(outlets))
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, CompareScreen)
            shown = " ".join(str(v.render()) for v in app.screen.panes[0].query(ParagraphView))
            assert "[bold]loud[/bold]" in shown and "[link=http://x]here[/link]" in shown
            assert "\x1b" not in shown
            await pilot.press("j", "j", "c")
            await pilot.pause()
            assert "See [link=http://x]here[/link] red." in app.clipboard
            assert "\x1b" not in app.clipboard and "[31m" not in app.clipboard
            shown_notice = str(list(app._notifications)[-1].message)
            assert "[link=http://x]here[/link]" in shown_notice and "\x1b" not in shown_notice

    asyncio.run(scenario())


def test_unreadable_article_shows_its_error_in_its_pane_and_the_others_still_open(tmp_path):
    paths = [write(tmp_path, "one.txt", f"A\n\n{SHARED}\n"), write(tmp_path, "two.txt", f"B\n\n{SHARED}\n")]
    story, outlets = story_from_paths([paths[0], str(tmp_path / "missing.txt"), paths[1]])

    async def scenario():
        app = ParallaxApp([story], outlets)
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, PickerScreen)
            options = app.screen.query_one("#outlets")
            assert "missing.txt: file not found" in str(options.get_option_at_index(1).prompt)
            options.deselect(2)
            await pilot.press("enter")
            await pilot.pause()
            assert "at least two readable outlets" in str(app.screen.query_one("#picker-error").render())
            options.select(2)
            await pilot.press("enter")
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, CompareScreen)
            assert len(screen.panes) == 3
            assert "missing.txt: file not found" in str(screen.panes[1].query_one(".pane-error").render())
            await pilot.press("n")
            assert screen.reading.text_of(screen.reading.member(screen.group, 2)) == SHARED
            assert not screen.panes[1].query_one(".pane-missing").display
            await pilot.press("tab")
            assert screen.active == 2, "the keys pass over the pane that could not be read"
            await pilot.press("tab")
            assert screen.active == 0

    asyncio.run(scenario())


def test_a_five_megabyte_article_opens_without_freezing(tmp_path):
    paragraph = "Residents queued for water as the repairs dragged on into the night and beyond. " * 4
    huge = "Long report\n\n" + "\n\n".join(f"{i}. {paragraph}" for i in range(15_500)) + f"\n\n{SHARED}\n"
    assert len(huge) > 5_000_000
    paths = [write(tmp_path, "huge.txt", huge), write(tmp_path, "small.txt", f"Short\n\n{SHARED}\n")]
    story, outlets = story_from_paths(paths)

    async def scenario():
        app = ParallaxApp([story], outlets, outlet_ids=list(outlets))
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, CompareScreen)
            assert len(screen.panes[0].query(ParagraphView)) <= 240
            await pilot.press("tab")
            started = time.perf_counter()
            await pilot.press("n")
            await pilot.pause()
            assert time.perf_counter() - started < 1.0
            assert screen.cursors[0] == len(screen.reading.articles[0].sentences) - 1

    asyncio.run(scenario())


def test_exported_terminal_size_gives_way_to_the_real_terminal():
    from tui.app.app import trust_the_terminal_size

    environ = {"COLUMNS": "80", "LINES": "24", "TERM": "xterm"}
    trust_the_terminal_size(environ, stdout_is_terminal=False)
    assert environ == {"COLUMNS": "80", "LINES": "24", "TERM": "xterm"}  # piped: the variables are all there is
    trust_the_terminal_size(environ, stdout_is_terminal=True)
    assert environ == {"TERM": "xterm"}


def top_paragraph(pane, y: int | None = None) -> tuple[int, int]:
    """The paragraph at the top of a pane (scrolled to y), and how many of its rows are scrolled past."""
    y = round(pane.body.scroll_y) if y is None else y
    view = next(v for v in pane.views if v.virtual_region.bottom > y)
    return view.paragraph.index, y - view.virtual_region.y


def test_scrolling_a_long_article_moves_the_mounted_paragraphs_along(tmp_path):
    long = "Long report\n\n" + "\n\n".join(f"Paragraph {i} of the long report goes on about the repairs." for i in range(1, 600))
    paths = [write(tmp_path, "long.txt", long + f"\n\n{SHARED}\n"), write(tmp_path, "small.txt", f"Short\n\n{SHARED}\n")]
    story, outlets = story_from_paths(paths)

    async def scenario():
        app = ParallaxApp([story], outlets, outlet_ids=list(outlets))
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(app, pilot)
            pane = app.screen.panes[0]
            count = len(pane.article.paragraphs)
            assert pane.window[1] < count  # not every paragraph is mounted
            # Scroll down as the wheel or the scrollbar would, to the end of what is mounted, again and again:
            # the text goes on, and the paragraph at the top stays put whenever the window moves.
            for _ in range(30):
                before = pane.window
                y = round(pane.body.max_scroll_y) - 3
                place = top_paragraph(pane, y)
                pane.body.scroll_to(y=y, animate=False, immediate=True)
                for _ in range(4):
                    await pilot.pause()
                if pane.window != before:
                    assert top_paragraph(pane) == place
                if pane.window[1] == count:
                    break
            assert pane.window[1] == count
            pane.body.scroll_end(animate=False)
            await pilot.pause()
            assert pane.views[-1].paragraph.index == count - 1
            assert pane.views[-1].region.height > 0  # on screen
            # And back up to the start the same way.
            for _ in range(30):
                pane.body.scroll_to(y=2, animate=False)
                await pilot.pause()
                await pilot.pause()
                if pane.window[0] == 0:
                    break
            assert pane.window[0] == 0

    asyncio.run(scenario())


def long_story(tmp_path, shared_at: int | None = None):
    """A 600-paragraph article and a short one; they share their last sentence (and, optionally, one more
    inside paragraph `shared_at` of the long one)."""
    lines = [f"Paragraph {i} of the long report goes on about the repairs." + (f" {SHARED}" if i == shared_at else "")
             for i in range(1, 600)]
    long = "Long report\n\n" + "\n\n".join(lines) + f"\n\n{SHARED}\n"
    other = "Short\n\n" + "\n\n".join(f"Other paragraph {i} talks of something else entirely." for i in range(1, 30))
    paths = [write(tmp_path, "long.txt", long), write(tmp_path, "small.txt", other + f"\n\n{SHARED}\n")]
    return story_from_paths(paths)


@asynccontextmanager
async def long_reader(tmp_path, shared_at: int | None = None):
    """The reader on long_story at 160x45, loaded: the pilot, the compare screen and the long article's pane."""
    story, outlets = long_story(tmp_path, shared_at)
    app = ParallaxApp([story], outlets, outlet_ids=list(outlets))
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        yield pilot, app.screen, app.screen.panes[0]


def cursor_row(screen, pane) -> int:
    """The row of the pane's body where its cursor's sentence (or its copy of the passage) starts."""
    return pane.row_of(screen._cursor_offset(pane.index)) - round(pane.body.scroll_y)


def test_page_keys_move_a_screenful_and_keep_the_cursor_on_screen(tmp_path):
    async def scenario():
        async with long_reader(tmp_path) as (pilot, screen, pane):
            height = pane.body.size.height
            seen = [screen.cursors[0]]
            # Far enough to cross the edge of the mounted paragraphs more than once, then back.
            for key in ["pagedown"] * 12 + ["ctrl+u"] * 11:
                await pilot.press(key)
                await pilot.pause()
                await pilot.pause()
                seen.append(screen.cursors[0])
                assert 0 <= cursor_row(screen, pane) < height, (key, seen)
            steps = [b - a for a, b in zip(seen, seen[1:])]
            # A screenful is about 19 two-row paragraphs here.
            assert all(12 <= step <= 26 for step in steps[:12]), str(steps)
            assert all(-26 <= step <= -12 for step in steps[12:]), str(steps)

    asyncio.run(scenario())


def test_g_and_G_reach_both_ends_and_the_last_passage_is_level(tmp_path):
    async def scenario():
        async with long_reader(tmp_path) as (pilot, screen, pane):
            await pilot.press("G")
            await pilot.pause()
            await pilot.pause()
            assert pane.article.sentence_text(screen.cursors[0]) == SHARED and screen.group is not None
            # Its paragraphs were mounted afresh, and it is on screen, level with the other pane's version.
            assert 0 <= cursor_row(screen, pane) < pane.body.size.height
            assert cursor_row(screen, pane) == cursor_row(screen, screen.panes[1])
            await pilot.press("g")
            await pilot.pause()
            assert screen.cursors[0] == 0 and round(pane.body.scroll_y) == 0

    asyncio.run(scenario())


def test_a_sentence_an_outlet_repeats_is_highlighted_where_the_cursor_is(tmp_path):
    async def scenario():
        async with long_reader(tmp_path, shared_at=80) as (pilot, screen, pane):
            await pilot.press("G")  # onto the second copy, at the end
            await pilot.pause()
            await pilot.pause()
            last = pane.article.sentences[-1]
            assert screen.cursors[0] == last.index
            assert screen._cursor_offset(0) == last.start
            assert (last.start, last.end, "cursor") in pane.decor.spans
            assert 0 <= cursor_row(screen, pane) < pane.body.size.height

    asyncio.run(scenario())


def test_tab_after_scrolling_by_hand_keeps_the_text_and_scrolling_goes_on(tmp_path):
    async def scenario():
        async with long_reader(tmp_path) as (pilot, screen, pane):
            # Scroll the long article by hand well past its first mounted paragraphs.
            for _ in range(40):
                pane.body.scroll_to(y=pane.body.scroll_y + 10, animate=False, immediate=True)
                await pilot.pause()
            await pilot.pause()
            assert pane.window[0] > 0
            place = top_paragraph(pane)
            await pilot.press("tab", "shift+tab")
            await pilot.pause()
            await pilot.pause()
            assert screen.active == 0
            # The text stayed; the cursor is on a sentence on screen.
            assert abs(top_paragraph(pane)[0] - place[0]) <= 1, (place, top_paragraph(pane))
            assert 0 <= cursor_row(screen, pane) < pane.body.size.height
            # And scrolling by hand still brings more of the article.
            window = pane.window
            for _ in range(40):
                pane.body.scroll_to(y=pane.body.scroll_y + 10, animate=False, immediate=True)
                await pilot.pause()
            assert pane.window != window

    asyncio.run(scenario())


def test_a_jump_right_after_scrolling_by_hand_is_not_undone(tmp_path):
    async def scenario():
        async with long_reader(tmp_path, shared_at=80) as (pilot, screen, pane):
            # To the edge of the mounted paragraphs, so they start moving along, and a jump at once.
            pane.body.scroll_to(y=round(pane.body.max_scroll_y) - 3, animate=False, immediate=True)
            await pilot.press("n")
            for _ in range(6):
                await pilot.pause()
            assert screen.group is not None
            rows = [cursor_row(screen, p) for p in screen.panes]
            assert 0 <= rows[0] < pane.body.size.height and rows[0] == rows[1], rows

    asyncio.run(scenario())


def test_widening_the_terminal_fills_the_panes_that_come_into_view():
    from tests.test_app_flows import OUTLETS, make_app

    async def scenario():
        app = make_app(outlet_ids=OUTLETS)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            screen = app.screen
            await pilot.press("]")
            await pilot.pause()
            await pilot.resize_terminal(160, 45)
            for _ in range(4):
                await pilot.pause()
            assert all(p.display for p in screen.panes)
            assert all(p.views for p in screen.panes), [p.window for p in screen.panes]
            carrying = [p for p in screen.panes if screen._member(p.index) is not None]
            assert len(carrying) == 3 and len({cursor_row(screen, p) for p in carrying}) == 1

    asyncio.run(scenario())


def wheel_down(pane, times: int) -> None:
    """What turning the mouse wheel over a pane does, a step at a time."""
    for _ in range(times):
        pane.body._scroll_down_for_pointer(animate=False)


def test_page_down_after_scrolling_by_hand_goes_on_from_what_is_shown(tmp_path):
    async def scenario():
        async with long_reader(tmp_path) as (pilot, screen, pane):
            for _ in range(70):
                wheel_down(pane, 1)
                await pilot.pause()
            shown = top_paragraph(pane)[0]
            assert shown > 60 and screen.cursors[0] == 0  # the cursor stayed behind, off screen
            await pilot.press("pagedown")
            await pilot.pause()
            await pilot.pause()
            assert pane.article.sentences[screen.cursors[0]].paragraph > shown
            assert 0 <= cursor_row(screen, pane) < pane.body.size.height

    asyncio.run(scenario())


def test_a_key_pressed_while_the_paragraphs_move_along_does_not_stop_scrolling(tmp_path):
    async def scenario():
        async with long_reader(tmp_path) as (pilot, screen, pane):
            screen.settle(0, 60, None)
            for _ in range(4):
                await pilot.pause()
            window = pane.window
            for _ in range(400):
                wheel_down(pane, 1)
                if pane.window != window:
                    break
                await pilot.pause()
            assert pane.window != window
            await pilot.press("j")  # before the moved paragraphs are even laid out
            for _ in range(6):
                await pilot.pause()
            window = pane.window
            for _ in range(200):
                wheel_down(pane, 1)
                await pilot.pause()
            assert pane.window != window  # the wheel still brings more of the article

    asyncio.run(scenario())


def test_a_repeated_passage_keeps_its_copy_when_another_pane_returns_to_it(tmp_path):
    async def scenario():
        async with long_reader(tmp_path, shared_at=80) as (pilot, screen, pane):
            await pilot.press("G")  # the long article's second copy, at its end
            await pilot.pause()
            await pilot.pause()
            last = len(pane.article.sentences) - 1
            await pilot.press("tab", "k", "j")  # in the short article: off the passage and back onto it
            for _ in range(3):
                await pilot.pause()
            assert screen.active == 1 and screen.group is not None
            assert screen.cursors[0] == last
            assert 0 <= cursor_row(screen, pane) < pane.body.size.height

    asyncio.run(scenario())
