"""Honest absence: for each outlet that lacks a shared passage, its closest passage if it has one."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
import math
from itertools import islice

import numpy as np

from tui.closest_scores import MARGIN as _MARGIN, Scores
from tui.closest_words import BATCH as _BATCH, Found, Words
from tui.linking import Unit, Units
from tui.model import Closest, Group, GroupKind
from tui.tokens import STOPWORDS, normalise

# Below this similarity (0-100) nothing in the outlet is close, and "not in this outlet" may be said.
CLOSE_SCORE = 20.0
# A passage shares at least this many meaningful words with the group to count as close (measured on the
# annotated stories: at 20 and 1, one "not in this outlet" in ten is a paraphrase the wording misses).
CLOSE_WORDS = 1
_VERSIONS = 4  # versions of the group scored against each of them, those sharing the most words first
# Above this many articles (a corpus rather than one story) a group's closest passage is looked for only in the
# articles of other outlets that share two passages with its articles (one outlet's own articles share its
# page furniture), at most this many, those sharing the most first: the others tell other stories, and
# searching every article for every group would cost the square of the corpus.
EVERY_ARTICLE_UP_TO = 30
SHARED_GROUPS = 2  # one shared passage between two outlets' articles may be chance; two tell the same story


def find_closest(factory: Units, groups: list[Group], sentences: list[Unit], discount: dict[str, float]) -> None:
    """Fill `Group.closest` for every outlet that can be read and does not carry the group."""
    search = ClosestSearch(factory, groups, sentences, discount)
    search.fill(search.in_order(range(len(groups))))


class ClosestSearch:
    """The closest passages of groups, with what every search needs worked out once (a search may be shared
    out between processes, each filling some of the groups)."""

    def __init__(self, factory: Units, groups: list[Group], sentences: list[Unit], discount: dict[str, float]):
        self.factory, self.groups, self.sentences = factory, groups, sentences
        of_article: dict[int, list[int]] = defaultdict(list)  # each article's sentences (numbers), in order
        for index, unit in enumerate(sentences):
            of_article[unit.article].append(index)
        self.scores = Scores(discount, factory.vocabulary.word_of)
        self.words = Words(sentences, of_article, self.scores, factory.vocabulary)
        self.readable = [i for i, article in enumerate(factory.articles) if article.ok and article.sentences]
        self.near = _neighbours(groups, factory.articles) if len(self.readable) > EVERY_ARTICLE_UP_TO else None
        # A member that is one whole sentence is that sentence's unit: only runs and quotations are made anew.
        self.whole = {(u.article, u.sentence, u.start, u.end): u for u in sentences}
        self.order: list[int] | None = None

    def fill(self, which: Iterable[int]) -> dict[int, dict[int, Closest]]:
        """Fill `Group.closest` of the groups numbered in `which`; return them by number."""
        filled: dict[int, dict[int, Closest]] = {}
        numbers = iter(which)
        # A few groups at a time: groups next to each other in the search order search mostly the same
        # articles, and ranking their passages together costs little more than ranking one group's.
        while batch := list(islice(numbers, _BATCH)):
            self._fill([self.groups[number] for number in batch])
            filled.update((number, self.groups[number].closest) for number in batch)
        return filled

    def in_order(self, positions: Iterable[int]) -> Iterator[int]:
        """The groups at these positions of the search order: one story's groups one after another, so that
        the articles they search are indexed once (a corpus's groups, in reading order, jump from story to
        story and would index each article again and again)."""
        if self.order is None:
            self.order = _by_story(self.groups, len(self.factory.articles))
        return (self.order[k] for k in positions)

    def _fill(self, groups: list[Group]) -> None:
        wanted = [self._wanted(group) for group in groups]
        for group, (versions, searched), (rankings, found) in zip(groups, wanted, self.words.ranked(wanted)):
            pairs = _Pairs(versions, found, self.sentences, self.scores)
            start = 0
            for article, ranked in zip(searched, rankings):
                best = pairs.closest(range(start, start + len(ranked)))
                start += len(ranked)
                if best is not None:
                    unit, score = best
                    group.closest[article] = Closest(article, unit.sentence, unit.start, unit.end, round(score, 1))

    def _wanted(self, group: Group) -> tuple[list[tuple], list[int]]:
        """The group's versions, prepared for scoring, and the articles searched for it (in order)."""
        factory, whole = self.factory, self.whole
        made = (whole.get((m.article, m.sentence, m.start, m.end)) if m.quote is None and m.spans[-1] == m.sentence
                else None for m in group.members)
        made = (unit or factory.make(m.article, m.sentence, m.spans[-1], m.quote, m.start, m.end)
                for unit, m in zip(made, group.members))
        versions = list({v.code: v for v in made}.values())  # outlets that print the same words count once
        present = group.articles
        near = self.readable if self.near is None else _nearest(self.near, present)
        return [self.scores.prepared(v) for v in versions], [article for article in near if article not in present]


