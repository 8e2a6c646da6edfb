"""Pilot tests of the reader on the sample story: what each pane shows after the keys a reader presses."""

import asyncio
from contextlib import asynccontextmanager

import pytest
from textual.widgets import DataTable, SelectionList

from tui.app.app import ParallaxApp
from tui.app.compare import CompareScreen
from tui.app.detail import DetailStrip
from tui.app.paragraph import ParagraphView
from tui.app.screens import PickerScreen, StoryListScreen
from tui.cite import cite_many
from tui.prefs import load_prefs
from tests.sample import sentence_containing
from tui.sources import load_catalog, sample_sources_path

OUTLETS = ["cnn-local", "aggregator", "dc-politics", "beirut-wire", "defence-mag"]


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PARALLAX_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path / "config"


def make_app(**options) -> ParallaxApp:
    catalog = load_catalog(sample_sources_path())
    return ParallaxApp(list(catalog.stories), catalog.outlets, **options)


async def settle(app, pilot) -> None:
    """Wait for loading and alignment workers and the screens they bring."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.pause()


@asynccontextmanager
async def compare_screen(size: tuple[int, int] = (160, 45), **options):
    """The sample story's compare screen with all five outlets, once loading and alignment are done."""
    app = make_app(outlet_ids=OUTLETS, **options)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        yield app, pilot


def run(coroutine):
    return asyncio.run(coroutine)


def cursor_texts(screen: CompareScreen) -> list[str | None]:
    """What each pane highlights: its version of the passage, or None where the outlet lacks it."""
    texts = []
    for pane in screen.panes:
        member = screen.reading.member(screen.group, pane.index)
        texts.append(screen.reading.text_of(member) if member else None)
    return texts


def rows(screen: CompareScreen) -> dict[int, int]:
    """The screen row of each pane's highlighted passage."""
    found = {}
    for pane in screen.panes:
        member = screen.reading.member(screen.group, pane.index)
        if member is not None and pane.display:
            found[pane.index] = pane.row_of(member.start) - round(pane.body.scroll_y)
    return found


def test_picker_lists_outlets_with_headlines_and_needs_two():
    async def scenario():
        app = make_app()
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, PickerScreen)
            options = app.screen.query_one(SelectionList)
            prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
            assert any("Coalition hits Syrian troops" in p for p in prompts)
            assert len(prompts) == 5
            options.deselect_all()
            options.select(0)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, PickerScreen)
            assert "at least two" in str(app.screen.query_one("#picker-error").render())
            options.select(3)
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, CompareScreen)
            assert [p.article.outlet.id for p in app.screen.panes] == ["cnn-local", "beirut-wire"]

    run(scenario())


def test_several_stories_are_listed_first_and_escape_goes_back_to_them(tmp_path):
    sample = sample_sources_path().parent
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "outlets:\n  cnn: {name: CNN}\n  wire: {name: Wire}\n  agg: {name: Aggregator}\nstories:\n"
        f"  - {{id: first, title: First story, articles: [{{outlet: cnn, file: {sample}/000_1287c803b40b51b3.txt}},"
        f" {{outlet: agg, file: {sample}/001_b01ba1ddf5deec65.txt}}]}}\n"
        f"  - {{id: second, title: Second story, articles: [{{outlet: wire, file: {sample}/003_f21b342950398cdc.txt}},"
        f" {{outlet: cnn, file: {sample}/000_1287c803b40b51b3.txt}}]}}\n")
    catalog = load_catalog(sources)

    async def scenario():
        app = ParallaxApp(list(catalog.stories), catalog.outlets)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, StoryListScreen)
            await pilot.press("down", "enter")
            await settle(app, pilot)
            assert isinstance(app.screen, PickerScreen) and app.screen.story.id == "second"
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, StoryListScreen)
            await pilot.press("enter")
            await settle(app, pilot)
            await pilot.press("enter")
            await settle(app, pilot)
            assert [p.article.outlet.id for p in app.screen.panes] == ["cnn", "agg"]

    run(scenario())


