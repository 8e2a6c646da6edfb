"""How close a passage is to a group's version: the score the closest-passage search names, and upper bounds
of it worked out for many pairs at once, so that only pairs that may beat the best so far are scored."""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

from tui.linking import Unit

if TYPE_CHECKING:
    from tui.closest_words import Found

_WEIGHED_KEPT = 1 << 16  # units whose weights are kept

# Upper bounds are compared with this much room, so that rounding in a sum never skips a score that counts.
MARGIN = 1e-6


class Scores:
    """Similarity of a group's versions to passages, with each unit's discounted weights worked out once: a
    group's versions are scored against many passages, and each passage against many groups."""

    def __init__(self, discount: dict[str, float], word_of: dict[str, str]):
        self.discount, self.word_of = discount, word_of  # `word_of`: the word of each code
        # By the unit's id, the unit kept alongside so that the id is never reused by another.
        self.weighed: OrderedDict[int, tuple] = OrderedDict()

    def similarity(self, version: tuple, passage: Unit, together: int, floor: float,
                   bounds: tuple[float, float]) -> float:
        """The best of in-order, inside-a-longer-passage and any-order similarity of a prepared version (see
        `prepared`) and a passage (`together`: meaningful words both carry; `bounds`: of its any-order and
        inside-a-longer-passage parts, see `ceilings`); a part whose bound cannot beat `floor` or the parts
        already scored is not worked out, so a result at or below `floor` may be lower than the true one, and
        one above it is exact."""
        unit_a, content_a, weights_a, total_a = version
        code_a, code_b = unit_a.code, passage.code
        score = fuzz.ratio(code_a, code_b)
        overlap, partial = bounds
        if overlap > max(score, floor):
            _, _, weights_b, total_b = self.prepared(passage)  # only then: most passages need no weights
            total = total_a + total_b
            # Summed in the version's word order: over a set the order, and so the last digit of the sum and
            # which of two equally close passages is named, would change from one run to the next.
            shared = sum(min(weight, weights_b[w]) for w, weight in weights_a.items() if w in weights_b)
            score = max(score, 200.0 * shared / total if total else 0.0)
        if 4 <= len(code_a) < len(code_b) and partial > max(score, floor):
            score = max(score, fuzz.partial_ratio(code_a, code_b) * min(1.0, together / max(1, len(content_a))))
        return score

    def ceilings(self, versions: list[tuple], passages: list[Unit], found: Found) -> tuple[np.ndarray, ...]:
        """For each passage (row) and prepared version (column), a bound that `similarity` never exceeds (the
        in-order score itself, and bounds on the other two parts), and the bounds on those two parts."""
        if not passages:
            return (np.zeros(found.together.shape),) * 3
        ratio = process.cdist([p.code for p in passages], [v[0].code for v in versions], scorer=fuzz.ratio,
                              dtype=np.float64)
        overlap = _overlap_ceilings(versions, found) + MARGIN
        partial = _partial_ceilings(versions, passages, found) + MARGIN
        return np.maximum(ratio + MARGIN, np.maximum(overlap, partial)), overlap, partial

    def prepared(self, unit: Unit) -> tuple:
        """The unit, its meaningful words, its discounted weights and their total."""
        found = self.weighed.get(id(unit))
        if found is not None:
            self.weighed.move_to_end(id(unit))
        else:
            if len(self.weighed) >= _WEIGHED_KEPT:
                # A corpus has hundreds of thousands of units: those of the articles searched last are kept.
                self.weighed.popitem(last=False)
            discount, word_of = self.discount, self.word_of
            weights = {(word := word_of[code]): weight * discount.get(word, 1.0)
                       for code, weight in unit.code_weights().items()}
            found = self.weighed[id(unit)] = (unit, unit.content, weights, sum(weights.values()))
        return found


def _overlap_ceilings(versions: list[tuple], found: Found) -> np.ndarray:
    """The weighted overlap of each pair, summed in another order than `Scores.similarity` sums it (so it
    may differ in the last digits, which `MARGIN` covers)."""
    total = np.array([v[3] for v in versions]) + found.totals[:, None]
    return np.divide(200.0 * found.overlap, total, out=np.zeros(found.overlap.shape), where=total > 0)


def _partial_ceilings(versions: list[tuple], passages: list[Unit], found: Found) -> np.ndarray:
    """Bounds on the inside-a-longer-passage score of each pair, where that score is worked out (a version of 4
    words or more, in a longer passage): the share of the version's meaningful words the passage carries,
    times the best similarity any stretch of the passage can have with the version. That similarity is 2m / (n
    + w) for a stretch of w words matching m of the version's n (w < n only at the passage's ends), so at
    most 2m / (n + m), with m no more than the version's words (repeats counted) that the passage carries."""
    length_v, content_v = np.array([(len(v[0].code), len(v[1])) for v in versions]).T
    length_p = np.array([len(p.code) for p in passages])[:, None]
    share = np.minimum(1.0, found.together / np.maximum(1, content_v))
    fit = np.minimum(1.0, 2.0 * found.tokens / np.maximum(1, length_v + found.tokens))
    return np.where((4 <= length_v) & (length_v < length_p), 100.0 * share * fit, 0.0)
