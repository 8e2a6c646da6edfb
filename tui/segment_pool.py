"""Cleaning and segmenting many articles on every core: the same articles as one process makes, sooner."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from tui.model import Article, Outlet
from tui.text import build_article

# Below this many articles starting worker processes (about 0.2 s each) costs more than it saves.
POOL_FROM = 64
MAX_WORKERS = 4


@dataclass(frozen=True)
class BuildJob:
    """What `build_article` needs for one article."""

    article_id: str
    source: str
    outlet: Outlet
    text: str
    meta: dict[str, str] = field(default_factory=dict)


def build(job: BuildJob) -> Article:
    return build_article(job.article_id, job.source, job.outlet, job.text, **job.meta)


def build_all(jobs: Sequence[BuildJob], workers: int | None = None) -> list[Article]:
    """Every job's article, in order; in worker processes when there are many jobs and more than one core."""
    workers = workers if workers is not None else min(MAX_WORKERS, os.cpu_count() or 1)
    if workers < 2 or len(jobs) < POOL_FROM:
        return [build(job) for job in jobs]
    import multiprocessing

    this = sys.modules[__name__]
    ProcessPoolExecutor, BrokenProcessPool = this.ProcessPoolExecutor, this.BrokenProcessPool  # noqa: N806
    try:
        # Spawned, not forked: the reader calls this from a thread, and forking a threaded process is unsafe.
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            return list(pool.map(build, jobs, chunksize=max(1, len(jobs) // (workers * 4))))
    except (OSError, ValueError, BrokenProcessPool):
        # No processes allowed here (a sandbox, a process limit), or none can start: under the reader, whose
        # interface stands in for standard error, starting them raises ValueError ("bad value(s) in
        # fds_to_keep"). The same work in this process.
        return [build(job) for job in jobs]


def __getattr__(name: str):
    """The process pool's classes, imported when first wanted: importing them takes about 15 ms, longer than
    building the few articles of most stories."""
    if name == "ProcessPoolExecutor":
        from concurrent.futures import ProcessPoolExecutor as found
    elif name == "BrokenProcessPool":
        from concurrent.futures.process import BrokenProcessPool as found
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = found
    return found