def test_outlets_option_skips_the_picker():
    async def scenario():
        app = make_app(outlet_ids=["aggregator", "cnn-local", "defence-mag"])
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, CompareScreen)
            assert [p.article.outlet.short for p in app.screen.panes] == ["Aggregator", "CNN", "Def. mag."]

    run(scenario())


def test_next_quotation_brings_every_pane_to_its_version_level_with_the_cursor():
    async def scenario():
        async with compare_screen() as (app, pilot):
            await pilot.press("]")
            await pilot.pause()
            screen = app.screen
            texts = cursor_texts(screen)
            assert texts[0] == "unintentional loss of life."
            assert texts[1] == texts[3] == "unintentional loss of life"
            assert texts[2] is None and texts[4] is None
            assert not screen.panes[0].query_one(".pane-missing").display
            assert screen.panes[2].query_one(".pane-missing").display
            await pilot.press("]")
            await pilot.pause()
            texts = cursor_texts(screen)
            assert all("coalition officials were informed by Russian officials" in t for t in texts[:4])
            assert texts[4] is None
            assert len(set(rows(screen).values())) == 1, rows(screen)

    run(scenario())


def test_next_and_previous_shared_passage_and_cursor_keys():
    async def scenario():
        async with compare_screen() as (app, pilot):
            screen = app.screen
            await pilot.press("n", "n")
            assert cursor_texts(screen)[3].startswith("U.S. Central Command said the strike")
            assert cursor_texts(screen)[0].startswith("“The coalition airstrike was halted")
            await pilot.press("N")
            assert cursor_texts(screen)[1] == "unintentional loss of life"
            sentence = screen.cursors[0]
            await pilot.press("j", "j", "k")
            assert screen.cursors[0] == sentence + 1
            assert screen.group is None, "“A statement from US Central Command …” is CNN's own sentence"
            await pilot.press("n")
            assert cursor_texts(screen)[3].startswith("U.S. Central Command said the strike")
            assert len(rows(screen)) == 4 and len(set(rows(screen).values())) == 1

    run(scenario())


def test_base_switch_and_difference_toggle_change_the_colouring():
    async def scenario():
        async with compare_screen() as (app, pilot):
            screen = app.screen
            await pilot.press("n", "n")
            diff_kinds = {"added", "changed", "figure"}
            assert any(k in diff_kinds for *_, k in screen.panes[1].decor.spans)
            assert not any(k in diff_kinds for *_, k in screen.panes[0].decor.spans)
            await pilot.press("tab", "b")
            assert screen.reading.base == 1
            assert "base" in str(screen.panes[1].query_one(".pane-outlet").render())
            assert any(k in diff_kinds for *_, k in screen.panes[0].decor.spans)
            await pilot.press("d")
            assert not any(k in diff_kinds for pane in screen.panes for *_, k in pane.decor.spans)
            await pilot.press("s")
            strip = screen.query_one(DetailStrip)
            assert strip.display
            lines = [str(row.render()) for row in strip.query(".detail-row")]
            assert lines[1].startswith("Aggregator") and "base" in lines[1]
            assert "%" in lines[0] and "not in this outlet" in lines[4]

    run(scenario())


