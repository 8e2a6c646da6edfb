"""Runs, quotations, clauses and any span made from words already read give what reading their text gives."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from tui.linking import Units
from tui.model import Article, BlockKind, Outlet, Sentence
from tui.text import build_article
from tui.tokens import capitalised, normalise, weights

# Pieces that test the word pattern's edges: joiners inside and at the ends of words, possessives, dashes,
# ellipses, quotation marks of every kind, numbers, and sentence ends that are and are not abbreviations.
_PIECES = [
    "The", "army", "U.S.", "U.S.-led", "said", "62", "3.5", "cease-fire", "Russia's", "Russias'", "it’s", "'s",
    "O'Brien", "2016.", "Kerry", "would", "strikes", "and", "Deir", "ez-Zor", "Mr.", "a.m.", "x-", "-", "_",
    "'", "’", "‘", "\"", "“", "”", "--", "—", "...", "…", ",", ";", ".", "?", "(", ")",
]


def _paragraph(pieces: list[str], glue: list[str]) -> str:
    return "".join(piece + space for piece, space in zip(pieces, glue))


_paragraphs = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30).flatmap(
    lambda pieces: st.lists(st.sampled_from(["", " ", " ", "  "]), min_size=len(pieces), max_size=len(pieces)).map(
        lambda glue: _paragraph(pieces, glue)
    )
)


def _article(paragraphs: list[str]):
    raw = "Headline\n\n" + "\n\n".join(p if p.strip() else "x" for p in paragraphs)
    return build_article("a", "a.txt", Outlet("a", "A"), raw)


def _as_read(unit, text: str) -> None:
    """The unit holds the words that reading its text finds, with the same capital letters."""
    span = text[unit.start : unit.end]
    assert unit.words == normalise(span)
    assert unit.capitals == frozenset(w for w, capital in capitalised(span) if capital)
    assert list(unit.weights.items()) == list(weights(span).items())


@settings(max_examples=150, deadline=None)
@given(st.lists(_paragraphs, min_size=1, max_size=4))
def test_runs_and_quotations_hold_the_words_of_their_text(paragraphs):
    article = _article(paragraphs)
    factory = Units([article])
    for unit in factory.sentences() + factory.runs() + factory.quotes(shortest=1):
        _as_read(unit, article.text)


@settings(max_examples=150, deadline=None)
@given(st.lists(_paragraphs, min_size=1, max_size=3), st.data())
def test_any_span_of_read_sentences_holds_the_words_of_its_text(paragraphs, data):
    article = _article(paragraphs)
    factory = Units([article])
    factory.sentences()
    sentences = article.sentences
    first = data.draw(st.integers(0, len(sentences) - 1))
    last = data.draw(st.integers(first, min(len(sentences) - 1, first + 2)))
    low, high = sentences[first].start, sentences[last].end
    start = data.draw(st.integers(low, high - 1))
    end = data.draw(st.integers(start + 1, high))
    quote = data.draw(st.sampled_from([None, 0]))
    _as_read(factory.make(0, first, last, quote, start, end), article.text)


def test_a_run_across_a_paragraph_break_or_a_cut_word_is_read_from_its_text():
    article = _article(["He said it. They left.", "Then U.S.-led strikes came."])
    factory = Units([article])
    factory.sentences()
    across = factory.make(0, 2, 3, None, article.sentences[2].start, article.sentences[3].end)
    _as_read(across, article.text)
    led = article.text.index("led")
    _as_read(factory.make(0, 3, 3, None, led, article.sentences[3].end), article.text)
    assert factory.make(0, 3, 3, None, led, article.sentences[3].end).words[0] == "led"


def test_words_between_two_sentences_are_read_with_the_run():
    # Segmenting leaves only white space between the sentences of a paragraph; an article made otherwise (by
    # hand, or by a later segmenter) still gets the words between them in its runs, and a word they split.
    text = "He said it. Beirut: They left-ish. Then came"
    second = text.index("They")
    ish, then = text.index("ish"), text.index("Then")
    sentences = [Sentence(0, 0, 11, 0, BlockKind.BODY), Sentence(1, second, ish, 0, BlockKind.BODY),
                 Sentence(2, then, len(text), 0, BlockKind.BODY)]
    article = Article("a", "a.txt", Outlet("a", "A"), text, sentences=sentences)
    factory = Units([article])
    factory.sentences()
    assert factory.make(0, 0, 1, None, 0, ish).words == ["he", "said", "it", "beirut", "they", "left"]
    assert factory.make(0, 1, 2, None, second, len(text)).words == ["they", "leftish", "then", "came"]
