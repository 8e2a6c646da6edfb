"""Figures told apart from shared passages: when two outlets' numbers are one figure.

Counts and sums of one measure and subject in like sentences, the years one person held an office, and a
headline's figures, compared through its own body where it repeats it. `tui.conflicts` says which of them
cannot both hold.
"""

from __future__ import annotations

import bisect
import heapq
import re
from itertools import combinations
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from tui.figure_context import FIRST_YEAR_IN_OFFICE, LAST_YEAR_IN_OFFICE
from tui.model import Article, BlockKind, Figure
from tui.tokens import STOPWORDS, capitalised, normalise

# Figures apart from shared passages must be within this factor of each other to count the same thing.
_SIZE_FACTOR = 2.0
# ... and their sentences must share this many meaningful words besides the figure and its measure.
_CONTEXT_WORDS = 2
_CASUALTIES = {"killed", "wounded"}
_TENURE = {FIRST_YEAR_IN_OFFICE, LAST_YEAR_IN_OFFICE}
_PRONOUN = re.compile(r"(?:They|He|She|It|We)\b")
_VERBS = {"paid", "spent", "gave", "made", "won", "lost", "told", "took", "got", "put", "set", "cost", "spend",
          "pay", "earn", "earns", "raise", "give", "take", "make", "get", "going", "reported", "including"}


def headline_twins(articles: list[Article], figures: list[Figure]):
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


def apart_pairs(articles: list[Article], figures: list[Figure], stories: Sequence[int] | None = None):
    """Figures of two outlets told apart from shared passages that are one figure; with `stories` (each
    article's story, or -1 where it is not known), only those of one story."""
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
        # A sentence with two counts of one measure ("three freed, four still held") needs their subjects
        # to tell which is which.
        places = Counter((figures[n].article, figures[n].sentence) for n in members)
        alone = {n for n in members if places[(figures[n].article, figures[n].sentence)] == 1}
        values: dict[tuple, list[Figure]] = defaultdict(list)
        for n in members:
            values[(figures[n].article, figures[n].sentence, figures[n].value)].append(figures[n])
        for a, b in _story_pairs(members, figures, stories):
            fa, fb = figures[a], figures[b]
            if fa.article == fb.article:
                continue  # one outlet's figures are never its own conflict
            if _told_equal(fa, fb, values) or _told_equal(fb, fa, values):
                continue
            shared_names = names[a] & names[b] if a in alone and b in alone else set()
            headline = a in heads or b in heads
            known = stories is not None and stories[fa.article] != -1 and stories[fa.article] == stories[fb.article]
            if fa.article != fb.article and _comparable(fa, fb, words[a], words[b], shared_names, headline, known) and \
                    _headline_holds(fa, words[b], a in heads) and _headline_holds(fb, words[a], b in heads):
                yield a, b


def _story_pairs(members: list[int], figures: list[Figure], stories: Sequence[int] | None):
    """Pairs of the members (in their order) whose articles may be about one story: a figure of one story is
    never compared with another story's, which would only make false conflicts in a corpus of many stories
    (and cost the square of its figures). Made as they are asked for: an article repeating one passage hundreds
    of times has as many figures of one measure."""
    if stories is None:
        yield from combinations(members, 2)
        return
    labels = [stories[figures[number].article] for number in members]
    by_story: dict[int, list[int]] = defaultdict(list)
    for position, label in enumerate(labels):
        by_story[label].append(position)
    unknown = by_story.get(-1, [])
    for i, label in enumerate(labels):
        if label == -1:
            # An article that shares no passage gives no sign of its story: it is compared with every other.
            partners: Iterable[int] = range(i + 1, len(members))
        else:
            mates = by_story[label]
            partners = heapq.merge(mates[bisect.bisect_right(mates, i):], unknown[bisect.bisect_right(unknown, i):])
        for j in partners:
            yield members[i], members[j]


def _told_equal(a: Figure, b: Figure, values: dict[tuple, list[Figure]]) -> bool:
    """Whether b's sentence gives a's value of a's subject too ("65 new cases on Monday and 55 on Tuesday"
    told by both): then a is that figure, not b."""
    if a.value == b.value:
        return False
    return any(not c.subject or not a.subject or folded(c.subject) & folded(a.subject)
               for c in values.get((b.article, b.sentence, a.value), ()))


