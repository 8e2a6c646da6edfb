"""Which candidate pairs of sentences and runs some rule of the scorer could link, for millions at once.

Two unrelated sentences of a large corpus often share a run of three words ("in the city", "said on
Monday"), and most candidate pairs are such pairs; each rule of `tui.scoring` needs far more in common. From a
few numbers per unit (its words, meaningful words and function words, and a 256-bit sketch of its meaningful
words) an upper bound of the words two units share is worked out for every pair in a few array operations, and
a pair goes on to be scored only where that bound lets some rule link it. The bounds never undercount, so no
pair the scorer would link is left out.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np

from tui.pair_codes import distinct
from tui.scoring import AlignSettings

_LANES = 4  # 64-bit words of a unit's sketch
# Pairs checked at a time: a corpus has tens of millions, and each takes a few dozen bytes while checked.
_AT_ONCE = 1 << 20
_MIX = np.uint64(0x9E3779B97F4A7C15)
_MARGIN = 1e-6  # room for rounding: a bound errs on the generous side
_FRAGMENT_WORDS = 3  # `tui.scoring`: a fragment brings at least three meaningful words ...
_FRAGMENT_SHARE = 0.6  # ... and this share of its meaningful words
_REORDERED_WORDS = 3  # the order-free rule wants three meaningful words in common


class Sketches:
    """For each unit: its length in words, distinct meaningful words, tokens of meaningful and of function
    words, whether it is a run, and the sketch (a bit set by each meaningful word)."""

    def __init__(self, units: Sequence, stop: Collection[str]) -> None:
        codes = [u.code for u in units]
        count = len(codes)
        # Each unit's numbers as 32-bit integers: millions of pairs look them up, and the smaller the arrays,
        # the faster that is.
        self.length = np.fromiter(map(len, codes), dtype=np.int32, count=count)
        self.run = np.fromiter((u.is_run for u in units), dtype=bool, count=count)
        words = np.frombuffer("".join(codes).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        owner = np.repeat(np.arange(count, dtype=np.int64), self.length)
        stop = stop_table(stop, int(words.max()) + 1 if len(words) else 1)
        meaningful = ~stop[words]
        self.content_tokens = np.bincount(owner[meaningful], minlength=count).astype(np.int32)
        self.function_tokens = self.length - self.content_tokens
        # Distinct meaningful words of each unit, and the bit each sets in the unit's sketch.
        keys = distinct((owner[meaningful] << 32) | words[meaningful])
        unit, word = keys >> 32, keys & 0xFFFFFFFF
        self.meaningful = np.bincount(unit, minlength=count).astype(np.int32)
        self.repeats = self.content_tokens - self.meaningful  # tokens of meaningful words beyond each one's first
        bit = ((word.astype(np.uint64) * _MIX) >> np.uint64(56)).astype(np.int64)  # 0..255
        # A lane (64 bits of every unit's sketch) after another: looked up lane by lane, the sketches of
        # millions of pairs are read twice as fast as row by row.
        self.sketch = np.zeros((_LANES, count), dtype=np.uint64)
        np.bitwise_or.at(self.sketch, (bit >> 6, unit), np.left_shift(np.uint64(1), (bit & 63).astype(np.uint64)))

    def shared_bound(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """At most this many meaningful words are in both units: each word of the union sets one bit at most,
        so the union has at least as many words as the two sketches set bits."""
        return np.concatenate([self._shared_bound(a[at : at + _AT_ONCE], b[at : at + _AT_ONCE])
                               for at in range(0, len(a), _AT_ONCE)] or [np.zeros(0, dtype=np.int64)])

    def _shared_bound(self, a: np.ndarray, b: np.ndarray, meaningful_a: np.ndarray | None = None,
                      meaningful_b: np.ndarray | None = None) -> np.ndarray:
        if meaningful_a is None:
            meaningful_a, meaningful_b = self.meaningful[a], self.meaningful[b]
        shared = meaningful_a + meaningful_b
        for lane in self.sketch:
            union = lane[a]
            union |= lane[b]
            shared -= np.bitwise_count(union)
        return shared

    def could_link(self, codes: np.ndarray, count: int, settings: AlignSettings, any_order: bool = True) -> np.ndarray:
        """For pair codes i * count + j of sentences and runs, False where no rule of the scorer could link
        the pair: a run against a run, or too few words in common for any rule (with `any_order` False, for any
        rule but the order-free one)."""
        return np.concatenate([self._could_link(codes[at : at + _AT_ONCE], count, settings, any_order)
                               for at in range(0, len(codes), _AT_ONCE)] or [np.zeros(0, dtype=bool)])

    def _could_link(self, codes: np.ndarray, count: int, settings: AlignSettings, any_order: bool) -> np.ndarray:
        a, b = np.divmod(codes, count)
        # Each side's numbers looked up once.
        length_a, length_b, run_a, run_b = self.length[a], self.length[b], self.run[a], self.run[b]
        meaningful_a, meaningful_b = self.meaningful[a], self.meaningful[b]
        shared = np.minimum(self._shared_bound(a, b, meaningful_a, meaningful_b),
                            np.minimum(meaningful_a, meaningful_b))
        # Words in common, repeats counted: the function words of the side with fewer, and of the meaningful
        # words each side's tokens of the shared ones (every other distinct word takes at least one token).
        tokens = np.minimum(self.function_tokens[a], self.function_tokens[b]) + np.minimum(
            self.repeats[a], self.repeats[b]) + shared
        common = np.minimum(tokens, np.minimum(length_a, length_b))
        total = length_a + length_b
        # A ratio of r needs r / 200 of both units' words in common, in order.
        whole = common >= settings.min_score / 200 * total - _MARGIN
        exact = common >= settings.exact_score / 200 * total - _MARGIN
        short_a = length_a <= length_b
        short_len = np.minimum(length_a, length_b)
        short_meaningful = np.where(short_a, meaningful_a, meaningful_b)
        fragment = (shared >= _FRAGMENT_WORDS) & (shared >= _FRAGMENT_SHARE * short_meaningful - _MARGIN)
        sentences = ~run_a & ~run_b
        single_length = np.where(run_a, length_b, length_a)  # the sentence's, of a run's pair
        run_pair = (run_a ^ run_b) & whole & (single_length >= settings.min_words)
        tiny = sentences & (short_len < settings.min_words) & exact
        reordered = (shared >= _REORDERED_WORDS) & any_order
        full = sentences & (short_len >= settings.min_words) & (whole | fragment | reordered)
        return run_pair | tiny | full


def stop_table(stop: Collection[str], size: int) -> np.ndarray:
    """Whether each word code is a function word (`stop` holds their characters), indexed by the code."""
    table = np.zeros(size, dtype=bool)
    table[[ord(c) for c in stop if ord(c) < size]] = True
    return table


def worth_scoring(units: Sequence, stop: Collection[str], settings: AlignSettings):
    """For sorted pair codes of sentences and runs, those that some rule of the scorer could link; with
    `any_order` False, only those that a rule other than the order-free one could link (that rule links only
    pairs that `tui.candidates.prefix_array` finds, which are sifted with `any_order`)."""
    sketches, count = Sketches(units, stop), len(units)
    return lambda codes, any_order=False: codes[sketches.could_link(codes, count, settings, any_order)]


def kept_in_order(found, keep, count: int) -> list[tuple[int, int]]:
    """The pairs of a set that `keep` keeps, in the set's own order."""
    codes = np.fromiter((a * count + b for a, b in found), dtype=np.int64)
    kept = set(keep(np.sort(codes), any_order=True).tolist())  # a small input's set holds every rule's pairs
    return [(c // count, c % count) for c in codes.tolist() if c in kept]


def unmarked_pairs(pool: Sequence, quotes: int, stop: Collection[str], share: float):
    """For sorted pair codes of a pool of quotations (numbered below `quotes`) and sentences, the pairs of a
    quotation and a sentence at least as long that may hold `share` of its meaningful words."""
    sketches, count = Sketches(pool, stop), len(pool)

    def cut(codes: np.ndarray) -> np.ndarray:
        codes = quote_and_sentence(codes, quotes, count)
        a, b = codes // count, codes % count
        may = sketches.shared_bound(a, b) >= share * sketches.meaningful[a] - _MARGIN
        return codes[may & (sketches.length[b] >= sketches.length[a])]

    return cut


def quote_and_sentence(codes: np.ndarray, quotes: int, count: int) -> np.ndarray:
    """Of sorted pair codes i * count + j (i < j), those of a unit numbered below `quotes` and one not."""
    codes = codes[: int(np.searchsorted(codes, quotes * count))]
    return codes[codes % count >= quotes]
