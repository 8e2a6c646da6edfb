"""Reading RSS and Atom feeds: items, dates, and a plain reason for everything refused or left out."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from tests.stories_support import atom, rss
from tui.stories.feeds import FeedError, looks_like_feed, parse_feed


def test_rss_items_with_links_titles_and_dates():
    feed = parse_feed(rss([("Storm hits", "https://a.example/storm", "2024-03-02T08:10:00Z"),
                           ("Museum reopens", "https://a.example/museum", None)], title="Gazette").encode())
    assert feed.title == "Gazette"
    assert [(i.title, i.link) for i in feed.items] == [("Storm hits", "https://a.example/storm"),
                                                       ("Museum reopens", "https://a.example/museum")]
    assert feed.items[0].published == datetime(2024, 3, 2, 8, 10, tzinfo=timezone.utc)
    assert feed.items[1].published is None
    assert feed.items[0].summary == "Storm hits"  # the description's markup is gone


def test_atom_items():
    feed = parse_feed(atom([("Holt wins", "https://b.example/holt", "2024-03-05T22:30:00Z")]).encode())
    assert [(i.title, i.link, i.published.day) for i in feed.items] == [("Holt wins", "https://b.example/holt", 5)]


def test_relative_links_are_resolved_against_the_feed_address():
    feed = parse_feed(rss([("Storm", "/a/storm", None)]).encode(), base_url="http://127.0.0.1:8000/feeds/x.xml")
    assert feed.items[0].link == "http://127.0.0.1:8000/a/storm"


def test_markup_entities_and_escapes_in_feed_text_stay_inert():
    title = "Storm &lt;b&gt;hits&lt;/b&gt; [bold]coast[/bold] &amp; harbour \x1b]52;c;ZXZpbA==\x07 \x1b[31mred"
    data = rss([("placeholder", "https://a.example/s", None)]).replace("placeholder", title).encode()
    feed = parse_feed(data)
    assert feed.items[0].title == "Storm hits [bold]coast[/bold] & harbour red"
    assert not any(ch in feed.items[0].title for ch in "\x1b\x07")


@pytest.mark.parametrize("data, reason", [
    (b"this is not a feed at all", "not an RSS or Atom feed: not valid XML"),
    (b"<!DOCTYPE html><html><body><p>Hello</p></body></html>", "not an RSS or Atom feed: it is a web page"),
    (b"<?xml version='1.0'?><urlset><url><loc>https://a.example/</loc></url></urlset>",
     "not an RSS or Atom feed: the XML holds no channel or entries"),
    (b"   \n", "the feed is empty"),
])
def test_what_is_not_a_feed_says_why(data, reason):
    with pytest.raises(FeedError) as caught:
        parse_feed(data)
    assert str(caught.value).startswith(reason)


def test_a_feed_with_no_items_is_read_and_noted():
    feed = parse_feed(rss([]).encode())
    assert feed.items == [] and feed.notes == ["the feed has no items"]


def test_items_without_a_link_are_left_out_and_named():
    data = rss([("Has a link", "https://a.example/1", None)]).replace(
        "</channel>", "<item><title>No link here</title></item><item><title>Relative</title><link>/x</link></item>"
                      "</channel>").encode()
    feed = parse_feed(data)
    assert [i.title for i in feed.items] == ["Has a link"]
    assert feed.notes == ["2 items without a web address left out (“No link here”, “Relative”)"]


def test_an_enormous_feed_keeps_its_newest_items():
    items = [(f"Item {n}", f"https://a.example/{n}", f"2024-03-{n + 1:02d}T00:00:00Z") for n in range(20)]
    feed = parse_feed(rss(items).encode(), max_items=5)
    assert [i.title for i in feed.items] == [f"Item {n}" for n in range(15, 20)]
    assert feed.notes == ["the feed holds 20 items; the newest 5 are used"]


def test_a_feed_cut_short_keeps_the_items_before_the_fault():
    data = rss([("First", "https://a.example/1", None), ("Second", "https://a.example/2", None)]).encode()
    feed = parse_feed(data[: data.index(b"Second") + 3])
    assert [i.title for i in feed.items][:1] == ["First"]
    assert feed.notes[0].startswith("the feed is not well-formed XML (")


def test_feed_sniffing():
    assert looks_like_feed(b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- c --><rss version='2.0'>")
    assert looks_like_feed(b"<feed xmlns='http://www.w3.org/2005/Atom'>")
    assert not looks_like_feed(b"<!DOCTYPE html><html>")
    assert not looks_like_feed(b"https://a.example/1\nhttps://a.example/2\n")


def test_items_a_feed_drops_are_remembered_for_a_while(tmp_path):
    from datetime import timedelta

    from tui.stories.archive import KEEP_DAYS, remember
    from tui.stories.feeds import FeedItem

    now = datetime(2024, 3, 10, tzinfo=timezone.utc)
    old, new = FeedItem("https://a.example/old", "Old"), FeedItem("https://a.example/new", "New")
    assert remember("feed", [old], tmp_path, now) == [old]
    assert remember("feed", [new], tmp_path, now + timedelta(days=1)) == [new, old]
    assert remember("other feed", [new], tmp_path, now) == [new]
    assert remember("feed", [new], tmp_path, now + timedelta(days=KEEP_DAYS + 1)) == [new]


def test_a_damaged_record_of_earlier_items_is_ignored(tmp_path):
    from tui.stories.archive import remember
    from tui.stories.feeds import FeedItem

    item = FeedItem("https://a.example/1", "One")
    remember("feed", [item], tmp_path)
    for record in (tmp_path / "feeds").glob("*.json"):
        record.write_text('{"items": [{"link": "javascript:alert(1)"}, 42, {"link": "https://a.example/2"}]}')
    assert remember("feed", [item], tmp_path) == [item]
