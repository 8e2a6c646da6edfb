"""Honest absence: for each outlet that lacks a shared passage, its closest passage if it has one."""

from __future__ import annotations

from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice

import numpy as np

from tui.closest_scores import MARGIN as _MARGIN, Scores
from tui.linking import Unit, Units
from tui.model import Closest, Group

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
        of_article: dict[int, list[int]] = defaultdict(list)  # each article's sentences (numbers), in order
        for index, unit in enumerate(sentences):
            of_article[unit.article].append(index)
        self.scores = Scores(discount)
        self.words = _Words(sentences, of_article, self.scores, factory.vocabulary)
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
        ceilings = scores.ceilings(versions, self.passages, found)
        # A passage sharing fewer than CLOSE_WORDS with every version is not close, whatever its score.
        best = np.take_along_axis(ceilings, chosen, axis=1).max(axis=1, initial=-np.inf)
        self.best = np.where(together.max(axis=1, initial=0) >= CLOSE_WORDS, best, -np.inf).tolist()
        # Flat, row after row: a list for every passage would be garbage to collect.
        self.together, self.ceilings = together.ravel().tolist(), ceilings.ravel().tolist()
        self.chosen, self.width = (chosen + len(versions) * np.arange(len(chosen))[:, None]).ravel().tolist(), chosen.shape[1]

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
        passage, versions, width = self.scores.prepared(self.passages[i]), len(self.versions), self.width
        score = -1.0
        for cell in self.chosen[i * width:(i + 1) * width]:  # each a (passage, version) pair's place
            # ... nor a version's score at or below the passage's best so far.
            limit = max(floor, score)
            if self.ceilings[cell] > limit:
                version = self.versions[cell % versions]
                score = max(score, self.scores.similarity(version, passage, self.together[cell], limit))
        return score


@dataclass
class Found:
    """The passages ranked for a group (their numbers in `sentences`), each one's total weight, and for each
    passage (row) and version (column) the meaningful words both carry and the weight of all the words both
    carry (the lighter side's weight of each, as `Scores.similarity` sums it, but summed in another order)."""

    numbers: list[int]
    totals: np.ndarray
    together: np.ndarray
    overlap: np.ndarray
    tokens: np.ndarray  # the version's words (repeats counted) that the passage carries too


