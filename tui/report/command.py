"""`parallax report`: the comparison as one self-contained HTML or Markdown file."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli import CITE_STYLES, EXIT_ARTICLE_FAILED, EXIT_OK, UsageError, _common, report as say

REPORT_FORMATS = ("html", "markdown")  # a copy of tui.report.FORMATS, so that --help imports nothing else


def report_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallax report",
        description="Write one self-contained report of the comparison: outlets, coverage map, every shared passage "
                    "with each outlet's version and its differences, figure conflicts, your notes, citations.",
    )
    _common(parser)
    parser.add_argument("--format", choices=REPORT_FORMATS, default="html", help="report format (default html)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the report to FILE (default: standard output)")
    parser.add_argument("--theme", metavar="NAME", help="colours of the HTML report (default: the reader's theme)")
    parser.add_argument("--cite-style", choices=CITE_STYLES, default="plain", metavar="STYLE",
                        help=f"style of the citation under each version: {', '.join(CITE_STYLES)} (default plain)")
    parser.add_argument("--no-corrections", action="store_true",
                        help="ignore the links you marked wrong or joined in the reader for this story")
    return parser


def run_report(args: argparse.Namespace) -> int:
    from tui.align_command import placed_notes, prepare
    from tui.report.make import make_report, save_report, write_report

    palette = _palette(args) if args.format == "html" else {}
    story, articles, alignment, settings, options = prepare(args)
    story_info = {"id": story.id, "title": story.title, "date": story.date}
    made = make_report(alignment, story=story_info, settings=settings, options=options,
                       notes=placed_notes(story, alignment), cite_style=args.cite_style)
    if args.output:
        path = Path(args.output)
        try:
            save_report(made, args.format, path, palette)
        except OSError as error:
            raise UsageError(f"{path}: the report could not be written ({error.strerror or error})") from None
        say(f"report written to {path}")
    else:
        from tui.align_command import _write

        _write(lambda out: write_report(made, args.format, out, palette))
    return EXIT_OK if all(a.ok for a in articles) else EXIT_ARTICLE_FAILED


def _palette(args: argparse.Namespace) -> dict[str, str]:
    """The colours of the theme asked for, else of the reader's remembered theme."""
    from tui.prefs import read_prefs
    from tui.report.colours import theme_palette

    name = args.theme or read_prefs()[0].theme or "parallax-dark"
    palette, problems = theme_palette(name)
    if args.theme and not palette:
        raise UsageError(f"--theme: {problems[-1]}")
    for problem in problems if args.theme else ():
        say(f"theme file {problem}")
    return palette
