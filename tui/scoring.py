"""Whether two units carry the same passage, how strongly, and by which kind of match."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz

from tui.linking import Link, Unit, weighted_overlap
from tui.model import LinkKind
from tui.tokens import STOPWORDS


@dataclass(frozen=True)
class AlignSettings:
    """Thresholds of the alignment; every one can be set from the command line."""

    min_score: float = 65.0  # word-level similarity that links two whole sentences
    min_partial: float = 85.0  # how well a shorter passage must fit inside a longer one
    min_words: int = 6  # shortest passage that may match as a part of a longer one
    min_quote_words: int = 4  # shorter quotations form a group only when they are a name
    exact_score: float = 90.0  # passages shorter than min_words must match (almost) word for word
    min_reordered: float = 87.0  # weighted share of words two passages carry in any order


# Runs scored as one unit must beat the best of their sentences alone by this much.
RUN_MARGIN = 5.0


class Scorer:
    """Scores candidate pairs of units; `discount` lowers the weight of the story's most common words."""

    def __init__(self, units: list[Unit], settings: AlignSettings, discount: dict[str, float],
                 context: Callable[..., bool] | None = None):
        self.units = units
        self.settings = settings
        self.discount = discount
        # Whether the sentences around two quotations tell of the same thing (more evidence for short ones).
        self.context = context
        self._weighed: dict[int, tuple[Unit, float, float, float]] = {}  # by id, the unit kept so ids stay unique

    def link(self, i: int, j: int) -> Link | None:
        a, b = self.units[i], self.units[j]
        if a.quote is not None:
            found = self._quotes(a, b)
        elif a.is_run or b.is_run:
            found = None  # runs are scored by `run_link`, against the sentences of their own candidates
        else:
            found = self._sentences(a, b)
        if found is None:
            return None
        kind, score, weak = found
        return Link(i, j, round(score, 1), kind, weak)

    def _sentences(self, a: Unit, b: Unit) -> tuple[LinkKind, float, bool] | None:
        settings = self.settings
        short, long = (a, b) if len(a.code) <= len(b.code) else (b, a)
        if len(short.code) < settings.min_words:
            # Very short sentences ("That is false.") match only word for word, and only in context.
            whole = fuzz.ratio(a.code, b.code, score_cutoff=settings.exact_score)
            return (LinkKind.WHOLE, whole, True) if whole else None
        whole = fuzz.ratio(a.code, b.code, score_cutoff=settings.min_score)
        if whole:
            return LinkKind.WHOLE, whole, False
        part = self._fragment(short, long)
        if part:
            return LinkKind.FRAGMENT, part, False
        reordered = self._reordered(a, b)
        return (LinkKind.REORDERED, reordered, False) if reordered else None

    def _quotes(self, a: Unit, b: Unit) -> tuple[LinkKind, float, bool] | None:
        settings = self.settings
        short, long = (a, b) if len(a.code) <= len(b.code) else (b, a)
        words = len(short.code)
        if words < settings.min_quote_words:
            # A few quoted words ("malarkey", "a stunt") are shared word for word all the time: they link only
            # as a quoted name ("Fast and Furious") or where the sentences around them tell the same thing.
            if short.code != long.code or not short.content:
                return None
            named = words >= 2 and _is_name(short) and _is_name(long)
            if named or self._in_context(a, b):
                return LinkKind.WHOLE, 100.0, True
            return None
        if short.code == long.code:
            return LinkKind.WHOLE, 100.0, words < settings.min_words
        if words < settings.min_words:
            return self._short_quotes(a, b, short, long)
        whole = fuzz.ratio(a.code, b.code, score_cutoff=settings.min_score)
        if whole:
            return LinkKind.WHOLE, whole, False
        part = self._fragment(short, long)
        return (LinkKind.FRAGMENT, part, False) if part else None

    def _short_quotes(self, a: Unit, b: Unit, short: Unit, long: Unit) -> tuple[LinkKind, float, bool] | None:
        """A quotation of four or five words against another: a trim of it, or the same words with one changed."""
        if self._in_context(a, b, same_words=False):
            # Where the sentences around them tell the same thing, the same few words ("we don't want him")
            # are the same quotation even without a meaningful word, and one changed word ("We reject his
            # visit" / "message") is the same quotation altered.
            if short.code in long.code:
                return LinkKind.FRAGMENT, 100.0, True
            if len(long.code) <= len(short.code) + 1 and _negations(short.words) == _negations(long.words):
                whole = fuzz.ratio(short.code, long.code, score_cutoff=_TRIM_SCORE)
                if whole:
                    return LinkKind.WHOLE, whole, True
        # Elsewhere a trim joins the whole quotation when its meaningful words are all found there, in
        # order, with at most one word more in between ("that's [just] a bunch of malarkey").
        if len(short.content) < 2 or len(short.content & long.content) < len(short.content):
            return None
        if short.code in long.code:
            return LinkKind.FRAGMENT, 100.0, True
        part = fuzz.partial_ratio_alignment(short.code, long.code, score_cutoff=_TRIM_SCORE)
        if part and _negations(short.words) == _negations(long.words[part.dest_start : part.dest_end]):
            return LinkKind.FRAGMENT, part.score, True
        return None

    def _in_context(self, a: Unit, b: Unit, *, same_words: bool = True) -> bool:
        return self.context is not None and self.context(a, b, same_words=same_words)

    def _fragment(self, short: Unit, long: Unit) -> float | None:
        if not _enough_shared(short, long):
            return None
        part = fuzz.partial_ratio_alignment(short.code, long.code, score_cutoff=self.settings.min_partial)
        if not part and short.content <= long.content:
            # Every meaningful word is there, and only function words changed ("this economy will" / "the
            # economy would").
            part = fuzz.partial_ratio_alignment(short.loose, long.loose, score_cutoff=self.settings.min_partial)
        if not part:
            return None
        # In a short fragment a negation that only one side has makes another statement ("not putting people
        # back to work" inside "by putting people back to work").
        window = long.words[part.dest_start : part.dest_end]
        if len(short.code) < _NEGATION_MATTERS and _negations(short.words) != _negations(window):
            return None
        return part.score

    def _reordered(self, a: Unit, b: Unit) -> float | None:
        shared = len(a.content & b.content)
        if shared < 3:
            return None
        # A long sentence retold around the same many meaningful words (a career, a list of names) is the same
        # passage even where the function words and the order changed too much for the weighted score.
        many = shared >= _MANY_SHARED and shared >= _MOST_SHARED * max(len(a.content), len(b.content))
        if not many and self._overlap_bound(a, b, shared) < self.settings.min_reordered - _BOUND_MARGIN:
            return None
        score = weighted_overlap(a, b, self.discount)
        return score if many or score >= self.settings.min_reordered else None

    def _overlap_bound(self, a: Unit, b: Unit, shared: int) -> float:
        """An upper bound of `weighted_overlap` from each unit's totals: the words both carry weigh at most the
        lighter side, and at most `shared` times the heaviest meaningful word plus the lighter function words."""
        _, total_a, function_a, heaviest_a = self._weights(a)
        _, total_b, function_b, heaviest_b = self._weights(b)
        if not total_a + total_b:
            return 0.0
        both = min(total_a, total_b, shared * min(heaviest_a, heaviest_b) + min(function_a, function_b))
        return 200.0 * both / (total_a + total_b)

    def _weights(self, unit: Unit) -> tuple[Unit, float, float, float]:
        found = self._weighed.get(id(unit))
        if found is None:
            weights = [(word, weight * self.discount.get(word, 1.0)) for word, weight in unit.weights.items()]
            function = sum(weight for word, weight in weights if word in STOPWORDS)
            heaviest = max((weight for word, weight in weights if word not in STOPWORDS), default=0.0)
            found = self._weighed[id(unit)] = (unit, sum(weight for _, weight in weights), function, heaviest)
        return found

    def run_link(self, run_index: int, other_index: int, parts: list[Unit]) -> Link | None:
        """A run of short sentences against one long sentence of another outlet, scored as one unit."""
        run, other = self.units[run_index], self.units[other_index]
        if other.is_run or len(other.code) < self.settings.min_words:
            return None
        score = fuzz.ratio(run.code, other.code, score_cutoff=self.settings.min_score)
        if not score:
            return None
        alone = max(fuzz.ratio(part.code, other.code) for part in parts)
        if score < alone + RUN_MARGIN or not all(_belongs(part, other) for part in parts):
            return None
        return Link(run_index, other_index, round(score, 1), LinkKind.MERGED)


