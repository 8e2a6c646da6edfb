"""The reader on the sample story, as a person uses it: keys pressed, then what each pane shows."""

import re

from tests.conftest import run, sample_app
from tui.prefs import load_prefs
from tui.sources import load_catalog, sample_sources_path


def level(shown, *names: str) -> set[int]:
    """The rows where the named panes' cursors start: one row when they are level."""
    rows = {shown.pane(name).cursor_row for name in names}
    assert None not in rows, f"a pane shows no cursor: {rows}"
    return rows


def test_picker_lists_outlets_with_headlines_and_needs_two(open_reader):
    async def scenario():
        async with open_reader(app=sample_app()) as reader:
            shown = reader.shown()
            assert "Tick two or more outlets" in shown.text and "Coalition hits Syrian troops" in shown.text
            assert all(name in shown.text for name in ["CNN", "Aggregator", "Wash. pol.", "Beirut", "Def. mag."])
            # Untick all but CNN, and confirm: two are needed.
            shown = await reader.press(*["down", "space"] * 4, "enter")
            assert "Pick at least two readable outlets to compare (1 ticked)" in shown.text
            shown = await reader.press("up", "space", "enter")  # tick Beirut again
            assert shown.names == ["CNN", "Beirut"]

    run(scenario())


def test_several_stories_are_listed_first_and_escape_goes_back_to_them(tmp_path, open_reader):
    sample = sample_sources_path().parent
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "outlets:\n  cnn: {name: CNN}\n  wire: {name: Wire}\n  agg: {name: Aggregator}\nstories:\n"
        f"  - {{id: first, title: First story, articles: [{{outlet: cnn, file: {sample}/000_1287c803b40b51b3.txt}},"
        f" {{outlet: agg, file: {sample}/001_b01ba1ddf5deec65.txt}}]}}\n"
        f"  - {{id: second, title: Second story, articles: [{{outlet: wire, file: {sample}/003_f21b342950398cdc.txt}},"
        f" {{outlet: cnn, file: {sample}/000_1287c803b40b51b3.txt}}]}}\n")
    catalog = load_catalog(sources)
    from tui.app.app import ParallaxApp

    async def scenario():
        async with open_reader(size=(100, 30), app=ParallaxApp(list(catalog.stories), catalog.outlets)) as reader:
            assert "Choose a story" in reader.shown().text
            shown = await reader.press("down", "enter")
            assert "Second story" in shown.text and "Tick two or more outlets" in shown.text
            shown = await reader.press("escape")
            assert "Choose a story" in shown.text
            shown = await reader.press("enter", "enter")
            assert shown.names == ["CNN", "Aggregator"]

    run(scenario())


def test_outlets_option_skips_the_picker(open_reader):
    async def scenario():
        async with open_reader(outlet_ids=["aggregator", "cnn-local", "defence-mag"]) as reader:
            assert reader.shown().names == ["Aggregator", "CNN", "Def. mag."]

    run(scenario())


def test_a_quick_story_opens_straight_onto_the_compare_screen_without_a_loading_screen(monkeypatch):
    from tests.conftest import until
    from tui.app import app as reader_app

    # However slow the machine, the work ends before this delay: no loading screen may show meanwhile.
    monkeypatch.setattr(reader_app, "LOADING_DELAY", 60.0, raising=False)
    app = sample_app(outlet_ids=["cnn-local", "beirut-wire"])
    seen: list[str] = []

    async def scenario():
        async with app.run_test(size=(160, 45)) as pilot:
            def compared() -> bool:
                seen.append(type(app.screen).__name__)
                return seen[-1] == "CompareScreen" and app.screen.is_mounted

            await until(pilot, compared)
            await pilot.pause()

    run(scenario())
    assert "LoadingScreen" not in seen and seen[-1] == "CompareScreen"


