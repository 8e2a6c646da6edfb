"""Figure conflicts: outlets giving different values for the same measure of the same subject.

The strongest evidence is a shared passage in which each outlet has a different number in the same place;
apart from shared passages, two figures conflict only when they are of the same kind, measure and subject,
of the same order of size, and (but for deaths and injuries) told in sentences about the same thing (which
figures are one figure told apart is `tui.apart`'s to say). A headline's figures are compared too, and the
periods two outlets give for one sum.
"""

from __future__ import annotations

import bisect

import math
import re
from collections import defaultdict
from dataclasses import replace

from tui.apart import apart_pairs, folded, headline_twins
from tui.figures import find_figures
from tui.model import Article, Figure, FigureConflict, Group, GroupKind
from tui.tokens import normalise
from tui.wording import replaced

_PERIOD = re.compile(r"\s+(?:in|over|during|across)\s+(?:the\s+)?(?:past\s+|last\s+)?", re.IGNORECASE)
_LOWER = {"at least", "more than", "over", "between"}  # "between" opens a range: its lower end
_UPPER = {"up to", "fewer than", "less than", "under"}
_APPROX = {"about", "around", "nearly", "almost", "roughly", "approximately", "an estimated", "estimated", "some"}


def all_figures(articles: list[Article], first: int = 0) -> list[Figure]:
    """Every figure of the articles (numbered from `first`), article by article in reading order."""
    return [f for i, article in enumerate(articles, first) for f in find_figures(article, i)]


def find_conflicts(articles: list[Article], groups: list[Group] | None = None,
                   figures: list[Figure] | None = None) -> list[FigureConflict]:
    """Conflicts from shared passages first, then from figures told apart (`figures`: the articles' figures
    where already found); each figure in one conflict."""
    figures = all_figures(articles) if figures is None else list(figures)  # a copy: periods take their sum's subject
    links = _Links(figures)
    for x, y in _aligned_pairs(articles, groups or [], figures):
        links.join(x, y, aligned=True)
    for x, y in apart_pairs(articles, figures, None if groups is None else _stories(articles, groups)):
        links.join(x, y, aligned=False)
    for x, y in headline_twins(articles, figures):
        links.join(x, y, aligned=False)
        links.repeats.add(x)
    for x, y in _periods(articles, figures, links):
        links.join(x, y, aligned=False)
    return links.conflicts(figures)


def _stories(articles: list[Article], groups: list[Group]) -> list[int]:
    """Each article's story: articles that share a passage told by two outlets or more, directly or through
    others, are of one story; -1 for an article that shares none (nothing says which story it is of). One
    outlet's own line under all its articles says nothing of their stories."""
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    shares = [False] * len(articles)
    for group in groups:
        if group.kind is GroupKind.PHRASE:
            continue  # a few shared words tell no story
        told = sorted(group.articles)
        if len({articles[a].outlet.id for a in told}) < 2:
            continue
        for a in told:
            shares[a] = True
            parent[root(a)] = root(told[0])
    return [root(a) if shares[a] else -1 for a in range(len(articles))]


def _periods(articles: list[Article], figures: list[Figure], links: "_Links"):
    """Durations a sum is told over ("$52 million in six years", "$52,400,000 over the seven year
    span"): where two outlets' sums are one figure, so are the periods."""
    by_sum: dict[tuple, list[int]] = defaultdict(list)
    for number, figure in enumerate(figures[1:], start=1):
        total = figures[number - 1]  # figures come in reading order: the sum is the one just before
        if figure.kind == "duration" and total.kind == "money" and (total.article, total.sentence) == (
                figure.article, figure.sentence) and _PERIOD.fullmatch(articles[figure.article].text, total.end, figure.start):
            by_sum[(links.root(number - 1), figure.measure)].append(number)
    told = [(root, periods) for (root, _), periods in by_sum.items() if len({figures[n].article for n in periods}) >= 2]
    roots = {root for root, _ in told}
    sums: dict[int, list[Figure]] = defaultdict(list)
    for n, figure in enumerate(figures):
        if n not in links.repeats and links.root(n) in roots:
            sums[links.root(n)].append(figure)
    for root, periods in told:
        # The periods are of what the sums are of: "years" alone would not tell a reader which.
        of = _subject(sums[root])
        for n in periods:
            figures[n] = replace(figures[n], subject=of)
        for n in periods[1:]:
            yield periods[0], n


