"""Hostile or broken input and long articles: markup in articles, unreadable files, 5 MB and 600 paragraphs."""

import os
import re
import subprocess
import sys
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from tests.conftest import run
from tui.app.app import ParallaxApp
from tui.app.view import WRAP_IN_THREAD
from tui.sources import story_from_paths

ROOT = Path(__file__).resolve().parent.parent
SHARED = "The minister said the bridge would reopen on Monday after repairs costing 40 million."


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def reader_app(paths: list[str], **options) -> ParallaxApp:
    story, outlets = story_from_paths(paths)
    return ParallaxApp([story], outlets, **options)


def test_markup_in_an_article_shows_literally(tmp_path, open_reader):
    hostile = f"Bridge news [bold]loud[/bold]\n\n{SHARED} See [link=http://x]here[/link] \x1b[31mred.\n"
    paths = [write(tmp_path, "one.txt", hostile), write(tmp_path, "two.txt", f"Bridge report\n\n{SHARED}\n")]

    async def scenario():
        async with open_reader(app=reader_app(paths, compare_at_once=True)) as reader:
            shown = reader.shown().pane("one")
            assert "[bold]loud[/bold]" in shown.text and "[link=http://x]here[/link]" in shown.text
            assert "\x1b" not in shown.text
            await reader.press("j", "j", "c")
            assert "See [link=http://x]here[/link] red." in reader.clipboard
            assert "\x1b" not in reader.clipboard and "[31m" not in reader.clipboard
            notice = reader.notifications[-1]
            assert "[link=http://x]here[/link]" in notice and "\x1b" not in notice

    run(scenario())


def unreadable_story(tmp_path) -> list[str]:
    paths = [write(tmp_path, "one.txt", f"A\n\n{SHARED}\n"), write(tmp_path, "two.txt", f"B\n\n{SHARED}\n")]
    return [paths[0], str(tmp_path / "missing.txt"), paths[1]]


def test_articles_given_directly_open_the_compare_screen_and_a_failed_one_starts_unticked(tmp_path, open_reader):
    async def scenario():
        async with open_reader(app=reader_app(unreadable_story(tmp_path), compare_at_once=True)) as reader:
            shown = reader.shown()
            assert shown.names == ["one", "two"]
            assert any("missing.txt: file not found" in n for n in reader.notifications)
            shown = await reader.press("o")
            assert "missing" in shown.text and "cannot be read" in shown.text
            # The picker is one key away, the unreadable article unticked: enter compares the same two.
            shown = await reader.press("enter")
            assert shown.names == ["one", "two"]

    run(scenario())


def test_unreadable_article_shows_its_error_in_its_pane_and_the_others_still_open(tmp_path, open_reader):
    async def scenario():
        async with open_reader(app=reader_app(unreadable_story(tmp_path))) as reader:
            shown = reader.shown()
            assert "cannot be read" in shown.text and "Tick two or more outlets" in shown.text
            shown = await reader.press("down", "down", "space", "enter")  # untick two: one readable left ticked
            assert "Pick at least two readable outlets" in shown.text
            shown = await reader.press("space", "up", "space", "enter")  # tick two again, and the unreadable one
            assert shown.names == ["one", "missing", "two"]
            assert shown.pane("missing").reads("missing.txt: file not found")
            shown = await reader.press("n")
            assert shown.pane("two").cursor_text == SHARED
            assert shown.pane("missing").notice_row is None
            # The keys pass over the pane that could not be read.
            assert "base" not in shown.pane("two").header[0]
            shown = await reader.press("tab", "b")
            assert "base" in shown.pane("two").header[0]
            shown = await reader.press("tab", "b")
            assert "base" in shown.pane("one").header[0]

    run(scenario())


def test_an_article_of_a_megabyte_opens_and_jumps_to_its_end(tmp_path, open_reader):
    # Past the size wrapped in a worker thread, and thousands of paragraphs: what the panes do with a long
    # article is the same at 5 or 20 MB (benchmarks/bench_reader.py measures 20 MB); aligning 5 MB here took
    # half a minute of the engine's time, not the reader's.
    paragraph = "Residents queued for water as the repairs dragged on into the night and beyond. " * 4
    huge = "Long report\n\n" + "\n\n".join(f"{i}. {paragraph}" for i in range(3_100)) + f"\n\n{SHARED}\n"
    assert len(huge) > max(1_000_000, 5 * WRAP_IN_THREAD)
    paths = [write(tmp_path, "huge.txt", huge), write(tmp_path, "small.txt", f"Short\n\n{SHARED}\n")]

    async def scenario():
        async with open_reader(app=reader_app(paths, compare_at_once=True)) as reader:
            shown = reader.shown()
            assert shown.pane("huge").row_of("Long report") == 0
            shown = await reader.press("tab", "n")
            assert shown.pane("huge").cursor_text == shown.pane("small").cursor_text == SHARED
            assert shown.pane("huge").cursor_row == shown.pane("small").cursor_row
            assert "into the night and beyond." in shown.pane("huge").text

    run(scenario())


