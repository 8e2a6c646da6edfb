"""Units to match (sentences, runs of sentences, quotations), their candidate pairs, and how each pair scores."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

from tui.model import Article, LinkKind
from tui.tokens import NAME_WEIGHT, STOPWORDS, Vocabulary, capitalised, coded_words, word_places

_FUNCTION = "\x00"  # stands for any function word in `Unit.loose`
_MAX_RUN = 3
_RECENT = 1 << 15  # units whose meaningful words are kept once worked out (see `Unit.content`)
_CLAUSES_FROM = 12  # words: longer quotations are also matched clause by clause
_CLAUSE_WORDS = 5
# Clause breaks inside a quotation; an ellipsis marks words the outlet left out, so the parts stand apart.
_CLAUSE = re.compile(r"(?:,\s+(?=(?:but|and|or|while|because|so|yet)\b)|;\s+|\s+[—–―]\s+|\s+--\s+|\s*(?:\.\.\.|…)\s*)")
_ELLIPSIS = re.compile(r"\.\.\.|…")  # sentences in a run scored as one unit against a long sentence
# A content word found in more than this share of the sentences says little about a match.
_COMMON_SHARE = 0.1
_COMMON_DISCOUNT = 0.5


class Unit:
    """A sentence, a run of adjacent sentences, or a quotation, prepared for matching.

    A corpus holds hundreds of thousands of units, so each keeps only its place, its string of word codes and
    which of its words are capitalised; its words, meaningful words, weights and loose code are worked out from
    those when asked for (a unit kept them all took ten times the memory). Attributes that other code caches on
    a unit go in its `__dict__`, made only for the units that use one.
    """

    __slots__ = ("article", "sentence", "last", "quote", "start", "end", "code", "_capitals", "_vocabulary", "__dict__")

    def __init__(self, article: int, sentence: int, last: int, quote: int | None, start: int, end: int, code: str,
                 capitals: int, vocabulary: Vocabulary):
        self.article = article
        self.sentence = sentence
        self.last = last
        self.quote = quote
        self.start = start
        self.end = end
        self.code = code
        self._capitals = capitals  # bit n set: the n-th word is written with a capital letter
        self._vocabulary = vocabulary

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Unit):
            return NotImplemented
        return self._place() == other._place() and self._capitals == other._capitals

    __hash__ = None  # type: ignore[assignment]  # compared by value, as a dataclass would be

    def __repr__(self) -> str:
        return f"Unit(article={self.article}, sentence={self.sentence}, last={self.last}, quote={self.quote}, " \
               f"start={self.start}, end={self.end}, words={self.words!r})"

    def _place(self) -> tuple:
        return (self.article, self.sentence, self.last, self.quote, self.start, self.end, self.code)

    @property
    def words(self) -> list[str]:
        """The normalised words, in order."""
        return list(map(self._vocabulary.word_of.__getitem__, self.code))

    @property
    def content(self) -> frozenset[str]:
        """The codes of the meaningful words (function words left out)."""
        # Scoring asks for the same few units' words many times over: the sets of the units last asked about
        # are kept (by their code), a few thousand at most.
        recent = self._vocabulary.recent
        found = recent.get(self.code)
        if found is None:
            if len(recent) >= _RECENT:
                recent.clear()
            found = recent[self.code] = frozenset(self.code).difference(self._vocabulary.stop)
        return found

    @property
    def loose(self) -> str:
        """The code with every function word the same ("this" and "the", "will" and "would")."""
        return self.code.translate(self._vocabulary.loosen)

    @property
    def capitals(self) -> frozenset[str]:
        """The words written with a capital letter somewhere in the unit."""
        word_of, code, bits = self._vocabulary.word_of, self.code, self._capitals
        return frozenset(word_of[code[n]] for n in range(min(bits.bit_length(), len(code))) if bits >> n & 1)

    @property
    def vocabulary(self) -> Vocabulary:
        return self._vocabulary

    @property
    def capital_bits(self) -> int:
        """Bit n set: the n-th word is written with a capital letter."""
        return self._capitals

    @property
    def weights(self) -> dict[str, float]:
        """Each distinct word with its weight (see `tui.tokens.weights`): numbers and names most, function
        words least; the first word is not taken for a name for its capital."""
        word_of = self._vocabulary.word_of
        return {word_of[c]: weight for c, weight in self.code_weights().items()}

    def code_weights(self, discount: dict[str, float] | None = None) -> dict[str, float]:
        """`weights` keyed by the words' codes (one code is one word), in the order the words come, each times
        its word's `discount` where given."""
        vocabulary, code = self._vocabulary, self.code
        base = vocabulary.base_weight
        found = {c: base[c] for c in code}
        for c in self.name_codes():
            found[c] = NAME_WEIGHT
        if discount:
            word_of = vocabulary.word_of
            found = {c: weight * discount.get(word_of[c], 1.0) for c, weight in found.items()}
        return found

    def name_codes(self) -> set[str]:
        """The codes of the words taken for names: written with a capital letter, not as the first word, and
        neither a function word nor a number."""
        code, base, found = self.code, self._vocabulary.base_weight, set()
        names = self._capitals >> 1  # bit n - 1: the n-th word is written with a capital (the first is no name)
        while names:
            low = names & -names
            names ^= low
            n = low.bit_length()
            if n < len(code) and base[code[n]] == 1.0:
                found.add(code[n])
        return found

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
        # (article, sentence) -> the sentence's unit, and where its words are once asked for: runs, quotations
        # and clauses take their words from there instead of reading the text again.
        self._read: dict[tuple[int, int], Unit] = {}
        self._places: dict[tuple[int, int], tuple[array, array]] = {}

    def make(self, article: int, first: int, last: int, quote: int | None, start: int, end: int) -> Unit:
        found, whole = self._reused(article, first, last, start, end), False
        if found is None:
            text = self.articles[article].text
            read = self._whole(article, first, last, quote, start, end) and coded_words(text, start, end)
            whole = bool(read)  # its words can be reused: each match of the text gave one
            words, capitals = read or _words_of(text[start:end])
            found = self.vocabulary.encode(words), capitals
        code, capitals = found
        if self.vocabulary.function is None and not self.vocabulary.stop.isdisjoint(code):
            self.vocabulary.add_function(_FUNCTION)  # where a loose code was first made, so codes stay the same
        unit = Unit(article, first, last, quote, start, end, code, capitals, self.vocabulary)
        if whole:
            self._read[(article, first)] = unit
        return unit

    def _whole(self, article: int, first: int, last: int, quote: int | None, start: int, end: int) -> bool:
        """Whether the span is one whole sentence, made as a sentence (not a quotation that fills one)."""
        sentences = self.articles[article].sentences
        if first != last or first >= len(sentences) or quote is not None:
            return False
        return (sentences[first].start, sentences[first].end) == (start, end)

    def _reused(self, article: int, first: int, last: int, start: int, end: int) -> tuple[str, int] | None:
        """The code and capital letters of text[start:end] from the words of sentences first to last, when
        reading the text again would find just those words: the span cuts no word, and only white space
        (which no word crosses) lies between the sentences."""
        parts = [self._read.get((article, n)) for n in range(first, last + 1)]
        if any(part is None for part in parts) or not parts[0].start <= start < end <= parts[-1].end:
            return None
        if len(parts) > 1 and (start > parts[0].end or end < parts[-1].start):
            return None  # the span leaves out a sentence between its ends
        text = self.articles[article].text
        if any(not text[a.end : b.start].isspace() for a, b in zip(parts, parts[1:])):
            return None
        lo, hi = self._cut(article, parts[0], start, end if len(parts) == 1 else parts[0].end)
        if len(parts) > 1:
            hi = self._cut(article, parts[-1], parts[-1].start, end)[1]
        if lo is None or hi is None:
            return None  # a word the span cuts in two
        code, capitals, shift = [], 0, 0
        for number, unit in enumerate(parts):
            begin, stop = (lo if number == 0 else 0), (hi if number == len(parts) - 1 else len(unit.code))
            code.append(unit.code[begin:stop])
            capitals |= (unit._capitals >> begin & ((1 << max(0, stop - begin)) - 1)) << shift
            shift += max(0, stop - begin)
        return "".join(code), capitals

    def _cut(self, article: int, unit: Unit, start: int, end: int) -> tuple[int | None, int | None]:
        """The first word of the sentence's unit at or after start, and the first after end (None where the
        span cuts a word); where its words are is worked out only for a span that is not the whole sentence."""
        if (start, end) == (unit.start, unit.end):
            return 0, len(unit.code)
        key = (article, unit.sentence)
        if key not in self._places:
            self._places[key] = word_places(self.articles[article].text, unit.start, unit.end)
        starts, ends = self._places[key]
        lo, hi = bisect_left(starts, start), bisect_right(ends, end)
        return (None if lo and ends[lo - 1] > start else lo), (None if hi < len(ends) and starts[hi] < end else hi)

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


