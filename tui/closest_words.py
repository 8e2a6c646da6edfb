"""What the passages of the articles a group searches share with its versions, worked out with arrays for
many groups at once (`tui.absence` then scores only the pairs that may be closest)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

import numpy as np

from tui.closest_scores import Scores
from tui.linking import Unit
from tui.pair_bounds import stop_table
from tui.pair_codes import distinct
from tui.word_table import weighed_words

SCORED = 12  # passages of an outlet scored against a group, those sharing the most words first
BATCH = 16  # groups whose passages are ranked together


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


class Words:
    """The words of each article's sentences as arrays of codes with their weights, so that what each sentence
    shares with a group is worked out for all the articles the group searches at once."""

    def __init__(self, sentences: list[Unit], of_article: dict[int, list[int]], scores: Scores, vocabulary):
        self.of_article, self.stop, self.word_of = of_article, vocabulary.stop, vocabulary.word_of
        self.starts, self.codes, self.weights, self.totals = weighed_words(sentences, vocabulary, scores.discount)
        self.column = np.zeros(0, dtype=np.int64)  # by code: the word's column among the group's, or -1
        self.function = np.zeros(0, dtype=bool)  # by code: whether it is a function word's

    def ranked(self, wanted: list[tuple[list[tuple], list[int]]]) -> list[tuple[list[list[int]], Found]]:
        """For each group (its prepared versions and the articles it searches, in ascending order): for each
        article, its sentences sharing the most (version, meaningful word) pairs with the group, at most
        `SCORED`, in that order and ties in reading order (the closest passage shares the most words, and a
        group that 100 outlets carry would otherwise score every sentence); and what they share with it.
        The groups' articles are read, and their sentences ranked, together."""
        articles = sorted(set().union(*(searched for _, searched in wanted)))
        # Their sentences (numbers), each sentence's words (codes) and weights, and whose (`owners`: the
        # sentence's place among `numbers`) each word is.
        lists = [self.of_article.get(a, []) for a in articles]
        sizes = np.array([len(numbers) for numbers in lists], dtype=np.int64)
        numbers = np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=int(sizes.sum()))
        first, length = self.starts[numbers], self.starts[numbers + 1] - self.starts[numbers]
        entry = np.repeat(first - np.cumsum(length) + length, length) + np.arange(int(length.sum()))
        codes, weights = self.codes[entry], self.weights[entry]
        owners = np.repeat(np.arange(len(numbers), dtype=np.int64), length)
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
        # By group, article, sharing most first; ties stay in reading order. At most `SCORED` of each article.
        order = np.lexsort((-score, article[sentence], rows))
        rows, sentence = rows[order], sentence[order]
        block = rows * len(articles) + article[sentence]
        first = np.flatnonzero(np.r_[True, block[1:] != block[:-1]]) if len(block) else np.zeros(0, dtype=np.int64)
        rank = np.arange(len(block)) - np.repeat(first, np.diff(np.r_[first, len(block)]))
        rows, sentence = rows[rank < SCORED], sentence[rank < SCORED]
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
        texts = [v[0].code for v in versions]
        words = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        owner = np.repeat(np.arange(len(texts), dtype=np.int64), [len(text) for text in texts])
        # Each version's distinct words (a code is below 2 ** 21), in the order of their codes, and how often.
        found, counts = distinct((owner << 21) | words, counts=True)
        rows, words = found >> 21, found & ((1 << 21) - 1)
        group = distinct(words)
        top = int(max(group.max(initial=0), codes.max(initial=0)))
        if len(self.column) <= top:
            self.column = np.full(2 * top + 1, -1, dtype=np.int64)
            self.function = stop_table(self.stop, 2 * top + 1)
        word_of = self.word_of
        weights = np.fromiter((v[2][word_of[c]] for v in versions for c in sorted(set(v[0].code))), dtype=np.float64,
                              count=len(found))
        cols, meaningful = np.searchsorted(group, words), ~self.function[words]
        shape = (len(versions), len(group) + 1)
        carried, full, counted = np.zeros(shape, dtype=bool), np.zeros(shape), np.zeros(shape, dtype=np.int64)
        carried[rows[meaningful], cols[meaningful]], full[rows, cols], counted[rows, cols] = True, weights, counts
        self.column[group] = np.arange(len(group))
        columns = self.column[codes]
        self.column[group] = -1
        return carried, full, counted, columns


def _sums(matrices: list[np.ndarray], version: np.ndarray, length: np.ndarray, columns: np.ndarray,
          weights: np.ndarray) -> tuple[np.ndarray, ...]:
    """`Words._together` for some rows: each row's versions, its number of words, and its words' columns in
    the groups' matrices and weights in the passage."""
    carried, full, counted = matrices
    cells = (np.repeat(version, length, axis=0), columns[:, None])
    cut = np.cumsum(length) - length
    lighter = np.minimum(full[cells], weights[:, None])
    return (np.add.reduceat(carried[cells].astype(np.int64), cut, axis=0), np.add.reduceat(lighter, cut, axis=0),
            np.add.reduceat(counted[cells], cut, axis=0))


_CELLS = 1 << 21  # (word, version) cells worked out at once