def _aligned_pairs(articles: list[Article], groups: list[Group], figures: list[Figure]):
    """Figures standing in the same replaced place of two outlets' versions of one shared passage."""
    by_article: dict[int, list[int]] = defaultdict(list)
    for number, figure in enumerate(figures):
        by_article[figure.article].append(number)
    longest = max((f.end - f.start for f in figures), default=0)
    for group in groups:
        if group.kind is not GroupKind.SENTENCE:
            continue
        diffs: dict[tuple[str, str], list] = {}  # copies of one wording are compared once
        # Only versions holding a figure can face one; an outlet's line under every article holds none, and its
        # hundreds of copies would otherwise be compared two by two.
        holding = [m for m in group.members if _inside(figures, by_article[m.article], m.start, m.end, longest)]
        for i, x in enumerate(holding):
            for y in holding[i + 1 :]:
                if x.article != y.article:
                    yield from _changed_figures(articles, figures, by_article, x, y, longest, diffs)


def _changed_figures(articles, figures, by_article, x, y, longest, diffs):
    text_x = articles[x.article].text[x.start : x.end]
    text_y = articles[y.article].text[y.start : y.end]
    if text_x == text_y:
        return  # the same words: nothing replaced
    edits = diffs.get((text_x, text_y))
    if edits is None:
        edits = diffs[(text_x, text_y)] = replaced(text_x, text_y, ignore_case=True, ignore_quotes=True)
    for edit in edits:
        left = _inside(figures, by_article[x.article], x.start + edit.a_start, x.start + edit.a_end, longest)
        right = _inside(figures, by_article[y.article], y.start + edit.b_start, y.start + edit.b_end, longest)
        for a, b in _facing(figures, left, right):
            fa, fb = figures[a], figures[b]
            if fa.kind == fb.kind and fa.value != fb.value and _same_measure(fa, fb) and _compatible(fa, fb):
                yield a, b


def _facing(figures: list[Figure], left: list[int], right: list[int]):
    """Figures that stand in each other's place, in order; where one opens a range ("between $5.2 billion and
    $5.5 billion"), the range's other end faces the same figure."""
    for a, b in zip(left, right):
        yield a, b
        for one, other in ((a, b), (b, a)):
            end = one + 1
            if figures[one].qualifier == "between" and end < len(figures) and figures[end].qualifier == "up to" \
                    and (figures[end].article, figures[end].sentence) == (figures[one].article, figures[one].sentence):
                yield (end, other) if one == a else (other, end)


def _inside(figures: list[Figure], numbers: list[int], start: int, end: int, longest: int) -> list[int]:
    """The figures of one article (`numbers`, in text order) that overlap start..end."""
    # Looked up, not scanned: a long article holds tens of thousands of figures and as many shared passages.
    # No figure is longer than `longest`, so none starting before start - longest reaches start.
    first = bisect.bisect_left(numbers, start - longest, key=lambda n: figures[n].start)
    found = []
    for n in numbers[first:]:
        if figures[n].start >= end:
            break
        if start < figures[n].end:
            found.append(n)
    return found


def _compatible(a: Figure, b: Figure) -> bool:
    """Inside a shared passage, a share of another candidate or a toll of another group is not the same
    figure ("Romney had 45 percent" / "Obama had 47 percent")."""
    if not a.subject or not b.subject:
        return True
    return bool(set(a.subject.lower().split()) & set(b.subject.lower().split()))


def _same_measure(a: Figure, b: Figure) -> bool:
    return a.measure == b.measure or not a.measure or not b.measure


