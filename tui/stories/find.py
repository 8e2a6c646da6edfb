"""From read articles to stories: grouping, evidence, a stable id and title for each, newest and widest first."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timezone
from itertools import combinations

from tui.stories.evidence import gather, name_rarity, names_in
from tui.stories.grouping import Found, GroupSettings, find_groups
from tui.stories.model import Entry, FoundStory, day

_LATEST = datetime.max.replace(tzinfo=timezone.utc)


def find_stories(
    entries: Sequence[Entry], settings: GroupSettings | None = None
) -> tuple[list[FoundStory], list[Entry]]:
    """Stories of two or more entries, and the entries that match no other; entries must have their article."""
    articles = [entry.article for entry in entries]
    found = find_groups(articles, [entry.published for entry in entries], settings)
    names = [names_in(article) for article in articles] if found else []
    rarity = name_rarity(names)
    stories = [_story(group, entries, names, rarity) for group in found]
    assigned = {index for group in found for index in group.members}
    unassigned = [entry for index, entry in enumerate(entries) if index not in assigned]
    return sort_stories(stories), unassigned


def _story(group: Found, entries: Sequence[Entry], names: list[set[str]], rarity: dict[str, int]) -> FoundStory:
    members = [entries[i] for i in group.members]
    evidence = gather(group.alignment, [e.outlet.name for e in members], [names[i] for i in group.members], rarity)
    pairs = list(combinations(group.members, 2))
    similarity = sum(group.scores.get(pair, 0.0) for pair in pairs) / len(pairs)
    ordered = sorted(members, key=lambda e: (e.published or _LATEST, e.outlet.name, e.source))
    return FoundStory(story_id(members), _central_title(group, entries), ordered, evidence, similarity)


def story_id(members: Sequence[Entry]) -> str:
    """Named after its earliest article, so that the story keeps its id as later articles join it."""
    first = min(members, key=lambda e: (e.published or _LATEST, e.source))
    return "s-" + hashlib.sha1(first.source.encode("utf-8")).hexdigest()[:10]


def _central_title(group: Found, entries: Sequence[Entry]) -> str:
    """The headline of the article most like the others: the one that best stands for the story."""
    closeness = {index: 0.0 for index in group.members}
    for (a, b), score in group.scores.items():
        closeness[a] += score
        closeness[b] += score
    best = max(group.members, key=lambda i: (closeness[i], -group.members.index(i)))
    return entries[best].title or entries[best].source


def sort_stories(stories: list[FoundStory]) -> list[FoundStory]:
    """Newest first (by the day a story was first published), then the most outlets; undated stories last."""
    def key(story: FoundStory):
        first = day(story.first_published)
        return (first is not None, first.toordinal() if first else 0, len(story.outlets), len(story.entries))

    return sorted(stories, key=lambda s: (tuple(-k for k in key(s)), s.title))
