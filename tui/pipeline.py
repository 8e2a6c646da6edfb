"""From a story to an alignment: load every article (failures kept, not raised), then compare them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from urllib.parse import urlparse

from tui.align import AlignSettings, align
from tui.model import Alignment, Article, ArticleRef, Document, Outlet, Story
from tui.clean import strip_controls
from tui.text import build_article, inert_outlet

Progress = Callable[[int, int, str], None]


def load_articles(
    story: Story,
    outlets: dict[str, Outlet],
    *,
    refresh: bool = False,
    on_progress: Progress | None = None,
) -> list[Article]:
    """Every article of the story, in order; one that cannot be read carries its error instead of text."""
    articles: list[Article] = []
    taken: set[str] = set()
    for number, ref in enumerate(story.articles):
        if on_progress is not None:
            on_progress(number, len(story.articles), ref.source)
        outlet = outlets.get(ref.outlet) or Outlet(ref.outlet, ref.outlet)
        articles.append(load_article(ref, outlet, _unique_id(ref.outlet, taken), refresh=refresh))
    if on_progress is not None:
        on_progress(len(story.articles), len(story.articles), "")
    return articles


def load_article(ref: ArticleRef, outlet: Outlet, article_id: str, *, refresh: bool = False) -> Article:
    """One article, read, cleaned and segmented; errors end up in Article.error."""
    from tui.load import LoadError, read_document

    try:
        document = read_document(ref, refresh=refresh)
    except LoadError as error:
        return failed_article(article_id, ref, outlet, str(error))
    except Exception as error:  # noqa: BLE001 - one article's surprise must not cost the others
        return failed_article(article_id, ref, outlet, f"{ref.source}: could not be read ({type(error).__name__}: {error})")
    if document.site_name and _named_after_host(outlet, ref):
        # A URL given on the command line names its outlet by host until the page says its real name.
        outlet = Outlet(outlet.id, document.site_name, outlet.label, outlet.homepage)
    article = build_article(
        article_id,
        ref.source,
        outlet,
        _with_headline(document),
        title=ref.title or document.title,
        published=ref.published or document.published,
        author=ref.author or document.author,
        url=ref.canonical_url or document.url or ref.url,
    )
    if not article.sentences:
        return failed_article(article_id, ref, outlet, f"{ref.source}: no text left once markup and control characters are removed")
    return article


def failed_article(article_id: str, ref: ArticleRef, outlet: Outlet, error: str) -> Article:
    """An article that could not be read: no text, and the reason, cleaned like everything shown."""
    return Article(id=article_id, source=strip_controls(ref.source), outlet=inert_outlet(outlet), text="",
                   title=strip_controls(ref.title), error=strip_controls(error))


def compare(articles: Sequence[Article], settings: AlignSettings | None = None) -> Alignment:
    """Align the articles that loaded; failed ones stay in the list so indexes match the input."""
    return align(list(articles), settings or AlignSettings())


def _with_headline(document: Document) -> str:
    """The text with its headline as the first line, as in a text file; pages give the headline apart."""
    text = document.text.lstrip()
    if document.title and not text.startswith(document.title):
        return f"{document.title}\n\n{text}"
    return text


def _named_after_host(outlet: Outlet, ref: ArticleRef) -> bool:
    host = urlparse(ref.url).hostname or ""
    return bool(ref.url) and outlet.name in (host, host.removeprefix("www."), outlet.id)


def _unique_id(wanted: str, taken: set[str]) -> str:
    candidate, number = wanted, 2
    while candidate in taken:
        candidate, number = f"{wanted}-{number}", number + 1
    taken.add(candidate)
    return candidate

