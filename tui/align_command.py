"""`parallax align`: the comparison printed as text, Markdown or JSON, without the interface."""

from __future__ import annotations

import argparse
import sys

from tui.cli import EXIT_ARTICLE_FAILED, EXIT_OK, UsageError, pick_outlets, pick_story, settings_dict, settings_from, stories_from
from tui.pipeline import compare, load_articles


def run_align(args: argparse.Namespace) -> int:
    stories, outlets, where = stories_from(args)
    story = pick_story(stories, args.story, where)
    if story is None:
        ids = ", ".join(s.id for s in stories)
        raise UsageError(f"{where}: holds several stories; choose one with --story ID ({ids})")
    story = pick_outlets(story, args.outlets)
    articles = load_articles(story, outlets, refresh=args.refresh)
    for article in articles:
        if not article.ok:
            print(f"parallax: {article.error}", file=sys.stderr)
    settings = settings_from(args)
    alignment = compare(articles, settings)
    _print(alignment, args.format, story, settings_dict(settings))
    return EXIT_OK if all(a.ok for a in articles) else EXIT_ARTICLE_FAILED


def _print(alignment, fmt: str, story, settings: dict) -> None:
    title = f"{story.title} ({story.date})" if story.date else story.title
    if fmt == "json":
        from tui.render import to_json

        _write(to_json(alignment, story={"id": story.id, "title": story.title, "date": story.date}, settings=settings) + "\n")
    elif fmt == "markdown":
        from tui.render import to_markdown

        _write(to_markdown(alignment, title=title))
    else:
        from rich.console import Console

        from tui.render_text import render_text

        # Piped output is not wrapped, so that each version stays on one line for grep and friends.
        console = Console(highlight=False, soft_wrap=not sys.stdout.isatty(), emoji=False, markup=False)
        render_text(alignment, console, title=title, differences=console.is_terminal and not console.no_color)


def _write(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        pass
