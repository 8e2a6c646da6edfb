"""The sample story, read once per test session, for tests of the engine."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from tui.align import AlignSettings, align
from tui.model import Alignment, Article, Outlet
from tui.text import build_article

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "tui" / "data" / "sample"
# Article ids used throughout the tests, in the order of the sample files.
IDS = ("cnn", "aggregator", "dc", "beirut", "defence")


def sample_files() -> list[Path]:
    return sorted(SAMPLE_DIR.glob("0*.txt"))


@lru_cache(maxsize=None)
def sample_articles() -> tuple[Article, ...]:
    articles = []
    for article_id, path in zip(IDS, sample_files()):
        raw = path.read_text(encoding="utf-8")
        articles.append(build_article(article_id, str(path), Outlet(article_id, article_id), raw))
    return tuple(articles)


@lru_cache(maxsize=None)
def sample_alignment(settings: AlignSettings | None = None) -> Alignment:
    return align(list(sample_articles()), settings)


def article(article_id: str) -> Article:
    return sample_articles()[IDS.index(article_id)]


def sentence_containing(article_id: str, words: str) -> int:
    """Index of the one sentence of an article that contains `words`."""
    found = [s.index for s in article(article_id).sentences if words in article(article_id).sentence_text(s.index)]
    assert len(found) == 1, f"{words!r} in {article_id}: {found}"
    return found[0]