def agree(a: Figure, b: Figure) -> bool:
    """Whether two figures can both be true: "more than 100" and 120, "$17.2 million" and $17,184,093."""
    if (a.qualifier in _LOWER and b.qualifier in _LOWER) or (a.qualifier in _UPPER and b.qualifier in _UPPER):
        return True  # "at least 120" and "more than 100" can both hold
    for bound, other in ((a, b), (b, a)):
        if bound.qualifier in _LOWER:
            return other.value >= bound.value or (other.qualifier in _UPPER and other.value > bound.value)
        if bound.qualifier in _UPPER:
            return other.value <= bound.value
    # "About", "nearly" and "roughly" say no more than the precision the figure is written with: "nearly $52
    # million" agrees with $51,704,286, "roughly $141 million" does not agree with $139 million.
    # Compared with a margin for binary fractions: 1.37 rounded to tenths is 1.4000000000000001, which is 1.4.
    return math.isclose(_rounded(a.value, b), _rounded(b.value, a), rel_tol=1e-9)


def _rounded(value: float, coarser: Figure) -> float:
    """value as precise as the other figure was written: 51,704,286 read against "$51 million" is 52 million."""
    step = _step(coarser)
    return round(value / step) * step if step else value


def _step(figure: Figure) -> float:
    """The precision a figure was written with: "60" and "43,000" are exact, "about 500,000" and "$51 million"
    are round."""
    digits = "".join(ch for ch in figure.written if ch.isdigit() or ch == ".")
    if not digits or not float(digits):
        return 1.0
    if "." in digits:
        step = 10.0 ** -len(digits.split(".")[1])
    elif figure.qualifier in _APPROX:
        # "about 1,500" is round; a bare "43,000" claims to be exact, as "$51 million" claims millions.
        zeros = len(digits) - len(digits.rstrip("0"))
        step = 10.0**zeros
    else:
        step = 1.0
    return step * figure.value / float(digits)


class _Links:
    """Union-find over figures; a conflict is a set of linked figures from two outlets that disagree."""

    def __init__(self, figures: list[Figure]):
        self.parent = list(range(len(figures)))
        self.aligned: set[int] = set()
        self.repeats: set[int] = set()  # headline figures that repeat a figure of their own body

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int, *, aligned: bool) -> None:
        ra, rb = self.root(a), self.root(b)
        self.parent[rb] = ra
        if aligned or ra in self.aligned or rb in self.aligned:
            self.aligned.add(ra)

    def conflicts(self, figures: list[Figure]) -> list[FigureConflict]:
        clusters: dict[int, list[Figure]] = defaultdict(list)
        for number, figure in enumerate(figures):
            if number not in self.repeats:
                clusters[self.root(number)].append(figure)
        found = []
        for root, cluster in clusters.items():
            if not any(x.article != y.article and not agree(x, y) for x in cluster for y in cluster):
                continue
            cluster.sort(key=lambda f: (f.article, f.start))
            evidence = "aligned passage" if root in self.aligned else "same measure"
            found.append((cluster, evidence))
        found.sort(key=lambda item: (item[0][0].article, item[0][0].start))
        return [FigureConflict(n + 1, c[0].measure or c[-1].measure, c, _subject(c), evidence)
                for n, (c, evidence) in enumerate(found)]


def _subject(cluster: list[Figure]) -> str:
    """The words the figures' surroundings share most, in the order the first figure's text has them."""
    counts: dict[str, int] = defaultdict(int)
    for figure in cluster:
        for word in folded(figure.subject):
            counts[word] += 1
    if not counts:
        return ""
    best = max(counts.values())
    if best < 2:
        return ""
    order = {}  # each folded word as the first figure to have it writes it ("Smiths" and "Smith" once)
    for word in (w for f in cluster for w in f.subject.split()):
        key = next(iter(normalise(word)), "")
        if counts.get(key) == best and key not in folded(cluster[0].measure):
            order.setdefault(key, word)
    return " ".join(order.values())
