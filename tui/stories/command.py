"""`parallax stories`: find the stories in feeds, folders, URL lists and articles, and print or open them.

Only argparse is imported at the top, so that `parallax stories --help` starts as fast as Python does.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_SOURCE_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_MIN_SIMILARITY = 18.0


def stories_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallax stories",
        description="Group articles from feeds, folders, URL lists and article files into stories, and say why.",
        epilog="A SOURCE is an RSS or Atom feed (URL or file), a folder of article files, a text file listing URLs "
               "(one per line, # for comments), or an article file or URL. Without SOURCE, the feeds listed "
               "under 'feeds:' in the sources file are read.",
    )
    parser.add_argument("sources", nargs="*", metavar="SOURCE", help="feeds, folders, URL lists, articles")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    parser.add_argument("--since", metavar="DATE", help="leave out articles published before DATE (YYYY-MM-DD)")
    parser.add_argument("--sources", dest="sources_file", metavar="FILE",
                        help="sources file whose feeds to read (default ./sources.yaml)")
    parser.add_argument("--refresh", action="store_true",
                        help="fetch feeds and listed pages again instead of using the cache")
    parser.add_argument("--read", action="store_true", help="open the stories in the reader instead of printing them")
    parser.add_argument("--min-similarity", type=_percent, default=DEFAULT_MIN_SIMILARITY, metavar="0-100",
                        help=f"how alike articles must be to form a story (default {DEFAULT_MIN_SIMILARITY:g})")
    return parser


def _percent(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 100")
    return value


def run_stories(args: argparse.Namespace) -> int:
    from tui.cli import UsageError
    from tui.stories.model import parse_since

    try:
        since = parse_since(args.since) if args.since else None
    except ValueError as error:
        raise UsageError(f"--since: {error}") from None
    sources, outlets = _sources(args)
    if args.read:
        _need_terminal()
    findings = find(sources, refresh=args.refresh, since=since, settings=_settings(args.min_similarity),
                    on_progress=_progress_reporter())
    for problem in findings.errors:
        print(f"parallax: {problem.source}: {problem.message}", file=sys.stderr)
    for problem in findings.notes:
        print(f"parallax: note: {problem.source}: {problem.message}", file=sys.stderr)
    if args.read:
        return _read(findings, outlets, args.refresh)
    _print(findings, args.format)
    return EXIT_SOURCE_FAILED if findings.errors else EXIT_OK


def _settings(min_similarity: float):
    from tui.stories.grouping import GroupSettings

    join = min_similarity / 100
    return GroupSettings(join=join, loose=min(GroupSettings().loose, join))


def _sources(args: argparse.Namespace):
    """The sources named on the command line, or the feeds of the sources file, and the outlets it defines."""
    from tui.cli import UsageError
    from tui.stories.collect import Source

    if args.sources:
        if args.sources_file:
            raise UsageError("give either SOURCE arguments or --sources, not both")
        return [Source(given) for given in args.sources], {}
    path = Path(args.sources_file) if args.sources_file else Path("sources.yaml")
    if not args.sources_file and not path.is_file():
        raise UsageError("nothing to read: give feeds, folders, URL lists or articles, "
                         "or list feeds under 'feeds:' in ./sources.yaml")
    sources, outlets = feed_sources(path)
    if not sources:
        raise UsageError(f"{path}: lists no feeds; add them under 'feeds:' or give SOURCE arguments")
    return sources, outlets


def feed_sources(path: Path):
    """The feeds of a sources file as sources to read, and the file's outlets; raises SourcesError."""
    from tui.sources import load_sources

    catalog, feeds = load_sources(path)
    return _as_sources(catalog, feeds), catalog.outlets


def _as_sources(catalog, feeds) -> list:
    from tui.stories.collect import Source

    return [
        Source(feed.source, outlet=catalog.outlets.get(feed.outlet), name=feed.name,
               base_dir="" if feed.url else feed.base_dir, feed=True)
        for feed in feeds
    ]


def stories_of_feeds(catalog, feeds, *, refresh: bool = False):
    """For the reader: the stories in a sources file's feeds, their outlets, and what could not be read."""
    from tui.stories.reader import reader_stories

    findings = find(_as_sources(catalog, feeds), refresh=refresh, on_progress=_progress_reporter())
    for problem in findings.errors:
        print(f"parallax: {problem.source}: {problem.message}", file=sys.stderr)
    stories, outlets = reader_stories(findings, catalog.outlets)
    return stories, outlets, [f"{p.source}: {p.message}" for p in findings.errors]


def find(sources, *, refresh=False, since=None, settings=None, on_progress=None, cache_dir=None):
    """Read every source and group what was read (GroupSettings as given); nothing raised for a source that fails."""
    from tui.stories.collect import Collector
    from tui.stories.find import find_stories
    from tui.stories.loading import gather, load
    from tui.stories.model import Findings

    collector = Collector(refresh=refresh, since=since, cache_dir=cache_dir)
    for source in sources:
        if source.outlet is not None:
            collector.outlets.known(source.outlet)
    gathered = gather(sources, collector, on_progress)
    entries = load(gathered, collector, on_progress)
    if on_progress is not None:
        on_progress(f"grouping {len(entries)} articles", 0, 0, "")
    stories, unassigned = find_stories(entries, settings)
    if on_progress is not None:
        on_progress("", 0, 0, "")
    return Findings(stories, unassigned, gathered.errors, gathered.notes)


def _progress_reporter():
    """Downloads take a while: say which one has just arrived, on a terminal only."""
    if not sys.stderr.isatty():
        return None
    from tui.clean import strip_controls

    def report(stage: str, done: int, total: int, source: str) -> None:
        line = f"{stage} {done} of {total}: {strip_controls(source)}" if total else stage
        sys.stderr.write(f"\r\x1b[K{line[:100]}")
        sys.stderr.flush()

    return report


def _print(findings, fmt: str) -> None:
    from tui.stories.output import to_json, to_text

    text = (to_json(findings) if fmt == "json" else to_text(findings)) + "\n"
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Whatever read the output stopped early (`| head`): not an error; silence the last flush at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _need_terminal() -> None:
    from tui.cli import UsageError

    if not (sys.stdin.isatty() and sys.stdout.isatty() and sys.stderr.isatty()):
        raise UsageError("--read needs a terminal, with nothing redirected; leave it out to print the stories")


def _read(findings, outlets, refresh: bool) -> int:
    from tui.app.app import run_app
    from tui.cli import UsageError
    from tui.stories.reader import reader_stories

    stories, story_outlets = reader_stories(findings, outlets)
    if not stories:
        raise UsageError("no stories found: no two articles report the same event")
    errors = [f"{p.source}: {p.message}" for p in findings.errors]
    return run_app(stories=stories, outlets=story_outlets, refresh=refresh, load_errors=errors)
