"""Grouping by average linkage, with a cohesion rule so that related but different events stay apart.

Single-link grouping chains: A resembles B, B resembles C, and A and C end up together though they share
nothing but a name. Here two groups join only when the *average* similarity over every pair across them
reaches the threshold (a pair never compared counts as 0), so one strong link cannot carry a whole group.
Average linkage alone still merges two tight groups about neighbouring events (a primary result and a
leadership bid a week later) whose articles all mention the same people: their cross similarity is
moderate everywhere. The cohesion rule asks two groups of two or more articles to be nearly as alike across
as they are within before they join, and one article joining a group to reach half the group's own average.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Linkage:
    """Thresholds of the grouping."""

    threshold: float  # average similarity two groups need to join
    cohesion: float = 0.7  # share of the looser group's own average similarity they need across
    single_cohesion: float = 0.5  # the same for one article joining a group, of that group's average
    cohesion_cap: float = 0.4  # groups of near copies (within 0.9) are asked no more than of ordinary ones


class _Groups:
    """The groups being built: members, the sum of similarities within each, and sums across neighbours."""

    def __init__(self, count: int, pairs: dict[tuple[int, int], float]) -> None:
        self.members: dict[int, list[int]] = {i: [i] for i in range(count)}
        self.within: dict[int, float] = defaultdict(float)
        self.across: dict[int, dict[int, float]] = defaultdict(dict)
        self.version: dict[int, int] = defaultdict(int)
        for (a, b), score in pairs.items():
            self.across[a][b] = self.across[a].get(b, 0.0) + score
            self.across[b][a] = self.across[b].get(a, 0.0) + score

    def inner_average(self, group: int) -> float:
        size = len(self.members[group])
        return self.within[group] / (size * (size - 1) / 2)

    def average_across(self, a: int, b: int) -> float:
        return self.across[a].get(b, 0.0) / (len(self.members[a]) * len(self.members[b]))

    def merge(self, keep: int, gone: int) -> None:
        self.within[keep] += self.within.pop(gone, 0.0) + self.across[keep].pop(gone, 0.0)
        self.members[keep] += self.members.pop(gone)
        for other, score in self.across.pop(gone).items():
            if other == keep:
                continue
            del self.across[other][gone]
            self.across[keep][other] = self.across[keep].get(other, 0.0) + score
            self.across[other][keep] = self.across[keep][other]
        self.version[keep] += 1


def cluster(count: int, pairs: dict[tuple[int, int], float], linkage: Linkage) -> list[list[int]]:
    """Groups of item indexes (singletons included), each sorted, most similar joined first."""
    groups = _Groups(count, pairs)
    heap: list[tuple[float, int, int, int, int]] = []
    for a in range(count):
        for b in groups.across[a]:
            if a < b:
                _push(heap, groups, a, b, linkage)
    while heap:
        negative, a, b, version_a, version_b = heapq.heappop(heap)
        if a not in groups.members or b not in groups.members:
            continue
        if (groups.version[a], groups.version[b]) != (version_a, version_b):
            continue
        groups.merge(a, b)
        for other in list(groups.across[a]):
            _push(heap, groups, a, other, linkage)
    return sorted(sorted(m) for m in groups.members.values())


def _push(heap: list, groups: _Groups, a: int, b: int, linkage: Linkage) -> None:
    """Queue the pair if it may join now; when either group changes the pair is looked at again."""
    score = groups.average_across(a, b)
    if score < linkage.threshold or not _cohesive(groups, a, b, score, linkage):
        return
    heapq.heappush(heap, (-score, min(a, b), max(a, b), *_versions(groups, a, b)))


def _versions(groups: _Groups, a: int, b: int) -> tuple[int, int]:
    low, high = min(a, b), max(a, b)
    return groups.version[low], groups.version[high]


def _cohesive(groups: _Groups, a: int, b: int, score: float, linkage: Linkage) -> bool:
    grown = [g for g in (a, b) if len(groups.members[g]) > 1]
    if not grown:
        return True
    inner = min(min(groups.inner_average(g) for g in grown), linkage.cohesion_cap)
    share = linkage.cohesion if len(grown) == 2 else linkage.single_cohesion
    return score >= share * inner
