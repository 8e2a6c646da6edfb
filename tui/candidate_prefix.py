"""Candidate pairs that the order-free rule of the scorer could link, found by their rarest words.

Two sentences told in another order share most of their meaningful words, but those may all be common ones
("minister", "said", "government"), whose lists are too long to pair every unit in them. The rarest words of
a unit are the way in: if two units share enough to be linked in any order, they share at least one word among
the first few of each when its words are ranked rarest first (prefix filtering, as in set-similarity joins).
How many words that takes follows from the rule's thresholds, so no pair the rule would link is missed.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.linking import Unit, rarity
from tui.tokens import FUNCTION_WEIGHT

if TYPE_CHECKING:  # NumPy is loaded only where arrays are made: the reader opening a story needs none
    import numpy as np

# The scorer's order-free rule (`tui.scoring`): a weighted share of the two units' words of at least
# MIN_REORDERED (0-100), or at least MANY_SHARED meaningful words and MOST_SHARED of the longer unit's.
MIN_REORDERED = 87.0
MANY_SHARED = 10
MOST_SHARED = 0.75
LEAST_SHARED = 3  # meaningful words the rule wants in common in any case
MARGIN = 1e-9  # rounding: a unit's prefix errs on the long side


class Profiles:
    """What the order-free rule weighs, for each single unit (not a run) with enough meaningful words: its
    meaningful words (as numbers, in order) and their weights, flat with one slice a unit (a corpus has
    millions), its count of distinct function words and its total weight."""

    def __init__(self, min_reordered: float = MIN_REORDERED) -> None:
        self.min_reordered = min_reordered  # the rule's threshold, as the user set it
        self.slices: dict[int, tuple[int, int]] = {}  # unit -> (start, end) in codes and weights
        self.codes = array("I")
        self.weights = array("d")
        self.functions: dict[int, int] = {}
        self.totals: dict[int, float] = {}

    def add(self, index: int, weight: dict[str, float], functions: int, total: float) -> None:
        start = len(self.weights)
        codes = sorted(weight)
        self.codes.extend(map(ord, codes))
        self.weights.extend(map(weight.__getitem__, codes))
        self.slices[index] = (start, len(self.weights))
        self.functions[index], self.totals[index] = functions, total

    def weight_of(self, index: int) -> dict[int, float]:
        start, end = self.slices[index]
        return dict(zip(self.codes[start:end], self.weights[start:end]))

    def could_link(self, a: int, b: int) -> bool:
        """Whether the rule could link the two units: their shared words, function words counted at most."""
        weight_a, weight_b = self.weight_of(a), self.weight_of(b)
        shared = weight_a.keys() & weight_b.keys()
        weighed = sum(min(weight_a[code], weight_b[code]) for code in shared)
        return passes(len(shared), len(weight_a), len(weight_b), weighed, min(self.functions[a], self.functions[b]),
                      self.totals[a] + self.totals[b], self.min_reordered)


def passes(shared, count_a, count_b, weighed, functions, totals, min_reordered: float = MIN_REORDERED):
    """The rule's test, at its most generous where a count is only bounded (works on numbers and arrays)."""
    weighted = 200.0 * (weighed + FUNCTION_WEIGHT * functions) >= min_reordered * totals * (1 - MARGIN)
    counted = (shared >= MANY_SHARED) & (shared >= MOST_SHARED * _larger(count_a, count_b))
    return (shared >= LEAST_SHARED) & (weighted | counted)


def _larger(a, b):
    return max(a, b) if isinstance(a, int) else a * (a >= b) + b * (a < b)


def prefix_lists(units: Sequence[Unit], min_reordered: float = MIN_REORDERED) -> tuple[dict[str, list[int]], Profiles]:
    """For each meaningful word, the single units (not runs) that hold it among their rarest words; and what
    the rule weighs of each such unit (at the rule's threshold as the user set it)."""
    singles = [i for i, u in enumerate(units) if not u.is_run]
    discount = rarity([units[i] for i in singles if units[i].quote is None])
    seen: Counter[str] = Counter()
    for i in singles:
        seen.update(units[i].content)
    lists: dict[str, list[int]] = defaultdict(list)
    profiles = Profiles(min_reordered)
    for index in singles:
        unit = units[index]
        content = unit.content
        if len(content) < LEAST_SHARED:
            continue
        ranked = sorted(sorted(content), key=seen.__getitem__)  # rarest first, ties by code
        every = unit.code_weights(discount)
        weight = {code: every[code] for code in every if code in content}
        total = _total(every)
        for code in ranked[: max(_counted_prefix(len(ranked)), _weighted_prefix(ranked, weight, total, min_reordered))]:
            lists[code].append(index)
        profiles.add(index, weight, len(every) - len(content), total)
    return lists, profiles


def _total(weights: dict[str, float]) -> float:
    """A unit's total weight, added in the order of the codes, as `prefix_arrays` adds it."""
    total = 0.0
    for code in sorted(weights):
        total += weights[code]
    return total


