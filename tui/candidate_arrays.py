"""Candidate pairs for large inputs, found as `tui.candidates` finds them but with NumPy arrays.

Each run of words becomes a 64-bit hash in one array beside the number of its unit; sorting the array puts
the units sharing a run side by side. A dict of the runs as strings, as small inputs use, would take more
than a gigabyte at 10,000 articles; these arrays take a tenth of that and are built in a few calls. The pairs
found stay one sorted array of codes (`tui.pair_codes`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

import numpy as np

from tui.candidate_prefix import ProfileArrays, passes
from tui.forking import can_fork, shared_out
from tui.pair_codes import Union, distinct as _distinct
from tui.candidates import CROWDED_UNITS, PAIR_BUDGET, RUN_LEVELS, SHARED_WORDS

_MIX = np.uint64(0x9E3779B97F4A7C15)
_SHIFT = np.uint64(29)


def run_pairs(codes: Sequence[str], articles: Sequence[int], keep: Callable[[np.ndarray], np.ndarray] | None = None,
              below: int | None = None, fork: bool = False) -> np.ndarray:
    """Pairs of units from different articles sharing a run of words, crowded runs replaced by longer ones;
    with `keep`, only those it keeps of each slice of them found; with `below`, only pairs made from runs that
    a unit numbered below it holds (the others are never made); with `fork`, the slices shared out between
    this process and a forked copy."""
    owners = np.asarray(articles, dtype=np.int64)
    chosen = np.arange(len(codes), dtype=np.int64)
    union = Union(len(codes))
    for length, budget in RUN_LEVELS:
        slices = _key_slices([codes[i] for i in chosen.tolist()], length)

        def paired(pieces: Iterable[tuple[np.ndarray, np.ndarray]], found: Union) -> np.ndarray:
            """The pairs of these slices of runs, added to `found` (those kept), and the crowded runs' units."""
            crowded = [np.zeros(0, dtype=np.int64)]
            for keys, units in pieces:
                pairs, crowd = _slice_pairs(keys, chosen[units], owners, budget, below)
                pairs = _distinct(pairs)  # a pair shares many runs: its copies go as soon as they are found
                found.add(keep(pairs) if keep is not None else pairs)
                crowded.append(crowd)
            return np.concatenate(crowded)

        if fork and can_fork():  # every slice is made first, then each goes to whichever process asks first
            held = list(slices)

            def share(numbers: Iterable[int]) -> tuple[np.ndarray, np.ndarray, list[int]]:
                """The pairs kept and the crowded runs' units of the slices numbered in `numbers`, and which."""
                found, done = Union(len(codes)), []

                def taken() -> Iterator[tuple[np.ndarray, np.ndarray]]:
                    for number in numbers:
                        done.append(number)
                        yield held[number]

                crowd = paired(taken(), found)
                return found.result(), crowd, done

            parts = shared_out(len(held), share, fork)
            for pairs, _, _ in parts:
                union.add(pairs)
            crowd = np.concatenate([crowd for _, crowd, _ in parts])
        else:  # a slice at a time, each let go once paired
            crowd = paired(slices, union)
        chosen = _distinct(crowd)
        if not len(chosen):
            break
    return union.result()


