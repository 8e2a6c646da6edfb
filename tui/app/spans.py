"""What colours each stretch of an article in a pane, as spans over its offsets (no Textual).

Some spans never change (the kind of a paragraph, shared sentences, quotations); a Decor carries the rest
(the cursor, word differences, figures, search matches). Spans drawn later win, so a changed word inside
the cursor's sentence inside a quotation shows as changed.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from tui.app.layout import Layout
from tui.model import Article, BlockKind

ORDER = ("headline", "heading", "dateline", "boilerplate", "shared", "quote", "cursor", "match", "added",
         "changed", "removed", "figure", "current")  # fmt: skip
RANK = {name: rank for rank, name in enumerate(ORDER)}
PARAGRAPH_KINDS = {BlockKind.HEADLINE: "headline", BlockKind.HEADING: "heading", BlockKind.DATELINE: "dateline",
                   BlockKind.BOILERPLATE: "boilerplate"}  # fmt: skip
# A search match is a few words: one starting this far before a paragraph cannot reach into it.
LONGEST_MATCH = 200


@dataclass(frozen=True)
class Decor:
    """What colours a pane beyond its shared sentences and quotations, as article offsets."""

    cursor: tuple[int, int] | None = None
    spans: tuple[tuple[int, int, str], ...] = ()  # word differences, figures
    removed: tuple[tuple[int, str], ...] = ()  # the base's words this outlet drops, shown at a position
    matches: tuple[tuple[int, int], ...] = ()  # search matches, sorted
    current: tuple[int, int] | None = None  # the search match last moved to


class ArticleSpans:
    """The spans over any paragraph of one article, found by bisection (a 20 MB article has 100,000s)."""

    def __init__(self, article: Article, shared: set[int]) -> None:
        self.article, self.shared = article, shared
        self.sentence_starts = [s.start for s in article.sentences]
        self.quote_starts = [q.outer_start for q in article.quotes]
        # A quotation may run on from an earlier paragraph: look back as far as the longest one.
        self.longest_quote = max((q.outer_end - q.outer_start for q in article.quotes), default=0)

    def over(self, index: int, decor: Decor) -> list[tuple[int, int, str]]:
        """Every span over a paragraph as (start, end, kind), in drawing order."""
        paragraph = self.article.paragraphs[index]
        start, end = paragraph.start, paragraph.end
        spans = [(start, end, PARAGRAPH_KINDS[paragraph.kind])] if paragraph.kind in PARAGRAPH_KINDS else []
        starts = self.sentence_starts
        for number in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
            if number in self.shared:
                sentence = self.article.sentences[number]
                spans.append((sentence.start, sentence.end, "shared"))
        first = bisect.bisect_left(self.quote_starts, start - self.longest_quote)
        for quote in self.article.quotes[first : bisect.bisect_left(self.quote_starts, end)]:
            spans.append((quote.outer_start, quote.outer_end, "quote"))
        spans += [(*decor.cursor, "cursor")] if decor.cursor else []
        spans += decor.spans
        low = bisect.bisect_left(decor.matches, (start - LONGEST_MATCH, 0))
        spans += [(*match, "match") for match in decor.matches[low : bisect.bisect_left(decor.matches, (end, 0))]]
        spans += [(*decor.current, "current")] if decor.current else []
        return sorted(((a, b, kind) for a, b, kind in spans if a < end and b > start), key=lambda s: RANK[s[2]])


def touched(layout: Layout, decor: Decor) -> set[int]:
    """The paragraphs a Decor colours (apart from search matches): those to draw again when it changes."""
    spans = [*decor.spans, *([decor.cursor] if decor.cursor else []), *([decor.current] if decor.current else [])]
    found = {layout.paragraph_of(position) for position, _ in decor.removed}
    for start, end, *_ in spans:
        found.update(range(layout.paragraph_of(start), layout.paragraph_of(max(start, end - 1)) + 1))
    return found
