"""Candidate pairs as one sorted NumPy array of codes i * n + j: 8 bytes a pair, where a set of tuples takes
about 150 (a million pairs, 150 MB); handed out as tuples only as they are read."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

__all__ = ["Pairs", "Union", "codes_of", "distinct"]


class Pairs:
    """Pairs (i, j), i < j, of `count` units, kept as sorted codes i * count + j; read as tuples in that order."""

    _CHUNK = 1 << 16  # codes turned into tuples at a time

    def __init__(self, codes: np.ndarray, count: int):
        self.codes = codes
        self.count = count

    @classmethod
    def union(cls, parts: Sequence[np.ndarray], count: int) -> Pairs:
        union = Union(count)
        for part in parts:
            union.add(part)
        return cls(union.result(), count)

    def __len__(self) -> int:
        return len(self.codes)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        for start in range(0, len(self.codes), self._CHUNK):
            chunk = self.codes[start : start + self._CHUNK]
            yield from zip((chunk // self.count).tolist(), (chunk % self.count).tolist())

    def __contains__(self, pair: object) -> bool:
        if not (isinstance(pair, tuple) and len(pair) == 2):
            return False
        code = pair[0] * self.count + pair[1]
        at = int(np.searchsorted(self.codes, code))
        return at < len(self.codes) and int(self.codes[at]) == code


class Union:
    """The sorted distinct codes of many sorted arrays of pair codes, gathered by ranges of codes and merged a
    range at a time as they grow, so that no step sorts every pair found at once."""

    _RANGES = 64

    def __init__(self, count: int):
        self.bounds = np.linspace(0, count * count, self._RANGES + 1).astype(np.int64)
        self.bounds[-1] = count * count
        self.merged = [np.zeros(0, dtype=np.int64) for _ in range(self._RANGES)]
        self.waiting: list[list[np.ndarray]] = [[] for _ in range(self._RANGES)]

    def add(self, codes: np.ndarray) -> None:
        cuts = np.searchsorted(codes, self.bounds)
        for number in range(self._RANGES):
            if cuts[number + 1] > cuts[number]:
                self.waiting[number].append(codes[cuts[number] : cuts[number + 1]].copy())
                if sum(map(len, self.waiting[number])) > max(len(self.merged[number]), 1 << 16):
                    self._merge(number)

    def _merge(self, number: int) -> None:
        self.merged[number] = distinct(np.concatenate([self.merged[number], *self.waiting[number]]))
        self.waiting[number] = []

    def result(self) -> np.ndarray:
        for number in range(self._RANGES):
            self._merge(number)
        return np.concatenate(self.merged)


def codes_of(pairs: set[tuple[int, int]], count: int) -> np.ndarray:
    """Pairs found as tuples, as sorted codes."""
    flat = np.fromiter((i * count + j for i, j in pairs), dtype=np.int64, count=len(pairs))
    return np.sort(flat)


def distinct(values: np.ndarray, counts: bool = False):
    """The sorted distinct values (and how often each occurs): by sorting, which on these integer arrays is
    many times faster than `np.unique`'s hashing in NumPy 2.3 and later."""
    values = np.sort(values)
    first = np.ones(len(values), dtype=bool)
    first[1:] = values[1:] != values[:-1]
    if not counts:
        return values[first]
    starts = np.flatnonzero(first)
    return values[starts], np.diff(np.r_[starts, len(values)])
