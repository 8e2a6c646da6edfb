"""The reader's model without Textual: jumps, coverage, word diffs, citation sources, and the moves of the keys."""

from datetime import date

import pytest

from tui.app import position as moves
from tui.app.finding import find, next_match, passing
from tui.app.levelling import PaneRows, level
from tui.app.reading import Figures, Passage, Reading
from tui.model import (Alignment, Article, BlockKind, Figure, FigureConflict, Group, GroupKind, Member, Outlet,
                       Paragraph, Quote, Sentence)  # fmt: skip


def article(index: int, sentences: list[str]) -> Article:
    """An article of one paragraph per sentence."""
    text, spans = "", []
    for s in sentences:
        spans.append((len(text), len(text) + len(s)))
        text += s + "\n\n"
    outlet = Outlet(id=f"o{index}", name=f"Outlet {index}", label=f"O{index}")
    made = Article(id=f"a{index}", source=f"a{index}.txt", outlet=outlet, text=text, title=f"Title {index}")
    made.paragraphs = [Paragraph(i, a, b, BlockKind.BODY) for i, (a, b) in enumerate(spans)]
    made.sentences = [Sentence(i, a, b, i, BlockKind.BODY) for i, (a, b) in enumerate(spans)]
    return made


def member(art: Article, sentence: int, quote: Quote | None = None) -> Member:
    s = art.sentences[sentence]
    if quote is None:
        return Member(int(art.id[1:]), sentence, s.start, s.end, 90.0)
    return Member(int(art.id[1:]), sentence, quote.start, quote.end, 100.0, quote.index)


def figure(art: Article, sentence: int, value: str) -> Figure:
    start = art.text.index(value, art.sentences[sentence].start)
    return Figure(int(art.id[1:]), sentence, start, start + len(value), float(value), "", "killed")


def sample() -> Reading:
    a = article(0, ["Intro only here.", "The army said 62 soldiers died.", 'He said "we regret it deeply" today.'])
    b = article(1, ["The army said 80 soldiers died yesterday.", 'Officials said "we regret it deeply" later.'])
    c = article(2, ["Nothing shared at all.", "Officials counted 70 dead."])
    qa = Quote(0, a.text.index("we regret"), a.text.index(" today") - 1, 0, 0, 2)
    qb = Quote(0, b.text.index("we regret"), b.text.index(" later") - 1, 0, 0, 1)
    groups = [
        Group(1, GroupKind.SENTENCE, [member(a, 1), member(b, 0)]),
        Group(2, GroupKind.QUOTE, [member(a, 2, qa), member(b, 1, qb)]),
    ]
    conflicts = [FigureConflict(1, "killed", [figure(a, 1, "62"), figure(b, 0, "80"), figure(c, 1, "70")])]
    return Reading(Alignment([a, b, c], groups, conflicts))


def test_jumps_visit_shared_passages_in_reading_order():
    reading = sample()
    first = reading.next_stop(0, 0, 0, 1, "passage")
    assert (first.sentence, first.focus) == (1, Passage(1))
    second = reading.next_stop(0, first.sentence, reading.articles[0].sentences[1].start, 1, "passage")
    assert (second.sentence, second.focus) == (2, Passage(2))
    assert reading.next_stop(0, 2, 10**6, 1, "passage") is None
    assert reading.next_stop(0, 2, reading.articles[0].sentences[2].start, -1, "passage").focus == Passage(1)


def test_quote_jumps_skip_sentence_groups_and_figure_jumps_visit_conflicts():
    reading = sample()
    assert reading.next_stop(0, 0, 0, 1, "quote").focus == Passage(2)
    stop = reading.next_stop(2, 0, 0, 1, "figures")
    assert (stop.sentence, stop.focus) == (1, Figures(1))


def test_coverage_and_opening_words():
    reading = sample()
    assert reading.coverage(Passage(1)) == [True, True, False]
    assert reading.coverage(Figures(1)) == [True, True, True]
    assert reading.opening(reading.groups[1], words=3) == "The army said …"
    assert reading.shared_sentences(2) == set()


def test_overlay_marks_changed_figure_and_added_words_against_base():
    reading = sample()
    mine = reading.member(Passage(1), 1)
    overlay = reading.overlay(Passage(1), 0, mine)
    kinds = {reading.articles[1].text[a:b]: kind for a, b, kind in overlay.spans}
    assert kinds.get("80") in {"changed", "figure"} and "figure" in kinds.values()
    assert "yesterday" in kinds
    assert reading.overlay(Passage(1), 0, reading.member(Passage(1), 0)).spans == []  # the base itself


