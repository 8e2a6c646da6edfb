"""Feeds listed in sources.yaml: checked like the rest of the file, read by `parallax stories` and by the reader;
new items on --refresh join the stories they continue."""

from __future__ import annotations

import argparse
import asyncio

import pytest
from textual.widgets import OptionList, SelectionList

from tests.stories_data import PIECES, by_event
from tests.stories_support import (  # noqa: F401 -- fixtures
    RSS_TYPE, cache, feed_of, grouped, outlet_feeds, run_stories, stories_json, web,
)
from tui import cli
from tui.app.app import ParallaxApp
from tui.app.compare import CompareScreen
from tui.app.screens import PickerScreen, StoryListScreen
from tui.sources import SourcesError, load_sources

SAMPLE_STORY = """\
stories:
  - id: by-hand
    title: A story written by hand
    articles:
      - {outlet: gazette, file: a.txt}
      - {outlet: courier, file: b.txt}
"""


def sources_file(folder, feeds: dict[str, str], stories: str = "") -> str:
    lines = ["outlets:", "  gazette: {name: Kelvport Gazette}", "  courier: {name: Coastal Courier, label: Courier}",
             "  wire: {name: North Wire}", "feeds:"]
    ids = {"Kelvport Gazette": "gazette", "Coastal Courier": "courier", "North Wire": "wire"}
    lines += [f"  - {{url: '{url}', outlet: {ids[name]}}}" for name, url in feeds.items()]
    path = folder / "sources.yaml"
    path.write_text("\n".join(lines) + "\n" + stories, encoding="utf-8")
    return str(path)


def problems(tmp_path, text: str) -> str:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourcesError) as caught:
        load_sources(path)
    return str(caught.value)


def test_feeds_are_read_from_the_sources_file(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text("outlets:\n  wire: {name: North Wire}\nfeeds:\n  - {url: 'https://wire.example/rss', outlet: wire}\n"
                    "  - {file: feeds/local.xml, name: Local news}\n")
    catalog, feeds = load_sources(path)
    assert catalog.stories == ()
    assert [(f.url, f.file, f.name, f.outlet) for f in feeds] == [
        ("https://wire.example/rss", "", "", "wire"), ("", "feeds/local.xml", "Local news", "")]
    assert feeds[1].base_dir == str(tmp_path)


def test_feed_entries_are_checked_with_lines(tmp_path):
    message = problems(tmp_path, """\
outlets:
  wire: {name: North Wire}
feeds:
  - {url: 'https://wire.example/rss', outlet: wires}
  - {url: 'ftp://wire.example/rss'}
  - {url: 'https://a.example/rss', file: a.xml}
  - {adress: 'https://a.example/rss'}
""")
    assert ":4: feeds[1].outlet: 'wires' is not defined in outlets (did you mean 'wire'?)" in message
    assert ":5: feeds[2].url: expected an http:// or https:// URL, got 'ftp://wire.example/rss'" in message
    assert ":6: feeds[3]: expected exactly one of 'url' or 'file', not both" in message
    assert ":7: feeds[4]: unknown key 'adress'" in message


def test_a_file_needs_stories_or_feeds(tmp_path):
    assert "missing 'stories' (or 'feeds' to find stories in)" in problems(tmp_path, "outlets:\n  a: {name: A}\n")
    assert ":1: feeds: expected a list of feeds, got 'none'" in problems(tmp_path, "feeds: none\n")


def test_stories_without_arguments_reads_the_feeds_of_sources_yaml(web, tmp_path, cache):
    sources_file(tmp_path, outlet_feeds(web))
    data = stories_json(run_stories("--format", "json", cwd=tmp_path))
    assert len(data["stories"]) == 3
    assert data["stories"][0]["outlets"] == ["Kelvport Gazette", "Coastal Courier", "North Wire"]


def test_nothing_to_read_is_a_usage_error(tmp_path):
    result = run_stories(cwd=tmp_path)
    assert result.returncode == 2 and "nothing to read" in result.stderr
    (tmp_path / "sources.yaml").write_text("outlets:\n  a: {name: A}\n" + SAMPLE_STORY.replace("gazette", "a")
                                           .replace("courier", "a"))
    result = run_stories(cwd=tmp_path)
    assert result.returncode == 2 and "sources.yaml: lists no feeds" in result.stderr


def test_new_items_on_refresh_join_their_story(web, cache):
    storm = [p for p in PIECES if p.event == "storm"]
    url = web.serve("/f.xml", feed_of(web, storm[:2]), RSS_TYPE)
    first = stories_json(run_stories("--format", "json", url))
    # The feed moves on: the first item drops out, a new one about the same storm arrives.
    web.serve("/f.xml", feed_of(web, storm[1:]), RSS_TYPE)
    cached = stories_json(run_stories("--format", "json", url))
    refreshed = stories_json(run_stories("--format", "json", "--refresh", url))
    assert grouped(first) == grouped(cached) == [{web.link(p) for p in storm[:2]}]
    assert grouped(refreshed) == [{web.link(p) for p in storm}]
    assert refreshed["stories"][0]["id"] == first["stories"][0]["id"]
    assert web.hits["/a/storm-gazette"] == 1  # a page already read comes from the cache


def reader_stories_from(path: str, monkeypatch) -> tuple[list, dict, list]:
    """What `parallax --sources PATH` offers, the terminal check aside."""
    monkeypatch.setattr(cli, "require_terminal", lambda: None)
    args = cli.reader_parser().parse_args(["--sources", path])
    stories, outlets, _ = cli.stories_from(args, feeds=True)
    return stories, outlets, args.load_errors


def test_the_reader_offers_feed_stories_first_newest_and_widest(web, tmp_path, cache, monkeypatch):
    feeds = outlet_feeds(web)
    feeds["North Wire"] = web.url("/missing.xml")
    (tmp_path / "a.txt").write_text(PIECES[0].text)
    (tmp_path / "b.txt").write_text(PIECES[1].text)
    stories, outlets, errors = reader_stories_from(sources_file(tmp_path, feeds, SAMPLE_STORY), monkeypatch)
    assert [s.title for s in stories][-1] == "A story written by hand"
    assert [s.date for s in stories[:-1]] == ["2024-03-12", "2024-03-05", "2024-03-02"]
    assert [len(s.articles) for s in stories[:-1]] == [2, 2, 2]
    assert errors == [f"{web.url('/missing.xml')}: HTTP 404 Not Found"]
    assert outlets["courier"].label == "Courier"

    async def scenario():
        app = ParallaxApp(stories, outlets, load_errors=errors)
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            assert isinstance(app.screen, StoryListScreen)
            listed = app.screen.query_one(OptionList)
            labels = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
            assert "2024-03-12 · 2 outlets · 2 articles" in labels[0]
            assert labels[-1].endswith("no date · 2 outlets · 2 articles")
            await pilot.press("enter")
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            assert isinstance(app.screen, PickerScreen)
            picker = app.screen.query_one(SelectionList)
            prompts = [str(picker.get_option_at_index(i).prompt) for i in range(picker.option_count)]
            assert [p.split()[0] for p in prompts] == ["Kelvport", "Courier"]
            await pilot.press("enter")
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            assert isinstance(app.screen, CompareScreen)

    asyncio.run(scenario())


def test_the_reader_refuses_to_fetch_feeds_without_a_terminal(tmp_path, web, cache):
    path = sources_file(tmp_path, outlet_feeds(web))
    args = cli.reader_parser().parse_args(["--sources", path])
    with pytest.raises(cli.UsageError):
        cli.stories_from(args, feeds=True)
    assert not any(key.startswith("/a/") for key in web.hits)