def test_map_lists_groups_and_jumps_to_the_chosen_row():
    async def scenario():
        async with compare_screen() as (app, pilot):
            await pilot.press("m")
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            assert table.row_count == len(app.screen.reading.groups) + len(app.screen.reading.figure_groups)
            await pilot.press("down", "down", "enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CompareScreen)
            wanted = table.coordinate_to_cell_key((2, 0)).row_key.value
            assert screen.group.id == int(wanted)
            assert len(set(rows(screen).values())) == 1

    run(scenario())


def test_map_lists_figure_conflicts_and_brings_each_pane_to_its_figure():
    async def scenario():
        async with compare_screen() as (app, pilot):
            await pilot.press("m")
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            table_rows = [[str(cell) for cell in table.get_row_at(r)] for r in range(table.row_count)]
            killed = next(i for i, row in enumerate(table_rows) if row[0] == "figure" and row[-1].startswith("killed:"))
            assert "Wash. pol. at least 80, 60" in table_rows[killed][-1] and "CNN 62, 83" in table_rows[killed][-1]
            assert table_rows[killed][1:6] == ["●"] * 5
            await pilot.press(*["down"] * killed, "enter")
            await pilot.pause()
            screen = app.screen
            shown = [screen.reading.articles[i].sentence_text(screen.cursors[i]) for i in range(5)]
            assert "62 Syrian soldiers were killed" in shown[0]
            assert "at least 80 Syrian soldiers were killed" in shown[2]
            assert "an estimated 60 Syrian soldiers" in shown[4]
            figures = [[screen.reading.articles[p.index].text[a:b] for a, b, k in p.decor.spans if k == "figure"] for p in screen.panes]
            assert figures[2] == ["80", "60"] and figures[4] == ["60"]

    run(scenario())


def test_map_on_a_narrow_terminal_keeps_room_for_the_words_and_shows_figure_rows_whole():
    async def scenario():
        async with compare_screen(size=(80, 24)) as (app, pilot):
            await pilot.press("m")
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            columns = list(table.columns.values())
            # Outlet names are cut to three letters so the opening words stay readable.
            assert [str(c.label) for c in columns[1:6]] == ["CNN", "Agg", "Was", "Bei", "Def"]
            assert columns[-1].width >= 30
            assert sum(c.get_render_width(table) for c in columns) <= table.scrollable_content_region.width
            for key, row in table.rows.items():
                words = str(table.get_row(key)[-1])
                if table.get_row(key)[0] == "figure":
                    assert row.height * columns[-1].width >= len(words), words  # wrapped, not cut
                else:
                    assert row.height == 1

    run(scenario())


def test_help_on_a_short_terminal_scrolls_to_every_key():
    async def scenario():
        async with compare_screen(size=(80, 24)) as (app, pilot):
            await pilot.press("?")
            await pilot.pause()
            box = app.screen.query_one("#help-box")
            body = str(app.screen.query_one("#help-body").render())
            for key in ["pagedown / ctrl+d", "g / home", "G / end", "ctrl+p", "mouse", "Escape closes this help"]:
                assert key in body
            # Wrapped descriptions hang under themselves, not under the keys.
            assert all(line.startswith(" ") or line[:1].isalnum() or line[:1] in "[]?" for line in body.splitlines() if line)
            assert box.has_focus and box.max_scroll_y > 0
            await pilot.press(*["down"] * (box.max_scroll_y + 2))
            await pilot.pause()
            assert box.scroll_y == box.max_scroll_y

    run(scenario())


def test_narrow_terminal_shows_fewer_panes_and_tab_cycles_them():
    async def scenario():
        async with compare_screen(size=(80, 24)) as (app, pilot):
            screen = app.screen
            assert [p.display for p in screen.panes] == [True, True, False, False, False]
            assert screen.sub_title == "outlets 1–2 of 5 · tab shows the others"
            await pilot.press("tab", "tab", "tab")
            await pilot.pause()
            assert screen.active == 3
            assert [p.display for p in screen.panes] == [False, False, True, True, False]
            assert screen.sub_title == "outlets 3–4 of 5 · tab shows the others"
            await pilot.press("]")
            await pilot.pause()
            texts = cursor_texts(screen)
            assert texts[3].startswith("when coalition officials were informed")
            assert "halted immediately" in texts[0] and texts[4] is None
            # Panes 2 and 3 got their text only when they came into view; they are level all the same.
            assert set(rows(screen)) == {2, 3} and len(set(rows(screen).values())) == 1

    run(scenario())


def test_clicking_a_sentence_puts_the_cursor_there_and_levels_the_others():
    async def scenario():
        async with compare_screen() as (app, pilot):
            screen = app.screen
            beirut = screen.panes[3]
            view = next(v for v in beirut.body.query(ParagraphView)
                        if beirut.article.text[v.span[0]:].startswith("U.S. Central Command said the strike"))
            await pilot.click(view, offset=(3, 0))
            await pilot.pause()
            assert screen.active == 3
            assert beirut.article.sentence_text(screen.cursors[3]).startswith("U.S. Central Command said the strike")
            assert "halted immediately" in cursor_texts(screen)[0]
            assert screen.panes[4].query_one(".pane-missing").display
            assert len(set(rows(screen).values())) == 1

    run(scenario())


def test_not_in_this_outlet_marks_shared_passages_only():
    async def scenario():
        async with compare_screen() as (app, pilot):
            screen = app.screen
            await pilot.press("j", "j")
            await pilot.pause()
            assert screen.group is None
            assert not any(p.query_one(".pane-missing").display for p in screen.panes)

    run(scenario())


def notice_row(pane) -> int | None:
    """The body row of a pane's "not in this outlet" line, or None when it is hidden."""
    notice = pane.query_one(".pane-missing")
    if not notice.display:
        return None
    return notice.styles.offset.y.value - pane.query_one(".pane-header").outer_size.height


def text_rows(pane) -> set[int]:
    """The body rows on screen where the pane draws article text (not the blank rows between paragraphs)."""
    top = round(pane.body.scroll_y)
    found = set()
    for view in pane.views:
        first = view.virtual_region.y + view.styles.padding.top - top
        last = view.virtual_region.y + view.outer_size.height - view.styles.padding.bottom - top
        found.update(range(max(first, 0), last))
    return found


def test_not_in_this_outlet_sits_between_paragraphs_and_hides_no_text():
    async def scenario():
        async with compare_screen() as (app, pilot):
            screen = app.screen
            for key in ["]", "]", "n", "n"]:
                await pilot.press(key)
                await pilot.pause()
                missing = [p for p in screen.panes if screen.reading.member(screen.group, p.index) is None]
                assert missing, "every step of this walk has an outlet that lacks the passage"
                for pane in missing:
                    row = notice_row(pane)
                    assert row is not None and 0 <= row < pane.body.size.height
                    assert row not in text_rows(pane), (key, pane.article.outlet.short, row)

    run(scenario())


def test_an_outlet_that_lacks_the_passage_shows_where_it_would_be_and_tab_enters_there():
    async def scenario():
        async with compare_screen() as (app, pilot):
            screen = app.screen
            await pilot.press("]")
            await pilot.pause()
            before = rows(screen)
            washington = screen.panes[2]
            assert screen.reading.member(screen.group, 2) is None  # Wash. pol. lacks "unintentional loss of life"
            # CNN goes on from that quotation to the CENTCOM statement; Wash. pol. shows the paragraph that
            # holds its CENTCOM statement just below the row being read, the notice on that row.
            place = screen.places[2]
            assert washington.article.text[place:].startswith('"Coalition forces believed')
            place_row = washington.row_of(place) - round(washington.body.scroll_y)
            assert place_row == screen.level_row + 1
            assert notice_row(washington) == screen.level_row
            await pilot.press("tab", "tab")
            await pilot.pause()
            await pilot.pause()
            # The cursor enters Wash. pol. at that place, and no text moves.
            assert screen.active == 2
            assert washington.article.sentence_text(screen.cursors[2]).startswith('"Coalition forces believed')
            after = rows(screen)
            assert after == {p: before[p] for p in after}, (before, after)

    run(scenario())


def test_tab_through_every_pane_moves_no_text():
    async def scenario():
        async with compare_screen() as (app, pilot):
            screen = app.screen
            await pilot.press("]")
            await pilot.pause()
            scrolled = [round(p.body.scroll_y) for p in screen.panes]
            # Through Wash. pol. (lacks the quotation, has a place for it), Def. mag. (shares nothing) and back.
            for key in ["tab"] * 5 + ["shift+tab"] * 2:
                await pilot.press(key)
                await pilot.pause()
                await pilot.pause()
                assert [round(p.body.scroll_y) for p in screen.panes] == scrolled, key

    run(scenario())


def test_a_passage_near_the_top_of_one_article_is_still_level_in_every_pane():
    async def scenario():
        async with compare_screen() as (app, pilot):
            screen = app.screen
            await pilot.press("]", "tab", "tab")
            await pilot.pause()
            await pilot.press("j")  # on from the place Wash. pol. lacked the passage to its CENTCOM statement
            await pilot.pause()
            assert all("coalition officials were informed" in t for t in cursor_texts(screen)[:4])
            beirut = screen.panes[3]
            # Beirut carries it in its first screenful, so it cannot scroll down to the row Wash. pol. had;
            # the common row rises to Beirut's instead.
            assert beirut.body.scroll_y == 0
            assert len(rows(screen)) == 4 and len(set(rows(screen).values())) == 1, rows(screen)

    run(scenario())


def test_copying_citations_puts_them_on_the_clipboard_and_says_so():
    async def scenario():
        async with compare_screen() as (app, pilot):
            screen = app.screen
            await pilot.press("]", "c")
            member = screen.reading.member(screen.group, 0)
            expected = cite_many([screen.reading.citation_source(member, app.today)], "plain")
            assert app.clipboard == expected
            assert "unintentional loss of life" in app.clipboard and "CNN" in app.clipboard
            assert any(n.message == expected for n in app._notifications)
            await pilot.press("C")
            assert app.clipboard.count("unintentional loss of life") == 3
            assert "Unattributed aggregator" in app.clipboard and "Beirut" in app.clipboard

    run(scenario())


def test_citation_style_from_the_palette_is_used_and_remembered(config_dir):
    async def scenario():
        async with compare_screen() as (app, pilot):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"citation style bibtex")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("]", "c")
            assert app.clipboard.startswith("@")
        return app

    run(scenario())
    assert "cite_style: bibtex" in (config_dir / "prefs.yaml").read_text()