def test_exported_terminal_size_gives_way_to_the_real_terminal():
    from tui.app.app import trust_the_terminal_size

    environ = {"COLUMNS": "80", "LINES": "24", "TERM": "xterm"}
    trust_the_terminal_size(environ, stdout_is_terminal=False)
    assert environ == {"COLUMNS": "80", "LINES": "24", "TERM": "xterm"}  # piped: the variables are all there is
    trust_the_terminal_size(environ, stdout_is_terminal=True)
    assert environ == {"TERM": "xterm"}


def long_story(tmp_path, shared_at: int | None = None) -> list[str]:
    """A 600-paragraph article and a short one; they share their last sentence (and, optionally, one more
    inside paragraph `shared_at` of the long one)."""
    lines = [f"Paragraph {i} of the long report goes on about the repairs." + (f" {SHARED}" if i == shared_at else "")
             for i in range(1, 600)]
    long = "Long report\n\n" + "\n\n".join(lines) + f"\n\n{SHARED}\n"
    other = "Short\n\n" + "\n\n".join(f"Other paragraph {i} talks of something else entirely." for i in range(1, 30))
    return [write(tmp_path, "long.txt", long), write(tmp_path, "small.txt", other + f"\n\n{SHARED}\n")]


@pytest.fixture
def long_reader(tmp_path, open_reader):
    """The reader on long_story at 160x45, loaded."""

    @asynccontextmanager
    async def opened(shared_at: int | None = None):
        async with open_reader(app=reader_app(long_story(tmp_path, shared_at), compare_at_once=True)) as reader:
            yield reader

    return opened


def numbers(text: str) -> list[int]:
    """The paragraph numbers shown in a text."""
    return [int(n) for n in re.findall(r"Paragraph (\d+)", text)]


def test_page_keys_move_a_screenful_and_keep_the_cursor_on_screen(long_reader):
    async def scenario():
        async with long_reader() as reader:
            seen = [0]
            for key in ["pagedown"] * 12 + ["ctrl+u"] * 11:
                pane = (await reader.press(key)).pane("long")
                assert pane.cursor_row is not None, (key, seen)  # on screen
                seen.append(numbers(pane.cursor_text)[0])
            steps = [b - a for a, b in zip(seen, seen[1:])]
            # A screenful is about 19 two-row paragraphs here.
            assert all(12 <= step <= 26 for step in steps[1:12]), steps
            assert all(-26 <= step <= -12 for step in steps[12:]), steps

    run(scenario())


def test_g_and_G_reach_both_ends_and_the_last_passage_is_level(long_reader):
    async def scenario():
        async with long_reader() as reader:
            shown = await reader.press("G")
            assert shown.pane("long").cursor_text == shown.pane("small").cursor_text == SHARED
            assert shown.pane("long").cursor_row == shown.pane("small").cursor_row
            assert "— end —" in shown.pane("long").text
            shown = await reader.press("g")
            assert shown.pane("long").cursor_row == shown.pane("small").cursor_row == 0

    run(scenario())


def test_a_sentence_an_outlet_repeats_is_highlighted_where_the_cursor_is(long_reader):
    async def scenario():
        async with long_reader(shared_at=80) as reader:
            shown = await reader.press("G")  # onto the second copy, at the end
            pane = shown.pane("long")
            assert pane.cursor_text == SHARED and 599 in numbers(pane.text) and 80 not in numbers(pane.text)
            # Off it in the short article and back: the long one keeps the copy it shows.
            shown = await reader.press("tab", "k", "j")
            pane = shown.pane("long")
            assert pane.cursor_text == SHARED and 599 in numbers(pane.text)

    run(scenario())


def test_wheel_scrolling_goes_through_a_long_article_to_its_end(long_reader):
    async def scenario():
        async with long_reader() as reader:
            shown = reader.shown()
            for _ in range(30):
                shown = await reader.wheel("long", 20)
                assert numbers(shown.pane("long").text) or "— end —" in shown.pane("long").text
                if "— end —" in shown.pane("long").text:
                    break
            assert "— end —" in shown.pane("long").text and SHARED[:40] in shown.pane("long").text
            shown = await reader.wheel("long", 800, down=False)
            assert shown.pane("long").row_of("Long report") == 0

    run(scenario())


