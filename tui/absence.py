"""Honest absence: for each outlet that lacks a shared passage, its closest passage if it has one."""

from __future__ import annotations

import heapq
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Iterator
from itertools import accumulate

from rapidfuzz import fuzz

from tui.linking import Unit, Units
from tui.model import Closest, Group
from tui.tokens import STOPWORDS

# Below this similarity (0-100) nothing in the outlet is close, and "not in this outlet" may be said.
CLOSE_SCORE = 20.0
# A passage shares at least this many meaningful words with the group to count as close (measured on the
# annotated stories: at 20 and 1, one "not in this outlet" in ten is a paraphrase the wording misses).
CLOSE_WORDS = 1
_SCORED = 12  # passages of an outlet scored against a group, those sharing the most words first
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
        # Each article's sentences (their numbers in `sentences`), in order; the word index of an article is
        # made when it is first searched and kept for the articles searched last (a corpus's index of every
        # article would take hundreds of megabytes; one story's groups search the same few articles).
        self.of_article: dict[int, list[int]] = defaultdict(list)
        for index, unit in enumerate(sentences):
            self.of_article[unit.article].append(index)
        self.indexes: OrderedDict[int, dict[str, list[int]]] = OrderedDict()
        self.readable = [i for i, article in enumerate(factory.articles) if article.ok and article.sentences]
        self.near = _neighbours(groups, factory.articles) if len(self.readable) > EVERY_ARTICLE_UP_TO else None
        # A member that is one whole sentence is that sentence's unit: only runs and quotations are made anew.
        self.whole = {(u.article, u.sentence, u.start, u.end): u for u in sentences}
        self.scores = _Scores(discount)
        self.order: list[int] | None = None

    def fill(self, which: Iterable[int]) -> dict[int, dict[int, Closest]]:
        """Fill `Group.closest` of the groups numbered in `which`; return them by number."""
        filled: dict[int, dict[int, Closest]] = {}
        for number in which:
            group = self.groups[number]
            self._fill(group)
            filled[number] = group.closest
        return filled

    def in_order(self, positions: Iterable[int]) -> Iterator[int]:
        """The groups at these positions of the search order: one story's groups one after another, so that
        the articles they search are indexed once (a corpus's groups, in reading order, jump from story to
        story and would index each article again and again)."""
        if self.order is None:
            self.order = _by_story(self.groups, len(self.factory.articles))
        return (self.order[k] for k in positions)

    def _index(self, article: int) -> dict[str, list[int]]:
        """The article's sentences by each meaningful word they hold."""
        index = self.indexes.get(article)
        if index is not None:
            self.indexes.move_to_end(article)
            return index
        index = self.indexes[article] = defaultdict(list)
        for number in self.of_article.get(article, ()):
            for code in self.sentences[number].content:
                index[code].append(number)
        if len(self.indexes) > _INDEXES_KEPT:
            self.indexes.popitem(last=False)
        return index

    def _fill(self, group: Group) -> None:
        factory, whole = self.factory, self.whole
        made = (whole.get((m.article, m.sentence, m.start, m.end)) if m.quote is None and m.spans[-1] == m.sentence
                else None for m in group.members)
        made = (unit or factory.make(m.article, m.sentence, m.spans[-1], m.quote, m.start, m.end)
                for unit, m in zip(made, group.members))
        versions = list({v.code: v for v in made}.values())  # outlets that print the same words count once
        present = group.articles
        searched = self.readable if self.near is None else _nearest(self.near, present)
        prepared = [self.scores.prepared(v) for v in versions]
        uses = Counter(code for version in prepared for code in version[1])
        for article in searched:
            if article in present:
                continue
            best = _closest(prepared, uses, self.sentences, self._index(article), self.scores)
            if best is not None:
                unit, score = best
                group.closest[article] = Closest(article, unit.sentence, unit.start, unit.end, round(score, 1))


def _by_story(groups: list[Group], articles: int) -> list[int]:
    """The groups' numbers, those of articles linked by groups (directly or through others) together, each
    story's in their own order."""
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
    return sorted(range(len(groups)), key=lambda n: root(min(groups[n].articles)))


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