def test_next_quotation_brings_every_pane_to_its_version_level_with_the_cursor(open_reader):
    async def scenario():
        async with open_reader() as reader:
            shown = await reader.press("]")
            assert shown.pane("CNN").cursor_text == "unintentional loss of life."
            assert shown.pane("Aggregator").cursor_text == shown.pane("Beirut").cursor_text == "unintentional loss of life"
            assert shown.pane("Wash. pol.").cursor_text == "" and shown.pane("Def. mag.").cursor_text == ""
            # Wash. pol. lacks it and says so on the row being read; Def. mag. shares nothing nearby.
            assert level(shown, "CNN", "Aggregator", "Beirut") == {shown.pane("Wash. pol.").notice_row} != {None}
            assert shown.pane("CNN").notice_row is None
            # Def. mag. carries no shared passage near it: it says so on the blank row nearest the row read.
            assert abs(shown.pane("Def. mag.").notice_row - shown.pane("CNN").cursor_row) <= 3
            shown = await reader.press("]")
            for name in ["CNN", "Aggregator", "Wash. pol.", "Beirut"]:
                assert "coalition officials were informed by Russian officials" in shown.pane(name).cursor_text, name
            assert len(level(shown, "CNN", "Aggregator", "Wash. pol.", "Beirut")) == 1

    run(scenario())


def test_next_and_previous_shared_passage_and_cursor_keys(open_reader):
    async def scenario():
        async with open_reader() as reader:
            shown = await reader.press("n", "n")
            assert shown.pane("Beirut").cursor_text.startswith("U.S. Central Command said the strike")
            assert shown.pane("CNN").cursor_text.startswith("“The coalition airstrike was halted")
            shown = await reader.press("N")
            assert shown.pane("Aggregator").cursor_text == "unintentional loss of life"
            shown = await reader.press("j", "j", "k")
            # CNN's own sentence: only its pane has a cursor, and nothing says another outlet lacks it.
            assert shown.pane("CNN").cursor_text.startswith("A statement from US Central Command")
            assert [p.cursor_text for p in shown.panes[1:]] == [""] * 4
            assert all(p.notice_row is None for p in shown.panes)
            shown = await reader.press("n")
            assert shown.pane("Beirut").cursor_text.startswith("U.S. Central Command said the strike")
            assert len(level(shown, "CNN", "Aggregator", "Wash. pol.", "Beirut")) == 1

    run(scenario())


def test_base_switch_and_difference_toggle_change_the_colouring_and_the_headers(open_reader):
    differences = ("px-added", "px-changed", "px-figure")

    def coloured(pane) -> list[str]:
        return [run for name in differences for run in pane.coloured(name)]

    async def scenario():
        async with open_reader() as reader:
            shown = await reader.press("n", "n")
            assert coloured(shown.pane("Aggregator")) and not coloured(shown.pane("CNN"))
            assert "base" in shown.pane("CNN").header[0] and "vs CNN" in shown.pane("Beirut").header[0]
            shown = await reader.press("tab", "b")
            assert "base" in shown.pane("Aggregator").header[0]
            assert all("vs Aggregator" in shown.pane(name).header[0] for name in ["CNN", "Wash. pol.", "Def. mag."])
            assert coloured(shown.pane("CNN"))
            shown = await reader.press("d")
            assert not any(coloured(pane) for pane in shown.panes)
            assert not any(" vs " in pane.header[0] for pane in shown.panes)
            await reader.press("s")
            strip = reader.part("#detail")
            assert any(line.startswith("Aggregator") and "base" in line for line in strip)
            assert strip[0].startswith("CNN") and "%" in strip[0]
            # Def. mag. has no version but a weaker match: the strip says so, with that passage and its score.
            assert any(line.startswith("Def. mag.") and "closest:" in line for line in strip)
            # The last line says how the version under the cursor was linked, and which words it shares.
            assert strip[-1].startswith("Aggregator: through a shared quotation 100 with") and "shares" in strip[-1]

    run(scenario())


def test_map_lists_passages_and_figure_conflicts_and_jumps_to_the_chosen_row(open_reader):
    async def scenario():
        async with open_reader() as reader:
            await reader.press("m")
            box = reader.part("#map-box")
            assert "shared passages" in box[0] and "1 figure conflict ·" in box[0] and "◐ close only" in box[0]
            rows = [line for line in box if line.strip().startswith(("text", "quote", "figure"))]
            # An outlet with only a weaker match is marked close, never as lacking the passage.
            assert any("◐" in row for row in rows)
            third = rows[2].split("  ")[-1].strip().split(" …")[0]
            shown = await reader.press("down", "down", "enter")
            assert reader.part("#map-box") == []
            first_words = " ".join(third.split()[:5])
            carrying = [p for p in shown.panes if p.cursor_text]
            assert carrying and carrying[0].cursor_text.startswith(first_words)
            assert len({p.cursor_row for p in carrying}) == 1

    run(scenario())