def test_switching_base_moves_the_diff():
    reading = sample()
    overlay = reading.overlay(Passage(1), 1, reading.member(Passage(1), 0))
    assert "62" in {reading.articles[0].text[a:b] for a, b, _ in overlay.spans}
    assert [words for _, words in overlay.removed] == ["yesterday"]


def test_figure_conflicts_are_a_kind_of_their_own_with_each_outlets_mention():
    reading = sample()
    assert reading.versions(Figures(1), 2)[0].sentence == 1
    overlay = reading.overlay(Figures(1), 0, reading.member(Figures(1), 2))
    assert [reading.articles[2].text[a:b] for a, b, _ in overlay.spans] == ["70"]
    assert reading.figure_summary(1).endswith(": O0 62 · O1 80 · O2 70") and reading.figure_summary(1).startswith("killed")


def test_word_diffs_are_computed_once_per_passage_and_base(monkeypatch):
    import tui.app.reading as module

    calls = []
    real = module.diff_versions
    monkeypatch.setattr(module, "diff_versions", lambda *args: calls.append(args) or real(*args))
    reading = sample()
    mine = reading.member(Passage(1), 1)
    for _ in range(5):
        reading.overlay(Passage(1), 0, mine)
        reading.diff(1, 0, mine)
    assert len(calls) == 1
    reading.overlay(Passage(1), 1, reading.member(Passage(1), 0))
    assert len(calls) == 2


def test_citation_source_carries_the_quoted_words_and_outlet():
    reading = sample()
    source = reading.citation_source(reading.groups[2].members[1], date(2024, 5, 1))
    assert (source.quote, source.outlet, source.headline) == ("we regret it deeply", "Outlet 1", "Title 1")
    assert source.accessed == date(2024, 5, 1)


def test_place_of_a_missing_passage_follows_the_nearest_shared_one():
    a = article(0, ["Lead shared with c.", "First shared thing.", "Second shared thing.", "Third shared thing."])
    b = article(1, ["Third shared thing.", "First shared thing.", "Filler in b."])
    c = article(2, ["Lead shared with c.", "Second shared thing."])
    d = article(3, ["Nothing shared at all."])
    groups = [
        Group(1, GroupKind.SENTENCE, [member(a, 0), member(c, 0)]),
        Group(2, GroupKind.SENTENCE, [member(a, 1), member(b, 1)]),
        Group(3, GroupKind.SENTENCE, [member(a, 2), member(c, 1)]),
        Group(4, GroupKind.SENTENCE, [member(a, 3), member(b, 0)]),
    ]
    reading = Reading(Alignment([a, b, c, d], groups))
    # b lacks a's second passage: it would come after b's version of the first, wherever b put that.
    assert reading.place_of_missing(0, 2, a.sentences[2].start, 1) == b.paragraphs[2].start
    # b lacks a's lead too, and carries nothing before it: its place is the paragraph of the next one it has.
    assert reading.place_of_missing(0, 0, a.sentences[0].start, 1) == b.paragraphs[1].start
    # An outlet that shares nothing has no place to show.
    assert reading.place_of_missing(0, 2, a.sentences[2].start, 3) is None


# --- the moves ---------------------------------------------------------------------


def test_a_jump_brings_every_pane_to_its_version_and_notes_where_one_lacking_would_carry_it():
    reading = sample()
    pos = moves.jump(moves.start(reading), reading, 1, "passage")
    assert pos.focus == Passage(1) and pos.cursors[:2] == (1, 0)
    assert pos.version(2) is None
    assert moves.place_in(pos, reading, 2) is None  # c carries no shared passage near it
    quote = moves.jump(pos, reading, 1, "quote")
    assert quote.focus == Passage(2) and quote.under_cursor(1).quote == 0
    assert moves.jump(quote, reading, 1, "quote") is None


def test_moving_the_cursor_off_and_back_onto_a_passage():
    reading = sample()
    pos = moves.move(moves.start(reading), reading, 1)
    assert pos.focus == Passage(1)
    assert moves.move(pos, reading, -1).focus is None
    assert moves.move(moves.move(pos, reading, -1), reading, -1).cursors[0] == 0  # stays on the first sentence


def test_edges_move_every_pane_to_its_own_end_together():
    reading = sample()
    pos = moves.edge(moves.start(reading), reading, end=True)
    assert pos.cursors == (2, 1, 1) and pos.together
    assert moves.anchor(pos, reading, 2) == reading.articles[2].sentences[1].start
    first = moves.edge(pos, reading, end=False)
    assert first.cursors == (0, 0, 0)


