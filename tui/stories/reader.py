"""Stories found in feeds as the reader's stories: one Story per group, its articles opened from the cache."""

from __future__ import annotations

from tui.model import ArticleRef, Outlet, Story
from tui.stories.model import Findings, day


def reader_stories(
    findings: Findings, outlets: dict[str, Outlet] | None = None
) -> tuple[list[Story], dict[str, Outlet]]:
    """The found stories in their order (newest and widest first) and every outlet they name."""
    known = dict(outlets or {})
    stories = []
    for found in findings.stories:
        refs = []
        for entry in found.entries:
            known.setdefault(entry.outlet.id, entry.outlet)
            # A date, as sources.yaml gives it: citations and pane headers show no time of day.
            published = day(entry.published).isoformat() if entry.published else entry.ref.published
            refs.append(ArticleRef(outlet=entry.outlet.id, file=entry.ref.file, url=entry.ref.url,
                                   title=entry.title, published=published or ""))
        first = day(found.first_published)
        stories.append(Story(found.id, found.title, first.isoformat() if first else "", tuple(refs)))
    return stories, known