class _Words:
    """The words of each article's sentences as arrays of codes with their weights, so that what each sentence
    shares with a group is worked out for all the articles the group searches at once."""

    def __init__(self, sentences: list[Unit], of_article: dict[int, list[int]], scores: Scores, vocabulary):
        self.sentences, self.of_article, self.scores = sentences, of_article, scores
        self.word_of, self.stop = vocabulary.word_of, vocabulary.stop
        # Kept for the articles searched last: one story's groups search the same few articles.
        self.kept: OrderedDict[int, tuple[np.ndarray, ...]] = OrderedDict()
        self.column = np.zeros(0, dtype=np.int64)  # by code: the word's column among the group's, or -1
        self.totals = np.full(len(sentences), np.nan)  # each sentence's total weight, once its article is read

    def ranked(self, wanted: list[tuple[list[tuple], list[int]]]) -> list[tuple[list[list[int]], Found]]:
        """For each group (its prepared versions and the articles it searches, in ascending order): for each
        article, its sentences sharing the most (version, meaningful word) pairs with the group, at most
        `_SCORED`, in that order and ties in reading order (the closest passage shares the most words, and a
        group that 100 outlets carry would otherwise score every sentence); and what they share with it.
        The groups' articles are read, and their sentences ranked, together."""
        articles = sorted(set().union(*(searched for _, searched in wanted)))
        parts = [self._article(a) for a in articles]
        numbers, codes, owners, weights = (np.concatenate(p) for p in zip(*parts, _NONE))
        sizes = np.array([len(part[0]) for part in parts], dtype=np.int64)
        owners += np.repeat(np.cumsum(sizes) - sizes, [len(part[1]) for part in parts])  # the article's first
        versions = [v for group, _ in wanted for v in group]
        carried, full, counted, columns = self._columns(versions, codes)
        # Only the words some group carries count; `owners` stays sorted.
        useful = np.flatnonzero(columns >= 0)
        owners, columns, weights = owners[useful], columns[useful], weights[useful]
        # For each group (row) and word (column), how many of the group's versions carry it.
        of_group = np.repeat(np.arange(len(wanted)), [len(group) for group, _ in wanted])
        counts = (of_group == np.arange(len(wanted))[:, None]).astype(np.float64) @ carried
        shared = np.zeros((len(wanted), len(numbers)))
        if len(owners):
            holders, first = np.unique(owners, return_index=True)
            shared[:, holders] = np.add.reduceat(counts[:, columns], first, axis=1)
        article = np.repeat(np.arange(len(articles)), sizes)
        searched = np.zeros((len(wanted), len(articles)), dtype=bool)
        at = {a: k for k, a in enumerate(articles)}
        for row, (_, group_articles) in enumerate(wanted):
            searched[row, [at[a] for a in group_articles]] = True
        rows, sentence = np.nonzero((shared > 0) & searched[:, article])  # by group, then in reading order
        score = shared[rows, sentence]
        # By group, article, sharing most first; ties stay in reading order. At most `_SCORED` of each article.
        order = np.lexsort((-score, article[sentence], rows))
        rows, sentence = rows[order], sentence[order]
        block = rows * len(articles) + article[sentence]
        first = np.flatnonzero(np.r_[True, block[1:] != block[:-1]]) if len(block) else np.zeros(0, dtype=np.int64)
        rank = np.arange(len(block)) - np.repeat(first, np.diff(np.r_[first, len(block)]))
        rows, sentence = rows[rank < _SCORED], sentence[rank < _SCORED]
        shares = self._together((carried, full, counted), of_group, rows, sentence, owners, columns, weights)
        return self._by_group(wanted, at, numbers, article, rows, sentence, *shares)

    def _together(self, matrices, of_group, rows, sentence, owners, columns, weights):
        """For each kept (group, passage) and each of that group's versions (padded to the most any group
        has), the meaningful words both carry, and the weight of all the words both carry (the lighter side's
        weight of each; `weights`: the passages' weight of each word), and the version's words the passage
        carries, repeats counted (`matrices`: whether each version carries each word as a meaningful one, its
        weight there and how often)."""
        per_group = np.bincount(of_group)
        widest = int(per_group.max(initial=0))
        if not len(rows):
            return (np.zeros((0, widest)),) * 3
        base = np.cumsum(per_group) - per_group  # each group's first version
        # A passage's words, once for each group it is kept for (rows are in order, so are their words).
        place = np.searchsorted(owners, sentence)
        length = np.searchsorted(owners, sentence, side="right") - place
        entry = np.repeat(place - np.cumsum(length) + length, length) + np.arange(int(length.sum()))
        # Each row's versions; past a group's last, a row of nothing.
        version = np.where(np.arange(widest) < per_group[rows][:, None], base[rows][:, None] + np.arange(widest),
                           len(of_group))
        matrices = [np.vstack([m, np.zeros((1, m.shape[1]), dtype=m.dtype)]) for m in matrices]
        ends, parts, first = np.cumsum(length), [], 0
        while first < len(rows):
            # A few rows at a time, so that their words times the versions stay a few million cells (a group
            # that 80 outlets carry has 80 versions).
            room = ends[first] - length[first] + _CELLS // widest
            last = max(first + 1, int(np.searchsorted(ends, room, side="right")))
            words = slice(ends[first] - length[first], ends[last - 1])
            parts.append(_sums(matrices, version[first:last], length[first:last], columns[entry[words]],
                               weights[entry[words]]))
            first = last
        return tuple(np.concatenate(part) for part in zip(*parts))

    def _by_group(self, wanted, at, numbers, article, rows, sentence, together, overlap, tokens):
        """The rankings and what each group's ranked passages share with it, group by group."""
        ranked = numbers[sentence]
        cuts = np.searchsorted(rows, np.arange(len(wanted) + 1)).tolist()
        out = []
        for row, (versions, group_articles) in enumerate(wanted):
            kept = slice(cuts[row], cuts[row + 1])
            mine = ranked[kept]
            ends = np.searchsorted(article[sentence[kept]], [at[a] for a in group_articles], side="right").tolist()
            mine_only = (kept, slice(0, len(versions)))
            found = Found(mine.tolist(), self.totals[mine], together[mine_only], overlap[mine_only], tokens[mine_only])
            out.append(([found.numbers[start:end] for start, end in zip([0] + ends[:-1], ends)], found))
        return out

    def _columns(self, versions: list[tuple], codes: np.ndarray) -> tuple[np.ndarray, ...]:
        """For each version (row) and the groups' words (columns, and a last one for no such word), whether the
        version carries it as a meaningful word, its weight there and how often it comes (0 where it does not
        carry it); and the column of each of `codes`."""
        group = list(dict.fromkeys(code for v in versions for code in v[0].code))
        keys = np.fromiter(map(ord, group), dtype=np.int64, count=len(group))
        top = max(keys.max(initial=0), codes.max(initial=0))
        if len(self.column) <= top:
            self.column = np.full(2 * top + 1, -1, dtype=np.int64)
        where = dict(zip(group, range(len(group))))
        word_of, stop = self.word_of, self.stop
        cells = [(j, where[c], v[2][word_of[c]], c not in stop, n) for j, v in enumerate(versions)
                 for c, n in Counter(v[0].code).items()]
        shape = (len(versions), len(group) + 1)
        carried, full, counted = np.zeros(shape, dtype=bool), np.zeros(shape), np.zeros(shape, dtype=np.int64)
        if cells:
            rows, cols, weights, meaningful, counts = (np.array(column) for column in zip(*cells))
            carried[rows[meaningful], cols[meaningful]], full[rows, cols], counted[rows, cols] = True, weights, counts
        self.column[keys] = np.arange(len(group))
        columns = self.column[codes]
        self.column[keys] = -1
        return carried, full, counted, columns

    def _article(self, article: int) -> tuple[np.ndarray, ...]:
        """The article's sentences (their numbers), their words' codes (each word once), whose (the sentence's
        place in the article) each code is, and its weight there."""
        found = self.kept.get(article)
        if found is not None:
            self.kept.move_to_end(article)
            return found
        numbers = self.of_article.get(article, [])
        weighed = [self.sentences[n].code_weights(self.scores.discount) for n in numbers]
        codes = np.fromiter(map(ord, chain.from_iterable(weighed)), dtype=np.int64)
        owners = np.repeat(np.arange(len(weighed), dtype=np.int64), [len(w) for w in weighed])
        weights = np.fromiter(chain.from_iterable(w.values() for w in weighed), dtype=np.float64, count=len(codes))
        # Summed as `Scores.prepared` sums them.
        self.totals[numbers] = [sum(w.values()) for w in weighed]
        found = self.kept[article] = (np.array(numbers, dtype=np.int64), codes, owners, weights)
        if len(self.kept) > _INDEXES_KEPT:
            self.kept.popitem(last=False)
        return found


def _sums(matrices: list[np.ndarray], version: np.ndarray, length: np.ndarray, columns: np.ndarray,
          weights: np.ndarray) -> tuple[np.ndarray, ...]:
    """`_Words._together` for some rows: each row's versions, its number of words, and its words' columns in
    the groups' matrices and weights in the passage."""
    carried, full, counted = matrices
    cells = (np.repeat(version, length, axis=0), columns[:, None])
    cut = np.cumsum(length) - length
    lighter = np.minimum(full[cells], weights[:, None])
    return (np.add.reduceat(carried[cells].astype(np.int64), cut, axis=0), np.add.reduceat(lighter, cut, axis=0),
            np.add.reduceat(counted[cells], cut, axis=0))


_BATCH = 16  # groups whose passages are ranked together
_CELLS = 1 << 21  # (word, version) cells worked out at once
_INDEXES_KEPT = 4096  # articles whose words are kept (a few kilobytes each)
_NONE = (np.zeros(0, dtype=np.int64),) * 3 + (np.zeros(0),)  # no sentences