def test_map_keys_move_like_the_readers_and_end_then_enter_takes_the_last_row(open_reader):
    async def scenario():
        async with open_reader() as reader:
            await reader.press("m", "G")
            last = [line for line in reader.part("#map-box") if line.strip().startswith("figure")][-1]
            assert "killed · soldiers:" in last
            shown = await reader.press("enter")
            assert "62 Syrian soldiers were killed" in shown.pane("CNN").cursor_text
            await reader.press("m", "g", "j", "j", "k", "end", "home", "enter")
            shown = reader.shown()
            assert shown.pane("CNN").cursor_text == "unintentional loss of life."  # the first row, reached again

    run(scenario())


def test_map_lists_figure_conflicts_and_brings_each_pane_to_its_figure(open_reader):
    async def scenario():
        async with open_reader() as reader:
            await reader.press("f", "f", "f", "m")  # only figure conflicts
            box = reader.part("#map-box")
            assert "only figure conflicts: 1 of 13 rows" in box[0]
            figures = [line for line in box if line.strip().startswith("figure")]
            killed = next(i for i, line in enumerate(figures) if "killed · soldiers: CNN 62, 83" in line)
            whole = " ".join(" ".join(box).split())
            assert "Wash. pol. at least 80, 60" in whole and "Def. mag. an estimated 60" in whole
            assert figures[killed].split()[1:6] == ["●"] * 5
            shown = await reader.press(*["down"] * killed, "enter")
            assert "62 Syrian soldiers were killed" in shown.pane("CNN").cursor_text
            assert "at least 80 Syrian soldiers were killed" in shown.pane("Wash. pol.").cursor_text
            assert "an estimated 60 Syrian soldiers" in shown.pane("Def. mag.").cursor_text
            assert shown.pane("Wash. pol.").coloured("px-figure") == ["80", "60"]
            assert shown.pane("Def. mag.").coloured("px-figure") == ["60"]
            # With the filter and the sample's one conflict, n has nowhere else to go.
            shown = await reader.press("n")
            assert "62 Syrian soldiers were killed" in shown.pane("CNN").cursor_text

    run(scenario())


def test_the_map_opened_again_starts_where_the_reader_is_and_follows_a_new_filter(open_reader):
    async def scenario():
        async with open_reader() as reader:
            await reader.press("m", "down", "down", "enter")
            shown = await reader.press("n", "n")
            here = shown.pane("CNN").cursor_text
            # Enter at once on the map opened again keeps the reader on its passage.
            shown = await reader.press("m", "enter")
            assert shown.pane("CNN").cursor_text == here
            await reader.press("m", "G", "escape", "f", "f", "f", "m")
            box = reader.part("#map-box")
            assert "only figure conflicts: 1 of 13 rows" in box[0]
            assert [line for line in box if line.strip().startswith(("text", "quote"))] == []
            await reader.press("escape", "f", "m")  # the filter off again: every row is back
            box = reader.part("#map-box")
            assert "12 shared passages" in box[0] and len([line for line in box if line.strip().startswith("text")]) > 3
            shown = await reader.press("enter")
            assert shown.pane("CNN").cursor_text == here

    run(scenario())


def test_map_on_a_narrow_terminal_keeps_room_for_the_words_and_shows_figure_rows_whole(open_reader):
    async def scenario():
        async with open_reader(size=(80, 24)) as reader:
            await reader.press("m")
            box = reader.part("#map-box")
            header = next(line for line in box if "opening words" in line)
            # Outlet names are cut to three letters so the opening words stay readable.
            assert header.split()[:7] == ["kind", "CNN", "Agg", "Was", "Bei", "Def", "opening"]
            rows = [line for line in box if line.strip().startswith(("text", "quote"))]
            assert max(len(row.split("·")[-1].split("●")[-1].strip()) for row in rows) >= 30
            await reader.press("G")
            whole = " ".join(" ".join(reader.part("#map-box")).split())
            assert ("killed · soldiers: CNN 62, 83 · Aggregator at least 62, 62, 83 · Wash. pol. at least 80, 60 · "
                    "Beirut at least 62, 62 · Def. mag. an estimated 60") in whole

    run(scenario())


def test_help_on_a_short_terminal_scrolls_to_every_key(open_reader):
    async def scenario():
        async with open_reader(size=(80, 24)) as reader:
            await reader.press("?")
            help_box = "\n".join(reader.part("#help-box"))
            assert "g / home" in help_box and "Escape closes this help" not in help_box
            await reader.press(*["down"] * 40)
            help_box = "\n".join(reader.part("#help-box"))
            for key in ["mouse", "ctrl+p", "Escape closes this help"]:
                assert key in help_box

    run(scenario())


