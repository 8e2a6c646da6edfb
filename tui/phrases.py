"""Shared wording inside sentences that otherwise differ: the same run of words, not quoted by either outlet
("Huma Abedin, a longtime aide to Secretary of State Hillary Clinton" in two different sentences)."""

from __future__ import annotations

import bisect
from collections import defaultdict
from difflib import SequenceMatcher
from typing import Any

from rapidfuzz.distance import LCSseq

from tui.forking import ForkFailed, Part, Shares
from tui.grouping import build_groups
from tui.candidates import ARRAYS_FROM, candidates
from tui.linking import Link, Unit, Units
from tui.model import Group, GroupKind, LinkKind
from tui.tokens import word_spans

PHRASE_WORDS = 7  # a shared run this long (in words) is shared wording
PHRASE_CONTENT = 4  # ... and it carries at least this many meaningful words
PHRASE_PLAIN = 2  # ... of which this many are not names or numbers
PHRASE_GAP = 3  # words one side may have that the other lacks, inside the run
PHRASE_RATIO = 0.75  # share of the run's words that both sides have


def phrase_groups(factory: Units, sentences: list[Unit], groups: list[Group], runs: SharedRuns | None = None,
                  begun: Part | None = None) -> list[Group]:
    """Groups of shared runs of words between sentences that no sentence or quotation group already pairs
    (`runs`: the sentences' `SharedRuns`, where made already; `begun`: a forked copy's `SharedRuns.begin`)."""
    grouped = _Grouped(groups)
    found = (runs or SharedRuns(factory, sentences)).found(begun, grouped)
    found = [(left, right) for i, j, (left, right) in found if not grouped.paired(sentences[i], sentences[j])
             and not grouped.taken(left, right[0]) and not grouped.taken(right, left[0])]
    if not found:
        return []
    units, links = _units_and_links(factory, found)
    return build_groups(units, links, GroupKind.PHRASE)


