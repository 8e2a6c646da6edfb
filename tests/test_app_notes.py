"""The reader's notes and report: a note added from the compare screen, shown at once and after a restart,
and a report of what the reader shows, written where the notification says."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run
from tests.report_support import Tags
from tui.notes import notes_path


async def add_note(reader, text: str, verdict_steps: int = 0):
    """Open the note screen on the passage under the cursor, choose a verdict and save."""
    await reader.press("a")
    await reader.type(text)
    if verdict_steps:
        await reader.press("shift+tab", *["down"] * verdict_steps, "enter")
    return await reader.press("enter")


def test_a_note_added_in_the_reader_shows_in_the_detail_strip_and_is_there_next_time(open_reader):
    async def scenario():
        async with open_reader() as reader:
            await reader.press("n", "s")
            await add_note(reader, "the toll is disputed", verdict_steps=3)
            strip = reader.part("#detail")
            said = reader.notifications
        async with open_reader() as reader:
            await reader.press("n", "s")
            return strip, said, reader.part("#detail")

    strip, said, again = run(scenario())
    assert any(line.strip() == "note: WRONG: the toll is disputed" for line in strip), strip
    assert "note: WRONG: the toll is disputed (saved; s shows the notes here)" in said
    assert any(line.strip() == "note: WRONG: the toll is disputed" for line in again), again


def test_escape_leaves_the_note_screen_and_saves_nothing(open_reader, data_dir):
    async def scenario():
        async with open_reader() as reader:
            await reader.press("n", "s", "a")
            await reader.type("never mind")
            shown = await reader.press("escape")
            return shown, reader.part("#detail")

    shown, strip = run(scenario())
    assert "Note on passage" not in shown.text and not any("never mind" in line for line in strip)
    assert not notes_path(data_dir).exists()


def test_a_note_on_a_figure_conflict(open_reader):
    """At 160 columns a mention's first row ended in the space it wrapped at, one cell too wide: it took two rows
    and pushed the strip's last row (the note) out of sight."""
    async def scenario():
        async with open_reader() as reader:
            await reader.press("f", "f", "f", "n")  # only figure conflicts, then the first of them
            title = (await reader.press("a")).text
            await reader.type("62 against 83")
            await reader.press("enter", "s")
            return title, reader.part("#detail")

    title, strip = run(scenario())
    assert "Note on figure conflict 1: killed · soldiers" in title
    assert any(line.strip() == "note: 62 against 83" for line in strip), strip


def test_the_report_key_writes_the_html_report_of_the_comparison_and_says_where(open_reader, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    async def scenario():
        async with open_reader() as reader:
            await reader.press("n")
            await add_note(reader, "checked <script>x</script>", verdict_steps=1)
            shown = await reader.press("r")
            return shown.footer, reader.notifications

    footer, said = run(scenario())
    path = tmp_path / "parallax-deir-ez-zor-airstrike.html"
    assert "r Report" in footer
    assert str(path) in said
    html = path.read_text(encoding="utf-8")
    counts = Tags(html).counts()
    assert counts["articles"] == 5 and counts["notes"] == 1 and counts["figure_conflicts"] == 1
    assert "accurate</span> checked &lt;script&gt;x&lt;/script&gt;" in html
    assert "--background: #15171C;" in html  # the reader's theme, parallax-dark


def test_a_second_report_does_not_overwrite_the_first(open_reader, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    async def scenario():
        async with open_reader() as reader:
            await reader.press("r")
            await reader.press("r")
            return reader.notifications

    said = run(scenario())
    first, second = tmp_path / "parallax-deir-ez-zor-airstrike.html", tmp_path / "parallax-deir-ez-zor-airstrike-2.html"
    assert first.exists() and second.exists() and str(second) in said


def test_a_damaged_notes_file_is_named_in_the_reader_which_still_opens(open_reader, data_dir):
    data_dir.mkdir(parents=True)
    notes_path(data_dir).write_bytes(b"not a database " * 50)

    async def scenario():
        async with open_reader() as reader:
            shown = await reader.press("n")
            return shown, reader.notifications

    shown, said = run(scenario())
    assert any(f"{notes_path(data_dir)}: is not a notes database" in n for n in said)
    assert len(shown.panes) == 5
    assert Path(notes_path(data_dir)).read_bytes() == b"not a database " * 50


def test_on_80_columns_the_footer_keeps_the_other_keys_and_r_and_the_palette_still_write_the_report(
        open_reader, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    async def scenario():
        async with open_reader(size=(80, 24)) as reader:
            footer = (await reader.press("n", "r")).footer
            await reader.press("ctrl+p")
            await reader.type("write a report")
            await reader.press("enter")
            return footer, reader.notifications

    footer, said = run(scenario())
    assert "q Quit" in footer and "r Report" not in footer
    assert sorted(p.name for p in tmp_path.glob("parallax-*.html")) == [
        "parallax-deir-ez-zor-airstrike-2.html", "parallax-deir-ez-zor-airstrike.html"]
    assert str(tmp_path / "parallax-deir-ez-zor-airstrike-2.html") in said


def test_the_palette_adds_a_note(open_reader):
    async def scenario():
        async with open_reader() as reader:
            await reader.press("n", "s", "ctrl+p")
            await reader.type("add a note")
            await reader.press("enter")
            await reader.type("seen in the palette")
            await reader.press("enter")
            return reader.part("#detail")

    assert any(line.strip() == "note: seen in the palette" for line in run(scenario()))


def test_ctrl_r_in_the_note_screen_removes_the_notes_on_the_passage(open_reader):
    async def scenario():
        async with open_reader() as reader:
            await reader.press("n", "s")
            await add_note(reader, "first thought")
            screen = (await reader.press("a")).text
            await reader.press("ctrl+r")
            strip = reader.part("#detail")
        async with open_reader() as reader:
            await reader.press("n", "s")
            return screen, strip, reader.part("#detail"), reader.notifications

    screen, strip, again, said = run(scenario())
    assert "note: first thought" in screen and "ctrl+r removes these notes" in screen
    assert not any("first thought" in line for line in strip + again)


def test_the_report_is_of_what_the_reader_shows_the_outlets_chosen_and_the_corrections(open_reader, tmp_path,
                                                                                        monkeypatch):
    monkeypatch.chdir(tmp_path)

    async def scenario():
        async with open_reader(outlet_ids=["cnn-local", "aggregator", "beirut-wire"]) as reader:
            await reader.press("n", "tab", "x")  # the Aggregator's version kept apart from CNN's
            await reader.press("r")
            return reader.notifications

    said = run(scenario())
    html = (tmp_path / "parallax-deir-ez-zor-airstrike.html").read_text(encoding="utf-8")
    tags = Tags(html)
    assert tags.counts()["articles"] == 3
    assert [a["data-article"] for t, a in tags.tags if t == "tr" and "data-article" in a][:3] == [
        "cnn-local", "aggregator", "beirut-wire"]
    assert any("Kept apart" in n for n in said)
    assert 'id="corrections" data-count="1"' in html and "kept apart: Aggregator" in html


def test_the_footer_shows_the_report_key_again_once_the_terminal_is_wide_enough(open_reader):
    async def scenario():
        async with open_reader(size=(80, 24)) as reader:
            narrow = (await reader.press("n")).footer
            wide = (await reader.resize(160, 40)).footer
            return narrow, wide, (await reader.resize(80, 24)).footer

    narrow, wide, narrow_again = run(scenario())
    assert "r Report" not in narrow and "r Report" in wide and "r Report" not in narrow_again
    assert "q Quit" in narrow_again
