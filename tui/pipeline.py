"""From a story to an alignment: load every article (failures kept, not raised), then compare them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tui.align import AlignSettings, align
from tui.cache import Cache, article_key, content_key
from tui.model import Alignment, Article, ArticleRef, Document, Outlet, Story
from tui.clean import printable, strip_controls
from tui.sources import COMMAND_LINE_STORY, auto_name, short_label
from tui.segment_pool import BuildJob, build_all
from tui.text import inert_outlet

Progress = Callable[[int, int, str], None]


def load_articles(
    story: Story,
    outlets: dict[str, Outlet],
    *,
    refresh: bool = False,
    on_progress: Progress | None = None,
    cache: Cache | None = None,
) -> list[Article]:
    """Every article of the story, in order; one that cannot be read carries its error instead of text. Many
    articles are cleaned and segmented on every core once all are read."""
    reads: list[Article | tuple[BuildJob, str]] = []
    taken: set[str] = set()
    for number, ref in enumerate(story.articles):
        if on_progress is not None:
            on_progress(number, len(story.articles), ref.source)
        outlet = outlets.get(ref.outlet) or Outlet(ref.outlet, ref.outlet)
        reads.append(_read(ref, outlet, _unique_id(ref.outlet, taken), refresh))
    built = iter(_built_all([read[0] for read in reads if not isinstance(read, Article)], cache))
    articles: list[Article] = []
    sites: list[str] = []
    for ref, read in zip(story.articles, reads):
        article, site = (read, "") if isinstance(read, Article) else _checked(ref, *read, next(built))
        article.reference = ref.reference
        outlet = outlets.get(ref.outlet) or Outlet(ref.outlet, ref.outlet)
        articles.append(article)
        sites.append(site if story.id == COMMAND_LINE_STORY and outlet.name == auto_name(ref.source) else "")
    if on_progress is not None:
        on_progress(len(story.articles), len(story.articles), "")
    _name_after_sites(articles, sites)
    return articles


def _name_after_sites(articles: list[Article], sites: list[str]) -> None:
    """Outlets of files and URLs given on the command line, named after the file or host, take the site's own
    name where the page gives one ("Fox News", not "fox-2"); two pages of one site are told apart by number."""
    taken = {a.outlet.short for a, site in zip(articles, sites) if not site}
    seen: dict[str, int] = {}
    for article, site in zip(articles, sites):
        if not site:
            continue
        seen[site] = seen.get(site, 0) + 1
        name = site if seen[site] == 1 else f"{site} ({seen[site]})"
        label = short_label(site, taken)  # "Fox News…2" beside "Fox News"
        taken.add(label)
        article.outlet = inert_outlet(Outlet(article.outlet.id, name, label, article.outlet.homepage))


def load_article(ref: ArticleRef, outlet: Outlet, article_id: str, *, refresh: bool = False,
                 cache: Cache | None = None) -> tuple[Article, str]:
    """One article, read, cleaned and segmented (or taken from the cache), and the site name its page gives;
    errors end up in Article.error."""
    read = _read(ref, outlet, article_id, refresh)
    if isinstance(read, Article):
        return read, ""
    return _checked(ref, *read, _built_all([read[0]], cache)[0])


def _read(ref: ArticleRef, outlet: Outlet, article_id: str, refresh: bool) -> Article | tuple[BuildJob, str]:
    """The article's text ready to be segmented, with its page's site name; or the article failed."""
    from tui.load import LoadError, read_document

    try:
        document = read_document(ref, refresh=refresh)
    except LoadError as error:
        return failed_article(article_id, ref, outlet, str(error))
    except Exception as error:  # noqa: BLE001 - one article's surprise must not cost the others
        reason = f"{ref.source}: could not be read ({type(error).__name__}: {error})"
        return failed_article(article_id, ref, outlet, reason)
    meta = {"title": ref.title or document.title, "published": ref.published or document.published,
            "author": ref.author or document.author, "url": ref.canonical_url or document.url or ref.url}
    return BuildJob(article_id, ref.source, outlet, _with_headline(document), meta), printable(document.site_name)


def _checked(ref: ArticleRef, job: BuildJob, site: str, article: Article) -> tuple[Article, str]:
    if not article.sentences:
        reason = f"{ref.source}: no text left once markup and control characters are removed"
        return failed_article(job.article_id, ref, job.outlet, reason), ""
    return article, site


def _built_all(jobs: list[BuildJob], cache: Cache | None) -> list[Article]:
    """The jobs' articles: from the cache where it has them, the rest built (on every core when many)."""
    if cache is None:
        return build_all(jobs)
    keys = [content_key("article", j.article_id, j.source, j.outlet, j.text, sorted(j.meta.items())) for j in jobs]
    found = [cache.get("articles", key) for key in keys]
    missing = [i for i, article in enumerate(found) if not isinstance(article, Article)]
    for i, article in zip(missing, build_all([jobs[i] for i in missing])):
        found[i] = article
        cache.put("articles", keys[i], article)
    return found


def failed_article(article_id: str, ref: ArticleRef, outlet: Outlet, error: str) -> Article:
    """An article that could not be read: no text, and the reason, cleaned like everything shown."""
    return Article(id=article_id, source=strip_controls(ref.source), outlet=inert_outlet(outlet), text="",
                   title=strip_controls(ref.title), error=strip_controls(error))


def compare(articles: Sequence[Article], settings: AlignSettings | None = None, corrections: Sequence = (),
            cache: Cache | None = None) -> Alignment:
    """Align the articles that loaded, with the user's corrections (or take the alignment from the cache);
    failed ones stay in the list so indexes match the input."""
    settings = settings or AlignSettings()
    if cache is None:
        return align(list(articles), settings, corrections)
    key = content_key("alignment", [article_key(a) for a in articles], settings, list(corrections))
    alignment = cache.get("alignments", key)
    if not isinstance(alignment, Alignment) or len(alignment.articles) != len(articles):
        alignment = align(list(articles), settings, corrections)
        cache.put("alignments", key, alignment)
    alignment.articles = list(articles)  # the caller's own articles, equal to the cached ones by the key
    return alignment


def corrections_key(story: Story) -> str:
    """Where a story's corrections are kept: its id in a stories file, else the articles given."""
    from tui.corrections import story_key

    named = story.id if story.id != COMMAND_LINE_STORY else ""
    return story_key(named, [ref.source for ref in story.articles])


def _with_headline(document: Document) -> str:
    """The text with its headline as the first line, as in a text file; pages give the headline apart."""
    text = document.text.lstrip()
    if document.title and not text.startswith(document.title):
        return f"{document.title}\n\n{text}"
    return text


def _unique_id(wanted: str, taken: set[str]) -> str:
    candidate, number = wanted, 2
    while candidate in taken:
        candidate, number = f"{wanted}-{number}", number + 1
    taken.add(candidate)
    return candidate