def test_narrow_terminal_shows_fewer_panes_and_tab_cycles_them(open_reader):
    async def scenario():
        async with open_reader(size=(80, 24)) as reader:
            shown = reader.shown()
            assert shown.names == ["CNN", "Aggregator"]
            assert "outlets 1–2 of 5 · tab shows the others" in shown.title
            shown = await reader.press("tab", "tab", "tab")
            assert shown.names == ["Wash. pol.", "Beirut"] and "outlets 3–4 of 5" in shown.title
            shown = await reader.press("]")
            assert shown.pane("Beirut").cursor_text.startswith("when coalition officials were informed")
            # Wash. pol. got its text only when it came into view; it is level all the same.
            assert len(level(shown, "Wash. pol.", "Beirut")) == 1

    run(scenario())


def test_keys_typed_ahead_of_the_reader_are_handled_in_the_order_typed(open_reader):
    async def scenario():
        async with open_reader(size=(80, 24)) as reader:
            # The jump comes first: every outlet goes to its version of the first shared quotation, then the
            # focus moves on to Beirut, which shows its version, and Wash. pol., which lacks it, says so.
            shown = await reader.type_ahead("]", "tab", "tab", "tab")
            assert shown.names == ["Wash. pol.", "Beirut"] and "outlets 3–4 of 5" in shown.title
            assert shown.pane("Beirut").cursor_text == "unintentional loss of life"
            assert shown.pane("Wash. pol.").notice_row is not None

    run(scenario())


def test_outlets_ticked_just_before_enter_are_compared(open_reader):
    async def scenario():
        async with open_reader(app=sample_app()) as reader:
            shown = await reader.type_ahead(*["down", "space"] * 3, "enter")
            assert shown.names == ["CNN", "Def. mag."]

    run(scenario())


def test_an_80_column_screen_shows_every_footer_key_and_names_the_base_in_each_pane(open_reader):
    async def scenario():
        async with open_reader(size=(80, 24)) as reader:
            shown = await reader.press("n", "n")
            for key in ["n Next shared", "tab Pane", "/ Find", "f Filter", "m Map", "c Cite", "? Help", "q Quit", "^p palette"]:
                assert key in shown.footer, key
            assert "base" in shown.pane("CNN").header[0] and "vs CNN" in shown.pane("Aggregator").header[0]
            await reader.press("s")
            strip = reader.part("#detail")
            # Five versions do not fit: each is cut short, and what is left out is said.
            assert all(name in "\n".join(strip) for name in ["CNN", "Aggregator", "Beirut"])
            assert any("…" in line for line in strip) or any(line.strip().startswith("+") for line in strip)

    run(scenario())


def test_clicking_a_sentence_puts_the_cursor_there_and_levels_the_others(open_reader):
    async def scenario():
        async with open_reader() as reader:
            await reader.press("n", "n", "n")
            shown = await reader.click("Beirut", "U.S. Central Command said")
            assert shown.pane("Beirut").cursor_text.startswith("U.S. Central Command said the strike")
            assert "halted immediately" in shown.pane("CNN").cursor_text
            assert shown.pane("Def. mag.").notice_row is not None and shown.pane("Def. mag.").cursor_text == ""
            assert len(level(shown, "CNN", "Aggregator", "Wash. pol.", "Beirut")) == 1

    run(scenario())


def test_g_and_G_bring_every_pane_to_its_start_and_end_level(open_reader):
    async def scenario():
        async with open_reader() as reader:
            shown = await reader.press("n", "n", "G")
            rows = {pane.name: pane.cursor_row for pane in shown.panes}
            assert len(set(rows.values())) == 1 and None not in rows.values(), rows
            assert all(pane.row_of("— end —") is not None for pane in shown.panes)
            shown = await reader.press("g")
            for pane in shown.panes:
                assert pane.cursor_row == 0, pane.name  # each at its headline, at the top

    run(scenario())


def text_of(pane) -> list[str]:
    """A pane's rows without the cursor margin: the text itself."""
    return [row[1:] for row in pane.rows]


