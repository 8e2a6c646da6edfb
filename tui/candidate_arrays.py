"""Candidate pairs for large inputs, found as `tui.candidates` finds them but with NumPy arrays.

Each run of words becomes a 64-bit hash in one array beside the number of its unit; sorting the array puts
the units sharing a run side by side. A dict of the runs as strings, as small inputs use, would take more
than a gigabyte at 10,000 articles; these arrays take a tenth of that and are built in a few calls.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tui.candidates import CROWDED_UNITS, PAIR_BUDGET, RUN_LEVELS, SHARED_WORDS

_MIX = np.uint64(0x9E3779B97F4A7C15)
_SHIFT = np.uint64(29)


def run_pairs(codes: Sequence[str], articles: Sequence[int]) -> set[tuple[int, int]]:
    """Pairs of units from different articles sharing a run of words, crowded runs replaced by longer ones."""
    owners = np.asarray(articles, dtype=np.int64)
    chosen = np.arange(len(codes), dtype=np.int64)
    found = []
    for length, budget in RUN_LEVELS:
        keys, units = _run_keys([codes[i] for i in chosen.tolist()], length)
        pairs, crowded = _pairs(keys, chosen[units], owners, budget)
        found.append(pairs)
        if not len(crowded):
            break
        chosen = crowded
    return _as_set(np.unique(np.concatenate(found)), len(codes))


def word_pairs(content: Sequence[Sequence[str]], articles: Sequence[int]) -> set[tuple[int, int]]:
    """Pairs of units that share at least three meaningful words, each word's list under the pair budget."""
    lengths = np.fromiter((len(c) for c in content), dtype=np.int64, count=len(content))
    keys = np.frombuffer("".join("".join(c) for c in content).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    units = np.repeat(np.arange(len(content), dtype=np.int64), lengths)
    pairs, _ = _pairs(keys, units, np.asarray(articles, dtype=np.int64), PAIR_BUDGET)
    shared, counts = np.unique(pairs, return_counts=True)
    return _as_set(shared[counts >= SHARED_WORDS], len(content))


def _run_keys(codes: list[str], length: int) -> tuple[np.ndarray, np.ndarray]:
    """The hash of every run of `length` words that lies inside one unit, and the position of that unit."""
    lengths = np.fromiter((len(c) for c in codes), dtype=np.int64, count=len(codes))
    words = np.frombuffer("".join(codes).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    owner = np.repeat(np.arange(len(codes), dtype=np.int64), lengths)
    offset = np.arange(len(words), dtype=np.int64) - (np.cumsum(lengths) - lengths)[owner]
    first = np.flatnonzero(offset + length <= lengths[owner])
    keys = words[first].copy()
    for step in range(1, length):
        keys = keys * _MIX + words[first + step]  # wraps around: a hash, not a number
        keys ^= keys >> _SHIFT
    return keys, owner[first]


def _pairs(keys: np.ndarray, units: np.ndarray, owners: np.ndarray, budget: int | None) -> tuple[np.ndarray, np.ndarray]:
    """The cross-article pairs (as i * n + j codes, i < j) of every uncrowded key, and the crowded keys' units."""
    order = np.lexsort((units, keys))
    keys, units = keys[order], units[order]
    fresh = np.ones(len(keys), dtype=bool)
    fresh[1:] = (keys[1:] != keys[:-1]) | (units[1:] != units[:-1])
    keys, units = keys[fresh], units[fresh]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else np.zeros(0, dtype=np.int64)
    sizes = np.diff(np.r_[starts, len(keys)])
    cross, spread = _cross_pairs(keys, owners[units], starts, sizes)
    crowded = (sizes > CROWDED_UNITS) & (cross > budget) if budget is not None else np.zeros(len(sizes), dtype=bool)
    useful = (sizes >= 2) & (spread >= 2) & ~crowded
    pairs = [_group_pairs(units, owners, starts[useful & (sizes == size)], int(size))
             for size in np.unique(sizes[useful])]
    crowded_units = np.unique(units[np.repeat(crowded, sizes)])
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


def _group_pairs(units: np.ndarray, owners: np.ndarray, starts: np.ndarray, size: int) -> np.ndarray:
    """The cross-article pairs of every group of `size` units starting at `starts` (units sorted in a group)."""
    members = units[starts[:, None] + np.arange(size)]
    left, right = np.triu_indices(size, 1)
    a, b = members[:, left].ravel(), members[:, right].ravel()
    keep = owners[a] != owners[b]
    return a[keep] * len(owners) + b[keep]


def _as_set(codes: np.ndarray, count: int) -> set[tuple[int, int]]:
    return set(zip((codes // count).tolist(), (codes % count).tolist()))
