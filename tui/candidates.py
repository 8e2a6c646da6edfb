"""Candidate pairs of units: the only pairs scored, found through shared runs of words or shared meaningful words.

A run of three words shared by very many units ("according to the") says nothing about a match, but a
passage that very many articles reprint is shared by just as many. So a crowded run is not dropped: the
units that hold it are compared again by their longer runs (five words, then eight), which the reprints
still share and which unrelated sentences do not. Only units of one or two words, and single meaningful
words, keep a fixed budget.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any, Protocol

from tui.candidate_prefix import MIN_REORDERED, prefix_arrays, prefix_lists

# A list of units sharing one key is crowded when it holds more than this many units and would add more than
# its budget of pairs from different articles; crowded runs of words are replaced by longer ones.
CROWDED_UNITS = 64
PAIR_BUDGET = 2048
RUN_LEVELS: tuple[tuple[int, int | None], ...] = ((3, PAIR_BUDGET), (5, 16 * PAIR_BUDGET), (8, None))
SHARED_WORDS = 3  # meaningful words two units must share to be compared in any order
# From this many units on, runs are hashed into NumPy arrays (a dict of strings would not fit in memory).
ARRAYS_FROM = 20_000


class Matchable(Protocol):
    article: int
    code: str
    content: frozenset[str]

    @property
    def is_run(self) -> bool: ...


def candidates(units: Sequence[Matchable], *, reorder: bool, min_reordered: float = MIN_REORDERED,
               prefix: Callable[[], Any] | None = None, keep: Callable[[Any], Any] | None = None,
               below: int | None = None, words: Callable[[], Any] | None = None,
               fork: bool = False) -> Collection[tuple[int, int]]:
    """Pairs (i < j) of units from different articles that share a run of three words (or a longer run, where
    the three-word run is crowded), the same wording of one or two words, or (with `reorder`) three meaningful
    words none of which is crowded. Large inputs get them as a compact array read as tuples (in order); their
    pairs for the order-free rule (`prefix_array`) and those sharing meaningful words (`word_array`) may be
    worked out elsewhere and handed in by `prefix` and `words`, and `keep` (sorted codes in, those worth
    scoring out; with `any_order`, by every rule) sifts their pairs as they are found, so those that are not
    kept are never all held at once; with `below`, a large input's run pairs are only made where one unit is
    numbered below it (others may come too); with `fork`, a large input's run pairs are found on two cores."""
    articles = [u.article for u in units]
    tiny: dict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        if len(unit.code) < 3:
            tiny[unit.code].append(index)
    pairs: set[tuple[int, int]] = set()
    pairs_from(tiny.values(), articles, pairs, PAIR_BUDGET)
    if len(units) < ARRAYS_FROM:
        pairs |= _run_pairs(units, articles)
        return pairs | word_pairs(units, articles) | _prefix_pairs(units, articles, min_reordered) if reorder else pairs
    from tui import candidate_arrays, pair_codes

    keep = keep or (lambda codes, any_order=False: codes)
    found = [keep(pair_codes.codes_of(pairs, len(units))),
             candidate_arrays.run_pairs([u.code for u in units], articles, keep, below, fork)]
    if reorder:
        found.append(keep(words() if words is not None else word_array(units)))
        # Only these pairs can be linked in any order: the others are kept where another rule could link them.
        found.append(keep(prefix() if prefix is not None else prefix_array(units, min_reordered), any_order=True))
    return pair_codes.Pairs.union(found, len(units))


def prefix_array(units: Sequence[Matchable], min_reordered: float = MIN_REORDERED, sketches: Any = None):
    """A large input's pairs of units that the order-free rule could link, found by their rarest words (with
    `sketches`, a `tui.pair_bounds.Sketches` of the units, the pairs sharing too few words dropped early)."""
    from tui import candidate_arrays

    return candidate_arrays.prefix_pairs(*prefix_arrays(units, min_reordered), [u.article for u in units],
                                         sketches.shared_bound if sketches is not None else None)


def word_array(units: Sequence[Matchable]):
    """A large input's pairs of single units sharing three meaningful words (see `word_pairs`), as codes."""
    from tui import candidate_arrays

    content = ("" if u.is_run else "".join(u.content) for u in units)
    return candidate_arrays.word_pairs(content, [u.article for u in units])


def _run_pairs(units: Sequence[Matchable], articles: list[int]) -> set[tuple[int, int]]:
    """Pairs sharing a run of words, each crowded run replaced by the longer runs of the units holding it."""
    pairs: set[tuple[int, int]] = set()
    crowded: Iterable[int] = range(len(units))
    for length, budget in RUN_LEVELS:
        postings: dict[str, list[int]] = defaultdict(list)
        for index in crowded:
            code = units[index].code
            for run in {code[i : i + length] for i in range(len(code) - length + 1)}:
                postings[run].append(index)
        crowded = sorted(pairs_from(postings.values(), articles, pairs, budget))
        if not crowded:
            break
    return pairs


def _prefix_pairs(units: Sequence[Matchable], articles: list[int], min_reordered: float) -> set[tuple[int, int]]:
    """Pairs that the order-free rule could link, found by their rarest words (see `tui.candidate_prefix`)."""
    lists, profiles = prefix_lists(units, min_reordered)
    found: set[tuple[int, int]] = set()
    pairs_from(lists.values(), articles, found, None)
    return {(a, b) for a, b in found if profiles.could_link(a, b)}


def word_pairs(units: Sequence[Matchable], articles: list[int]) -> set[tuple[int, int]]:
    """Pairs of single units (not runs) that share at least three meaningful words, crowded words left out."""
    by_word: dict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        if not unit.is_run:
            for code in unit.content:
                by_word[code].append(index)
    shared: Counter[tuple[int, int]] = Counter()
    found: set[tuple[int, int]] = set()
    for members in by_word.values():
        found.clear()
        pairs_from([members], articles, found, PAIR_BUDGET)
        shared.update(found)
    return {pair for pair, count in shared.items() if count >= SHARED_WORDS}


def pairs_from(lists: Iterable[list[int]], articles: list[int], pairs: set[tuple[int, int]], budget: int | None) -> set[int]:
    """Add the cross-article pairs of every list to `pairs`; return the units of the crowded lists, not added."""
    crowded: set[int] = set()
    for members in lists:
        if len(members) < 2:
            continue
        by_article: dict[int, list[int]] = defaultdict(list)
        for index in members:
            by_article[articles[index]].append(index)
        if len(by_article) < 2:
            continue
        if budget is not None and is_crowded(len(members), [len(m) for m in by_article.values()], budget):
            crowded.update(members)
            continue
        groups = list(by_article.values())
        for i, left in enumerate(groups):
            for right in groups[i + 1 :]:
                pairs.update((a, b) if a < b else (b, a) for a in left for b in right)
    return crowded


def is_crowded(count: int, per_article: list[int], budget: int) -> bool:
    """Whether a list of units would add more than `budget` cross-article pairs.

    Counting cross-article pairs, not units, keeps an article that repeats itself from hiding its matches.
    """
    if count <= CROWDED_UNITS:
        return False
    return (count**2 - sum(n * n for n in per_article)) // 2 > budget