_BOUND_MARGIN = 1e-6  # room for rounding in sums, so a bound never refuses a score that reaches the threshold
_MANY_SHARED = 10  # meaningful words
_MOST_SHARED = 0.75  # of the meaningful words of the longer passage
_TRIM_SCORE = 75.0  # a five-word trim with one word inserted or changed fits a five-word window at 80
_NEGATION_MATTERS = 10  # words: below this length a fragment's negations must match
_NEGATIONS = frozenset("""not no never nor none nothing nobody dont doesnt didnt isnt wasnt arent werent wont cant
    couldnt shouldnt wouldnt hasnt havent hadnt aint""".split())


def _negations(words: list[str]) -> int:
    return sum(1 for w in words if w in _NEGATIONS)


UNMARKED_WORDS = 10  # a quotation this long is recognised inside another outlet's sentence without its marks
UNMARKED_SHARE = 0.8  # ... where the sentence holds this share of its meaningful words
_UNMARKED_SCORE = 90.0


def unmarked_score(quote: Unit, sentence: Unit) -> float | None:
    """How well a quotation fits inside a sentence that does not mark it, function words aside."""
    if len(quote.content & sentence.content) < UNMARKED_SHARE * len(quote.content) or len(sentence.code) < len(quote.code):
        return None
    part = fuzz.partial_ratio_alignment(quote.loose, sentence.loose, score_cutoff=_UNMARKED_SCORE)
    if not part or _negations(quote.words) != _negations(sentence.words[part.dest_start : part.dest_end]):
        return None
    return round(part.score, 1)


def _belongs(part: Unit, whole: Unit) -> bool:
    """Each sentence of a run must bring its own words along, so an unrelated neighbour cannot ride in."""
    if part.content:
        return len(part.content & whole.content) >= 0.5 * len(part.content)
    return set(part.code) <= set(whole.code)


def _enough_shared(short: Unit, long: Unit) -> bool:
    """A fragment must bring most of its meaningful words with it, not just "the US military said"."""
    if not short.content:
        return False
    shared = len(short.content & long.content)
    least = 2 if short.quote is not None else 3  # a quotation is already marked as someone's words
    return shared >= least and shared >= 0.6 * len(short.content)


def _is_name(unit: Unit) -> bool:
    """Every meaningful word of the quotation is capitalised: a title, a slogan, a programme's name."""
    meaningful = [w for w in unit.words if w not in STOPWORDS]
    return bool(meaningful) and all(w in unit.capitals for w in meaningful)