def _words_of(text: str) -> tuple[list[str], int]:
    """The words of the text, and which are capitalised (bit n: the n-th word)."""
    words, capitals = [], 0
    for number, (word, capital) in enumerate(capitalised(text)):
        words.append(word)
        if capital:
            capitals |= 1 << number
    return words, capitals


def rarity(units: list[Unit]) -> dict[str, float]:
    """A discount for content words that many of the sentences use (the story's main names)."""
    counts = Counter(w for u in units for w in set(u.words) if w not in STOPWORDS)
    limit = max(4, _COMMON_SHARE * len(units))
    return {w: _COMMON_DISCOUNT for w, n in counts.items() if n > limit}


def weighted_overlap(a: Unit, b: Unit, discount: dict[str, float]) -> float:
    """Order-free similarity (0-100): the weighted share of the two passages' words that both carry."""
    weights_a, weights_b = a.weights, b.weights  # worked out once: a unit does not keep them
    total = shared = 0.0
    for word, weight in weights_a.items():
        weight *= discount.get(word, 1.0)
        total += weight
        if word in weights_b:
            shared += min(weight, weights_b[word] * discount.get(word, 1.0))
    total += sum(w * discount.get(word, 1.0) for word, w in weights_b.items())
    return 200.0 * shared / total if total else 0.0


def shared_words(a: Unit, b: Unit, limit: int = 8) -> tuple[str, ...]:
    """The meaningful words both units carry, weightiest first, in the first unit's order."""
    vocabulary = a._vocabulary
    if vocabulary is not b._vocabulary:  # codes compare only within one vocabulary
        weights_a, weights_b = a.weights, b.weights
        both = [w for w in dict.fromkeys(a.words) if w in weights_b and w not in STOPWORDS]
        both.sort(key=lambda w: -weights_a.get(w, 0.0))
        return tuple(both[:limit])
    # By code: one word is one code, and a function word one of `stop`'s. Weighed as `code_weights` weighs them,
    # only the words both carry.
    stop, other, base = vocabulary.stop, set(b.code), vocabulary.base_weight
    names = a.name_codes()
    weight = {c: NAME_WEIGHT if c in names else base[c] for c in dict.fromkeys(a.code) if c in other and c not in stop}
    # Heaviest first; a stable sort, so words of one weight stay in the first unit's order.
    both = sorted(weight, key=weight.__getitem__, reverse=True)[:limit]
    return tuple(map(vocabulary.word_of.__getitem__, both))
