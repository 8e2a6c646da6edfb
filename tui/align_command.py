"""`parallax align`: the comparison printed as text, Markdown or JSON, without the interface."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import asdict

from tui.cli import (
    EXIT_ARTICLE_FAILED, EXIT_OK, UsageError, diff_options_from, engine_cache, pick_outlets, pick_story, report,
    settings_from, stories_from,
)
from tui.batch import collector_paused
from tui.clean import printable
from tui.pipeline import compare, load_articles
from tui.wording import DiffOptions


def run_align(args: argparse.Namespace) -> int:
    story, articles, alignment, settings, options = prepare(args)
    notes = placed_notes(story, alignment)
    _print(alignment, args.format, story, settings, options, args.color, notes)
    return EXIT_OK if all(a.ok for a in articles) else EXIT_ARTICLE_FAILED


def prepare(args: argparse.Namespace):
    """The story asked for, its articles (failures named on standard error), their alignment with the user's
    corrections, the settings as the JSON gives them, and the diff options."""
    stories, outlets, where = stories_from(args)
    story = pick_story(stories, args.story, where)
    if story is None:
        ids = ", ".join(s.id for s in stories)
        raise UsageError(f"{where}: holds several stories; choose one with --story ID ({ids})")
    story = pick_outlets(story, args.outlets)
    settings, options = settings_from(args), diff_options_from(args)
    # A one-shot command: no cycles worth collecting while articles are read and aligned.
    cache = engine_cache(args)
    with collector_paused():
        articles = load_articles(story, outlets, refresh=args.refresh, on_progress=_progress_reporter(story), cache=cache)
    for article in articles:
        if not article.ok:
            report(article.error)
    corrections = _corrections(story, args)
    with collector_paused():
        alignment = compare(articles, settings, corrections, cache)
    return story, articles, alignment, {**asdict(settings), **asdict(options)}, options


def placed_notes(story, alignment) -> list:
    """The user's notes on this story, each placed on its passage or conflict; a damaged file is named."""
    from tui.notes import NotesError, NoteStore, place
    from tui.pipeline import corrections_key

    try:
        return place(NoteStore().load(corrections_key(story)), alignment)
    except NotesError as error:
        report(str(error))
        return []


def _corrections(story, args: argparse.Namespace) -> list:
    """The corrections made in the reader for this story, unless --no-corrections; a damaged file is named."""
    if args.no_corrections:
        return []
    from tui.corrections import CorrectionStore
    from tui.pipeline import corrections_key

    store = CorrectionStore(corrections_key(story)).load()
    if store.problem:
        report(store.problem)
    return store.items


def _progress_reporter(story):
    """Fetching pages can take a while: say which one is on its way, on a terminal only."""
    if not sys.stderr.isatty() or not any(ref.url for ref in story.articles):
        return None

    def show(done: int, total: int, source: str) -> None:
        line = f"reading {done + 1} of {total}: {printable(source)}"[:100] if source else ""
        sys.stderr.write(f"\r\x1b[K{line}")
        sys.stderr.flush()

    return show


def _print(alignment, fmt: str, story, settings: dict, options: DiffOptions, color: str = "auto",
           notes: list = ()) -> None:
    title = printable(f"{story.title} ({story.date})" if story.date else story.title)
    if fmt == "json":
        from tui.render_json import write_json

        story_info = {"id": story.id, "title": story.title, "date": story.date}
        _write(lambda out: write_json(alignment, out, story=story_info, settings=settings, options=options,
                                      notes=list(notes)), "\n")
    elif fmt == "markdown":
        from tui.render import to_markdown

        _write(lambda out: out.write(to_markdown(alignment, title=title, options=options)))
    else:
        from rich.console import Console

        from tui.render_text import render_text

        # Piped output is not wrapped, so that each version stays on one line for grep and friends.
        forced = {"always": True, "never": False}.get(color)
        console = Console(highlight=False, soft_wrap=not sys.stdout.isatty(), emoji=False, markup=False,
                          force_terminal=forced, no_color=None if forced is None else not forced)
        console.on_broken_pipe = _stdout_gone  # Rich's own handler exits with status 1
        colour = forced if forced is not None else console.is_terminal and not console.no_color
        render_text(alignment, console, title=title, colour=colour, options=options, notes=notes)


def _write(writer, end: str = "") -> None:
    """Run writer on standard output; a reader that went away (`| head`) stops it quietly."""
    try:
        writer(sys.stdout)
        sys.stdout.write(end)
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_gone()


def _stdout_gone() -> None:
    """Whatever read the output has stopped (`| head`): that is not an error, so stop writing quietly,
    including the interpreter's last flush at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
