"""Figure conflicts: outlets giving different values for the same measure of the same subject.

The strongest evidence is a shared passage in which each outlet has a different number in the same place;
apart from shared passages, two figures conflict only when they are of the same kind, measure and subject,
of the same order of size, and (but for deaths and injuries) told in sentences about the same thing. A
headline's figures are compared too, and the periods two outlets give for one sum.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from functools import lru_cache

from tui.figures import FIRST_YEAR_IN_OFFICE, LAST_YEAR_IN_OFFICE, find_figures
from tui.model import Article, BlockKind, Figure, FigureConflict, Group, GroupKind
from tui.tokens import STOPWORDS, capitalised, normalise
from tui.wording import diff_words

# Figures apart from shared passages must be within this factor of each other to count the same thing.
_SIZE_FACTOR = 2.0
# ... and their sentences must share this many meaningful words besides the figure and its measure.
_CONTEXT_WORDS = 2
_CASUALTIES = {"killed", "wounded"}
_TENURE = {FIRST_YEAR_IN_OFFICE, LAST_YEAR_IN_OFFICE}
_PRONOUN = re.compile(r"(?:They|He|She|It|We)\b")
_PERIOD = re.compile(r"\s+(?:in|over|during|across)\s+(?:the\s+)?(?:past\s+|last\s+)?", re.IGNORECASE)
_LOWER = {"at least", "more than", "over", "between"}  # "between" opens a range: its lower end
_UPPER = {"up to", "fewer than", "less than", "under"}
_APPROX = {"about", "around", "nearly", "almost", "roughly", "approximately", "an estimated", "estimated", "some"}
_VERBS = {"paid", "spent", "gave", "made", "won", "lost", "told", "took", "got", "put", "set", "cost", "spend",
          "pay", "earn", "earns", "raise", "give", "take", "make", "get", "going", "reported", "including"}


def find_conflicts(articles: list[Article], groups: list[Group] | None = None) -> list[FigureConflict]:
    """Conflicts from shared passages first, then from figures told apart; each figure in one conflict."""
    figures = [f for i, article in enumerate(articles) for f in find_figures(article, i)]
    links = _Links(figures)
    for x, y in _aligned_pairs(articles, groups or [], figures):
        links.join(x, y, aligned=True)
    for x, y in _apart_pairs(articles, figures):
        links.join(x, y, aligned=False)
    for x, y in _headline_twins(articles, figures):
        links.join(x, y, aligned=False)
        links.repeats.add(x)
    for x, y in _periods(articles, figures, links):
        links.join(x, y, aligned=False)
    return links.conflicts(figures)


def _headline_twins(articles: list[Article], figures: list[Figure]):
    """A headline figure and the figure of its own body with the same value, kind and measure: the headline
    repeats it, and is compared through it (it is not listed again)."""
    body: dict[tuple, int] = {}
    heads = []
    for number, figure in enumerate(figures):
        if articles[figure.article].sentences[figure.sentence].kind is BlockKind.HEADLINE:
            heads.append(number)
        else:
            body.setdefault((figure.article, figure.kind, figure.measure, figure.value), number)
    for number in heads:
        head = figures[number]
        twin = body.get((head.article, head.kind, head.measure, head.value))
        if twin is not None:
            yield number, twin


def _periods(articles: list[Article], figures: list[Figure], links: "_Links"):
    """Durations a sum is told over ("$139 million in seven years", "$140,937,785 over the eight year
    span"): where two outlets' sums are one figure, so are the periods."""
    by_sum: dict[tuple, list[int]] = defaultdict(list)
    for number, figure in enumerate(figures[1:], start=1):
        total = figures[number - 1]  # figures come in reading order: the sum is the one just before
        if figure.kind == "duration" and total.kind == "money" and (total.article, total.sentence) == (
                figure.article, figure.sentence) and _PERIOD.fullmatch(articles[figure.article].text, total.end, figure.start):
            by_sum[(links.root(number - 1), figure.measure)].append(number)
    for (root, _), periods in by_sum.items():
        if len({figures[n].article for n in periods}) < 2:
            continue
        # The periods are of what the sums are of: "years" alone would not tell a reader which.
        of = _subject([f for n, f in enumerate(figures) if links.root(n) == root and n not in links.repeats])
        for n in periods:
            figures[n] = replace(figures[n], subject=of)
        for n in periods[1:]:
            yield periods[0], n


def _aligned_pairs(articles: list[Article], groups: list[Group], figures: list[Figure]):
    """Figures standing in the same replaced place of two outlets' versions of one shared passage."""
    by_article: dict[int, list[int]] = defaultdict(list)
    for number, figure in enumerate(figures):
        by_article[figure.article].append(number)
    for group in groups:
        if group.kind is not GroupKind.SENTENCE:
            continue
        for i, x in enumerate(group.members):
            for y in group.members[i + 1 :]:
                if x.article != y.article:
                    yield from _changed_figures(articles, figures, by_article, x, y)


def _changed_figures(articles, figures, by_article, x, y):
    text_x = articles[x.article].text[x.start : x.end]
    text_y = articles[y.article].text[y.start : y.end]
    for edit in diff_words(text_x, text_y, ignore_case=True, ignore_quotes=True).edits:
        if edit.tag != "replace":
            continue
        left = _inside(figures, by_article[x.article], x.start + edit.a_start, x.start + edit.a_end)
        right = _inside(figures, by_article[y.article], y.start + edit.b_start, y.start + edit.b_end)
        for a, b in _facing(figures, left, right):
            fa, fb = figures[a], figures[b]
            if fa.kind == fb.kind and fa.value != fb.value and _same_measure(fa, fb) and _compatible(fa, fb):
                yield a, b


def _facing(figures: list[Figure], left: list[int], right: list[int]):
    """Figures that stand in each other's place, in order; where one opens a range ("between $7.6 billion and
    $7.9 billion"), the range's other end faces the same figure."""
    for a, b in zip(left, right):
        yield a, b
        for one, other in ((a, b), (b, a)):
            end = one + 1
            if figures[one].qualifier == "between" and end < len(figures) and figures[end].qualifier == "up to" \
                    and (figures[end].article, figures[end].sentence) == (figures[one].article, figures[one].sentence):
                yield (end, other) if one == a else (other, end)


def _inside(figures: list[Figure], numbers: list[int], start: int, end: int) -> list[int]:
    return [n for n in numbers if figures[n].start < end and start < figures[n].end]


def _compatible(a: Figure, b: Figure) -> bool:
    """Inside a shared passage, a share of another candidate or a toll of another group is not the same
    figure ("Romney had 45 percent" / "Obama had 47 percent")."""
    if not a.subject or not b.subject:
        return True
    return bool(set(a.subject.lower().split()) & set(b.subject.lower().split()))


def _same_measure(a: Figure, b: Figure) -> bool:
    return a.measure == b.measure or not a.measure or not b.measure


def _apart_pairs(articles: list[Article], figures: list[Figure]):
    words, names, heads, read = {}, {}, set(), {}
    for number, figure in enumerate(figures):
        if articles[figure.article].sentences[figure.sentence].kind is BlockKind.HEADLINE:
            heads.add(number)
        place = (figure.article, figure.sentence)
        if place not in read:
            read[place] = _sentence_words(_told_in(articles[figure.article], figure.sentence))
        words[number], names[number] = read[place]
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for number, figure in enumerate(figures):
        if (figure.kind != "year" or figure.measure in _TENURE) and figure.measure:
            by_key[(figure.kind, figure.measure)].append(number)
    for members in by_key.values():
        # A sentence with two counts of one measure ("three executed, six face trial") needs their subjects
        # to tell which is which.
        places = Counter((figures[n].article, figures[n].sentence) for n in members)
        alone = {n for n in members if places[(figures[n].article, figures[n].sentence)] == 1}
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                fa, fb = figures[a], figures[b]
                shared_names = names[a] & names[b] if a in alone and b in alone else set()
                headline = a in heads or b in heads
                if fa.article != fb.article and _comparable(fa, fb, words[a], words[b], shared_names, headline) and \
                        _headline_holds(fa, words[b], a in heads) and _headline_holds(fb, words[a], b in heads):
                    yield a, b


def _sentence_words(text: str) -> tuple[set[str], set[str]]:
    """The meaningful words of a sentence, and those of them written as names."""
    marked = [(w, capital and i > 0) for i, (w, capital) in enumerate(capitalised(text))]
    words = {w for w, _ in marked if w not in STOPWORDS and not w[0].isdigit()}
    return words, {w for w, name in marked if name and w in words}


def _told_in(article: Article, index: int) -> str:
    """The sentence a figure is told in, after the one before it when it opens on a pronoun ("They add that
    they have brought up 15 bills"): a reader takes who "they" are from there."""
    sentence = article.sentences[index]
    text = article.text[sentence.start : sentence.end]
    previous = article.sentences[index - 1] if index else None
    if previous is not None and previous.aligned and _PRONOUN.match(text):
        return article.text[previous.start : sentence.end]
    return text


def _headline_holds(figure: Figure, other: set[str], headline: bool) -> bool:
    """A headline is a short form of a sentence: most words around its figure are in the other one."""
    own = _folded(figure.subject)
    return not headline or len(own & other) * 2 > len(own)


def _comparable(a: Figure, b: Figure, words_a: set[str], words_b: set[str], names: set[str],
                headline: bool = False) -> bool:
    """Figures told apart from shared passages: counts and sums of one subject in like sentences, and the
    years one named person held an office.

    Shares, ages, durations and other years are compared only inside shared passages: apart from them, a tax
    rate of one year and an average rate, or an age and a term in office, read alike too often.
    """
    if a.value <= 0 or b.value <= 0 or max(a.value, b.value) > _SIZE_FACTOR * min(a.value, b.value):
        return False
    shared = (words_a & words_b) - _folded(a.measure)
    if a.measure in _TENURE:
        # The years a person held an office are one fact about them, however the sentences around differ.
        return bool(a.subject) and a.subject == b.subject and len(shared - {a.subject.lower()}) >= _CONTEXT_WORDS
    if a.measure in _CASUALTIES:
        return not a.subject or not b.subject or a.subject == b.subject
    if a.kind not in {"count", "money"}:
        return False
    if not same_subject(a, b):
        # Counts of one thing whose nearby words differ ("15 bills that they contend will help", "some 16
        # House-passed measures") are one figure when their sentences name the same actors.
        return a.kind == "count" and len(names - _folded(a.measure)) >= _CONTEXT_WORDS and len(shared) >= _CONTEXT_WORDS + 1
    # A headline is all subject: its words around the figure are the only context it has.
    return len(shared if headline else shared - set(a.subject.lower().split())) >= _CONTEXT_WORDS


def same_subject(a: Figure, b: Figure) -> bool:
    """The words around two figures name the same thing: a shared name ("Rolex", "Clinton") or two shared
    words ("federal taxes"); for a sum, one common word ("construction") or a verb ("earned") is not enough."""
    # Plurals folded: "the Clintons earned" and "Clinton earned" name one family.
    shared = {w for w in _folded(a.subject) & _folded(b.subject) if not _is_verb(w)}
    names = _folded(" ".join(w for w in (a.subject + " " + b.subject).split() if w[:1].isupper()))
    if a.kind == "count" and a.measure == b.measure:
        return bool(shared)  # "48-page indictment": the measure itself already says much
    return bool(shared & names) or len(shared) >= 2


@lru_cache(maxsize=4096)
def _folded(words: str) -> frozenset[str]:
    """Words with plurals folded, for comparing subjects (asked for again and again, pair after pair)."""
    return frozenset(w for w in normalise(words) if w)


def _is_verb(word: str) -> bool:
    return (len(word) > 4 and word.endswith("ed")) or word in _VERBS


def agree(a: Figure, b: Figure) -> bool:
    """Whether two figures can both be true: "more than 100" and 120, "$13.6 million" and $13,625,777."""
    if (a.qualifier in _LOWER and b.qualifier in _LOWER) or (a.qualifier in _UPPER and b.qualifier in _UPPER):
        return True  # "at least 120" and "more than 100" can both hold
    for bound, other in ((a, b), (b, a)):
        if bound.qualifier in _LOWER:
            return other.value >= bound.value or (other.qualifier in _UPPER and other.value > bound.value)
        if bound.qualifier in _UPPER:
            return other.value <= bound.value
    # "About", "nearly" and "roughly" say no more than the precision the figure is written with: "nearly $44
    # million" agrees with $43,885,310, "roughly $141 million" does not agree with $139 million.
    return _rounded(a.value, b) == _rounded(b.value, a) or _rounded(b.value, a) == _rounded(a.value, b)


def _rounded(value: float, coarser: Figure) -> float:
    """value as precise as the other figure was written: 43,885,310 read against "$43 million" is 44 million."""
    step = _step(coarser)
    return round(value / step) * step if step else value


def _step(figure: Figure) -> float:
    """The precision a figure was written with: "60" and "43,000" are exact, "about 500,000" and "$43 million"
    are round."""
    digits = "".join(ch for ch in figure.written if ch.isdigit() or ch == ".")
    if not digits or not float(digits):
        return 1.0
    if "." in digits:
        step = 10.0 ** -len(digits.split(".")[1])
    elif figure.qualifier in _APPROX:
        # "about 1,500" is round; a bare "43,000" claims to be exact, as "$43 million" claims millions.
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
        for word in _folded(figure.subject):
            counts[word] += 1
    if not counts:
        return ""
    best = max(counts.values())
    if best < 2:
        return ""
    order = {}  # each folded word as the first figure to have it writes it ("Clintons" and "Clinton" once)
    for word in (w for f in cluster for w in f.subject.split()):
        folded = next(iter(normalise(word)), "")
        if counts.get(folded) == best and folded not in _folded(cluster[0].measure):
            order.setdefault(folded, word)
    return " ".join(order.values())
