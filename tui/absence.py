"""Honest absence: for each outlet that lacks a shared passage, its closest passage if it has one."""

from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz import fuzz

from tui.linking import Unit, Units, weighted_overlap
from tui.model import Closest, Group

# Below this similarity (0-100) nothing in the outlet is close, and "not in this outlet" may be said.
CLOSE_SCORE = 20.0
# A passage shares at least this many meaningful words with the group to count as close (measured on the
# annotated stories: at 20 and 1, one "not in this outlet" in ten is a paraphrase the wording misses).
CLOSE_WORDS = 1
_SCORED = 12  # passages of an outlet scored against a group, those sharing the most words first
_VERSIONS = 4  # versions of the group scored against each of them, those sharing the most words first
# Above this many articles (a corpus rather than one story) a group's closest passage is looked for only in the
# articles of other outlets that share two passages with its articles (one outlet's own articles share its
# page furniture), at most this many, those sharing the most first: the others tell other stories, and
# searching every article for every group would cost the square of the corpus.
EVERY_ARTICLE_UP_TO = 30
SHARED_GROUPS = 2  # one shared passage between two outlets' articles may be chance; two tell the same story


def find_closest(factory: Units, groups: list[Group], sentences: list[Unit], discount: dict[str, float]) -> None:
    """Fill `Group.closest` for every outlet that can be read and does not carry the group."""
    by_article: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for index, unit in enumerate(sentences):
        for code in unit.content:
            by_article[unit.article][code].append(index)
    readable = [i for i, article in enumerate(factory.articles) if article.ok and article.sentences]
    near = _neighbours(groups, factory.articles) if len(readable) > EVERY_ARTICLE_UP_TO else None
    # A member that is one whole sentence is that sentence's unit: only runs and quotations are made anew.
    whole = {(u.article, u.sentence, u.start, u.end): u for u in sentences}
    for group in groups:
        made = (whole.get((m.article, m.sentence, m.start, m.end)) if m.quote is None and m.spans[-1] == m.sentence
                else None for m in group.members)
        made = (unit or factory.make(m.article, m.sentence, m.spans[-1], m.quote, m.start, m.end)
                for unit, m in zip(made, group.members))
        versions = list({v.code: v for v in made}.values())  # outlets that print the same words count once
        present = group.articles
        searched = readable if near is None else _nearest(near, present)
        for article in searched:
            if article in present:
                continue
            best = _closest(versions, sentences, by_article[article], discount)
            if best is not None:
                unit, score = best
                group.closest[article] = Closest(article, unit.sentence, unit.start, unit.end, round(score, 1))


def _neighbours(groups: list[Group], articles: list) -> list[Counter[int]]:
    """For each article, how many groups it shares with each article of another outlet."""
    near: list[Counter[int]] = [Counter() for _ in articles]
    for group in groups:
        present = group.articles
        for article in present:
            outlet = articles[article].outlet.id
            near[article].update(a for a in present if articles[a].outlet.id != outlet)
    return near


def _nearest(near: list[Counter[int]], present: set[int]) -> list[int]:
    """The articles sharing groups with a group's articles, those sharing the most first (ties by order)."""
    shared: Counter[int] = Counter()
    for article in present:
        shared.update(near[article])
    ranked = sorted((a for a, n in shared.items() if n >= SHARED_GROUPS and a not in present), key=lambda a: (-shared[a], a))
    return sorted(ranked[:EVERY_ARTICLE_UP_TO])


def _closest(versions: list[Unit], sentences: list[Unit], index: dict[str, list[int]], discount: dict[str, float]):
    # How many (version, word) pairs each passage shares, counted word by word: a word of every version once.
    uses = Counter(code for version in versions for code in version.content)
    shared: dict[int, int] = defaultdict(int)
    for code, times in uses.items():
        for candidate in index.get(code, ()):
            shared[candidate] += times
    best: tuple[Unit, float] | None = None
    # The closest passage shares the most meaningful words with the group: only the passages sharing most are
    # scored (a group that 100 outlets carry would otherwise score every sentence of an outlet a hundred times).
    ranked = sorted(shared, key=lambda c: (-shared[c], c))[:_SCORED]
    for candidate in ranked:
        unit = sentences[candidate]
        # The versions sharing most meaningful words with the passage are the ones that can score highest.
        nearest = sorted(versions, key=lambda v: -len(unit.content & v.content))[:_VERSIONS]
        if len(unit.content & nearest[0].content) < CLOSE_WORDS:
            continue
        score = max(_similarity(v, unit, discount) for v in nearest)
        if score >= CLOSE_SCORE and (best is None or score > best[1]):
            best = (unit, score)
    return best


def _similarity(version: Unit, unit: Unit, discount: dict[str, float]) -> float:
    """The best of in-order, inside-a-longer-passage and any-order similarity."""
    scores = [fuzz.ratio(version.code, unit.code), _overlap(version, unit, discount)]
    if 4 <= len(version.code) < len(unit.code):
        scores.append(fuzz.partial_ratio(version.code, unit.code) * min(1.0, len(version.content & unit.content) / max(1, len(version.content))))
    return max(scores)


def _overlap(a: Unit, b: Unit, discount: dict[str, float]) -> float:
    """`weighted_overlap`, with each unit's discounted weights worked out once: a group's versions are scored
    against many passages, and each passage against many groups."""
    weights_a, total_a = _discounted(a, discount)
    weights_b, total_b = _discounted(b, discount)
    total = total_a + total_b
    if not total:
        return 0.0
    shared = sum(min(weights_a[w], weights_b[w]) for w in weights_a.keys() & weights_b.keys())
    return 200.0 * shared / total


def _discounted(unit: Unit, discount: dict[str, float]) -> tuple[dict[str, float], float]:
    cached = unit.__dict__.get("_discounted")
    if cached is None or cached[0] is not discount:
        weights = {word: weight * discount.get(word, 1.0) for word, weight in unit.weights.items()}
        cached = (discount, weights, sum(weights.values()))
        unit.__dict__["_discounted"] = cached
    return cached[1], cached[2]