def test_entering_a_pane_moves_its_cursor_without_moving_text():
    reading = sample()
    pos = moves.jump(moves.start(reading), reading, 1, "passage")
    entered = moves.enter(pos, reading, 1, on_screen=lambda offset: True, reading_sentence=None)
    assert (entered.active, entered.cursors[1], entered.hold, entered.focus) == (1, 0, True, Passage(1))
    # Its version scrolled out of sight: the cursor goes to the sentence at the row being read.
    elsewhere = moves.enter(pos, reading, 1, on_screen=lambda offset: False, reading_sentence=1)
    assert elsewhere.cursors[1] == 1 and elsewhere.under_cursor(1) is None
    assert moves.anchor(elsewhere, reading, 1) == reading.articles[1].sentences[1].start


def test_a_map_row_or_figure_conflict_goes_to_a_pane_that_carries_it():
    reading = sample()
    pos = moves.to_focus(moves.start(reading), reading, Figures(1))
    assert pos.focus == Figures(1) and pos.cursors == (1, 0, 1)
    on_c = moves.enter(pos, reading, 2, on_screen=lambda offset: True, reading_sentence=None)
    assert moves.to_focus(on_c, reading, Passage(2)).active == 0  # c lacks it: the first outlet that has it


def test_choosing_a_base_and_a_search_match():
    reading = sample()
    pos = moves.choose_base(moves.enter(moves.start(reading), reading, 1, lambda o: True, 0))
    assert pos.base == 1
    text = reading.articles[2].text
    found = moves.to_offset(pos, reading, 2, text.index("70"))
    assert (found.active, found.cursors[2]) == (2, 1)


# --- levelling ----------------------------------------------------------------------


def test_levelling_puts_every_version_on_the_row_of_the_active_pane():
    panes = {0: PaneRows(30, None, 20, 30), 1: PaneRows(50, None, 0, 30), 2: PaneRows(None, 41, 5, 30)}
    levelled = level(panes, 0, hold=False, held_row=None)
    assert levelled.row == 10
    assert levelled.scrolls == {0: 20, 1: 40, 2: 30}  # the lacking pane's place one row below the row


def test_levelling_brings_an_off_screen_anchor_a_third_down_and_rises_for_an_article_top():
    panes = {0: PaneRows(300, None, 0, 30), 1: PaneRows(4, None, 0, 30)}
    levelled = level(panes, 0, hold=False, held_row=None)
    assert levelled.row == 4 and levelled.scrolls == {0: 296, 1: 0}


def test_levelling_keeps_a_long_passage_in_view_where_it_fits():
    panes = {0: PaneRows(30, None, 5, 30, length=12), 1: PaneRows(50, None, 0, 30)}
    levelled = level(panes, 0, hold=False, held_row=None)
    assert levelled.row == 18 and levelled.scrolls == {0: 12, 1: 32}  # rows 18 to 29 of the screen
    taller = {0: PaneRows(30, None, 5, 30, length=40)}
    assert level(taller, 0, hold=False, held_row=None).row == 1  # longer than the screen: from its top


def test_holding_moves_only_panes_never_shown():
    panes = {0: PaneRows(30, None, 20, 30), 1: PaneRows(50, None, 0, 30)}
    assert level(panes, 0, hold=True, held_row=10).scrolls == {0: 20, 1: 0}
    assert level(panes, 0, hold=True, held_row=10, fresh=frozenset({1})).scrolls == {0: 20, 1: 40}


# --- search and filters ---------------------------------------------------------------


def test_search_finds_phrases_across_line_breaks_and_steps_through_panes():
    texts = ["The army said\n62 soldiers died. The ARMY said so.", "Nothing here.", "the army said 80"]
    matches = find(texts, "army   said")
    assert matches.spans[0] == ((4, 13), (36, 45)) and matches.spans[1] == () and matches.total == 3
    assert next_match(matches, [0, 1, 2], 0, 4, 1) == (0, 1)
    assert next_match(matches, [0, 1, 2], 0, 36, 1) == (2, 0)
    assert next_match(matches, [0, 1, 2], 2, 100, 1) == (0, 0)  # round to the first pane
    assert next_match(matches, [0, 1, 2], 0, 4, -1) == (2, 0)
    assert find(texts, "   ").total == 0
    assert find(["a [b] (c)"], "[b] (c").spans[0] == ((2, 8),)  # the query is words, not a pattern


@pytest.mark.parametrize(("name", "expected"), [("lacking", {Passage(1), Passage(2)}), ("figures", {Figures(1)})])
def test_filters_let_through_what_they_name(name, expected):
    assert passing(sample(), name) == expected


def test_the_wording_filter_keeps_passages_whose_versions_differ():
    reading = sample()
    assert passing(reading, "differs") == {Passage(1)}  # the quotation is word for word the same
    only = passing(reading, "differs")
    assert reading.next_stop(0, 0, 0, 1, "passage", only).focus == Passage(1)
    assert reading.next_stop(0, 1, reading.articles[0].sentences[1].start, 1, "passage", only) is None