def test_not_in_this_outlet_sits_between_paragraphs_and_hides_no_text(open_reader):
    from tests.sample import article

    ids = {"CNN": "cnn", "Aggregator": "aggregator", "Wash. pol.": "dc", "Beirut": "beirut", "Def. mag.": "defence"}

    async def scenario():
        async with open_reader() as reader:
            for key in ["]", "]", "n", "n"]:
                shown = await reader.press(key)
                lacking = [p for p in shown.panes if p.notice_row is not None]
                assert lacking, key
                for pane in lacking:
                    rows = [row for i, row in enumerate(text_of(pane)) if i != pane.notice_row]
                    words = " ".join(" ".join(rows).split())
                    # Without the notice's row the text runs on unbroken: the notice hid nothing.
                    assert words.replace("— end —", "").strip() in " ".join(article(ids[pane.name]).text.split()), (key, pane.name, words)

    run(scenario())


def test_an_outlet_that_lacks_the_passage_shows_where_it_would_be_and_tab_enters_there(open_reader):
    async def scenario():
        async with open_reader() as reader:
            before = await reader.press("]")
            washington = before.pane("Wash. pol.")
            row = washington.notice_row
            assert row == before.pane("CNN").cursor_row
            # CNN goes on from that quotation to the CENTCOM statement; Wash. pol. shows the paragraph that
            # holds its CENTCOM statement just below the row being read.
            assert washington.rows[row + 1][1:].startswith('"Coalition forces believed')
            after = await reader.press("tab", "tab")
            assert after.pane("Wash. pol.").cursor_text.startswith('"Coalition forces believed')
            assert [text_of(p) for p in after.panes] == [text_of(p) for p in before.panes]

    run(scenario())


def test_the_closest_passage_notice_shows_its_score_whole_in_a_narrow_pane(open_reader):
    async def scenario():
        for size in ((160, 45), (80, 24)):
            async with open_reader(size=size) as reader:
                shown = await reader.press("]", "]", *(["tab"] * 4 if size[0] == 80 else []))
                pane = shown.pane("Def. mag.")
                notice = pane.rows[pane.notice_row]
                # Once cut to "closest in this outlet: sco": the score and the key that explains it were lost.
                assert re.search(r"┄ closest here: (score )?\d+ \(s\) ┄", notice), notice

    run(scenario())


def test_the_closest_passage_in_the_detail_strip_keeps_to_one_row(open_reader):
    async def scenario():
        async with open_reader() as reader:
            await reader.press("]", "]", "s")
            strip = reader.part("#detail")
            row = next(i for i, line in enumerate(strip) if line.startswith("Def. mag.") and "closest:" in line)
            # Once the passage ran past the row and its last words wrapped onto a row of their own.
            assert strip[row].rstrip().endswith("…") and strip[row + 1][:1].strip()

    run(scenario())


def test_tab_through_every_pane_moves_no_text(open_reader):
    async def scenario():
        async with open_reader() as reader:
            before = [text_of(p) for p in (await reader.press("]")).panes]
            # Through Wash. pol. (lacks the quotation, has a place for it), Def. mag. (shares nothing) and back.
            for key in ["tab"] * 5 + ["shift+tab"] * 2:
                assert [text_of(p) for p in (await reader.press(key)).panes] == before, key

    run(scenario())


def test_a_passage_near_the_top_of_one_article_is_still_level_in_every_pane(open_reader):
    async def scenario():
        async with open_reader() as reader:
            shown = await reader.press("]", "tab", "tab", "j")  # on from Wash. pol.'s place to its CENTCOM statement
            for name in ["CNN", "Aggregator", "Wash. pol.", "Beirut"]:
                assert "coalition officials were informed" in shown.pane(name).cursor_text, name
            # Beirut carries it in its first screenful, so it cannot scroll down to the row Wash. pol. had;
            # the common row rises to Beirut's instead.
            assert shown.pane("Beirut").rows[0][1:].startswith("US says it may have killed")
            assert len(level(shown, "CNN", "Aggregator", "Wash. pol.", "Beirut")) == 1

    run(scenario())


def test_copying_citations_puts_them_on_the_clipboard_and_says_so(open_reader):
    async def scenario():
        async with open_reader() as reader:
            await reader.press("]", "c")
            # A quotation's citation names whose words they are.
            assert reader.clipboard.startswith("A senior administration official: “unintentional loss of life.”")
            assert "CNN (via a local station site)" in reader.clipboard and "Coalition hits Syrian troops" in reader.clipboard
            assert reader.notifications[-1] == reader.clipboard
            await reader.press("C")
            assert reader.clipboard.count("unintentional loss of life") == 3
            assert "Unattributed aggregator" in reader.clipboard and "Beirut" in reader.clipboard

    run(scenario())