class SharedRuns:
    """The shared run of words of each candidate pair of sentences (`codes`: their `candidate_codes`, where
    worked out already) that the groups do not already pair, with the pair, in the pairs' order. A large
    input's pairs go a slice at a time to whichever process asks first: a forked copy may start on them before
    every group is known (`begin`), and this process takes the rest when it needs them (`found`); without a
    copy, this process takes them all."""

    def __init__(self, factory: Units, sentences: list[Unit], codes: Any = None):
        self.factory, self.sentences = factory, sentences
        self.codes = codes if codes is not None else candidate_codes(factory, sentences)
        self.chunks = -(-len(self.codes) // _AT_ONCE) if self.codes is not None else 0
        self.shares: Shares | None = None  # made only where a copy takes part

    @property
    def large(self) -> bool:
        return self.codes is not None

    def begin(self, groups: list[Group]) -> Part:
        """A forked copy working through the slices no process has taken yet, with these groups known; its
        result is the runs of the slices it took, by slice."""
        self.shares = Shares(self.chunks, step=1)
        return Part(lambda: self._work(_Grouped(groups)), fork=True)

    def found(self, begun: Part | None, grouped: _Grouped) -> list[tuple[int, int, tuple]]:
        """Every pair's run: those of the slices the copy `begun` took, and the rest worked out here."""
        if not self.large:
            return self._runs(candidates(self.sentences, reorder=False), grouped)
        done = self._work(grouped)
        if begun is not None:
            try:
                done.update(begun.result())
            except ForkFailed:  # the copy ended early: its slices are worked out here
                done.update({chunk: self._slice(chunk, grouped) for chunk in range(self.chunks) if chunk not in done})
        return [run for chunk in range(self.chunks) for run in done[chunk]]

    def _work(self, grouped: _Grouped) -> dict[int, list]:
        numbers = self.shares if self.shares is not None else range(self.chunks)
        return {chunk: self._slice(chunk, grouped) for chunk in numbers}

    def _slice(self, chunk: int, grouped: _Grouped) -> list[tuple[int, int, tuple]]:
        part, count = self.codes[chunk * _AT_ONCE : (chunk + 1) * _AT_ONCE], len(self.sentences)
        return self._runs(zip((part // count).tolist(), (part % count).tolist()), grouped)

    def _runs(self, pairs, grouped: _Grouped) -> list[tuple[int, int, tuple]]:
        found = []
        for i, j in pairs:
            x, y = self.sentences[i], self.sentences[j]
            if grouped.paired(x, y) or not _may_share(x, y):
                continue
            # The same orientation whatever the order of the articles, so the result does not depend on it.
            a, b = sorted((x, y), key=lambda unit: (unit.key, unit.article))
            run = _shared_run(self.factory, a, b)
            if run is not None and not grouped.taken(run[0], b.article) and not grouped.taken(run[1], a.article):
                found.append((i, j, run))
        return found


# From this many sentences on, candidate pairs are first checked in bulk for the meaningful words they must share.
BOUNDS_FROM = ARRAYS_FROM
_AT_ONCE = 1 << 16  # pairs checked, and then compared, at a time (a corpus has tens of millions)


def candidate_codes(factory: Units, sentences: list[Unit]):
    """A large input's candidate pairs (codes i * count + j, in order) that may share enough meaningful words (most
    pairs of a corpus share only a run of common words); None for a small input."""
    if len(sentences) < BOUNDS_FROM:
        return None
    import numpy as np

    from tui.pair_bounds import Sketches

    found = candidates(sentences, reorder=False)
    count = len(sentences)
    # A small input's set (in tests) in its own order, as it would be read.
    codes = found.codes if hasattr(found, "codes") else np.fromiter((a * count + b for a, b in found), dtype=np.int64)
    sketches = Sketches(sentences, factory.vocabulary.stop)
    kept = [part[sketches.shared_bound(part // count, part % count) >= PHRASE_CONTENT]
            for part in (codes[at : at + _AT_ONCE] for at in range(0, len(codes), _AT_ONCE))]
    return np.concatenate(kept) if kept else codes


class _Grouped:
    """What the groups already pair: sentences of two outlets in one group, and the stretches of text grouped
    with an outlet's passages (looked up by sentence and article: a corpus has groups of hundreds of members)."""

    def __init__(self, groups: list[Group]):
        self.articles = [group.articles for group in groups]
        self.of_sentence: dict[tuple[int, int], set[int]] = defaultdict(set)
        self.members: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        self.starts: dict[int, list[int]] = {}
        self.longest: dict[int, int] = {}
        for number, group in enumerate(groups):
            for member in group.members:
                for sentence in member.spans:
                    self.of_sentence[(member.article, sentence)].add(number)
                self.members[member.article].append((member.start, member.end, number))

    def paired(self, x: Unit, y: Unit) -> bool:
        """Whether a group holds both sentences (of two articles)."""
        mine = self.of_sentence.get((x.article, x.sentence))
        return bool(mine) and not mine.isdisjoint(self.of_sentence.get((y.article, y.sentence), ()))

    def taken(self, span: tuple[int, int, int], outlet: int) -> bool:
        """Whether the stretch overlaps a member of a group that the outlet is in too."""
        article, start, end = span
        members = self.members.get(article)
        if not members:
            return False
        if article not in self.starts:  # looked up, not scanned: a long article has thousands of members
            members.sort()
            self.starts[article] = [s for s, _, _ in members]
            self.longest[article] = max(e - s for s, e, _ in members)
        # No member is longer than the longest, so none starting before start - longest reaches start.
        first = bisect.bisect_left(self.starts[article], start - self.longest[article])
        last = bisect.bisect_left(self.starts[article], end)
        return any(start < e and outlet in self.articles[number] for _, e, number in members[first:last])


def _may_share(a: Unit, b: Unit) -> bool:
    """Whether two sentences can share wording at all, by two cheap bounds: the run's meaningful words are words
    both carry, and its matched words are a common subsequence of the two, so no longer than their longest one."""
    if len(a.content & b.content) < PHRASE_CONTENT:
        return False
    return LCSseq.similarity(a.code, b.code, score_cutoff=PHRASE_WORDS) >= PHRASE_WORDS


def _shared_run(factory: Units, a: Unit, b: Unit):
    region = _longest_region(a.code, b.code)
    if region is None:
        return None
    (a_start, a_end), (b_start, b_end), matched = region
    if matched == min(len(a.code), len(b.code)):
        return None  # one sentence is wholly inside the other: a fragment, scored elsewhere
    shared = [a.words[k] for k in range(a_start, a_end) if a.code[k] in b.code[b_start:b_end]]
    content = {w for w in shared if a.vocabulary_content(w)}
    # A run of names and titles ("with US Secretary of State John Kerry") is a name, not shared wording.
    plain = {w for w in content if w not in a.capitals and not w[0].isdigit()}
    if len(content) < PHRASE_CONTENT or len(plain) < PHRASE_PLAIN:
        return None
    return _span(factory, a, a_start, a_end - a_start), _span(factory, b, b_start, b_end - b_start)


def _longest_region(a: str, b: str):
    """The longest stretch the two word strings share, allowing gaps of up to a few words on either side
    ("an aide" / "a longtime aide", "Hillary Clinton" / "Hillary Rodham Clinton")."""
    blocks = [m for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if m.size]
    best = None
    for start, first in enumerate(blocks):
        matched = 0
        for end in range(start, len(blocks)):
            if end > start and not _gap(blocks[end - 1], blocks[end]):
                break
            last = blocks[end]
            matched += last.size
            span_a, span_b = (first.a, last.a + last.size), (first.b, last.b + last.size)
            ratio = 2 * matched / (span_a[1] - span_a[0] + span_b[1] - span_b[0])
            if matched >= PHRASE_WORDS and ratio >= PHRASE_RATIO and (best is None or matched > best[2]):
                best = (span_a, span_b, matched)
    return best


def _gap(left, right) -> bool:
    return right.a - (left.a + left.size) <= PHRASE_GAP and right.b - (left.b + left.size) <= PHRASE_GAP


def _span(factory: Units, unit: Unit, first: int, size: int) -> tuple[int, int, int]:
    spans = word_spans(factory.articles[unit.article].text[unit.start : unit.end])
    return unit.article, unit.start + spans[first][0], unit.start + spans[first + size - 1][1]


def _units_and_links(factory: Units, found) -> tuple[list[Unit], list[Link]]:
    """One unit per stretch of text (overlapping runs of one article merged), linked pair by pair."""
    by_article: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for left, right in found:
        for article, start, end in (left, right):
            by_article[article].append((start, end))
    units: list[Unit] = []
    where: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for article, spans in by_article.items():
        for start, end in _merged(spans):
            sentence = _sentence_at(factory, article, start)
            where[article].append((start, end, len(units)))
            units.append(factory.make(article, sentence, sentence, None, start, end))
    links = [Link(_unit_at(where, *left), _unit_at(where, *right), 100.0, LinkKind.WHOLE) for left, right in found]
    return units, links


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _sentence_at(factory: Units, article: int, position: int) -> int:
    return next(s.index for s in factory.articles[article].sentences if s.start <= position < s.end)


def _unit_at(where, article: int, start: int, end: int) -> int:
    return next(index for s, e, index in where[article] if s <= start and end <= e)