def test_tab_after_scrolling_by_hand_keeps_the_text_and_scrolling_goes_on(long_reader):
    async def scenario():
        async with long_reader() as reader:
            before = (await reader.wheel("long", 60)).pane("long")
            assert min(numbers(before.text)) > 50
            after = (await reader.press("tab", "shift+tab")).pane("long")
            assert [row[1:] for row in after.rows] == [row[1:] for row in before.rows]
            assert after.cursor_row is not None  # the cursor came to a sentence on screen
            later = (await reader.wheel("long", 30)).pane("long")
            assert min(numbers(later.text)) > min(numbers(after.text))

    run(scenario())


def test_a_jump_right_after_scrolling_by_hand_is_not_undone(long_reader):
    async def scenario():
        async with long_reader(shared_at=80) as reader:
            await reader.wheel("long", 100)
            shown = await reader.press("n")
            long, small = shown.pane("long"), shown.pane("small")
            assert long.cursor_text == small.cursor_text == SHARED
            assert long.cursor_row == small.cursor_row is not None

    run(scenario())


def test_page_down_after_scrolling_by_hand_goes_on_from_what_is_shown(long_reader):
    async def scenario():
        async with long_reader() as reader:
            shown = (await reader.wheel("long", 70)).pane("long")
            top = min(numbers(shown.text))
            assert top > 60 and shown.cursor_row is None  # the cursor stayed behind, off screen
            pane = (await reader.press("pagedown")).pane("long")
            assert pane.cursor_row is not None and numbers(pane.cursor_text)[0] > top

    run(scenario())


def test_widening_the_terminal_fills_the_panes_that_come_into_view(open_reader):
    async def scenario():
        async with open_reader(size=(80, 24)) as reader:
            await reader.press("]")
            shown = await reader.resize(160, 45)
            assert shown.names == ["CNN", "Aggregator", "Wash. pol.", "Beirut", "Def. mag."]
            assert all(pane.text.strip() for pane in shown.panes)
            carrying = [p for p in shown.panes if p.cursor_text]
            assert len(carrying) == 3 and len({p.cursor_row for p in carrying}) == 1
            # And narrowing it again keeps the pane the keys act on, level with the others shown.
            shown = await reader.resize(80, 24)
            assert shown.names == ["CNN", "Aggregator"]
            assert shown.pane("CNN").cursor_row == shown.pane("Aggregator").cursor_row is not None

    run(scenario())


def test_the_detail_strip_names_the_outlets_it_has_no_room_for(tmp_path, open_reader):
    paths = [write(tmp_path, f"outlet{i:02}.txt", f"Report {i}\n\nOutlet {i} opens its own way.\n\n{SHARED}\n")
             for i in range(14)]

    async def scenario():
        async with open_reader(size=(100, 30), app=reader_app(paths, compare_at_once=True)) as reader:
            await reader.press("n", "s")
            strip = reader.part("#detail")
            assert strip[0].startswith("outlet00") and "base" in strip[0]
            assert strip[-1].startswith("+ ") and "outlet13" in strip[-1]
            shown_names = [line.split()[0] for line in strip[:-1]]
            left_out = int(strip[-1].split()[1])
            assert len(shown_names) + left_out == 14  # each outlet either has its row or is named

    run(scenario())


def test_a_story_of_more_articles_than_one_process_segments_opens(tmp_path):
    # Many articles are segmented in worker processes. Under the reader, whose interface stands in for
    # standard error, starting them failed ("Loading failed: bad value(s) in fds_to_keep"). A process of its
    # own: one that has started worker processes before would hide it.
    from tui import segment_pool

    paths = []
    for number in range(segment_pool.POOL_FROM + 2):
        paths.append(write(tmp_path, f"a{number}.txt", f"Report {number}\n\n{SHARED}\n\nLocal detail number {number} here.\n"))
    code = """
import asyncio, sys
from tui.app.app import ParallaxApp
from tui.sources import story_from_paths

story, outlets = story_from_paths(sys.argv[1:])
app = ParallaxApp([story], outlets, compare_at_once=True)

async def main():
    async with app.run_test(size=(160, 45)) as pilot:
        for _ in range(1200):
            if type(app.screen).__name__ == "CompareScreen" or app._notifications:
                break
            await pilot.pause(0.1)
        print(type(app.screen).__name__, [str(n.message) for n in app._notifications])

asyncio.run(main())
"""
    result = subprocess.run([sys.executable, "-c", code, *paths], capture_output=True, text=True, timeout=300,
                            cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.stdout.startswith("CompareScreen []"), result.stdout + result.stderr
