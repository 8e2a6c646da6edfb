"""Word-level differences on sentences from the sample story, plus properties over arbitrary text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.wording import (DiffOptions, Edit, WordDiff, apply_edits, diff_versions, diff_words, numbers_in, pieces,
                         replaced, tokenize)

SAMPLE = Path(__file__).resolve().parent.parent / "tui" / "data" / "sample"


def sample_line(prefix: str, containing: str) -> str:
    """Return the line of a sample article that contains the given words."""
    (path,) = SAMPLE.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if containing in line)


def changed(a: str, b: str, diff: WordDiff) -> list[tuple[str, str, str]]:
    return [(e.tag, a[e.a_start : e.a_end], b[e.b_start : e.b_end]) for e in diff.edits if e.tag != "equal"]


def test_words_keep_abbreviations_figures_and_inner_marks_together():
    text = "The U.S. said 1,200 of Da’esh’s F-16s flew at 11 a.m. on Sept. 3.5 miles, well."
    words = [t.text for t in tokenize(text)]
    assert words == [
        "The", "U.S.", "said", "1,200", "of", "Da’esh’s", "F-16s", "flew", "at", "11", "a.m.",
        "on", "Sept", ".", "3.5", "miles", ",", "well", ".",
    ]  # fmt: skip


def test_punctuation_and_quote_marks_are_tokens_of_their_own():
    words = [t.text for t in tokenize("“Stop,” he said — twice!")]
    assert words == ["“", "Stop", ",", "”", "he", "said", "—", "twice", "!"]


def test_centcom_quote_differs_only_in_its_lead_in():
    cnn = sample_line("000", "halted immediately")
    wire = sample_line("003", "immediately halted")
    diff = diff_words(cnn, wire, ignore_quotes=True)
    shared = " ".join(cnn[e.a_start : e.a_end] for e in diff.edits if e.tag == "equal")
    assert "when coalition officials were informed by Russian officials that it was possible" in shared
    assert not diff.figures
    assert apply_edits(cnn, wire, diff_words(cnn, wire)) == wire


def test_same_quote_with_straight_or_curly_marks_is_equal_only_when_marks_are_ignored():
    cnn = sample_line("000", "complex situation").split(" CENTCOM")[0]
    hill = sample_line("002", "complex situation").split(" the statement")[0]
    assert diff_words(cnn, hill, ignore_quotes=True).similarity == 100.0
    strict = diff_words(cnn, hill)
    assert [tag for tag, _, _ in changed(cnn, hill, strict)] == ["replace", "replace"]
    assert strict.similarity < 100.0


def test_at_least_is_a_wording_change_not_a_figure_change():
    cnn = sample_line("000", "62 Syrian soldiers")
    aggregator = sample_line("001", "at least 62 Syrian troops")
    diff = diff_words(cnn, aggregator)
    assert not diff.figures
    assert any("at least" in b for _, _, b in changed(cnn, aggregator, diff))


def test_conflicting_death_tolls_are_figure_changes():
    observatory = "put the death toll at 83"
    assert observatory in sample_line("000", "death toll at 83")
    ministry = sample_line("002", "death toll at 60")
    diff = diff_words(observatory, ministry[ministry.index("put the death toll") :])
    assert [(f.a_value, f.b_value) for f in diff.figures] == [("83", "60")]
    change = diff.figures[0]
    assert observatory[change.a_start : change.a_end] == "83"


def test_at_least_80_replacing_83_is_a_figure_change():
    a = "the Syrian Observatory said 83 Syrian soldiers were killed"
    b = "the Syrian Observatory said at least 80 Syrian soldiers were killed"
    diff = diff_words(a, b)
    assert changed(a, b, diff) == [("replace", "83", "at least 80")]
    assert [(f.a_value, f.b_value) for f in diff.figures] == [("83", "80")]


def test_equal_values_written_differently_never_conflict():
    diff = diff_words("about 1,200 people and 62 soldiers", "about 1200 people and 62 soldiers")
    assert diff.figures == ()
    assert [e.tag for e in diff.edits] == ["equal", "replace", "equal"]


def test_a_number_on_one_side_only_is_an_insert():
    a, b = "soldiers were wounded", "120 soldiers were wounded"
    diff = diff_words(a, b)
    assert changed(a, b, diff) == [("insert", "", "120")]
    assert diff.figures == ()


def test_ignore_case():
    assert diff_words("Islamic State", "islamic state", ignore_case=True).similarity == 100.0
    assert diff_words("Islamic State", "islamic state").similarity == 0.0


def test_numbers_in_reads_values_and_offsets():
    text = "killed 62, wounded 1,200 in 3.5 hours; F-16s"
    assert numbers_in(text) == [("62", 62.0, 7, 9), ("1,200", 1200.0, 19, 24), ("3.5", 3.5, 28, 31)]


def test_empty_strings():
    assert diff_words("", "").edits == ()
    diff = diff_words("", "new words")
    assert [e.tag for e in diff.edits] == ["insert"]
    assert apply_edits("", "new words", diff) == "new words"
    assert apply_edits("old words", "", diff_words("old words", "")) == ""


def test_apply_edits_spells_equal_words_as_a_does_when_marks_are_ignored():
    a, b = "It’s “done”", "It's \"done\" now"
    assert apply_edits(a, b, diff_words(a, b, ignore_quotes=True)) == "It’s “done” now"


# Quotes, dashes, digits, commas, periods and some non-Latin letters make the interesting cases.
TEXT = st.text(alphabet=st.sampled_from("ab AB12,.'’‘“”\"-— \n\téß漢é\u0301\x1b"), max_size=40) | st.text(max_size=30)


@given(TEXT, st.booleans(), st.booleans())
def test_tokens_point_into_the_text_and_leave_only_spaces(text, ignore_case, ignore_quotes):
    tokens = tokenize(text, ignore_case=ignore_case, ignore_quotes=ignore_quotes)
    cursor = 0
    for token in tokens:
        assert text[token.start : token.end] == token.text
        assert text[cursor : token.start].isspace() or cursor == token.start
        cursor = token.end
    assert text[cursor:].strip() == ""


@given(TEXT, TEXT)
def test_apply_edits_rebuilds_b(a, b):
    assert apply_edits(a, b, diff_words(a, b)) == b


@given(TEXT, TEXT, st.booleans(), st.booleans())
def test_apply_edits_keeps_b_wording_under_ignore_options(a, b, ignore_case, ignore_quotes):
    diff = diff_words(a, b, ignore_case=ignore_case, ignore_quotes=ignore_quotes)
    rebuilt = apply_edits(a, b, diff)
    assert [t.key for t in tokenize(rebuilt, ignore_case=ignore_case, ignore_quotes=ignore_quotes)] == [
        t.key for t in tokenize(b, ignore_case=ignore_case, ignore_quotes=ignore_quotes)
    ]


def covered(text: str, edits: tuple[Edit, ...], side: str) -> list[int]:
    """Indexes of the tokens each edit covers on one side, in edit order."""
    tokens = tokenize(text)
    indexes = []
    for edit in edits:
        start, end = (edit.a_start, edit.a_end) if side == "a" else (edit.b_start, edit.b_end)
        indexes += [i for i, t in enumerate(tokens) if start <= t.start and t.end <= end]
    return indexes


@given(TEXT, TEXT, st.booleans())
def test_edits_tile_both_token_sequences_in_order(a, b, ignore_quotes):
    diff = diff_words(a, b, ignore_quotes=ignore_quotes)
    assert covered(a, diff.edits, "a") == list(range(len(tokenize(a))))
    assert covered(b, diff.edits, "b") == list(range(len(tokenize(b))))
    for edit in diff.edits:
        assert (edit.a_start == edit.a_end) == (edit.tag == "insert")
        assert (edit.b_start == edit.b_end) == (edit.tag == "delete")
    assert all((x.tag == "equal") != (y.tag == "equal") for x, y in zip(diff.edits, diff.edits[1:]))
    assert 0.0 <= diff.similarity <= 100.0


@given(TEXT, TEXT)
def test_figure_changes_point_at_numbers_with_different_values(a, b):
    for change in diff_words(a, b).figures:
        assert a[change.a_start : change.a_end] == change.a_value
        assert b[change.b_start : change.b_end] == change.b_value
        assert float(change.a_value.replace(",", "")) != float(change.b_value.replace(",", ""))


def test_punctuation_alone_is_not_a_wording_change_unless_asked():
    a, b = "“We will serve the city,” he said.", "“We will serve the city”, he said"
    assert diff_versions(a, b).edits[0].tag == "equal" and len(diff_versions(a, b).edits) == 1
    assert changed(a, b, diff_versions(a, b, DiffOptions(ignore_punctuation=False)))
    assert changed("“We will serve”", "We will serve", diff_versions("“We will serve”", "We will serve"))


def test_pieces_put_removed_words_where_they_went_and_mark_changed_figures():
    a, b = "Officials said 62 soldiers died, the army said.", "Officials said 83 Syrian soldiers died, the army said."
    shown = [(p.kind, p.text) for p in pieces(a, b, diff_versions(a, b))]
    assert shown == [("same", "Officials said "), ("removed", "62"), ("changed", "83 Syrian"),
                     ("same", " soldiers died, the army said.")]
    assert pieces(a, b, diff_versions(a, b))[2].figures == ((0, 2),)


@given(TEXT, TEXT, st.booleans())
def test_pieces_give_back_every_character_of_b_in_order(a, b, ignore_punctuation):
    shown = pieces(a, b, diff_versions(a, b, DiffOptions(ignore_punctuation=ignore_punctuation)))
    assert "".join("".join(p.text.split()) for p in shown if p.kind != "removed") == "".join(b.split())
    for piece in shown:
        assert all(piece.text[x:y] and 0 <= x < y <= len(piece.text) for x, y in piece.figures)


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_blank_text_has_no_tokens(text):
    assert tokenize(text) == []


@pytest.mark.parametrize("module", ["tui.wording", "tui.cite", "tui.prefs"])
def test_pure_modules_do_not_load_textual(module):
    # `parallax align` and the printers use these modules and must start without the interface.
    code = f"import sys, {module}; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@given(TEXT, TEXT, st.booleans(), st.booleans())
def test_the_replaced_stretches_alone_are_those_of_the_whole_comparison(a, b, ignore_case, ignore_quotes):
    whole = diff_words(a, b, ignore_case=ignore_case, ignore_quotes=ignore_quotes)
    assert replaced(a, b, ignore_case=ignore_case, ignore_quotes=ignore_quotes) == [
        e for e in whole.edits if e.tag == "replace"]
