"""Units to match (sentences, runs of sentences, quotations), their candidate pairs, and how each pair scores."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from tui.model import Article, LinkKind
from tui.tokens import STOPWORDS, Vocabulary, capitalised, normalise, weights

_FUNCTION = "\x00"  # stands for any function word in `Unit.loose`
_MAX_RUN = 3
_CLAUSES_FROM = 12  # words: longer quotations are also matched clause by clause
_CLAUSE_WORDS = 5
# Clause breaks inside a quotation; an ellipsis marks words the outlet left out, so the parts stand apart.
_CLAUSE = re.compile(r"(?:,\s+(?=(?:but|and|or|while|because|so|yet)\b)|;\s+|\s+[—–―]\s+|\s+--\s+|\s*(?:\.\.\.|…)\s*)")
_ELLIPSIS = re.compile(r"\.\.\.|…")  # sentences in a run scored as one unit against a long sentence
# A content word found in more than this share of the sentences says little about a match.
_COMMON_SHARE = 0.1
_COMMON_DISCOUNT = 0.5


@dataclass
class Unit:
    """A sentence, a run of adjacent sentences, or a quotation, prepared for matching."""

    article: int
    sentence: int
    last: int
    quote: int | None
    start: int
    end: int
    words: list[str]
    code: str
    content: frozenset[str]
    weights: dict[str, float] = field(default_factory=dict)
    capitals: frozenset[str] = frozenset()  # words written with a capital letter
    loose: str = ""  # the code with every function word the same ("this" and "the", "will" and "would")

    @property
    def is_run(self) -> bool:
        return self.last != self.sentence and self.quote is None

    @property
    def sentences(self) -> tuple[int, ...]:
        return tuple(range(self.sentence, self.last + 1))

    def vocabulary_content(self, word: str) -> bool:
        """Whether a word of this unit is a meaningful one (not a function word)."""
        return word not in STOPWORDS

    @property
    def key(self) -> str:
        """The unit's words, for ordering that does not depend on the order of the articles."""
        return " ".join(self.words)


@dataclass(frozen=True)
class Link:
    a: int
    b: int
    score: float
    kind: LinkKind
    weak: bool = False  # short units: they may join a group, never join two groups together


class Units:
    """Every unit of the articles, built over one vocabulary so codes compare across articles."""

    def __init__(self, articles: list[Article]):
        self.articles = articles
        self.vocabulary = Vocabulary()

    def make(self, article: int, first: int, last: int, quote: int | None, start: int, end: int) -> Unit:
        text = self.articles[article].text[start:end]
        words = normalise(text)
        capitals = frozenset(word for word, capital in capitalised(text) if capital)
        code = self.vocabulary.encode(words)
        loose = self.vocabulary.encode([_FUNCTION if w in STOPWORDS else w for w in words])
        return Unit(article, first, last, quote, start, end, words, code, self.vocabulary.content(words), weights(text),
                    capitals, loose)

    def sentences(self) -> list[Unit]:
        return [
            self.make(a, s.index, s.index, None, s.start, s.end)
            for a, article in enumerate(self.articles)
            for s in article.sentences
            if s.aligned
        ]

    def runs(self) -> list[Unit]:
        """Runs of two or three adjacent body sentences of one paragraph (a speech printed as short sentences)."""
        units = []
        for a, article in enumerate(self.articles):
            body = [s for s in article.sentences if s.aligned]
            for i, first in enumerate(body):
                for length in range(2, _MAX_RUN + 1):
                    run = body[i : i + length]
                    if len(run) < length or run[-1].paragraph != first.paragraph or run[-1].index != first.index + length - 1:
                        break
                    units.append(self.make(a, first.index, run[-1].index, None, first.start, run[-1].end))
        return units

    def quotes(self, shortest: int) -> list[Unit]:
        """Quotations cut at sentence ends, so a quotation spanning two sentences matches each part where it is."""
        units = []
        for a, article in enumerate(self.articles):
            for q in article.quotes:
                for number in range(q.sentence, len(article.sentences)):  # by index: a slice would copy
                    s = article.sentences[number]
                    if s.start >= q.end:
                        break
                    start, end = max(q.start, s.start), min(q.end, s.end)
                    if not s.aligned or start >= end:
                        continue
                    unit = self.make(a, s.index, s.index, q.index, start, end)
                    if len(unit.code) >= shortest:
                        units.append(unit)
                    if len(unit.code) >= _CLAUSES_FROM or _ELLIPSIS.search(article.text, start, end - 3):
                        units.extend(self._clauses(a, s.index, q.index, start, end))
        return units

    def _clauses(self, article: int, sentence: int, quote: int, start: int, end: int) -> list[Unit]:
        """The clauses of a long quotation, each matched on its own: another outlet may quote only one
        ("..., but there's a one-in-three chance that we could lose, ...")."""
        text = self.articles[article].text
        cuts = [start] + [m.end() for m in _CLAUSE.finditer(text, start, end)] + [end]
        clauses = []
        for first, last in zip(cuts, cuts[1:]):
            unit = self.make(article, sentence, sentence, quote, first, last)
            if _CLAUSE_WORDS <= len(unit.code) and last - first < end - start:
                clauses.append(unit)
        return clauses if len(clauses) > 1 else []


def rarity(units: list[Unit]) -> dict[str, float]:
    """A discount for content words that many of the sentences use (the story's main names)."""
    counts = Counter(w for u in units for w in set(u.words) if w not in STOPWORDS)
    limit = max(4, _COMMON_SHARE * len(units))
    return {w: _COMMON_DISCOUNT for w, n in counts.items() if n > limit}


def weighted_overlap(a: Unit, b: Unit, discount: dict[str, float]) -> float:
    """Order-free similarity (0-100): the weighted share of the two passages' words that both carry."""
    total = shared = 0.0
    for word, weight in a.weights.items():
        weight *= discount.get(word, 1.0)
        total += weight
        if word in b.weights:
            shared += min(weight, b.weights[word] * discount.get(word, 1.0))
    total += sum(w * discount.get(word, 1.0) for word, w in b.weights.items())
    return 200.0 * shared / total if total else 0.0


def shared_words(a: Unit, b: Unit, limit: int = 8) -> tuple[str, ...]:
    """The meaningful words both units carry, weightiest first, in the first unit's order."""
    both = [w for w in dict.fromkeys(a.words) if w in b.weights and w not in STOPWORDS]
    both.sort(key=lambda w: -a.weights.get(w, 0.0))
    return tuple(both[:limit])
