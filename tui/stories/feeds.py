"""RSS and Atom feeds read with feedparser: items with inert text, and a plain reason for every feed refused."""

from __future__ import annotations

import calendar
import html
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from xml.sax import SAXException

from tui.clean import strip_controls

# A feed rarely holds more than a few hundred items; beyond this the newest are kept, so that one enormous
# feed cannot crowd out the others or take minutes to group.
MAX_ITEMS = 1000
_FEED_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*)*<(rss|feed|rdf:RDF)\b",
    re.DOTALL | re.IGNORECASE,
)
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(!doctype\s+html|html)\b", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


class FeedError(Exception):
    """A feed that cannot be used; the message says why."""


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed, its text made inert."""

    link: str
    title: str = ""
    summary: str = ""
    published: datetime | None = None


@dataclass
class Feed:
    """The items of a feed, its own title, and what was left out or repaired, in words."""

    title: str
    items: list[FeedItem]
    notes: list[str] = field(default_factory=list)


def looks_like_feed(data: bytes) -> bool:
    """Whether the bytes start like an RSS, Atom or RDF document."""
    return bool(_FEED_START.match(data.removeprefix(b"\xef\xbb\xbf")[:4096]))


def parse_feed(data: bytes, base_url: str = "", max_items: int = MAX_ITEMS) -> Feed:
    """The usable items of a feed (relative links resolved against base_url); raises FeedError."""
    import feedparser

    headers = {"content-location": base_url} if base_url else None
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        raise FeedError(_not_a_feed(data, parsed))
    feed = Feed(title=inert_text(parsed.feed.get("title", "")), items=[])
    if isinstance(parsed.get("bozo_exception"), SAXException) and parsed.entries:
        reason = _xml_reason(parsed)
        feed.notes.append(f"the feed is not well-formed XML ({reason}); the items before the fault are used")
    no_link = []
    for entry in parsed.entries:
        item = _item(entry)
        if item.link:
            feed.items.append(item)
        else:
            no_link.append(item.title or _raw_link(entry) or "untitled")
    if no_link:
        feed.notes.append(f"{_count(len(no_link), 'item')} without a web address left out ({_examples(no_link)})")
    if not parsed.entries:
        feed.notes.append("the feed has no items")
    _keep_newest(feed, max_items)
    return feed


def _item(entry) -> FeedItem:
    link = _raw_link(entry)
    if not link.lower().startswith(("http://", "https://")):
        link = ""
    title = inert_text(entry.get("title", ""))
    summary = inert_text(entry.get("summary", ""))
    return FeedItem(link=link, title=title, summary=summary, published=_published(entry))


def _raw_link(entry) -> str:
    return strip_controls(str(entry.get("link", "") or "")).strip()


def _published(entry) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc)
            except (OverflowError, ValueError, OSError):
                return None
    return None


def _keep_newest(feed: Feed, max_items: int) -> None:
    if len(feed.items) <= max_items:
        return
    floor = datetime.min.replace(tzinfo=timezone.utc)
    ranked = sorted(range(len(feed.items)), key=lambda i: (feed.items[i].published or floor, -i), reverse=True)
    kept = sorted(ranked[:max_items])
    feed.notes.append(f"the feed holds {len(feed.items):,} items; the newest {max_items:,} are used")
    feed.items = [feed.items[i] for i in kept]


def inert_text(value: str) -> str:
    """Text from a feed as plain words: tags dropped, entities decoded, control characters removed."""
    text = html.unescape(_TAG.sub(" ", value)) if "<" in value or "&" in value else value
    return " ".join(strip_controls(text).split())


def _not_a_feed(data: bytes, parsed) -> str:
    if not data.strip():
        return "the feed is empty"
    if _HTML_START.match(data[:4096]):
        return "not an RSS or Atom feed: it is a web page"
    if parsed.get("bozo"):
        return f"not an RSS or Atom feed: not valid XML ({_xml_reason(parsed)})"
    return "not an RSS or Atom feed: the XML holds no channel or entries"


def _xml_reason(parsed) -> str:
    error = parsed.get("bozo_exception")
    line = getattr(error, "getLineNumber", lambda: None)()
    message = getattr(error, "getMessage", lambda: str(error))()
    reason = inert_text(str(message)) or type(error).__name__
    return f"{reason} at line {line}" if line else reason


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _examples(titles: list[str]) -> str:
    shown = ", ".join(f"“{t[:60]}”" for t in titles[:2])
    return shown + (f" and {len(titles) - 2} more" if len(titles) > 2 else "")
