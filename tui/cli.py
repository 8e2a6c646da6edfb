"""The `parallax` command: the reader by default, `parallax align` for scripts.

Parsing the command line imports nothing but argparse, so that `parallax --help` costs about what starting Python
costs; the engine, the loaders and the interface are imported once the command knows it needs them.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tui import __version__

if TYPE_CHECKING:
    from tui.align import AlignSettings
    from tui.model import Outlet, Story
    from tui.wording import DiffOptions

EXIT_OK, EXIT_ARTICLE_FAILED, EXIT_USAGE = 0, 1, 2

# Copies of values the engine owns, so that building the parser imports none of it; a test checks each copy
# against its source (tui.render.FORMATS, tui.cite.STYLES, tui.align.AlignSettings).
FORMATS = ("text", "markdown", "json")
CITE_STYLES = ("plain", "markdown", "apa", "mla", "chicago", "bibtex")
ALIGN_DEFAULTS = {"min_score": 65.0, "min_partial": 85.0, "min_words": 6, "min_quote_words": 4, "min_reordered": 87.0}
COLOR_CHOICES = ("auto", "always", "never")


class UsageError(Exception):
    """Something the user asked for that cannot be done; the message says what to fix."""


def report(message: str) -> None:
    """Say something on standard error; messages quote outside text, so they go through the cleaning path."""
    from tui.clean import printable

    print(f"parallax: {printable(message, lines=True)}", file=sys.stderr)


def _score(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 100")
    return value


def _count(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive whole number")
    return value


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH_OR_URL", help="article files or URLs (instead of sources.yaml)")
    parser.add_argument("--sources", metavar="FILE", help="stories file (default: ./sources.yaml, else the sample story)")
    parser.add_argument("--story", metavar="ID", help="which story of the sources file")
    parser.add_argument("--outlets", metavar="A,B,...", help="outlet ids to compare, comma-separated")
    parser.add_argument("--label", action="append", default=[], metavar="PATH=NAME",
                        help="name the outlet of an article given as a path or URL (repeat for each)")
    parser.add_argument("--refresh", action="store_true", help="fetch web pages again instead of using the cache")
    parser.add_argument("--reference", action="append", default=[], metavar="PATH_OR_URL",
                        help="the original the outlets are compared against: a press release, a statement, a "
                             "transcript (repeat for several); shown first and used as the base")
    parser.add_argument("--no-cache", action="store_true",
                        help="read, segment and align everything anew, without using or filling the cache")
    _thresholds(parser.add_argument_group("alignment thresholds"))
    wording = parser.add_argument_group("word differences")
    wording.add_argument("--ignore-case", action="store_true", help="do not count changes of upper and lower case")
    wording.add_argument("--compare-quotes", action="store_true",
                         help="count curly against straight quotation marks as a difference (ignored by default)")
    wording.add_argument("--compare-punctuation", action="store_true",
                         help="count punctuation-only changes, such as a full stop inside or outside a closing "
                              "quotation mark (ignored by default)")


def _thresholds(group: argparse._ArgumentGroup) -> None:
    d = ALIGN_DEFAULTS
    group.add_argument("--min-score", type=_score, default=d["min_score"], metavar="0-100",
                       help=f"word similarity that links two sentences (default {d['min_score']:g})")
    group.add_argument("--min-partial", type=_score, default=d["min_partial"], metavar="0-100",
                       help=f"how well a trimmed passage must fit inside a longer one (default {d['min_partial']:g})")
    group.add_argument("--min-words", type=_count, default=d["min_words"], metavar="N",
                       help=f"shortest passage matched as part of a longer one (default {d['min_words']})")
    group.add_argument("--min-quote-words", type=_count, default=d["min_quote_words"], metavar="N",
                       help=f"shorter quotations link only with more evidence (default {d['min_quote_words']})")
    group.add_argument("--min-reordered", type=_score, default=d["min_reordered"], metavar="0-100",
                       help=f"weighted share of words that links reordered sentences (default {d['min_reordered']:g})")


def reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallax",
        description="Read one news story through several outlets at once.",
        epilog="Run 'parallax align --help' for the command-line comparison, 'parallax report --help' for a report "
               "to share, 'parallax stories --help' to find the stories in feeds and folders.",
    )
    parser.add_argument("--version", action="version", version=f"parallax {__version__}")
    _common(parser)
    parser.add_argument("--theme", metavar="NAME", help="colour theme (remembered)")
    parser.add_argument("--cite-style", choices=CITE_STYLES, metavar="STYLE",
                        help=f"citation style: {', '.join(CITE_STYLES)} (remembered)")
    return parser


def align_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallax align",
        description="Print the comparison of a story's articles without the interface.",
    )
    _common(parser)
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default text)")
    parser.add_argument("--no-corrections", action="store_true",
                        help="ignore the links you marked wrong or joined in the reader for this story")
    parser.add_argument("--color", choices=COLOR_CHOICES, default="auto",
                        help="colour the text format: auto (on a terminal, unless NO_COLOR is set), always or never; "
                             "without colour, differences are written [-removed-]{+added+} (default auto)")
    return parser


def settings_from(args: argparse.Namespace) -> AlignSettings:
    from tui.align import AlignSettings

    return AlignSettings(
        min_score=args.min_score, min_partial=args.min_partial,
        min_words=args.min_words, min_quote_words=args.min_quote_words, min_reordered=args.min_reordered,
    )


def diff_options_from(args: argparse.Namespace) -> DiffOptions:
    from tui.wording import DiffOptions

    return DiffOptions(ignore_case=args.ignore_case, ignore_quotes=not args.compare_quotes,
                       ignore_punctuation=not args.compare_punctuation)


def stories_from(args: argparse.Namespace, *, feeds: bool = False) -> tuple[list[Story], dict[str, Outlet], str]:
    """The stories to offer and their outlets, from paths, --sources or the default sources file.

    With `feeds`, the stories found in the file's feeds come first (problems with them in args.load_errors).
    """
    from pathlib import Path

    from tui.sources import LabelError, default_sources_path, load_sources, story_from_paths

    if args.paths:
        if args.sources:
            raise UsageError("give either article paths or --sources, not both")
        try:
            story, outlets = story_from_paths(args.paths, labels=args.label)
        except LabelError as error:
            raise UsageError(f"--label {error}") from None
        return _referenced([story], outlets, args), outlets_of(story, outlets, args), ""
    if args.label:
        raise UsageError("--label names articles given on the command line; a sources file names its outlets itself")
    path = Path(args.sources) if args.sources else default_sources_path()
    catalog, feed_refs = load_sources(path)
    stories, outlets = list(catalog.stories), catalog.outlets
    if feeds and feed_refs:
        require_terminal()  # before fetching, not after
        from tui.stories.command import stories_of_feeds

        found, outlets, args.load_errors = stories_of_feeds(catalog, feed_refs, refresh=args.refresh)
        stories = found + stories
    if not stories:
        found_none = " (no two articles of its feeds report the same event)" if feed_refs and feeds else ""
        raise UsageError(f"{catalog.path}: no stories to open{found_none}")
    return _referenced(stories, outlets, args), outlets_of(stories[0], outlets, args), catalog.path


def _referenced(stories: list[Story], outlets: dict[str, Outlet], args: argparse.Namespace) -> list[Story]:
    """Every story with the --reference texts added and its references first (they are the base)."""
    from tui.reference import with_references

    return [with_references(story, outlets, args.reference)[0] for story in stories]


def outlets_of(story: Story, outlets: dict[str, Outlet], args: argparse.Namespace) -> dict[str, Outlet]:
    """The outlets, with those of the --reference texts."""
    from tui.reference import with_references

    return with_references(story, outlets, args.reference)[1]


def did_you_mean(word: str, choices: list[str]) -> str:
    from tui.sources_schema import did_you_mean as suggestion  # only ever needed to word an error

    return suggestion(word, choices)


def pick_story(stories: list[Story], story_id: str | None, where: str) -> Story | None:
    """The story asked for; None when several exist and none was named."""
    if story_id is None:
        return stories[0] if len(stories) == 1 else None
    found = next((s for s in stories if s.id == story_id), None)
    if found is None:
        raise UsageError(f"{where or 'the given paths'}: no story '{story_id}'{did_you_mean(story_id, [s.id for s in stories])}")
    return found


def pick_outlets(story: Story, outlets_arg: str | None) -> Story:
    """The story restricted to the outlets named with --outlets, in the order given."""
    if not outlets_arg:
        return story
    from tui.model import Story

    wanted = [w.strip() for w in outlets_arg.split(",") if w.strip()]
    known = [ref.outlet for ref in story.articles]
    for outlet_id in wanted:
        if outlet_id not in known:
            raise UsageError(f"--outlets: story '{story.id}' has no outlet '{outlet_id}'{did_you_mean(outlet_id, known)}"
                             f" (its outlets: {', '.join(known)})")
    if len(set(wanted)) < 2:
        raise UsageError("--outlets: name at least two outlets to compare")
    chosen = [next(ref for ref in story.articles if ref.outlet == o) for o in dict.fromkeys(wanted)]
    references = [ref for ref in story.articles if ref.reference and ref not in chosen]  # always compared
    return Story(story.id, story.title, story.date, tuple(references + chosen))


def main(argv: list[str] | None = None) -> int:
    as_program = argv is None  # the process ends when this returns (tests call it with arguments)
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] == ["align"]:
            return _align(align_parser().parse_args(argv[1:]), as_program)
        if argv[:1] == ["report"]:
            from tui.report.command import report_parser, run_report

            return run_report(report_parser().parse_args(argv[1:]))
        if argv[:1] == ["stories"]:
            from tui.stories.command import run_stories, stories_parser

            return run_stories(stories_parser().parse_args(argv[1:]))
        return run_reader(reader_parser().parse_args(argv))
    except UsageError as error:
        report(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - a known input problem is reported without a traceback
        from tui.sources import SourcesError

        if isinstance(error, SourcesError):
            report(f"{error.path} has problems:\n{error}")
            return EXIT_USAGE
        raise


def _align(args: argparse.Namespace, as_program: bool) -> int:
    """`parallax align`, with the collector paused throughout: it makes many objects and few cycles."""
    import gc

    from tui.batch import collector_paused

    with collector_paused():
        from tui.align_command import run_align

        status = run_align(args)
    if as_program:  # the last full collection at exit would walk every object left (15 ms of the sample's 0.2 s)
        gc.freeze()
    return status


def require_terminal() -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty() and sys.stderr.isatty()):
        # Textual reads keys from stdin, draws on stderr and takes the screen size from stdout: redirected, it
        # would hang drawing into a pipe, or lay itself out for a terminal size it cannot know.
        raise UsageError("the reader needs a terminal, with nothing redirected; "
                         "`parallax align` prints the comparison instead")


def engine_cache(args: argparse.Namespace):
    """The cache of segmented articles and alignments, unless --no-cache."""
    from tui.cache import user_cache

    return None if args.no_cache else user_cache()


def run_reader(args: argparse.Namespace) -> int:
    stories, outlets, where = stories_from(args, feeds=True)
    story = pick_story(stories, args.story, where)
    if story is None and args.outlets:
        ids = ", ".join(s.id for s in stories)
        raise UsageError(f"--outlets needs --story: {where} holds several stories ({ids})")
    if story is not None and args.outlets:
        story = pick_outlets(story, args.outlets)
        stories = [story]
    require_terminal()
    from tui.app import startup

    # Held off from here, not from the start: finding the stories of feeds may take long and make much garbage.
    startup.pause()
    try:
        from tui.app.app import run_app

        return run_app(
            stories=stories,
            outlets=outlets,
            story_id=story.id if story else None,
            outlet_ids=[ref.outlet for ref in story.articles] if story and args.outlets else None,
            settings=settings_from(args),
            diff_options=diff_options_from(args),
            theme=args.theme,
            cite_style=args.cite_style,
            refresh=args.refresh,
            cache=engine_cache(args),
            load_errors=getattr(args, "load_errors", None),
            compare_at_once=bool(args.paths),
        )
    finally:
        startup.resume()  # if no screen ever showed (the reader failed to start), set it going again
