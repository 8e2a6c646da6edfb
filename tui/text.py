"""From decoded text to a segmented Article: paragraphs, sentences and quotations with offsets."""

from __future__ import annotations

import bisect

from tui.blocks import Block, classify, inline_dateline, join_lines
from tui.clean import clean_lines, strip_controls
from tui.model import Article, BlockKind, Outlet, Paragraph, Quote, Sentence, Span
from tui.quotes import find_quotes
from tui.sentences import split_sentences


def build_article(
    article_id: str, source: str, outlet: Outlet, raw_text: str, *, markdown: bool = True, **meta: str
) -> Article:
    """Clean and segment one article; `meta` fills title, published, author and url."""
    meta = {key: strip_controls(value) for key, value in meta.items()}
    source, outlet = strip_controls(source), inert_outlet(outlet)
    text, spans = join_lines(clean_lines(raw_text, markdown=markdown))
    blocks = classify(text, spans)
    dateline = inline_dateline(text, blocks)
    article = Article(id=article_id, source=source, outlet=outlet, text=text, dateline=dateline, **meta)
    article.paragraphs = [Paragraph(i, b.start, b.end, b.kind) for i, b in enumerate(blocks)]
    article.sentences = _sentences(text, blocks, dateline)
    article.quotes = _quotes(text, blocks, article.sentences)
    if not article.title and blocks and blocks[0].kind is BlockKind.HEADLINE:
        article.title = text[blocks[0].start : blocks[0].end].replace("\n", " ")
    return article


def _sentences(text: str, blocks: list[Block], dateline: Span | None) -> list[Sentence]:
    sentences: list[Sentence] = []
    for number, block in enumerate(blocks):
        start = block.start
        if dateline is not None and dateline.start == block.start:
            start = dateline.end
        spans = split_sentences(text, start, block.end) if block.kind is BlockKind.BODY else [(start, block.end)]
        for s_start, s_end in spans:
            sentences.append(Sentence(len(sentences), s_start, s_end, number, block.kind))
    return sentences


def _quotes(text: str, blocks: list[Block], sentences: list[Sentence]) -> list[Quote]:
    paragraphs = [(b.start, b.end) for b in blocks]
    starts = [s.start for s in sentences]
    quotes: list[Quote] = []
    for span in find_quotes(text, paragraphs):
        sentence = max(0, bisect.bisect_right(starts, span.start) - 1)
        quotes.append(Quote(len(quotes), span.start, span.end, span.outer_start, span.outer_end, sentence, span.depth))
    return quotes


def inert_outlet(outlet: Outlet) -> Outlet:
    """An outlet whose names cannot carry terminal control sequences (they come from files and URLs)."""
    return Outlet(outlet.id, strip_controls(outlet.name), strip_controls(outlet.label), strip_controls(outlet.homepage))