def test_theme_switch_recolours_and_is_remembered(config_dir):
    async def scenario(theme=None):
        async with compare_screen(theme=theme) as (app, pilot):
            before = app.get_css_variables()["px-added"]
            if theme is None:
                app.theme = "parallax-light"
                await pilot.pause()
                assert app.get_css_variables()["px-added"] != before
            return app.theme

    assert run(scenario()) == "parallax-light"
    assert "theme: parallax-light" in (config_dir / "prefs.yaml").read_text()
    assert run(scenario(theme="textual-dark")) == "textual-dark"


def test_broken_theme_file_is_reported_and_skipped(config_dir):
    (config_dir / "themes").mkdir(parents=True)
    (config_dir / "themes" / "broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")

    async def scenario():
        async with compare_screen() as (app, pilot):
            assert isinstance(app.screen, CompareScreen)
            assert any("broken.yaml" in n.message for n in app._notifications)

    run(scenario())


def test_shared_sentences_and_the_cursor_are_drawn_on_the_theme_backgrounds():
    def backgrounds(view, start: int, end: int) -> set[str]:
        """Background colours of the spans drawn over article offsets start..end of a paragraph view."""
        base = view.paragraph.start
        return {span.style.background.hex for span in view.render().spans
                if span.start < end - base and span.end > start - base
                and getattr(span.style, "background", None) is not None and span.style.background.a > 0}

    async def scenario():
        async with compare_screen(theme="parallax-dark") as (app, pilot):
            await pilot.press("n", "n")
            await pilot.pause()
            variables, pane = app.theme_variables, app.screen.panes[0]
            cursor = app.screen.reading.member(app.screen.group, 0)
            assert variables["px-cursor"].upper() in backgrounds(pane.view_of(pane.paragraph_of(cursor.start)), cursor.start, cursor.end)
            shared = pane.article.sentences[sentence_containing("cnn", "The Russian military said 62 Syrian soldiers")]
            assert backgrounds(pane.view_of(shared.paragraph), shared.start, shared.end) == {variables["px-shared"].upper()}
            plain = pane.article.sentences[sentence_containing("cnn", "As a delicate ceasefire appeared")]
            assert backgrounds(pane.view_of(plain.paragraph), plain.start, plain.end) == set()

    run(scenario())


def test_citation_style_from_the_command_line_is_remembered(config_dir):
    async def scenario():
        async with compare_screen(cite_style="apa") as (app, pilot):
            await pilot.press("]", "c")
            assert app.clipboard.startswith("“unintentional loss of life.”")
            assert "(2016, September 17)" in app.clipboard
        assert load_prefs(config_dir / "prefs.yaml").cite_style == "apa"

    run(scenario())