def _closest(versions: list[tuple], uses: Counter[str], sentences: list[Unit], index: dict[str, list[int]],
             scores: _Scores):
    # How many (version, word) pairs each passage shares, counted word by word: a word of every version once.
    shared: dict[int, int] = defaultdict(int)
    for code, times in uses.items():
        for candidate in index.get(code, ()):
            shared[candidate] += times
    best: tuple[Unit, float] | None = None
    # The closest passage shares the most meaningful words with the group: only the passages sharing most are
    # scored (a group that 100 outlets carry would otherwise score every sentence of an outlet a hundred times).
    ranked = heapq.nsmallest(_SCORED, shared, key=lambda c: (-shared[c], c))
    for candidate in ranked:
        passage = scores.prepared(sentences[candidate])
        content = passage[1]
        # The versions sharing most meaningful words with the passage are the ones that can score highest.
        counted = sorted(((len(content & v[1]), v) for v in versions), key=lambda pair: -pair[0])[:_VERSIONS]
        if counted[0][0] < CLOSE_WORDS:
            continue
        # Only a score above the best so far (or reaching CLOSE_SCORE, before any) changes the answer.
        floor = best[1] if best is not None else CLOSE_SCORE - _MARGIN
        score = -1.0
        for together, v in counted:
            # ... nor a version's score at or below the passage's best so far.
            score = max(score, scores.similarity(v, passage, together, max(floor, score)))
        if score >= CLOSE_SCORE and (best is None or score > best[1]):
            best = (passage[0], score)
    return best


_INDEXES_KEPT = 1024  # articles whose word index is kept
_WEIGHED_KEPT = 1 << 16  # units whose weights are kept

# Upper bounds are compared with this much room, so that rounding in a sum never skips a score that counts.
_MARGIN = 1e-6


class _Scores:
    """Similarity of a group's versions to passages, with each unit's discounted weights worked out once: a
    group's versions are scored against many passages, and each passage against many groups."""

    def __init__(self, discount: dict[str, float]):
        self.discount = discount
        # By the unit's id, the unit kept alongside so that the id is never reused by another.
        self.weighed: dict[int, tuple] = {}

    def similarity(self, version: tuple, passage: tuple, together: int, floor: float = -1.0) -> float:
        """The best of in-order, inside-a-longer-passage and any-order similarity of two prepared units (see
        `prepared`; `together`: meaningful words both carry); a part whose upper bound cannot beat `floor` or
        the parts already scored is not worked out, so a result at or below `floor` may be lower than the true
        one, and one above it is exact."""
        unit_a, content_a, weights_a, total_a, function_a, heaviest_a = version
        unit_b, _, weights_b, total_b, function_b, heaviest_b = passage
        code_a, code_b = unit_a.code, unit_b.code
        score = fuzz.ratio(code_a, code_b)
        total = total_a + total_b
        # The words both carry weigh at most the lighter side, and at most the `together` heaviest meaningful
        # words of either side plus the lighter side's function words.
        top = min(heaviest_a[min(together, len(heaviest_a) - 1)], heaviest_b[min(together, len(heaviest_b) - 1)])
        bound = min(total_a, total_b, top + min(function_a, function_b))
        if total and 200.0 * bound / total + _MARGIN > max(score, floor):
            # Summed in the version's word order: over a set the order, and so the last digit of the sum and
            # which of two equally close passages is named, would change from one run to the next.
            shared = sum(min(weight, weights_b[w]) for w, weight in weights_a.items() if w in weights_b)
            score = max(score, 200.0 * shared / total)
        if 4 <= len(code_a) < len(code_b):
            share = min(1.0, together / max(1, len(content_a)))
            if 100.0 * share + _MARGIN > max(score, floor):
                score = max(score, fuzz.partial_ratio(code_a, code_b) * share)
        return score

    def prepared(self, unit: Unit) -> tuple:
        """The unit, its meaningful words, its discounted weights, their total, its function words' total, and
        the totals of its k heaviest meaningful words for every k."""
        found = self.weighed.get(id(unit))
        if found is None:
            if len(self.weighed) >= _WEIGHED_KEPT:
                self.weighed.clear()  # a corpus has hundreds of thousands of units; the same few are asked for again
            weights = {word: weight * self.discount.get(word, 1.0) for word, weight in unit.weights.items()}
            function = sum(weight for word, weight in weights.items() if word in STOPWORDS)
            heaviest = list(accumulate(sorted((w for word, w in weights.items() if word not in STOPWORDS), reverse=True),
                                       initial=0.0))
            found = self.weighed[id(unit)] = (unit, unit.content, weights, sum(weights.values()), function, heaviest)
        return found