def _sentence_words(text: str) -> tuple[set[str], set[str]]:
    """The meaningful words of a sentence, and those of them written as names."""
    marked = [(w, capital and i > 0) for i, (w, capital) in enumerate(capitalised(text))]
    words = {w for w, _ in marked if w not in STOPWORDS and not w[0].isdigit()}
    return words, {w for w, name in marked if name and w in words}


def _told_in(article: Article, index: int) -> str:
    """The sentence a figure is told in, after the one before it when it opens on a pronoun ("They say
    they have sent 12 bills"): a reader takes who "they" are from there."""
    sentence = article.sentences[index]
    text = article.text[sentence.start : sentence.end]
    previous = article.sentences[index - 1] if index else None
    if previous is not None and previous.aligned and _PRONOUN.match(text):
        return article.text[previous.start : sentence.end]
    return text


def _headline_holds(figure: Figure, other: set[str], headline: bool) -> bool:
    """A headline is a short form of a sentence: most words around its figure are in the other one."""
    own = folded(figure.subject)
    return not headline or len(own & other) * 2 > len(own)


def _comparable(a: Figure, b: Figure, words_a: set[str], words_b: set[str], names: set[str],
                headline: bool = False, known: bool = False) -> bool:
    """Figures told apart from shared passages: counts and sums of one subject in like sentences, and the
    years one named person held an office. `known`: the two articles share a passage, so are of one story.

    Deaths and injuries of one story are one toll whatever the sentences around them say ("62 soldiers were
    killed", "the death toll rose to 83"). Between articles that share nothing, nothing says they tell of one
    event (a storm's toll and an airstrike's read alike): their sentences must name the same things too.

    Shares, ages, durations and other years are compared only inside shared passages: apart from them, a tax
    rate of one year and an average rate, or an age and a term in office, read alike too often.
    """
    if a.value <= 0 or b.value <= 0 or max(a.value, b.value) > _SIZE_FACTOR * min(a.value, b.value):
        return False
    shared = (words_a & words_b) - folded(a.measure)
    if a.measure in _TENURE:
        # The years a person held an office are one fact about them, however the sentences around differ.
        return bool(a.subject) and a.subject == b.subject and len(shared - {a.subject.lower()}) >= _CONTEXT_WORDS
    if a.measure in _CASUALTIES:
        if a.subject and b.subject and a.subject != b.subject:
            return False
        return known or len(shared) >= _CONTEXT_WORDS
    if a.kind not in {"count", "money"}:
        return False
    if not same_subject(a, b):
        # Counts of one thing whose nearby words differ ("12 bills that would cut red tape", "some 13
        # House-passed measures") are one figure when their sentences name the same actors.
        return a.kind == "count" and len(names - folded(a.measure)) >= _CONTEXT_WORDS and len(shared) >= _CONTEXT_WORDS + 1
    # A headline is all subject: its words around the figure are the only context it has.
    return len(shared if headline else shared - set(a.subject.lower().split())) >= _CONTEXT_WORDS


def same_subject(a: Figure, b: Figure) -> bool:
    """The words around two figures name the same thing: a shared name ("Rolex", "Smith") or two shared
    words ("federal taxes"); for a sum, one common word ("construction") or a verb ("earned") is not enough."""
    # Plurals folded: "the Smiths made" and "Smith made" name one family.
    shared = {w for w in folded(a.subject) & folded(b.subject) if not _is_verb(w)}
    names = folded(" ".join(w for w in (a.subject + " " + b.subject).split() if w[:1].isupper()))
    if a.kind == "count" and a.measure == b.measure:
        return bool(shared)  # "48-page indictment": the measure itself already says much
    return bool(shared & names) or len(shared) >= 2


@lru_cache(maxsize=4096)
def folded(words: str) -> frozenset[str]:
    """Words with plurals folded, for comparing subjects (asked for again and again, pair after pair)."""
    return frozenset(w for w in normalise(words) if w)


def _is_verb(word: str) -> bool:
    return (len(word) > 4 and word.endswith("ed")) or word in _VERBS
