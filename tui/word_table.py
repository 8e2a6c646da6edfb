"""Every unit's words as arrays of codes with their weights: what matching weighs, worked out for hundreds of
thousands of units in a few array operations rather than a dictionary per unit."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tui.linking import Unit
from tui.tokens import NAME_WEIGHT


def weighed_words(sentences: Sequence[Unit], vocabulary, discount: dict[str, float]) -> tuple[np.ndarray, ...]:
    """Every unit's distinct words as codes (`codes[starts[n]:starts[n + 1]]` are unit n's, in the order of their
    codes), each with the weight `Unit.code_weights(discount)` gives it, and each unit's total weight (summed
    in that order, which may differ in the last digits from a sum in the words' order), worked out with
    arrays a block of units at a time."""
    size = max(map(ord, vocabulary.word_of), default=0) + 1
    base, factor = np.zeros(size), np.ones(size)
    for code, word in vocabulary.word_of.items():
        base[ord(code)] = vocabulary.base_weight[code]
        factor[ord(code)] = discount.get(word, 1.0)
    parts = [_weighed_block(sentences[first:first + _BLOCK], base, factor)
             for first in range(0, len(sentences), _BLOCK)]
    counts = np.concatenate([np.zeros(1, dtype=np.int64)] + [np.diff(starts) for starts, _, _ in parts])
    codes, weights = (np.concatenate([p[k] for p in parts] or [np.zeros(0)]) for k in (1, 2))
    starts = np.cumsum(counts)
    return starts, codes.astype(np.int32), weights, sequential_sums(starts, weights)


def sequential_sums(starts: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The sum of each slice `values[starts[n]:starts[n + 1]]`, added one value after another from the first,
    as a loop in Python adds them (NumPy's own sums add in another order, which may change the last digits)."""
    lengths = np.diff(starts)
    sums = np.zeros(len(lengths))
    order = np.argsort(-lengths, kind="stable")  # the longest slices first
    ranked = -lengths[order]
    for k in range(int(lengths.max(initial=0))):
        active = order[: int(np.searchsorted(ranked, -k, side="left"))]  # the slices longer than k
        sums[active] += values[starts[active] + k]
    return sums


def _weighed_block(block: list[Unit], base: np.ndarray, factor: np.ndarray) -> tuple[np.ndarray, ...]:
    texts = [unit.code for unit in block]
    length = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    words = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), length)
    position = np.arange(len(words)) - np.repeat(np.cumsum(length) - length, length)
    # A word written with a capital, not the first, is a name where its word has the plain weight.
    bits = [unit.capital_bits for unit in block]
    low = np.fromiter((b & _LOW_BITS for b in bits), dtype=np.int64, count=len(bits))
    capital = (position < _LOW) & ((low[owner] >> np.minimum(position, _LOW - 1)) & 1).astype(bool)
    for n, b in enumerate(bits):
        if b >> _LOW:  # a capital past the first 62 words: rare enough to be looked up one by one
            start = int(np.searchsorted(owner, n))
            for at in range(_LOW, len(texts[n])):
                capital[start + at] = bool(b >> at & 1)
    name = capital & (position >= 1) & (base[words] == 1.0)
    keys = (owner << 21) | words  # a code is below 2 ** 21
    order = np.argsort(keys, kind="stable")
    keys, name = keys[order], name[order]
    first = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else np.zeros(0, dtype=np.int64)
    keys, named = keys[first], np.logical_or.reduceat(name, first) if len(first) else np.zeros(0, dtype=bool)
    codes = keys & ((1 << 21) - 1)
    weights = np.where(named, NAME_WEIGHT, base[codes]) * factor[codes]
    return np.searchsorted(keys >> 21, np.arange(len(block) + 1)), codes, weights


_BLOCK = 1 << 15  # sentences whose words are weighed at once
_LOW = 62  # capitals of the first words, read as one number's bits
_LOW_BITS = (1 << _LOW) - 1
