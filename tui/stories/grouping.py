"""Which articles report the same event: wording similarity proposes, the alignment confirms.

First pass: TF-IDF similarity (scaled down by the time between articles) grouped loosely by average
linkage. Second pass, inside each loose group: the project's alignment finds the passages the articles
share, each shared passage adds to the pair's similarity, and the group is formed again at the stricter
threshold. An article that is only loosely like the others and shares no passage with them drops out;
two articles that retell the same passages stay together even when the rest of their wording differs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations

from tui.align import AlignSettings, align
from tui.model import Alignment, Article
from tui.stories.cluster import Linkage, cluster
from tui.stories.similarity import TimeWindow, article_terms, similarities, tfidf

# A shared passage counts as evidence from this many words on: "I'm not going to do that" recurs in
# unrelated stories, a shared sentence of eight words or more rarely does.
PASSAGE_WORDS = 8
MAX_PASSAGES_COUNTED = 3


@dataclass(frozen=True)
class GroupSettings:
    """Thresholds of story grouping (similarities are cosines between 0 and 1)."""

    join: float = 0.18  # average similarity, passages included, for articles to form one story
    loose: float = 0.10  # first pass: the candidates the alignment is asked about
    passage_bonus: float = 0.03  # added to a pair's similarity per shared passage (up to three)
    cohesion: float = 0.7
    window: TimeWindow = field(default_factory=TimeWindow)
    align: AlignSettings = field(default_factory=AlignSettings)


@dataclass
class Found:
    """One story: indexes into the articles, their pair similarities and the alignment among them."""

    members: list[int]
    scores: dict[tuple[int, int], float]
    alignment: Alignment


def find_groups(
    articles: Sequence[Article], published: Sequence[datetime | None], settings: GroupSettings | None = None
) -> list[Found]:
    """Stories of two or more articles; every article is in at most one."""
    settings = settings or GroupSettings()
    vectors = tfidf([article_terms(a) for a in articles])
    scores = similarities(vectors, published, settings.loose / 2, settings.window)
    loose = cluster(len(articles), scores, Linkage(settings.loose, settings.cohesion))
    found: list[Found] = []
    for members in loose:
        if len(members) > 1:
            found += _confirm(members, articles, scores, settings)
    return found


def _confirm(
    members: list[int], articles: Sequence[Article], scores: dict[tuple[int, int], float], settings: GroupSettings
) -> list[Found]:
    """The stories inside one loose group once shared passages are counted."""
    alignment = align([articles[i] for i in members], settings.align)
    passages = shared_passages(alignment)
    combined = {}
    for x, y in combinations(range(len(members)), 2):
        pair = (members[x], members[y])
        bonus = settings.passage_bonus * min(passages.get((x, y), 0), MAX_PASSAGES_COUNTED)
        if scores.get(pair, 0.0) + bonus > 0:
            combined[(x, y)] = scores.get(pair, 0.0) + bonus
    stories = []
    for local in cluster(len(members), combined, Linkage(settings.join, settings.cohesion)):
        if len(local) < 2:
            continue
        story_alignment = alignment
        if len(local) < len(members):
            story_alignment = align([articles[members[i]] for i in local], settings.align)
        story_scores = {(members[x], members[y]): combined.get((x, y), 0.0) for x, y in combinations(local, 2)}
        stories.append(Found([members[i] for i in local], story_scores, story_alignment))
    return stories


def shared_passages(alignment: Alignment) -> Counter[tuple[int, int]]:
    """For each pair of articles (indexes into the alignment), how many substantial passages they share."""
    counts: Counter[tuple[int, int]] = Counter()
    for group in alignment.groups:
        first = group.members[0]
        text = alignment.articles[first.article].text[first.start : first.end]
        if len(text.split()) < PASSAGE_WORDS:
            continue
        counts.update(combinations(sorted(group.articles), 2))
    return counts
