"""Reading every source and article, several downloads at a time, with progress; failures named, never raised."""

from __future__ import annotations

from collections.abc import Callable, Sequence
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit, urlunsplit

from tui.stories.collect import Collector, Gathered, Source
from tui.stories.model import Entry, Problem, parse_date

# (what is being done, how many are done, of how many, the source just done or under way)
Progress = Callable[[str, int, int, str], None]
Step = Callable[[int, int, str], None]  # a Progress of one stage
# Downloads wait on the network far more than on the processor; a few at a time keeps a slow site from
# holding up the others without hammering any one server.
WORKERS = 6


def gather(sources: Sequence[Source], collector: Collector, on_progress: Progress | None = None) -> Gathered:
    """Every source expanded into entries (feeds and URLs fetched in parallel), duplicates counted once."""
    results = _in_parallel(collector.expand, sources, [s.given for s in sources], _stage(on_progress, "reading sources"))
    gathered = Gathered()
    first_source: dict[str, str] = {}
    for source, result in zip(sources, results):
        gathered.errors += result.errors
        gathered.notes += result.notes
        repeats: dict[str, int] = {}
        for entry in result.entries:
            key = same_address(entry.ref.url) if entry.ref.url else entry.ref.file
            if key in first_source:
                repeats[first_source[key]] = repeats.get(first_source[key], 0) + 1
                continue
            first_source[key] = source.given
            gathered.entries.append(entry)
        for earlier, count in repeats.items():
            where = "listed twice in it" if earlier == source.given else f"also found in {earlier}"
            gathered.notes.append(Problem(source.given, f"{_items(count)} {where}; each is counted once"))
    return gathered


def load(gathered: Gathered, collector: Collector, on_progress: Progress | None = None) -> list[Entry]:
    """The entries whose article could be read, each with its Article and publication time.

    Pages are downloaded several at a time first; reading them (HTML extraction, cleaning, segmentation) is
    processor work, done one after the other, since threads would only contend for the interpreter.
    """
    from tui.pipeline import load_article

    failed = fetch_pages([e for e in gathered.entries if e.ref.url], _stage(on_progress, "downloading"))
    loaded, early = [], 0
    total = len(gathered.entries)
    for number, entry in enumerate(gathered.entries):
        if on_progress is not None:
            on_progress("reading articles", number, total, entry.source)
        if entry.source in failed:
            gathered.errors.append(Problem(entry.source, failed[entry.source]))
            continue
        article, _site = load_article(entry.ref, entry.outlet, f"a{number + 1}")
        if not article.ok:
            gathered.errors.append(Problem(entry.source, _reason(article.error, entry.ref.source)))
            continue
        entry.article = article
        if article.outlet.name != entry.outlet.name:  # the page named its site better than its address did
            entry.outlet = collector.outlets.named(article.outlet.name)
        entry.published = entry.published or parse_date(article.published)
        if collector.since and entry.published and entry.published < collector.since:
            early += 1
            continue
        loaded.append(entry)
    if early:
        gathered.notes.append(Problem("--since", f"{_items(early)} published before it (by their pages) left out"))
    return loaded


def fetch_pages(entries: Sequence[Entry], on_progress: Step | None = None) -> dict[str, str]:
    """Put every entry's page in the cache (downloading it unless cached, or anew when it asks); source -> reason
    for those that failed."""
    from tui.fetch import FetchError, get_page

    def fetch(entry: Entry) -> str:
        try:
            get_page(entry.ref.url, refresh=entry.refresh)
        except FetchError as error:
            return str(error)
        return ""

    reasons = _in_parallel(fetch, entries, [e.source for e in entries], on_progress)
    return {entry.source: reason for entry, reason in zip(entries, reasons) if reason}


def _stage(on_progress: Progress | None, stage: str) -> Step | None:
    if on_progress is None:
        return None
    return lambda done, total, name: on_progress(stage, done, total, name)


def _in_parallel(work: Callable, inputs: Sequence, names: Sequence[str], on_progress: Step | None) -> list:
    """work(x) for every input, in order, with progress as each one finishes."""
    if not inputs:
        return []
    total = len(inputs)
    finished = 0
    lock = threading.Lock()

    def step(index: int):
        nonlocal finished
        result = work(inputs[index])
        with lock:
            finished += 1
            if on_progress is not None:
                on_progress(finished, total, names[index])
        return result

    if on_progress is not None:
        on_progress(0, total, names[0])
    with ThreadPoolExecutor(max_workers=min(WORKERS, total)) as pool:
        return list(pool.map(step, range(total)))


def same_address(url: str) -> str:
    """A URL with what does not change the page removed: case of scheme and host, fragment, trailing slash."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, ""))


def _reason(error: str, source: str) -> str:
    """The reason alone: load errors start with the source they are about."""
    return error.removeprefix(f"{source}: ")


def _items(count: int) -> str:
    return "1 item" if count == 1 else f"{count} items"
