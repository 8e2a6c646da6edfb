"""Scoring cut short where it cannot change the answer: the same alignment as scoring everything in full."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from rapidfuzz import fuzz

from benchmarks.scale_corpus import scale_corpus
from benchmarks.synthetic import synthetic_articles
from tests.sample import sample_articles
import tui.align
from tui import closest_scores, phrases
from tui.align import align
from tui import candidates as candidate_module
from tui.candidates import candidates, prefix_array
from tui.linking import Units, rarity, weighted_overlap
from tui.pair_bounds import Sketches
from tui.model import GroupKind, LinkKind, Outlet
from tui.scoring import AlignSettings, Scorer
from tui.text import build_article


ROOT = Path(__file__).resolve().parent.parent


def _everything(alignment) -> list:
    """Every group with its members, scores and closest passages, and every figure conflict."""
    groups = [(g.id, g.kind, g.members, sorted(g.closest.items())) for g in alignment.groups]
    return [groups, [repr(c) for c in alignment.conflicts]]


def _full_similarity(self, version, unit, together, floor, bounds):
    """The closest-passage score worked out in full for every pair, as it was before any bound (the version
    comes with its unit first)."""
    version = version[0]
    scores = [fuzz.ratio(version.code, unit.code), _overlap(version, unit, self.discount)]
    if 4 <= len(version.code) < len(unit.code):
        share = len(version.content & unit.content) / max(1, len(version.content))
        scores.append(fuzz.partial_ratio(version.code, unit.code) * min(1.0, share))
    return max(scores)


def _no_ceilings(self, versions, passages, found):
    """No bound on any pair's closest-passage score: every pair is scored."""
    return (np.full(found.together.shape, np.inf),) * 3


def _overlap(a, b, discount) -> float:
    """The weighted share of the words both carry, summed as the closest-passage search sums it."""
    weights_a = {word: weight * discount.get(word, 1.0) for word, weight in a.weights.items()}
    weights_b = {word: weight * discount.get(word, 1.0) for word, weight in b.weights.items()}
    total = sum(weights_a.values()) + sum(weights_b.values())
    shared = sum(min(weight, weights_b[w]) for w, weight in weights_a.items() if w in weights_b)
    return 200.0 * shared / total if total else 0.0


_MERGED = "The ministry said the convoy reached the northern city of Aleppo on {day} morning, and officials added that the aid trucks were unloaded without incident."
_SPLIT = "The convoy reached the northern city of Aleppo on {day} morning. Officials said the aid trucks were unloaded without incident."
_SPEECH = "The senator spoke to reporters outside the chamber. We will not back down. Not now. Not ever. She then left."
_SPOKEN = "The senator was defiant. \u201cWe will not back down, not now, not ever,\u201d she told reporters on {day}."


def _runs_and_long_sentences() -> list:
    """Outlets printing one passage as a long sentence or as two or three short ones, among other stories."""
    articles = scale_corpus(16).articles
    for n, day in enumerate(["Monday", "Tuesday", "Monday", "Sunday", "Monday", "Tuesday"]):
        body = (_MERGED if n % 2 else _SPLIT).format(day=day) + " " + (_SPOKEN if n % 2 else _SPEECH).format(day=day)
        articles.append(build_article(f"r{n}", f"r{n}.txt", Outlet(f"r{n}", f"Runs {n}"), f"Headline {n}\n\n{body}"))
    return articles


CORPORA = {
    "sample": lambda: list(sample_articles()),
    "realistic corpus": lambda: scale_corpus(60).articles,
    "one pool retold by every article": lambda: synthetic_articles(12),
    "passages printed as one sentence or as several": _runs_and_long_sentences,
}


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_the_closest_passages_are_those_that_scoring_every_pair_in_full_finds(corpus, monkeypatch):
    articles = CORPORA[corpus]()
    bounded = align(articles)
    monkeypatch.setattr(closest_scores.Scores, "similarity", _full_similarity)
    monkeypatch.setattr(closest_scores.Scores, "ceilings", _no_ceilings)
    full = align(articles)
    assert sum(len(g.closest) for g in full.groups) > 10
    assert _everything(bounded) == _everything(full)


