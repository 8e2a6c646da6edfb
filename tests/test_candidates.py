"""Candidate pairs at corpus scale: nothing dropped for being widely shared, the same pairs from both methods."""

from __future__ import annotations

import pytest

from benchmarks.scale_corpus import scale_corpus
from benchmarks.synthetic import synthetic_articles
from tui import absence
from tui import candidates as candidate_module
from tui.align import align
from tui.candidates import candidates, prefix_array
from tui.linking import Units, rarity
from tui.model import LinkKind, Outlet
from tui.pair_bounds import Sketches
from tui.scoring import AlignSettings, Scorer
from tui.text import build_article

REPRINTED = "The ministry of transport confirmed that the northern bridge will stay closed until the spring floods pass."


def _reprints(count: int) -> list:
    """`count` articles that all reprint one sentence, each around its own unrelated sentences."""
    articles = []
    for n in range(count):
        own = f"Local desk {n} adds that volunteers number{n} gathered near station{n} on market day {n}."
        raw = f"Headline number {n}\n\nReport{n} opens with weather{n} and traffic{n}. {REPRINTED} {own}"
        articles.append(build_article(f"a{n}", f"a{n}.txt", Outlet(f"o{n}", f"Outlet {n}"), raw))
    return articles


def _grouped_with(alignment, text: str) -> set[int]:
    found = set()
    for group in alignment.groups:
        texts = [alignment.articles[m.article].text[m.start : m.end] for m in group.members]
        if text in texts:
            found |= {m.article for m in group.members}
    return found


def test_a_sentence_reprinted_by_eighty_outlets_is_one_group_of_all_eighty():
    # 80 copies make 3,160 cross-article pairs: more than a three-word run may add, so the longer runs find them.
    alignment = align(_reprints(80))
    assert _grouped_with(alignment, REPRINTED) == set(range(80))


def test_a_common_run_of_three_words_alone_pairs_nothing():
    sentences = [f"According to the report{n}, fish{n} and bread{n} were sold out early." for n in range(100)]
    articles = [build_article(f"a{n}", f"a{n}.txt", Outlet(f"o{n}", f"O{n}"), f"Title {n}\n\n{s}")
                for n, s in enumerate(sentences)]
    factory = Units(articles)
    assert set(candidates(factory.sentences(), reorder=False)) == set()


@pytest.mark.parametrize("workload", ["pool", "realistic"])
def test_the_array_method_finds_exactly_the_pairs_of_the_dict_method(monkeypatch, workload):
    articles = synthetic_articles(30) if workload == "pool" else scale_corpus(80).articles
    factory = Units(articles)
    units = factory.sentences() + factory.runs()
    by_dict = {reorder: candidates(units, reorder=reorder) for reorder in (False, True)}
    monkeypatch.setattr(candidate_module, "ARRAYS_FROM", 0)
    for reorder in (False, True):
        assert set(candidates(units, reorder=reorder)) == by_dict[reorder]


def test_pairs_asked_for_with_one_unit_of_the_first_ones_are_those_of_every_pair(monkeypatch):
    # Quotations (the first units) against sentences: only runs a quotation holds are paired.
    articles = scale_corpus(80).articles
    factory = Units(articles)
    quotes, sentences = factory.quotes(shortest=2), factory.sentences()
    units = quotes + sentences
    every = candidates(units, reorder=False)
    wanted = {(i, j) for i, j in every if i < len(quotes)}
    monkeypatch.setattr(candidate_module, "ARRAYS_FROM", 0)
    found = {(i, j) for i, j in candidates(units, reorder=False, below=len(quotes)) if i < len(quotes)}
    assert len(wanted) > 100
    assert found == wanted


def test_an_article_repeating_a_passage_gets_the_same_pairs_made_a_few_groups_at_a_time(monkeypatch):
    from tui import candidate_arrays

    long_one = "A long report\n\n" + " ".join([REPRINTED] * 60)
    articles = [build_article("long", "long.txt", Outlet("long", "Long"), long_one), *_reprints(5)]
    factory = Units(articles)
    units = factory.sentences() + factory.runs()
    by_dict = candidates(units, reorder=False)
    monkeypatch.setattr(candidate_module, "ARRAYS_FROM", 0)
    monkeypatch.setattr(candidate_arrays, "_PAIRS_AT_ONCE", 7)
    found = set(candidates(units, reorder=False))
    assert found == by_dict
    assert all(units[i].article != units[j].article for i, j in found)


def test_alignment_is_the_same_whichever_method_finds_the_candidates(monkeypatch):
    articles = scale_corpus(40).articles
    before = _summary(align(articles))
    monkeypatch.setattr(candidate_module, "ARRAYS_FROM", 0)
    assert _summary(align(articles)) == before


def _summary(alignment) -> list:
    return [(g.kind, [(m.article, m.start, m.end, m.score) for m in g.members], sorted(g.closest)) for g in alignment.groups]


def test_in_a_corpus_the_closest_passage_is_still_found_in_the_other_outlets_of_the_story(monkeypatch):
    # Above 30 articles only articles sharing passages with a group's articles are searched for its closest one.
    corpus = scale_corpus(40)
    searched = align(corpus.articles)
    monkeypatch.setattr(absence, "EVERY_ARTICLE_UP_TO", 10**6)
    everywhere = align(corpus.articles)
    found = expected = 0
    for near, every in zip(searched.groups, everywhere.groups):
        assert all(every.closest.get(article) == closest for article, closest in near.closest.items())
        stories = {corpus.stories[m.article] for m in every.members}
        mates = [article for article in every.closest if corpus.stories[article] in stories]
        expected += len(mates)
        found += sum(1 for article in mates if article in near.closest)
    assert expected > 500 and found >= 0.97 * expected


@pytest.mark.parametrize("min_reordered", [87.0, 70.0])
def test_every_pair_the_order_free_rule_links_is_a_candidate(monkeypatch, min_reordered):
    # Every article retells sentences of one pool whose commonest words are in most sentences: two sentences
    # sharing ten of those words are linked in any order, though each of their words is too common to pair by.
    # A user who lowers --min-reordered gets the candidates of the lower threshold too.
    factory = Units(synthetic_articles(16))
    units = factory.sentences()
    scorer = Scorer(units, AlignSettings(min_reordered=min_reordered), rarity(units))
    reordered = {(i, j) for i in range(len(units)) for j in range(i + 1, len(units))
                 if units[i].article != units[j].article
                 and (link := scorer.link(i, j)) is not None and link.kind is LinkKind.REORDERED}
    assert len(reordered) >= 5
    assert reordered <= set(candidates(units, reorder=True, min_reordered=min_reordered))
    monkeypatch.setattr(candidate_module, "ARRAYS_FROM", 0)  # the arrays of a large corpus: the same
    assert reordered <= set(candidates(units, reorder=True, min_reordered=min_reordered))
    # ... also where pairs that cannot share enough words (by the units' sketches) are dropped first.
    sifted = prefix_array(units, min_reordered, Sketches(units, factory.vocabulary.stop))
    assert reordered <= {(code // len(units), code % len(units)) for code in sifted.tolist()}
