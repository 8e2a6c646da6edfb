"""Scoring cut short where it cannot change the answer: the same alignment as scoring everything in full."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from benchmarks.scale_corpus import scale_corpus
from benchmarks.synthetic import synthetic_articles
from tests.sample import sample_articles
from tui import absence
from tui.align import align


def _everything(alignment) -> list:
    """Every group with its members, scores and closest passages, and every figure conflict."""
    groups = [(g.id, g.kind, g.members, sorted(g.closest.items())) for g in alignment.groups]
    return [groups, [repr(c) for c in alignment.conflicts]]


def _full_similarity(self, version, unit, together, floor=-1.0):
    """The closest-passage score worked out in full for every pair, as it was before any bound."""
    scores = [fuzz.ratio(version.code, unit.code), _overlap(version, unit, self.discount)]
    if 4 <= len(version.code) < len(unit.code):
        share = len(version.content & unit.content) / max(1, len(version.content))
        scores.append(fuzz.partial_ratio(version.code, unit.code) * min(1.0, share))
    return max(scores)


def _overlap(a, b, discount) -> float:
    """The weighted share of the words both carry, summed as the closest-passage search sums it."""
    weights_a = {word: weight * discount.get(word, 1.0) for word, weight in a.weights.items()}
    weights_b = {word: weight * discount.get(word, 1.0) for word, weight in b.weights.items()}
    total = sum(weights_a.values()) + sum(weights_b.values())
    shared = sum(min(weights_a[w], weights_b[w]) for w in weights_a.keys() & weights_b.keys())
    return 200.0 * shared / total if total else 0.0


CORPORA = {
    "sample": lambda: list(sample_articles()),
    "realistic corpus": lambda: scale_corpus(60).articles,
    "one pool retold by every article": lambda: synthetic_articles(12),
}


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_the_closest_passages_are_those_that_scoring_every_pair_in_full_finds(corpus, monkeypatch):
    articles = CORPORA[corpus]()
    bounded = align(articles)
    monkeypatch.setattr(absence._Scores, "similarity", _full_similarity)
    full = align(articles)
    assert sum(len(g.closest) for g in full.groups) > 10
    assert _everything(bounded) == _everything(full)
