"""Shared wording inside sentences that otherwise differ: the same run of words, not quoted by either outlet
("Huma Abedin, a longtime aide to Secretary of State Hillary Clinton" in two different sentences)."""

from __future__ import annotations

from collections import defaultdict
from difflib import SequenceMatcher

from tui.grouping import build_groups
from tui.linking import Link, Unit, Units, candidates
from tui.model import Group, GroupKind, LinkKind
from tui.tokens import word_spans

PHRASE_WORDS = 7  # a shared run this long (in words) is shared wording
PHRASE_CONTENT = 4  # ... and it carries at least this many meaningful words
PHRASE_PLAIN = 2  # ... of which this many are not names or numbers


def phrase_groups(factory: Units, sentences: list[Unit], groups: list[Group]) -> list[Group]:
    """Groups of shared runs of words between sentences that no sentence or quotation group already pairs."""
    grouped = _already_paired(groups)
    taken = _taken(groups)
    found: list[tuple[tuple[int, int, int], tuple[int, int, int]]] = []
    for i, j in candidates(sentences, reorder=False):
        a, b = sentences[i], sentences[j]
        if (a.article, a.sentence, b.article, b.sentence) in grouped:
            continue
        run = _shared_run(factory, a, b)
        if run is not None and not any(_overlaps(span, taken[other]) for span, other in ((run[0], b.article), (run[1], a.article))):
            found.append(run)
    if not found:
        return []
    units, links = _units_and_links(factory, found)
    return build_groups(units, links, GroupKind.PHRASE)


def _already_paired(groups: list[Group]) -> set[tuple[int, int, int, int]]:
    pairs = set()
    for group in groups:
        for x in group.members:
            for y in group.members:
                if x.article != y.article:
                    pairs.update((x.article, s, y.article, t) for s in x.spans for t in y.spans)
    return pairs


def _taken(groups: list[Group]) -> dict[int, list[tuple[int, int, int]]]:
    """For each outlet, the stretches of other outlets' text already grouped with one of its own passages."""
    taken: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for group in groups:
        for outlet in group.articles:
            taken[outlet].extend((m.article, m.start, m.end) for m in group.members if m.article != outlet)
    return taken


def _overlaps(span: tuple[int, int, int], stretches: list[tuple[int, int, int]]) -> bool:
    article, start, end = span
    return any(a == article and s < end and start < e for a, s, e in stretches)


def _shared_run(factory: Units, a: Unit, b: Unit):
    match = SequenceMatcher(None, a.code, b.code, autojunk=False).find_longest_match(0, len(a.code), 0, len(b.code))
    if match.size < PHRASE_WORDS or match.size == min(len(a.code), len(b.code)):
        return None  # too short, or one sentence is wholly inside the other (a fragment, scored elsewhere)
    words = a.words[match.a : match.a + match.size]
    # A run of names and titles ("with US Secretary of State John Kerry") is a name, not shared wording.
    plain = {w for w in words if w not in a.capitals and not w[0].isdigit()} & {a.words[k] for k in range(len(a.words)) if a.code[k] in a.content}
    if len(set(a.code[match.a : match.a + match.size]) & a.content) < PHRASE_CONTENT or len(plain) < PHRASE_PLAIN:
        return None
    return _span(factory, a, match.a, match.size), _span(factory, b, match.b, match.size)


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