def test_citation_style_from_the_palette_is_used_and_remembered(config_dir, open_reader):
    async def scenario():
        async with open_reader() as reader:
            await reader.press("ctrl+p")
            await reader.type("citation style bibtex")
            await reader.pilot.pause(0.3)
            await reader.press("enter", "]", "c")
            assert reader.clipboard.startswith("@")

    run(scenario())
    assert "cite_style: bibtex" in (config_dir / "prefs.yaml").read_text()


def test_theme_switch_recolours_and_is_remembered(config_dir, open_reader):
    async def scenario(theme=None):
        async with open_reader(theme=theme) as reader:
            await reader.press("n")
            before = reader.shown().pane("CNN").background_of("The coalition airstrike")
            if theme is None:
                reader.app.theme = "parallax-light"
                await reader.settled()
                after = reader.shown().pane("CNN").background_of("The coalition airstrike")
                assert after == {reader.theme_variables["px-shared"].upper()} != before
            return reader.app.theme

    assert run(scenario()) == "parallax-light"
    assert "theme: parallax-light" in (config_dir / "prefs.yaml").read_text()
    assert run(scenario(theme="textual-dark")) == "textual-dark"


def test_broken_theme_file_is_reported_and_skipped(config_dir, open_reader):
    (config_dir / "themes").mkdir(parents=True)
    (config_dir / "themes" / "broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")

    async def scenario():
        async with open_reader() as reader:
            assert reader.shown().names[0] == "CNN"
            assert any("broken.yaml" in n for n in reader.notifications)

    run(scenario())


def test_shared_sentences_and_the_cursor_are_drawn_on_the_theme_backgrounds(open_reader):
    async def scenario():
        async with open_reader(theme="parallax-dark") as reader:
            shown = await reader.press("n", "n")
            variables, cnn = reader.theme_variables, shown.pane("CNN")
            assert cnn.background_of("The coalition airstrike") == {variables["px-cursor"].upper()}
            assert cnn.background_of("The Russian military said 62") == {variables["px-shared"].upper()}
            assert cnn.background_of("A statement from US Central") == {variables["background"].upper()}

    run(scenario())


def test_citation_style_from_the_command_line_is_remembered(config_dir, open_reader):
    async def scenario():
        async with open_reader(cite_style="apa") as reader:
            await reader.press("]", "c")
            # A quotation's citation names whose words they are.
            assert reader.clipboard.startswith("A senior administration official: “unintentional loss of life.”")
            assert "(2016, September 17)" in reader.clipboard

    run(scenario())
    assert load_prefs(config_dir / "prefs.yaml").cite_style == "apa"


def test_search_finds_a_phrase_in_every_pane_highlights_it_and_steps_through_the_matches(open_reader):
    async def scenario():
        async with open_reader() as reader:
            await reader.press("/")
            await reader.type("samantha power")
            shown = await reader.press("enter")
            status = " ".join(reader.part("#status"))
            assert "“samantha power”: 1 of 2 in Aggregator, 3 in all" in status, status
            # The match is highlighted over the cursor's sentence that holds it.
            assert shown.pane("Aggregator").on_background("px-match").startswith("Samantha Power")
            assert shown.pane("Aggregator").cursor_text.startswith("US envoy accused Russia")
            shown = await reader.press(">")
            assert "2 of 2 in Aggregator" in " ".join(reader.part("#status"))
            assert shown.pane("Aggregator").cursor_text.startswith("’s opposite number")
            shown = await reader.press(">")
            assert "1 of 1 in Beirut" in " ".join(reader.part("#status"))
            assert "Samantha Power" in shown.pane("Beirut").on_background("px-match")
            await reader.press("<")
            assert "2 of 2 in Aggregator" in " ".join(reader.part("#status"))
            shown = await reader.press("escape")
            assert reader.part("#status") == []
            assert not any(pane.on_background("px-match") for pane in shown.panes)
            await reader.press("/")
            await reader.type("no such words")
            await reader.press("enter")
            assert "“no such words” is in none of the outlets." in reader.notifications[-1]

    run(scenario())


