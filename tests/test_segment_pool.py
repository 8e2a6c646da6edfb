"""Many articles are cleaned and segmented in worker processes, with exactly the result of one process."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

from benchmarks.scale_corpus import scale_corpus
from tests.sample import sample_files
from tui import segment_pool
from tui.pipeline import compare, load_articles
from tui.sources import story_from_paths


def corpus_files(tmp_path, count: int) -> list[str]:
    """`count` article files: the sample's five (mojibake, Markdown, boilerplate) and synthetic stories."""
    raw = [path.read_text(encoding="utf-8") for path in sample_files()]
    raw += [article.text for article in scale_corpus(count - len(raw)).articles]
    paths = []
    for number, text in enumerate(raw):
        path = tmp_path / f"article-{number:03}.txt"
        path.write_text(text + ("\n\x1b[31m[bold]inert[/bold]\n" if number % 7 == 0 else ""), encoding="utf-8")
        paths.append(str(path))
    return paths


def test_articles_segmented_in_worker_processes_equal_those_of_one_process(tmp_path, monkeypatch):
    story, outlets = story_from_paths(corpus_files(tmp_path, segment_pool.POOL_FROM + 6))
    pools = []

    def counted(*args, **kwargs):
        pools.append(args)
        return ProcessPoolExecutor(*args, **kwargs)

    monkeypatch.setattr(segment_pool, "ProcessPoolExecutor", counted)
    pooled = load_articles(story, outlets)
    assert len(pools) == 1
    monkeypatch.setattr(segment_pool, "POOL_FROM", 10**6)
    alone = load_articles(story, outlets)
    assert len(pools) == 1
    assert pooled == alone
    assert [a.outlet.name for a in pooled] == [a.outlet.name for a in alone]
    assert compare(pooled).groups == compare(alone).groups


def test_where_no_worker_process_can_start_the_articles_are_built_here(tmp_path, monkeypatch):
    def no_processes(*_args, **_kwargs):
        raise OSError("no processes in this sandbox")

    story, outlets = story_from_paths(corpus_files(tmp_path, segment_pool.POOL_FROM + 1))
    monkeypatch.setattr(segment_pool, "ProcessPoolExecutor", no_processes)
    built_here = load_articles(story, outlets)
    monkeypatch.setattr(segment_pool, "POOL_FROM", 10**6)
    assert built_here == load_articles(story, outlets)
