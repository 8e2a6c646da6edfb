"""Order-independent N-way alignment of sentences and quotations across articles."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

from tui.batch import collector_paused
from tui.conflicts import all_figures, find_conflicts
from tui.corrections import JOIN, Correction
from tui.forking import FORK_FROM, ForkFailed, Part, Shares, can_fork, in_chunks
from tui.grouping import build_groups
from tui.candidates import ARRAYS_FROM, candidates, prefix_array, word_array
from tui.linking import Link, Unit, Units, rarity
from tui.model import AppliedCorrection, Alignment, Article, GroupKind, LinkKind
from tui.phrases import SharedRuns, candidate_codes, phrase_groups
from tui.quote_context import QuoteContext
from tui.scoring import UNMARKED_SHARE, UNMARKED_WORDS, AlignSettings, Scorer, unmarked_score

__all__ = ["AlignSettings", "align"]

_KIND_ORDER = {GroupKind.SENTENCE: 0, GroupKind.QUOTE: 1, GroupKind.PHRASE: 2}


def align(articles: list[Article], settings: AlignSettings | None = None,
          corrections: Sequence[Correction] = ()) -> Alignment:
    """Group the sentences and quotations that the articles share, wherever each article placed them, with
    the user's corrections applied over the engine's own links."""
    # The cycle collector would walk a corpus's millions of units, pairs and links again and again (a tenth of
    # the CPU at 2,000 articles) and find next to nothing (454 objects over 400 articles).
    with collector_paused():
        return _align(articles, settings or AlignSettings(), corrections)


def _align(articles: list[Article], settings: AlignSettings, corrections: Sequence[Correction]) -> Alignment:
    fork = len(articles) >= FORK_FROM  # a large input: parts of the work are done by forked copies
    # The articles' figures depend on nothing else. A large input's first articles' are found by a forked copy
    # while this process makes the units (nothing else can be done meanwhile), the others' later.
    early = int(len(articles) * _EARLY_FIGURES) if fork else 0
    early_figures = Part(lambda: all_figures(articles[:early]), fork=fork)
    factory = Units(articles)
    sentences = factory.sentences()
    units = sentences + factory.runs()
    # For a large input the order-free rule's candidate pairs, the slowest to find, are found meanwhile by a
    # forked copy of this process (with the units' sketches, for its bounds, made there) ...
    prefix = Part(lambda: prefix_array(units, settings.min_reordered, _sketches(units, factory.vocabulary.stop)),
                  fork=fork) if len(units) >= ARRAYS_FROM else None
    quotes = factory.quotes(shortest=2)
    # ... and the sentences that carry a quotation without its marks, which need only the units, by another,
    # as do the pairs of units sharing meaningful words.
    unmarked = Part(lambda: _quoted_without_marks(quotes, units, factory.vocabulary.stop), fork=fork)
    words = Part(lambda: word_array(units), fork=fork) if len(units) >= ARRAYS_FROM else None
    discount = rarity(sentences)
    quote_links = _links(quotes, Scorer(quotes, settings, discount), reorder=False)
    sentence_links = _links(units, Scorer(units, settings, discount), reorder=True, stop=factory.vocabulary.stop,
                            prefix=prefix.value if prefix is not None else None, fork=fork,
                            words=words.value if words is not None else None)
    # The other articles' figures are found by a forked copy while this process groups, which only it can do.
    figures = Part(lambda: all_figures(articles[early:], early), fork=fork)
    # ... as are the pairs of sentences that may share wording, which depend only on the sentences.
    phrase_pairs = Part(lambda: candidate_codes(factory, sentences), fork=fork)
    sentence_links = _in_context(units, sentence_links)
    sentence_links += _links_through_quotes(quotes, quote_links, units, settings)
    sentence_links += unmarked.value()
    joins, apart, applied = _corrections(articles, units, corrections)
    groups = build_groups(units, sentence_links + joins, GroupKind.SENTENCE, apart)
    # A large input's shared wording is looked for by a forked copy while this process links the quotations
    # (the quotation groups, not known yet, are left out after); this process takes what is left when it is done.
    told_sentences, runs = list(groups), SharedRuns(factory, sentences, phrase_pairs.value())
    begun = runs.begin(told_sentences) if fork and runs.large and can_fork() else None
    context = QuoteContext(groups, sentences, discount)
    quote_links = _links(quotes, Scorer(quotes, settings, discount, context), reorder=False)
    groups += build_groups(quotes, quote_links, GroupKind.QUOTE, apart)
    # The figure conflicts need only these groups, in their final order (shared wording tells no story and
    # places no figure): a large input's are worked out by a forked copy while this process finds the wording.
    told, all_figures_found = sorted(groups, key=_reading_order), early_figures.value() + figures.value()
    conflicts = Part(lambda: find_conflicts(articles, told, all_figures_found), fork=fork)
    groups += phrase_groups(factory, sentences, groups, runs, begun)
    groups.sort(key=_reading_order)
    for number, group in enumerate(groups):
        group.id = number + 1
    _closest(factory, groups, sentences, discount)
    return Alignment(articles=articles, groups=groups, conflicts=conflicts.value(), corrections=applied)


def _reading_order(group) -> tuple:
    return _KIND_ORDER[group.kind], min((m.article, m.start) for m in group.members)


def _closest(factory: Units, groups: list, sentences: list[Unit], discount: dict[str, float]) -> None:
    """Fill each group's closest passages; for a large input, on two cores: a forked copy takes groups as this
    process does, a few at a time."""
    # Imported here: the search needs NumPy, which the reader need not load to open a story from the cache.
    from tui.absence import ClosestSearch, find_closest, find_trims

    if len(factory.articles) < FORK_FROM or not can_fork():
        find_closest(factory, groups, sentences, discount)
        find_trims(factory, groups, sentences, discount)  # within one story only: a corpus is larger
        return
    search, shares = ClosestSearch(factory, groups, sentences, discount), Shares(len(groups))
    other = Part(lambda: search.fill(search.in_order(shares)), fork=True)
    mine = search.fill(search.in_order(shares))
    try:
        theirs = other.result()
    except ForkFailed:  # the copy ended early (out of memory): its part is worked out here
        theirs = search.fill(n for n in range(len(groups)) if n not in mine)
    for number, closest in theirs.items():
        groups[number].closest = closest


def _corrections(articles: list[Article], units: list[Unit], corrections: Sequence[Correction]):
    """The user's joins as links, the user's splits as pairs kept apart, and which corrections still apply."""
    where = {(u.article, u.sentence): i for i, u in enumerate(units) if not u.is_run}
    joins: list[Link] = []
    apart: set[frozenset] = set()
    applied = []
    for correction in corrections:
        a, b = correction.a.find(articles), correction.b.find(articles)
        found = a is not None and b is not None and a[0] != b[0] and a in where and b in where
        applied.append(AppliedCorrection(correction, a, b) if found else AppliedCorrection(correction, None, None))
        if not found:
            continue
        if correction.action == JOIN:
            joins.append(Link(where[a], where[b], 100.0, LinkKind.USER))
        else:
            apart.add(frozenset({a, b}))
    return joins, apart, applied


def _links(units: list[Unit], scorer: Scorer, *, reorder: bool, stop: Collection[str] | None = None,
           prefix: Callable[[], Any] | None = None, fork: bool = False,
           words: Callable[[], Any] | None = None) -> list[Link]:
    """Every candidate pair that scores as a match; runs are scored against single sentences only. With the
    function words' codes (`stop`), sentences and runs are scored only where some rule could link them."""
    where = {(u.article, u.sentence): i for i, u in enumerate(units) if not u.is_run and u.quote is None}
    runs = [u.is_run for u in units]
    keep = None
    if stop is not None and len(units) >= BOUNDS_FROM:
        from tui.pair_bounds import kept_in_order, worth_scoring

        keep = worth_scoring(units, stop, scorer.settings)
    found = candidates(units, reorder=reorder, min_reordered=scorer.settings.min_reordered, prefix=prefix, keep=keep,
                       words=words, fork=fork)
    if keep is not None and not hasattr(found, "codes"):  # a small input's set, sifted the same way (in tests)
        found = kept_in_order(found, keep, len(units))
    # In the candidates' own order: links of equal strength are grouped in the order they come. A large
    # input's pairs are scored a slice at a time, on two cores with `fork`.
    codes = getattr(found, "codes", None)
    if codes is None:
        return _scored(units, scorer, where, runs, found)
    from tui.pair_codes import Pairs

    def scored(chunk: int) -> list[Link]:
        return _scored(units, scorer, where, runs, Pairs(codes[chunk * _SLICE : (chunk + 1) * _SLICE], len(units)))

    return in_chunks(-(-len(codes) // _SLICE), scored, fork)


_SLICE = 1 << 16  # candidate pairs scored as one share of the work
# The share of a large input's articles whose figures are found while the units are made: about as long as
# making them takes (measured at 2,000 to 10,000 articles), so that this work does not delay the next.
_EARLY_FIGURES = 0.4


def _scored(units: list[Unit], scorer: Scorer, where: dict, runs: list[bool], found) -> list[Link]:
    links = []
    pairs = _oriented(found, runs)
    possible = _run_prefilter(units, runs, pairs, scorer.settings)
    for (a, b), may in zip(pairs, possible):
        if not may:
            continue
        if runs[a]:  # a run, against a single sentence
            parts = [units[where[(units[a].article, s)]] for s in units[a].sentences]
            link = scorer.run_link(a, b, parts)
        else:
            link = scorer.link(a, b)
        if link is not None:
            links.append(link)
    return links


def _oriented(found, runs: list[bool]) -> list[tuple[int, int]]:
    """The candidate pairs, each run first, pairs of two runs left out."""
    return [(b, a) if runs[b] else (a, b) for a, b in found if not (runs[a] and runs[b])]


def _sketches(units: list[Unit], stop: Collection[str]):
    """The units' sketches, which bound the words two units share, where there are enough units to use them."""
    if len(units) < BOUNDS_FROM:
        return None
    from tui.pair_bounds import Sketches

    return Sketches(units, stop)


# From this many sentences and runs on, candidate pairs are first checked in bulk for enough words in common
# that some rule could link them (where a large input's candidates are an array already).
BOUNDS_FROM = ARRAYS_FROM


# From this many pairs of a run and a sentence on, their whole-passage scores are worked out in one call on
# every core (fewer are scored one by one, without loading NumPy).
BULK_FROM = 2_000


def _run_prefilter(units: list[Unit], runs: list[bool], pairs: list[tuple[int, int]], settings: AlignSettings):
    """For each pair, False where it is a run and a sentence whose whole-passage score is below the threshold,
    which `Scorer.run_link` requires first (the same score, so no pair it would link is left out)."""
    at = [k for k, (run, _) in enumerate(pairs) if runs[run]]
    possible = [True] * len(pairs)
    if len(at) < BULK_FROM:
        return possible
    import numpy as np
    from rapidfuzz import fuzz, process

    scored = []
    for k in at:
        if len(units[pairs[k][1]].code) < settings.min_words:
            possible[k] = False  # a run is never scored against a sentence this short
        else:
            scored.append(k)
    scores = process.cpdist([units[pairs[k][0]].code for k in scored], [units[pairs[k][1]].code for k in scored],
                            scorer=fuzz.ratio, dtype=np.float64, workers=-1)
    # A hair under the threshold: the scorer itself decides at the threshold.
    for k in np.flatnonzero(scores < settings.min_score - _BULK_MARGIN).tolist():
        possible[scored[k]] = False
    return possible


_BULK_MARGIN = 1e-6


def _in_context(units: list[Unit], links: list[Link]) -> list[Link]:
    """Very short sentences ("That is false.") stay linked only where a neighbour is linked too."""
    asked = set()  # the neighbours of each weak link's ends, which a strong link must join
    for link in links:
        if link.weak:
            a, b = units[link.a], units[link.b]
            asked.add((a.article, a.sentence - 1, b.article, b.sentence - 1))
            asked.add((a.article, a.last + 1, b.article, b.last + 1))
    if not asked:
        return list(links)
    asked |= {(c, t, a, s) for a, s, c, t in asked}  # a strong link joins them either way round
    articles = {(a, c) for a, _, c, _ in asked}  # most strong links join other articles: passed over at once
    joined = set()
    for link in links:
        a, b = units[link.a], units[link.b]
        if not link.weak and (a.article, b.article) in articles:
            joined.update(key for s in range(a.sentence, a.last + 1) for t in range(b.sentence, b.last + 1)
                          if (key := (a.article, s, b.article, t)) in asked)
    kept = []
    for link in links:
        if not link.weak:
            kept.append(link)
            continue
        a, b = units[link.a], units[link.b]
        around = ((a.sentence - 1, b.sentence - 1), (a.last + 1, b.last + 1))
        if any((a.article, s, b.article, t) in joined or (b.article, t, a.article, s) in joined for s, t in around):
            kept.append(link)
    return kept


def _quoted_without_marks(quotes: list[Unit], units: list[Unit], stop: Collection[str]) -> list[Link]:
    """A sentence that carries another outlet's quotation without its marks (reported speech: "he fully
    accepts the responsibility for ...") belongs with the sentence that quotes it."""
    sentences = [u for u in units if not u.is_run]
    where = {(u.article, u.sentence): i for i, u in enumerate(units) if not u.is_run}
    long = [q for q in quotes if len(q.code) >= UNMARKED_WORDS]
    pool = long + sentences
    links = []
    cut = None
    if len(pool) >= BOUNDS_FROM:
        from tui.pair_bounds import unmarked_pairs

        cut = unmarked_pairs(pool, len(long), stop, UNMARKED_SHARE)
    for i, j in _quote_and_sentence(candidates(pool, reorder=False, keep=cut, below=len(long)), len(long), len(pool)):
        quote, sentence = (pool[i], pool[j]) if i < len(long) <= j else (None, None)
        if quote is None or quote.article == sentence.article:
            continue
        score = unmarked_score(quote, sentence)
        own = where.get((quote.article, quote.sentence))
        if score and own is not None:
            links.append(Link(own, where[(sentence.article, sentence.sentence)], score, LinkKind.QUOTATION))
    return links


def _quote_and_sentence(found, quotes: int, count: int):
    """The pairs of a quotation (numbered below `quotes`) and a sentence; a large input's (sorted codes i * count
    + j, i < j) cut out of its array, not read pair by pair."""
    if not hasattr(found, "codes"):
        return found
    from tui.pair_bounds import quote_and_sentence

    codes = quote_and_sentence(found.codes, quotes, count)
    return zip((codes // count).tolist(), (codes % count).tolist())


def _links_through_quotes(quotes: list[Unit], quote_links: list[Link], units: list[Unit], settings: AlignSettings) -> list[Link]:
    """Sentences that carry the same substantial quotation belong together, whatever their lead-in."""
    where = {(u.article, u.sentence): i for i, u in enumerate(units) if not u.is_run}
    links = []
    for link in quote_links:
        a, b = quotes[link.a], quotes[link.b]
        if min(len(a.code), len(b.code)) < settings.min_words:
            continue
        sa, sb = where.get((a.article, a.sentence)), where.get((b.article, b.sentence))
        if sa is not None and sb is not None:
            links.append(Link(sa, sb, link.score, LinkKind.QUOTATION))
    return links
