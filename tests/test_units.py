"""Units keep only their codes, yet give the words, weights and sets worked out from their text."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from tui.word_table import weighed_words

from tui.linking import Units
from tui.model import Outlet
from tui.text import build_article
from tui.tokens import STOPWORDS, capitalised, normalise, weights

_WORDS = ["The", "the", "U.S.", "Army", "said", "62", "ceasefire", "cease-fire", "increases", "Kerry", "would",
          "this", "Deir", "ez-Zor", "of", "strikes", "and", "Russia's", "not", "2016", "will", "Ministry"]


def _sentence(words: list[str]) -> str:
    return " ".join(words) + "."


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14), min_size=2, max_size=6))
def test_a_unit_gives_what_its_text_says(sentences):
    raw = "Headline\n\n" + " ".join(_sentence(s) for s in sentences)
    article = build_article("a", "a.txt", Outlet("a", "A"), raw)
    factory = Units([article])
    for unit in factory.sentences() + factory.runs():
        text = article.text[unit.start : unit.end]
        words = normalise(text)
        assert unit.words == words
        assert unit.weights == weights(text) and list(unit.weights) == list(weights(text))
        assert unit.capitals == frozenset(w for w, capital in capitalised(text) if capital)
        codes = dict(zip(words, unit.code))
        assert unit.content == frozenset(codes[w] for w in words if w not in STOPWORDS)
        # The loose code: every function word the same character, every other word its own.
        assert len(unit.loose) == len(words)
        functions = {c for c, w in zip(unit.loose, words) if w in STOPWORDS}
        assert len(functions) <= 1 and not functions & set(unit.code)
        assert [c for c, w in zip(unit.loose, words) if w not in STOPWORDS] == [codes[w] for w in words if w not in STOPWORDS]


def test_the_same_words_in_two_articles_encode_alike():
    raw = "Headline\n\nThe Army said 62 were killed. Nothing else happened."
    articles = [build_article(n, f"{n}.txt", Outlet(n, n), raw) for n in ("a", "b")]
    units = Units(articles).sentences()
    same = [u for u in units if u.key == "the army said 62 were killed"]
    assert [u.article for u in same] == [0, 1] and same[0].code == same[1].code
    assert same[0] != same[1]  # two articles' sentences are two units


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=90), min_size=1, max_size=5),
       st.dictionaries(st.sampled_from([normalise(w)[0] for w in _WORDS]), st.sampled_from([0.25, 0.5, 1.0])))
def test_the_closest_passage_search_weighs_every_sentence_as_the_sentence_does(sentences, discount):
    _weighed_alike(sentences, discount)


def test_a_name_late_in_a_long_sentence_weighs_as_a_name():
    # Past the 62nd word, capitals are read apart from the first words'.
    _weighed_alike([["the"] * 70 + ["Kerry", "said", "Deir"]], {"kerry": 0.5})


def _weighed_alike(sentences: list[list[str]], discount: dict[str, float]) -> None:
    raw = "Headline\n\n" + " ".join(_sentence(s) for s in sentences)
    article = build_article("a", "a.txt", Outlet("a", "A"), raw)
    factory = Units([article])
    units = factory.sentences()
    starts, codes, weights, totals = weighed_words(units, factory.vocabulary, discount)
    for n, unit in enumerate(units):
        expected = unit.code_weights(discount)
        table = dict(zip(map(chr, codes[starts[n]:starts[n + 1]].tolist()), weights[starts[n]:starts[n + 1]].tolist()))
        assert table == expected
        total = 0.0
        for code in sorted(expected):  # added in the order of the codes, as the table adds them
            total += expected[code]
        assert totals[n] == total
