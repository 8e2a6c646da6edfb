"""Wrapping an article to a pane's width and finding the row of any offset, without drawing anything."""

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tests.sample import article
from tui.app.layout import Layout
from tui.app.wrap import wrap_article, wrap_starts

WORDS = st.lists(st.sampled_from(["a", "the", "coalition", "Deir ez-Zor", "“quoted”", "地震", "x" * 30, "62,000"]),
                 min_size=1, max_size=40)  # fmt: skip


def lines_of(text: str, width: int) -> list[str]:
    starts = wrap_starts(text, 0, len(text), width)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)])]


@settings(max_examples=200, deadline=None)
@given(WORDS, st.integers(min_value=4, max_value=60))
def test_wrapped_lines_fit_keep_every_character_and_break_between_words(words, width):
    text = " ".join(words)
    lines = lines_of(text, width)
    assert "".join(lines) == text
    for line in lines:
        assert cell_len(line.rstrip(" ")) <= width, (line, width)
    for line, following in zip(lines, lines[1:]):
        # A break falls after a space, unless a word longer than the line had to be folded.
        assert line.endswith(" ") or cell_len(line) >= width - 1, (line, following)


def test_a_hard_line_break_inside_a_paragraph_starts_a_new_line():
    assert lines_of("Posted at 6:54 PM\nand last updated", 40) == ["Posted at 6:54 PM\n", "and last updated"]


def test_every_line_start_maps_back_to_its_row_and_paragraphs_have_a_blank_row_between():
    cnn = article("cnn")
    layout = Layout(cnn, wrap_article(cnn, 30))
    for row in range(layout.rows):
        spot = layout.locate(row)
        if spot.kind == "line":
            offset = layout.line(spot.paragraph, spot.line)[0][1]
            assert layout.row_of(offset) == row
    gaps = [row for row in range(layout.rows) if layout.locate(row).kind == "gap"]
    assert len(gaps) == len(cnn.paragraphs)
    assert layout.locate(layout.rows).kind == "end"
    assert layout.row_of(len(cnn.text)) == layout.rows


def test_removed_words_shown_inline_push_the_rows_below_down():
    cnn = article("cnn")
    wrap = wrap_article(cnn, 30)
    plain = Layout(cnn, wrap)
    sentence = cnn.sentences[5]
    removed = [(sentence.start + 10, "several words that another outlet carries here")]
    shown = Layout(cnn, wrap, removed)
    later = cnn.sentences[8].start
    gained = shown.lines_of(sentence.paragraph) - plain.lines_of(sentence.paragraph)
    assert gained >= 2
    assert shown.row_of(later) == plain.row_of(later) + gained
    assert shown.row_of(sentence.start) == plain.row_of(sentence.start)
    drawn = "".join(text for line in range(shown.lines_of(sentence.paragraph))
                    for text, _ in shown.line(sentence.paragraph, line))  # fmt: skip
    assert "[-several words that another outlet carries here]" in drawn
    # Every row still maps back: the rows of the text after the inserted words included.
    for row in range(shown.rows):
        spot = shown.locate(row)
        offsets = [o for _, o in shown.line(spot.paragraph, spot.line) if o is not None] if spot.kind == "line" else []
        if offsets:  # (a row can hold removed words alone)
            assert shown.row_of(offsets[0]) == row


def test_a_click_column_maps_to_the_offset_drawn_there():
    cnn = article("cnn")
    layout = Layout(cnn, wrap_article(cnn, 30))
    row = layout.row_of(cnn.sentences[5].start)
    line = layout.line(layout.locate(row).paragraph, layout.locate(row).line)[0]
    assert layout.offset_at_column(row, 4) == line[1] + 4
    assert layout.offset_at_column(row - 1, 0) is None  # the blank row between paragraphs