def _scored_one_by_one(monkeypatch) -> None:
    """Every candidate pair scored by the scorer alone: no bulk prefilter, no bound on the any-order score."""
    monkeypatch.setattr(tui.align, "BULK_FROM", 10**12)
    monkeypatch.setattr(Scorer, "_overlap_bound", lambda self, a, b, shared: 100.0)


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_links_found_through_the_bulk_prefilter_are_those_scoring_every_pair_one_by_one_finds(corpus, monkeypatch):
    articles = CORPORA[corpus]()
    monkeypatch.setattr(tui.align, "BULK_FROM", 0)  # even the sample story goes through the bulk pass
    bulk = align(articles)
    _scored_one_by_one(monkeypatch)
    one_by_one = align(articles)
    assert len(one_by_one.groups) > 5
    if corpus == "passages printed as one sentence or as several":
        assert sum(m.reason.kind is LinkKind.MERGED for g in one_by_one.groups for m in g.members) >= 3
    assert _everything(bulk) == _everything(one_by_one)


def test_the_prefilter_leaves_out_only_pairs_the_scorer_refuses(monkeypatch):
    # Every pair the bulk pass leaves out, scored anyway: none of them links.
    refused, scored = [], []
    original = tui.align._run_prefilter

    def record(units, runs, pairs, settings):
        possible = original(units, runs, pairs, settings)
        refused.extend((units, pairs[k]) for k, may in enumerate(possible) if not may)
        return possible

    monkeypatch.setattr(tui.align, "_run_prefilter", record)
    monkeypatch.setattr(tui.align, "BULK_FROM", 0)
    align(synthetic_articles(12))
    scorer = Scorer([], AlignSettings(), {})
    for units, (run, other) in refused:
        scorer.units = units
        parts = [u for u in units if u.article == units[run].article and not u.is_run and u.quote is None
                 and u.sentence in units[run].sentences]
        scored.append(scorer.run_link(run, other, parts))
    assert len(refused) > 1000
    assert scored == [None] * len(refused)


@pytest.mark.parametrize("corpus", ["realistic corpus", "one pool retold by every article"])
def test_the_bound_on_the_any_order_score_is_never_below_the_score(corpus):
    # The scorer skips the any-order score where its bound is below the threshold: the bound must hold for every
    # pair it may be asked about, the story's most common words discounted.
    units = Units(CORPORA[corpus]()[:20]).sentences()
    discount = rarity(units)
    scorer = Scorer(units, AlignSettings(), discount)
    checked = 0
    for i, a in enumerate(units):
        for b in units[i + 1 :]:
            shared = len(a.content & b.content)
            if shared >= 3 and a.article != b.article:
                assert scorer._overlap_bound(a, b, shared) >= weighted_overlap(a, b, discount) - 1e-9
                checked += 1
    assert checked > 1000


@pytest.mark.parametrize("corpus", ["realistic corpus", "one pool retold by every article"])
def test_shared_wording_found_after_the_cheap_bounds_is_what_comparing_every_pair_finds(corpus, monkeypatch):
    articles = CORPORA[corpus]()
    bounded = align(articles)
    monkeypatch.setattr(phrases, "_may_share", lambda a, b: True)
    every = align(articles)
    assert any(g.kind is GroupKind.PHRASE for g in every.groups)
    assert _everything(bounded) == _everything(every)


_CLOSEST_OF = """
import sys
from benchmarks.scale_corpus import scale_corpus
from benchmarks.synthetic import synthetic_articles
from tui.align import align
articles = scale_corpus(int(sys.argv[1])).articles if sys.argv[2] == "realistic" else synthetic_articles(int(sys.argv[1]))
for group in align(articles).groups:
    print(group.id, sorted(group.closest.items()))
"""