def word_pairs(content: Iterable[str], articles: Sequence[int]) -> np.ndarray:
    """Pairs of units that share at least three meaningful words (each unit's given as one string of codes),
    each word's list under the pair budget."""
    words = list(content)  # strings of a few codes: a set of each unit's words would take ten times the room
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    keys = np.frombuffer("".join(words).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    units = np.repeat(np.arange(len(words), dtype=np.int64), lengths)
    del words
    raw = _raw_pairs(keys, units, np.asarray(articles, dtype=np.int64), PAIR_BUDGET)[0]
    del keys, units
    # Counted a slice of the pairs at a time (by the pair's code), so the count never sorts them all at once.
    slices = max(1, sum(len(r) for r in raw) // _SLICE)
    shared = []
    for part in range(slices):
        found, counts = _distinct(np.concatenate([r[r % slices == part] for r in raw]), counts=True)
        shared.append(found[counts >= SHARED_WORDS])
    return np.sort(np.concatenate(shared))


def prefix_pairs(words: np.ndarray, units: np.ndarray, profiles: ProfileArrays, articles: Sequence[int],
                 shared_bound: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None) -> np.ndarray:
    """The pairs of units sharing one of their rarest words (`words` and `units`: which units hold which word
    among them) that the order-free rule could link (`tui.candidate_prefix`), checked a slice at a time
    against the words they share; with `shared_bound` (at most how many meaningful words units a and b
    share), pairs that cannot share enough are dropped first, by a check far cheaper than the word-by-word one
    (half the pairs of a corpus share only one or two words)."""
    count = len(articles)
    keys = words.astype(np.uint64)
    lengths = np.bincount(words)  # of each word's list
    checked = _Words(profiles, count)
    union = Union(count)
    # Sliced by the pairs the lists make, not by their length: a list of 80 units makes 3,160 pairs.
    for found, _ in _sliced_pairs(keys, units, np.asarray(articles, dtype=np.int64), None,
                                  int((lengths.astype(np.float64) ** 2).sum() / 2) // _SLICE):
        found = _distinct(found)
        step = _SLICE // 8  # each pair is checked word by word: a row per meaningful word of its first unit
        for start in range(0, len(found), step):
            codes = found[start : start + step]
            if shared_bound is not None:
                codes = codes[checked.may_link(codes, count, shared_bound)]
            union.add(codes[checked.could_link(codes, count)])
    return union.result()


class _Words:
    """The profiles' words as arrays: each unit's meaningful words (by code) and weights, sorted by unit."""

    def __init__(self, profiles: ProfileArrays, count: int):
        self.min_reordered = profiles.min_reordered
        self.length = np.bincount(profiles.unit, minlength=count)
        self.start = np.cumsum(self.length) - self.length
        self.functions, self.totals = profiles.functions, profiles.totals
        # Units come in order and each unit's words sorted, so these keys are sorted too.
        self.keys = (profiles.unit << 21) | profiles.code
        self.weights = profiles.weight
        # Each unit's weights heaviest first, summed: heaviest[start + k] - heaviest[start] is the weight of
        # its k heaviest words.
        self.heaviest = np.r_[0.0, np.cumsum(self.weights[np.lexsort((-self.weights, profiles.unit))])]

    def may_link(self, codes: np.ndarray, count: int, shared_bound) -> np.ndarray:
        """For pair codes, False where the rule cannot link the pair even if the words they may share (at most
        `shared_bound` of them) were each side's heaviest: the rule's test is on upper bounds of what it counts,
        and it only asks for more, so no pair it links is dropped."""
        a, b = codes // count, codes % count
        shared = np.minimum(shared_bound(a, b), np.minimum(self.length[a], self.length[b]))
        weighed = np.minimum(self._heaviest(a, shared), self._heaviest(b, shared))
        return passes(shared, self.length[a], self.length[b], weighed, np.minimum(self.functions[a], self.functions[b]),
                      self.totals[a] + self.totals[b], self.min_reordered)

    def _heaviest(self, units: np.ndarray, words: np.ndarray) -> np.ndarray:
        start = self.start[units]
        return self.heaviest[start + words] - self.heaviest[start]

    def could_link(self, codes: np.ndarray, count: int) -> np.ndarray:
        a, b = codes // count, codes % count
        rows = self.length[a]
        pair = np.repeat(np.arange(len(codes)), rows)
        record = np.repeat(self.start[a] - np.cumsum(rows) + rows, rows) + np.arange(int(rows.sum()))
        wanted = (b[pair] << 21) | (self.keys[record] & ((1 << 21) - 1))
        at = np.minimum(np.searchsorted(self.keys, wanted), len(self.keys) - 1)
        hit = self.keys[at] == wanted
        shared = np.bincount(pair[hit], minlength=len(codes))
        weighed = np.bincount(pair[hit], weights=np.minimum(self.weights[record[hit]], self.weights[at[hit]]),
                              minlength=len(codes))
        return passes(shared, self.length[a], self.length[b], weighed, np.minimum(self.functions[a], self.functions[b]),
                      self.totals[a] + self.totals[b], self.min_reordered)


def _ords(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)


# Keys (or pairs) handled at a time: the runs of a large corpus are hashed, sorted and paired a slice at a time
# (a run's units all fall in one slice), so the temporary arrays stay a few tens of megabytes.
_SLICE = 1 << 18


def _key_slices(codes: list[str], length: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The hash of every run of `length` words that lies inside one unit, with the position of that unit,
    handed out a slice at a time (the hashes with one remainder, so a run's units are all in one slice)."""
    slices = min(max(1, sum(map(len, codes)) // _SLICE), 1 << 15)
    keys: list[list[np.ndarray]] = [[] for _ in range(slices)]
    units: list[list[np.ndarray]] = [[] for _ in range(slices)]
    first = 0
    while first < len(codes):
        last, words = first, 0
        while last < len(codes) and (words < _SLICE or last == first):
            words += len(codes[last])
            last += 1
        batch_keys, batch_units = _batch_keys(codes[first:last], first, length)
        part = (batch_keys % np.uint64(slices)).astype(np.int64)
        order = np.argsort(part, kind="stable")
        cuts = np.searchsorted(part[order], np.arange(slices + 1))
        batch_keys, batch_units = batch_keys[order], batch_units[order]
        for number in range(slices):
            keys[number].append(batch_keys[cuts[number] : cuts[number + 1]])
            units[number].append(batch_units[cuts[number] : cuts[number + 1]])
        first = last
    for number in range(slices):
        slice_keys, slice_units = keys[number], units[number]
        keys[number] = units[number] = []  # the slice is handed out once: its pieces can go after it
        if slice_keys:
            yield np.concatenate(slice_keys), np.concatenate(slice_units)


def _batch_keys(codes: list[str], offset: int, length: int) -> tuple[np.ndarray, np.ndarray]:
    """The runs of one batch of units, numbered from `offset`: every window of the batch's words is
    hashed in place, and the windows that cross from one unit into the next are dropped."""
    lengths = np.fromiter((len(c) for c in codes), dtype=np.int64, count=len(codes))
    words = np.frombuffer("".join(codes).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    owner = np.repeat(np.arange(offset, offset + len(codes), dtype=np.int64), lengths)
    windows = len(words) - length + 1
    if windows <= 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    keys = words[:windows].copy()
    for step in range(1, length):
        keys *= _MIX  # wraps around: a hash, not a number
        keys += words[step : step + windows]
        keys ^= keys >> _SHIFT
    inside = owner[:windows] == owner[length - 1 :]
    return keys[inside], owner[:windows][inside]


def _raw_pairs(keys: np.ndarray, units: np.ndarray, owners: np.ndarray, budget: int | None):
    """The cross-article pairs (as i * n + j codes, i < j) of every key's units, each pair once per key; and
    the units of the keys over `budget`, left out."""
    pairs, crowded = [], [np.zeros(0, dtype=np.int64)]
    for found, crowd in _sliced_pairs(keys, units, owners, budget, len(keys) // _SLICE):
        pairs.append(found)
        crowded.append(crowd)
    return pairs, _distinct(np.concatenate(crowded))


def _sliced_pairs(keys: np.ndarray, units: np.ndarray, owners: np.ndarray, budget: int | None, slices: int):
    """`_slice_pairs` for a slice of the keys at a time (those with one remainder: a key's units stay together)."""
    slices = min(max(1, slices), 1 << 15)
    bucket = (keys % np.uint64(slices)).astype(np.uint16)
    for part in range(slices):
        pick = bucket == part if slices > 1 else slice(None)
        yield _slice_pairs(keys[pick], units[pick], owners, budget)


def _slice_pairs(keys: np.ndarray, units: np.ndarray, owners: np.ndarray, budget: int | None, below: int | None = None):
    """The cross-article pairs of every uncrowded key of the slice, once per key, and the crowded keys' units."""
    order = np.lexsort((units, keys))
    keys, units = keys[order], units[order]
    del order
    fresh = np.ones(len(keys), dtype=bool)
    fresh[1:] = (keys[1:] != keys[:-1]) | (units[1:] != units[:-1])
    keys, units = keys[fresh], units[fresh]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else np.zeros(0, dtype=np.int64)
    sizes = np.diff(np.r_[starts, len(keys)])
    cross, spread = _cross_pairs(keys, owners[units], starts, sizes)
    del keys
    crowded = (sizes > CROWDED_UNITS) & (cross > budget) if budget is not None else np.zeros(len(sizes), dtype=bool)
    useful = (sizes >= 2) & (spread >= 2) & ~crowded
    if below is not None:  # only runs held by a unit numbered below `below` (units are sorted within a run)
        useful &= units[starts] < below
    pairs = [_group_pairs(units, owners, starts[useful & (sizes == size)], int(size))
             for size in _distinct(sizes[useful])]
    crowded_units = _distinct(units[np.repeat(crowded, sizes)])
    return (np.concatenate(pairs) if pairs else np.zeros(0, dtype=np.int64)), crowded_units


def _cross_pairs(keys: np.ndarray, articles: np.ndarray, starts: np.ndarray, sizes: np.ndarray):
    """For each key, the pairs of its units from different articles, and how many articles hold it."""
    order = np.lexsort((articles, keys))
    sorted_keys, sorted_articles = keys[order], articles[order]
    breaks = np.ones(len(keys), dtype=bool)
    breaks[1:] = (sorted_keys[1:] != sorted_keys[:-1]) | (sorted_articles[1:] != sorted_articles[:-1])
    run_starts = np.flatnonzero(breaks)
    run_sizes = np.diff(np.r_[run_starts, len(keys)])
    group = np.searchsorted(starts, run_starts, side="right") - 1
    squares = np.bincount(group, weights=run_sizes.astype(np.float64) ** 2, minlength=len(starts))
    spread = np.bincount(group, minlength=len(starts))
    return (sizes.astype(np.float64) ** 2 - squares) // 2, spread


_PAIRS_AT_ONCE = 1 << 21  # pairs of units made at once before those within one article are dropped


def _group_pairs(units: np.ndarray, owners: np.ndarray, starts: np.ndarray, size: int) -> np.ndarray:
    """The cross-article pairs of every group of `size` units starting at `starts` (units sorted in a group)."""
    left, right = np.triu_indices(size, 1)
    # A few groups at a time: an article that repeats a passage hundreds of times makes groups of hundreds of
    # units, whose pairs within that one article would otherwise all be made at once only to be dropped.
    step = max(1, _PAIRS_AT_ONCE // len(left))
    found = []
    for at in range(0, len(starts), step):
        members = units[starts[at : at + step, None] + np.arange(size)]
        a, b = members[:, left].ravel(), members[:, right].ravel()
        keep = owners[a] != owners[b]
        found.append(a[keep] * len(owners) + b[keep])
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)