def test_a_search_typed_in_one_burst_goes_into_the_find_bar_not_to_the_keys(open_reader, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where a report would be written
    async def scenario():
        async with open_reader() as reader:
            # "/" then the words, as fast as a terminal delivers them: the letters of "samantha power" are also
            # keys ("m" the map, "p" ...), and none of them may act.
            await reader.type_ahead("/", *"samantha power", "enter")
            status = " ".join(reader.part("#status"))
            assert "“samantha power”: 1 of 2 in Aggregator, 3 in all" in status, status
            assert reader.part("#map-box") == []
            # "r" and "q" would write a report and quit.
            await reader.type_ahead("escape")
            await reader.type_ahead("/", *"rq", "enter")
            assert reader.app.is_running and list(tmp_path.glob("*.html")) == []
            assert "“rq” is in none of the outlets." in reader.notifications[-1]

    run(scenario())


def test_typing_a_search_does_not_move_the_panes(open_reader):
    async def scenario():
        async with open_reader() as reader:
            await reader.press("n", "/")
            await reader.type("jnk")
            before = [text_of(p) for p in (await reader.press()).panes]
            shown = await reader.press("tab", "down", "pagedown")
            assert [text_of(p) for p in shown.panes] == before

    run(scenario())


def test_filters_count_what_they_keep_and_the_jump_keys_visit_only_that(open_reader):
    async def scenario():
        async with open_reader() as reader:
            await reader.press("f", "f")
            assert " ".join(reader.part("#status")).startswith("only passages some outlet lacks (")
            for _ in range(4):
                shown = await reader.press("n")
                assert any(pane.notice_row is not None for pane in shown.panes)  # some outlet lacks each
            # From the command palette too.
            await reader.press("ctrl+p")
            await reader.type("filter: only figure")
            await reader.pilot.pause(0.3)
            await reader.press("enter")
            assert " ".join(reader.part("#status")) .startswith("only figure conflicts (1 of 1)")
            await reader.press("f")
            assert reader.part("#status") == []

    run(scenario())


def test_a_link_marked_wrong_is_kept_apart_saved_and_undone(open_reader, data_dir):
    async def scenario():
        async with open_reader() as reader:
            shown = await reader.press("n", "n")  # CENTCOM's statement, carried by four outlets
            assert "coalition officials were informed" in shown.pane("Beirut").cursor_text
            shown = await reader.press("tab", "tab", "tab", "x")  # Beirut's version is not the same passage
            assert any(n.startswith("Kept apart: Beirut") for n in reader.notifications)
            assert list((data_dir / "corrections").glob("*.json"))
            shown = await reader.press("s")  # the reader reopened where it was, on Beirut's version
            strip = reader.part("#detail")
            cnn = next(line for line in strip if line.startswith("CNN"))
            assert "%" not in cnn and ("closest" in cnn or "not in this outlet" in cnn)  # CNN's is no version of it
            shown = await reader.press("u", "s")  # the reader reopens after an undo too; s shows the strip again
            assert any(n.startswith("Undone: Kept apart") for n in reader.notifications)
            cnn = next(line for line in reader.part("#detail") if line.startswith("CNN"))
            assert " base " in cnn or "%" in cnn  # a version again

    run(scenario())


def test_two_passages_joined_by_hand_become_one_and_say_it_was_you(open_reader, tmp_path):
    from tui.app.app import ParallaxApp
    from tui.sources import story_from_paths

    first, second = tmp_path / "one.txt", tmp_path / "two.txt"
    first.write_text("One\n\nThe council met behind closed doors on Monday to weigh the request.\n", encoding="utf-8")
    second.write_text("Two\n\nDiplomats said a vote on the matter could come later this week.\n", encoding="utf-8")
    story, outlets = story_from_paths([str(first), str(second)])

    async def scenario():
        async with open_reader(app=ParallaxApp([story], outlets, compare_at_once=True)) as reader:
            await reader.click("one", "The council met")
            await reader.press("J")
            assert any(n.startswith("Marked to join") for n in reader.notifications)
            await reader.click("two", "Diplomats said")
            await reader.press("J", "s")
            assert any(n.startswith("Joined: one") for n in reader.notifications)
            strip = reader.part("#detail")
            assert strip[-1].startswith("two: joined by you")
            shown = reader.shown()
            assert "Diplomats said" in shown.pane("two").cursor_text and "The council met" in shown.pane("one").cursor_text

    run(scenario())