def find_trims(factory: Units, groups: list[Group], sentences: list[Unit], discount: dict[str, float]) -> None:
    """An outlet that quotes a few words of a group's quotation ("nonsense") carries a trim of it: the sentence
    that quotes them is close, however little else it shares, and "not in this outlet" would be false. Only
    within one story (a corpus's groups look for closest passages among their neighbours)."""
    articles = factory.articles
    readable = [i for i, article in enumerate(articles) if article.ok and article.sentences]
    if len(readable) > EVERY_ARTICLE_UP_TO:
        return
    quoted = {i: [(q.sentence, _run(articles[i].quote_text(n))) for n, q in enumerate(articles[i].quotes)]
              for i in readable}
    whole = {(u.article, u.sentence): u for u in sentences
             if u.start == articles[u.article].sentences[u.sentence].start}
    scores = Scores(discount, factory.vocabulary.word_of)
    for group in groups:
        if group.kind is GroupKind.PHRASE:
            continue
        said = [_run(articles[m.article].quote_text(q.index)) for m in group.members
                for q in _quotes_in(articles[m.article], m)]
        if not said:
            continue
        for article in readable:
            if article in group.articles or article in group.closest:
                continue
            trims = [sentence for sentence, words in quoted[article]
                     if _telling(words) and any(words in run for run in said)]
            passage = whole.get((article, trims[0])) if trims else None
            if passage is None:
                continue
            versions = (scores.prepared(factory.make(m.article, m.sentence, m.spans[-1], m.quote, m.start, m.end))
                        for m in group.members)
            # Every part of the score worked out in full (no floor, no bounds): it is shown as it is.
            best = max(scores.similarity(version, passage, len(version[1] & passage.content), -1.0,
                                         (math.inf, math.inf)) for version in versions)
            group.closest[article] = Closest(article, passage.sentence, passage.start, passage.end, round(best, 1))


def _run(text: str) -> str:
    """Normalised words between spaces: one run is inside another exactly when its words are, in order."""
    return f" {' '.join(normalise(text))} "


def _telling(run: str) -> bool:
    """A quoted trim that says something of its own: a word of five letters or more that is not a function
    word, or three words ("my friend" alone could be anyone's)."""
    words = run.split()
    return len(words) >= 3 or any(len(w) >= 5 and w not in STOPWORDS for w in words)


def _quotes_in(article, member) -> list:
    return [q for q in article.quotes if member.start <= q.start and q.end <= member.end]


def _by_story(groups: list[Group], articles: int) -> list[int]:
    """The groups' numbers, those of articles linked by groups (directly or through others) together, and
    within them by their first article: links through page furniture can join a corpus into a few large parts,
    and groups of one article search the same few articles."""
    parent = list(range(articles))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for group in groups:
        first, *others = group.articles
        for article in others:
            parent[root(article)] = root(first)
    return sorted(range(len(groups)), key=lambda n: (root(min(groups[n].articles)), min(groups[n].articles)))


def _neighbours(groups: list[Group], articles: list) -> list[Counter[int]]:
    """For each article, how many groups it shares with each article of another outlet."""
    near: list[Counter[int]] = [Counter() for _ in articles]
    for group in groups:
        present = group.articles
        for article in present:
            outlet = articles[article].outlet.id
            near[article].update(a for a in present if articles[a].outlet.id != outlet)
    return near


def _nearest(near: list[Counter[int]], present: set[int]) -> list[int]:
    """The articles sharing groups with a group's articles, those sharing the most first (ties by order)."""
    shared: Counter[int] = Counter()
    for article in present:
        shared.update(near[article])
    ranked = sorted((a for a, n in shared.items() if n >= SHARED_GROUPS and a not in present), key=lambda a: (-shared[a], a))
    return sorted(ranked[:EVERY_ARTICLE_UP_TO])


class _Pairs:
    """A group's versions and the passages ranked for it in every searched article, with how many meaningful
    words each pair shares and a bound on each pair's similarity worked out for all of them at once (one by
    one, the work around each pair costs more than scoring it)."""

    def __init__(self, versions: list[tuple], found: Found, sentences: list[Unit], scores: Scores):
        self.versions, self.scores = versions, scores
        self.passages = [sentences[n] for n in found.numbers]
        together = found.together.astype(np.int64)
        # The versions sharing the most meaningful words with a passage are the ones that can score highest.
        chosen = np.argsort(-together, axis=1, kind="stable")[:, :_VERSIONS]
        ceilings, overlap, partial = scores.ceilings(versions, self.passages, found)
        # A passage sharing fewer than CLOSE_WORDS with every version is not close, whatever its score.
        best = np.take_along_axis(ceilings, chosen, axis=1).max(axis=1, initial=-np.inf)
        self.best = np.where(together.max(axis=1, initial=0) >= CLOSE_WORDS, best, -np.inf).tolist()
        # Flat, row after row: a list for every passage would be garbage to collect.
        self.together, self.ceilings = together.ravel().tolist(), ceilings.ravel().tolist()
        self.bounds = list(zip(overlap.ravel().tolist(), partial.ravel().tolist()))
        self.width = chosen.shape[1]
        self.chosen = (chosen + len(versions) * np.arange(len(chosen))[:, None]).ravel().tolist()

    def closest(self, which: range) -> tuple[Unit, float] | None:
        """Of the passages numbered in `which` (one article's), the closest to the group with its score, if one
        is close enough; ties go to the one ranked first."""
        best: tuple[Unit, float] | None = None
        for i in which:
            # Only a score above the best so far (or reaching CLOSE_SCORE, before any) changes the answer.
            floor = best[1] if best is not None else CLOSE_SCORE - _MARGIN
            if self.best[i] <= floor:
                continue
            score = self._score(i, floor)
            if score >= CLOSE_SCORE and (best is None or score > best[1]):
                best = (self.passages[i], score)
        return best

    def _score(self, i: int, floor: float) -> float:
        """The passage's similarity to the group (its best with a chosen version), exact if above `floor`."""
        passage, versions, width = self.passages[i], len(self.versions), self.width
        score = -1.0
        for cell in self.chosen[i * width:(i + 1) * width]:  # each a (passage, version) pair's place
            # ... nor a version's score at or below the passage's best so far.
            limit = max(floor, score)
            if self.ceilings[cell] > limit:
                version = self.versions[cell % versions]
                score = max(score, self.scores.similarity(version, passage, self.together[cell], limit,
                                                          self.bounds[cell]))
        return score