@dataclass
class ProfileArrays:
    """`Profiles` as arrays: the meaningful words (codes, each unit's in the order of their codes) of each
    single unit with enough of them, whose (`unit`, ascending) each is, its weight; and for every unit, its
    count of distinct function words and its total weight (0 for the others)."""

    unit: np.ndarray
    code: np.ndarray
    weight: np.ndarray
    functions: np.ndarray
    totals: np.ndarray
    min_reordered: float


def prefix_arrays(units: Sequence[Unit],
                  min_reordered: float = MIN_REORDERED) -> tuple[np.ndarray, np.ndarray, ProfileArrays]:
    """`prefix_lists` for a large input, worked out with arrays: the lists as (word, unit) pairs, in two
    arrays, and the profiles."""
    import numpy as np

    from tui.pair_bounds import stop_table
    from tui.word_table import weighed_words

    singles = np.array([i for i, u in enumerate(units) if not u.is_run], dtype=np.int64)
    chosen = [units[i] for i in singles.tolist()]
    if not chosen:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, ProfileArrays(empty, empty, np.zeros(0), np.zeros(len(units), dtype=np.int64),
                                           np.zeros(len(units)), min_reordered)
    vocabulary = chosen[0].vocabulary
    starts, codes, weights, totals = weighed_words(chosen, vocabulary, rarity([u for u in chosen if u.quote is None]))
    codes = codes.astype(np.int64)
    owner = np.repeat(np.arange(len(chosen), dtype=np.int64), np.diff(starts))
    meaningful = ~stop_table(vocabulary.stop, int(codes.max(initial=0)) + 1)[codes]
    count = np.bincount(owner[meaningful], minlength=len(chosen))  # distinct meaningful words
    functions = np.diff(starts) - count
    seen = np.bincount(codes[meaningful])  # units holding each meaningful word
    enough = count >= LEAST_SHARED
    kept = meaningful & enough[owner]
    owner, codes, weights = owner[kept], codes[kept], weights[kept]
    first = np.searchsorted(owner, np.arange(len(chosen)))  # each unit's first word
    ranked = np.lexsort((codes, seen[codes], owner))  # rarest first, ties by code
    taken = np.maximum(_counted_prefixes(count), _weighted_prefixes(weights[ranked], first, count, totals, enough,
                                                                     min_reordered))
    in_prefix = np.arange(len(ranked)) - first[owner] < taken[owner]  # `ranked` keeps each unit's words together
    profiles = ProfileArrays(singles[owner], codes, weights, np.zeros(len(units), dtype=np.int64),
                             np.zeros(len(units)), min_reordered)
    profiles.functions[singles[enough]], profiles.totals[singles[enough]] = functions[enough], totals[enough]
    return codes[ranked][in_prefix], singles[owner[in_prefix]], profiles


def _counted_prefixes(count: np.ndarray) -> np.ndarray:
    """`_counted_prefix` of each count."""
    import numpy as np

    rest = np.maximum(MANY_SHARED, np.ceil(MOST_SHARED * count - MARGIN).astype(np.int64))
    return np.where(count < MANY_SHARED, 0, count - rest + 1)


def _weighted_prefixes(ranked: np.ndarray, first: np.ndarray, count: np.ndarray, totals: np.ndarray,
                       enough: np.ndarray, min_reordered: float) -> np.ndarray:
    """`_weighted_prefix` of each unit with enough words (`ranked`: their weights, each unit's rarest first from
    `first`), the weights taken off one at a time as it takes them."""
    import numpy as np

    need = least_share(min_reordered) * totals * (1 - MARGIN)
    left, taken = totals.copy(), np.zeros(len(totals), dtype=np.int64)
    going = np.flatnonzero(enough & (left >= need))
    while len(going):
        left[going] -= ranked[first[going] + taken[going]]
        taken[going] += 1
        going = going[(taken[going] < count[going]) & (left[going] >= need[going])]
    return taken


def least_share(min_reordered: float = MIN_REORDERED) -> float:
    """The weighted share of a unit's own weight that a pair linked in any order must have in common: from
    200 * shared / (total_a + total_b) >= min_reordered and shared <= either total."""
    share = min(min_reordered, 99.999) / 200.0
    return share / (1.0 - share)


def _counted_prefix(count: int) -> int:
    """Words to take so that two units sharing MANY_SHARED words and MOST_SHARED of each share one of them."""
    if count < MANY_SHARED:
        return 0
    return count - max(MANY_SHARED, math.ceil(MOST_SHARED * count - MARGIN)) + 1


def _weighted_prefix(ranked: list[str], weight: dict[str, float], total: float, min_reordered: float) -> int:
    """Words to take so that the words left (with every function word) weigh less than the rule requires."""
    need = least_share(min_reordered) * total * (1 - MARGIN)
    left = total
    taken = 0
    while taken < len(ranked) and left >= need:
        left -= weight[ranked[taken]]
        taken += 1
    return taken
