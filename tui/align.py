"""Order-independent N-way alignment of sentences and quotations across articles."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from tui.figures import find_conflicts
from tui.model import Alignment, Article, Group, GroupKind, Member
from tui.tokens import Vocabulary, normalise


@dataclass(frozen=True)
class AlignSettings:
    """Thresholds of the alignment; every one can be set from the command line."""

    min_score: float = 65.0  # word-level similarity that links two whole sentences
    min_partial: float = 85.0  # how well a shorter passage must fit inside a longer one
    min_words: int = 6  # shortest passage that may match as a part of a longer one
    min_quote_words: int = 4  # shorter quotations never form a group
    exact_score: float = 90.0  # passages shorter than min_words must match (almost) word for word


# Shingles found in more units than this are checked for how many cross-article pairs they would add.
_PAIR_BUDGET_UNITS = 64
_PAIR_BUDGET = 2048


@dataclass
class Unit:
    """A sentence or quotation prepared for matching."""

    article: int
    sentence: int
    quote: int | None
    start: int
    end: int
    code: str
    content: frozenset[str]


@dataclass(frozen=True)
class Link:
    a: int
    b: int
    score: float


def align(articles: list[Article], settings: AlignSettings | None = None) -> Alignment:
    """Group the sentences and quotations that the articles share, wherever each article placed them."""
    settings = settings or AlignSettings()
    vocabulary = Vocabulary()
    sentences = _sentence_units(articles, vocabulary)
    quotes = _quote_units(articles, vocabulary, settings)
    sentence_links = find_links(sentences, settings)
    quote_links = find_links(quotes, settings)
    sentence_links += _links_through_quotes(quotes, quote_links, sentences, settings)
    groups = _groups(sentences, sentence_links, GroupKind.SENTENCE) + _groups(quotes, quote_links, GroupKind.QUOTE)
    groups.sort(key=lambda g: (g.kind is GroupKind.QUOTE, min((m.article, m.start) for m in g.members)))
    for number, group in enumerate(groups):
        group.id = number + 1
    return Alignment(articles=articles, groups=groups, conflicts=find_conflicts(articles))


def _unit(article: int, sentence: int, quote: int | None, start: int, end: int, text: str, vocabulary: Vocabulary) -> Unit:
    words = normalise(text)
    code = vocabulary.encode(words)
    return Unit(article, sentence, quote, start, end, code, vocabulary.content(words))


def _sentence_units(articles: list[Article], vocabulary: Vocabulary) -> list[Unit]:
    units = []
    for a, article in enumerate(articles):
        for s in article.sentences:
            if s.aligned:
                units.append(_unit(a, s.index, None, s.start, s.end, article.text[s.start : s.end], vocabulary))
    return units


def _quote_units(articles: list[Article], vocabulary: Vocabulary, settings: AlignSettings) -> list[Unit]:
    """Quotations cut at sentence ends, so a quotation spanning two sentences matches each part where it is."""
    units = []
    for a, article in enumerate(articles):
        for q in article.quotes:
            for s in article.sentences[q.sentence :]:
                if s.start >= q.end:
                    break
                start, end = max(q.start, s.start), min(q.end, s.end)
                if not s.aligned or start >= end:
                    continue
                unit = _unit(a, s.index, q.index, start, end, article.text[start:end], vocabulary)
                if len(unit.code) >= settings.min_quote_words:
                    units.append(unit)
    return units


def find_links(units: list[Unit], settings: AlignSettings) -> list[Link]:
    """Pairs of units from different articles that carry the same wording."""
    links = []
    for a, b in _candidates(units):
        score = score_pair(units[a], units[b], settings)
        if score is not None:
            links.append(Link(a, b, score))
    return links


def _candidates(units: list[Unit]) -> set[tuple[int, int]]:
    """Pairs from different articles that share a run of three words; only those are scored."""
    postings: dict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        for shingle in {unit.code[i : i + 3] for i in range(len(unit.code) - 2)}:
            postings[shingle].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) < 2:
            continue
        by_article = _by_article(members, units)
        if len(by_article) < 2 or _too_common(len(members), by_article):
            continue
        groups = list(by_article.values())
        for i, left in enumerate(groups):
            for right in groups[i + 1 :]:
                pairs.update((a, b) if a < b else (b, a) for a in left for b in right)
    return pairs


def _by_article(members: list[int], units: list[Unit]) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = defaultdict(list)
    for index in members:
        grouped[units[index].article].append(index)
    return grouped


def _too_common(count: int, by_article: dict[int, list[int]]) -> bool:
    """A run of three words shared by very many pairs ("according to the") says nothing about a match.

    Counting cross-article pairs, not units, keeps an article that repeats itself from hiding its matches.
    """
    if count <= _PAIR_BUDGET_UNITS:
        return False
    cross_pairs = (count**2 - sum(len(m) ** 2 for m in by_article.values())) // 2
    return cross_pairs > _PAIR_BUDGET


def score_pair(a: Unit, b: Unit, settings: AlignSettings) -> float | None:
    """The similarity of two units if they match, else None."""
    short, long = (a, b) if len(a.code) <= len(b.code) else (b, a)
    needed = settings.min_score if len(short.code) >= settings.min_words else settings.exact_score
    whole = fuzz.ratio(a.code, b.code, score_cutoff=needed)
    if whole:
        return round(whole, 1)
    if len(short.code) < settings.min_words or not _enough_shared(short, long):
        return None
    part = fuzz.partial_ratio_alignment(short.code, long.code, score_cutoff=settings.min_partial)
    return round(part.score, 1) if part else None


def _enough_shared(short: Unit, long: Unit) -> bool:
    """A fragment must bring most of its meaningful words with it, not just "the US military said"."""
    if not short.content:
        return False
    shared = len(short.content & long.content)
    return shared >= 3 and shared >= 0.6 * len(short.content)


def _links_through_quotes(
    quotes: list[Unit], quote_links: list[Link], sentences: list[Unit], settings: AlignSettings
) -> list[Link]:
    """Sentences that carry the same substantial quotation belong together, whatever their lead-in."""
    where = {(u.article, u.sentence): i for i, u in enumerate(sentences)}
    links = []
    for link in quote_links:
        a, b = quotes[link.a], quotes[link.b]
        if min(len(a.code), len(b.code)) < settings.min_words:
            continue
        sa, sb = where.get((a.article, a.sentence)), where.get((b.article, b.sentence))
        if sa is not None and sb is not None:
            links.append(Link(sa, sb, link.score))
    return links


def _groups(units: list[Unit], links: list[Link], kind: GroupKind) -> list[Group]:
    parent = list(range(len(units)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    best: dict[int, float] = defaultdict(float)
    for link in links:
        parent[root(link.a)] = root(link.b)
        best[link.a] = max(best[link.a], link.score)
        best[link.b] = max(best[link.b], link.score)
    members: dict[int, list[int]] = defaultdict(list)
    for index in best:
        members[root(index)].append(index)
    return [Group(0, kind, [_member(units[i], best[i]) for i in sorted(ids, key=lambda i: (units[i].article, units[i].start))]) for ids in members.values()]


def _member(unit: Unit, score: float) -> Member:
    return Member(unit.article, unit.sentence, unit.start, unit.end, score, unit.quote)
