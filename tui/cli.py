"""The `parallax` command: the reader by default, `parallax align` for scripts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui import __version__
from tui.align import AlignSettings
from tui.cite import STYLES
from tui.render import FORMATS
from tui.sources_schema import did_you_mean
from tui.wording import DiffOptions
from tui.model import Outlet, Story

EXIT_OK, EXIT_ARTICLE_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Something the user asked for that cannot be done; the message says what to fix."""


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
    parser.add_argument("--refresh", action="store_true", help="fetch web pages again instead of using the cache")
    tuning = parser.add_argument_group("alignment thresholds")
    defaults = AlignSettings()
    tuning.add_argument("--min-score", type=_score, default=defaults.min_score, metavar="0-100",
                        help=f"word similarity that links two sentences (default {defaults.min_score:g})")
    tuning.add_argument("--min-partial", type=_score, default=defaults.min_partial, metavar="0-100",
                        help=f"how well a trimmed passage must fit inside a longer one (default {defaults.min_partial:g})")
    tuning.add_argument("--min-words", type=_count, default=defaults.min_words, metavar="N",
                        help=f"shortest passage matched as part of a longer one (default {defaults.min_words})")
    tuning.add_argument("--min-quote-words", type=_count, default=defaults.min_quote_words, metavar="N",
                        help=f"shortest quotation that forms a group (default {defaults.min_quote_words})")
    wording = parser.add_argument_group("word differences")
    wording.add_argument("--ignore-case", action="store_true", help="do not count changes of upper and lower case")
    wording.add_argument("--compare-quotes", action="store_true",
                         help="count curly against straight quotation marks as a difference (ignored by default)")


def reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallax",
        description="Read one news story through several outlets at once.",
        epilog="Run 'parallax align --help' for the command-line comparison.",
    )
    parser.add_argument("--version", action="version", version=f"parallax {__version__}")
    _common(parser)
    parser.add_argument("--theme", metavar="NAME", help="colour theme (remembered)")
    parser.add_argument("--cite-style", choices=STYLES, metavar="STYLE",
                        help=f"citation style: {', '.join(STYLES)} (remembered)")
    return parser


def align_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallax align",
        description="Print the comparison of a story's articles without the interface.",
    )
    _common(parser)
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default text)")
    return parser


def settings_from(args: argparse.Namespace) -> AlignSettings:
    return AlignSettings(
        min_score=args.min_score, min_partial=args.min_partial,
        min_words=args.min_words, min_quote_words=args.min_quote_words,
    )


def diff_options_from(args: argparse.Namespace) -> DiffOptions:
    return DiffOptions(ignore_case=args.ignore_case, ignore_quotes=not args.compare_quotes)


def stories_from(args: argparse.Namespace) -> tuple[list[Story], dict[str, Outlet], str]:
    """The stories to offer and their outlets, from paths, --sources or the default sources file."""
    from tui.sources import default_sources_path, load_catalog, story_from_paths

    if args.paths:
        if args.sources:
            raise UsageError("give either article paths or --sources, not both")
        story, outlets = story_from_paths(args.paths)
        return [story], outlets, ""
    path = Path(args.sources) if args.sources else default_sources_path()
    catalog = load_catalog(path)
    if not catalog.stories:
        raise UsageError(f"{catalog.path}: no stories to open")
    return list(catalog.stories), catalog.outlets, catalog.path


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
    wanted = [w.strip() for w in outlets_arg.split(",") if w.strip()]
    known = [ref.outlet for ref in story.articles]
    for outlet_id in wanted:
        if outlet_id not in known:
            raise UsageError(f"--outlets: story '{story.id}' has no outlet '{outlet_id}'{did_you_mean(outlet_id, known)}"
                             f" (its outlets: {', '.join(known)})")
    if len(set(wanted)) < 2:
        raise UsageError("--outlets: name at least two outlets to compare")
    chosen = [next(ref for ref in story.articles if ref.outlet == o) for o in dict.fromkeys(wanted)]
    return Story(story.id, story.title, story.date, tuple(chosen))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] == ["align"]:
            from tui.align_command import run_align

            return run_align(align_parser().parse_args(argv[1:]))
        return run_reader(reader_parser().parse_args(argv))
    except UsageError as error:
        print(f"parallax: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - a known input problem is reported without a traceback
        from tui.sources import SourcesError

        if isinstance(error, SourcesError):
            print(f"parallax: {error.path} has problems:\n{error}", file=sys.stderr)
            return EXIT_USAGE
        raise


def run_reader(args: argparse.Namespace) -> int:
    stories, outlets, where = stories_from(args)
    story = pick_story(stories, args.story, where)
    if story is None and args.outlets:
        ids = ", ".join(s.id for s in stories)
        raise UsageError(f"--outlets needs --story: {where} holds several stories ({ids})")
    if story is not None and args.outlets:
        story = pick_outlets(story, args.outlets)
        stories = [story]
    if not (sys.stdin.isatty() and sys.stdout.isatty() and sys.stderr.isatty()):
        # Textual reads keys from stdin, draws on stderr and takes the screen size from stdout: redirected, it
        # would hang drawing into a pipe, or lay itself out for a terminal size it cannot know.
        raise UsageError("the reader needs a terminal, with nothing redirected; "
                         "`parallax align` prints the comparison instead")
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
        compare_at_once=bool(args.paths),
    )