@pytest.mark.parametrize(("size", "workload"), [(120, "realistic"), (30, "pool")])
def test_the_closest_passages_named_are_the_same_in_every_run(size, workload):
    # Python orders sets of words differently in every process; two equally close passages must not be named
    # one in one run and the other in the next.
    runs = set()
    for seed in ("1", "2", "3"):
        done = subprocess.run([sys.executable, "-c", _CLOSEST_OF, str(size), workload], capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}, cwd=ROOT, check=True)
        runs.add(done.stdout)
    assert len(runs) == 1


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_pairs_left_out_for_too_few_words_in_common_change_nothing(corpus, monkeypatch):
    articles = CORPORA[corpus]()
    every_pair = align(articles)
    monkeypatch.setattr(tui.align, "BOUNDS_FROM", 0)  # even the sample story goes through the word bounds
    assert _everything(align(articles)) == _everything(every_pair)


@pytest.mark.parametrize("corpus", ["realistic corpus", "one pool retold by every article"])
def test_the_word_bounds_keep_every_pair_the_scorer_links_and_leave_out_most_others(corpus):
    factory = Units(CORPORA[corpus]())
    sentences = factory.sentences()
    units = sentences + factory.runs()
    scorer = Scorer(units, AlignSettings(), rarity(sentences))
    where = {(u.article, u.sentence): i for i, u in enumerate(units) if not u.is_run}
    pairs = sorted(candidates(units, reorder=True))
    codes = np.array([a * len(units) + b for a, b in pairs], dtype=np.int64)
    kept = Sketches(units, factory.vocabulary.stop).could_link(codes, len(units), AlignSettings())
    linked = []
    for a, b in pairs:
        run, other = (a, b) if units[a].is_run else (b, a)
        if units[run].is_run and not units[other].is_run:
            parts = [units[where[(units[run].article, s)]] for s in units[run].sentences]
            linked.append(scorer.run_link(run, other, parts) is not None)
        else:
            linked.append(not units[a].is_run and scorer.link(a, b) is not None)
    assert sum(linked) > 100
    assert all(k for k, link in zip(kept, linked) if link)
    assert kept.sum() < 0.6 * len(pairs)
    # Pairs found otherwise than by their rarest words are kept only where a rule other than the order-free
    # one could link them: every pair linked is kept so, or is among the order-free rule's own pairs.
    sketches = Sketches(units, factory.vocabulary.stop)
    other_rules = sketches.could_link(codes, len(units), AlignSettings(), any_order=False)
    any_order = set(prefix_array(units).tolist())
    assert all(k or code in any_order for k, code, link in zip(other_rules, codes.tolist(), linked) if link)
    assert other_rules.sum() < kept.sum()


@pytest.mark.parametrize("corpus", ["realistic corpus", "one pool retold by every article"])
def test_shared_wording_found_after_the_bulk_word_bound_is_what_comparing_every_pair_finds(corpus, monkeypatch):
    articles = CORPORA[corpus]()
    every = align(articles)
    monkeypatch.setattr(phrases, "BOUNDS_FROM", 0)
    assert any(g.kind is GroupKind.PHRASE for g in every.groups)
    assert _everything(align(articles)) == _everything(every)


@pytest.mark.parametrize("corpus", ["realistic corpus", "one pool retold by every article"])
def test_pairs_sifted_as_a_large_input_finds_them_change_nothing(corpus, monkeypatch):
    # A large input's arrays of candidate pairs, with and without sifting out pairs that share too few words.
    articles = CORPORA[corpus]()
    monkeypatch.setattr(candidate_module, "ARRAYS_FROM", 0)
    monkeypatch.setattr(tui.align, "ARRAYS_FROM", 0)
    monkeypatch.setattr(tui.align, "BOUNDS_FROM", 10**9)
    monkeypatch.setattr(phrases, "BOUNDS_FROM", 10**9)
    every_pair = align(articles)
    monkeypatch.setattr(tui.align, "BOUNDS_FROM", 0)
    monkeypatch.setattr(phrases, "BOUNDS_FROM", 0)
    assert any(m.reason.kind is LinkKind.QUOTATION for g in every_pair.groups for m in g.members)
    assert _everything(align(articles)) == _everything(every_pair)
