"""Feed items seen before, kept in the cache so that stories keep their earlier articles after a feed drops them.

A feed lists only its latest items. Without this, `--refresh` would replace yesterday's coverage with
today's, and new articles could not join the story they continue.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tui.stories.feeds import MAX_ITEMS, FeedItem, inert_text
from tui.stories.model import parse_date

# Items the feed no longer lists are kept this long after they were first seen.
KEEP_DAYS = 30


def remember(
    feed_key: str, items: list[FeedItem], cache_dir: Path | None = None, now: datetime | None = None
) -> list[FeedItem]:
    """The feed's items followed by those of earlier reads it no longer lists; the record is updated."""
    from tui.fetch import cache_root

    now = now or datetime.now(timezone.utc)
    path = cache_root(cache_dir) / "feeds" / f"{hashlib.sha256(feed_key.encode('utf-8')).hexdigest()[:32]}.json"
    earlier = _read(path)
    current = {item.link for item in items}
    first_seen = {link: seen for link, (_, seen) in earlier.items()}
    kept = [
        (item, seen) for link, (item, seen) in earlier.items()
        if link not in current and now - seen <= timedelta(days=KEEP_DAYS)
    ]
    records = [(item, first_seen.get(item.link, now)) for item in items] + kept
    _write(path, records[:MAX_ITEMS])
    return items + [item for item, _ in kept][: max(0, MAX_ITEMS - len(items))]


def _read(path: Path) -> dict[str, tuple[FeedItem, datetime]]:
    """Earlier items by link; a missing or damaged record is an empty one."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8")).get("items", [])
    except (OSError, ValueError, AttributeError):
        return {}
    found = {}
    for row in rows if isinstance(rows, list) else []:
        item = _item(row)
        seen = parse_date(str(row.get("first_seen", ""))) if isinstance(row, dict) else None
        if item is not None and seen is not None:
            found[item.link] = (item, seen)
    return found


def _item(row: object) -> FeedItem | None:
    if not isinstance(row, dict) or not str(row.get("link", "")).startswith(("http://", "https://")):
        return None
    published = parse_date(str(row.get("published") or ""))
    return FeedItem(link=inert_text(str(row["link"])), title=inert_text(str(row.get("title", ""))),
                    summary=inert_text(str(row.get("summary", ""))), published=published)


def _write(path: Path, records: list[tuple[FeedItem, datetime]]) -> None:
    """Store the record; a cache that cannot be written only costs the older items next time."""
    rows = [
        {"link": item.link, "title": item.title, "summary": item.summary,
         "published": item.published.isoformat() if item.published else None, "first_seen": seen.isoformat()}
        for item, seen in records
    ]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        partial.write_text(json.dumps({"items": rows}, indent=1), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass
