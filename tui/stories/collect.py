"""From what the user named to a list of articles to read: feeds, folders, lists of URLs, article files and URLs.

Nothing here reads an article's text; that is tui.stories.loading. Every source that cannot be used becomes
an error naming it, everything left out or changed on the way a note, and the other sources go on.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

from tui.clean import strip_controls
from tui.model import ArticleRef, Outlet
from tui.stories.feeds import FeedError, looks_like_feed, parse_feed
from tui.stories.model import Entry, Problem, iso

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".shtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf"}
MAX_FEED_BYTES = 10 * 1024 * 1024
MAX_LIST_BYTES = 1024 * 1024
MAX_FOLDER_FILES = 5000


@dataclass(frozen=True)
class Source:
    """Something to find stories in, as the user named it; feeds from sources.yaml bring their outlet."""

    given: str
    outlet: Outlet | None = None
    name: str = ""
    base_dir: str = ""
    feed: bool = False  # named as a feed (in sources.yaml): anything else is an error


@dataclass
class Gathered:
    entries: list[Entry] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    def add(self, other: Gathered) -> None:
        self.entries += other.entries
        self.errors += other.errors
        self.notes += other.notes


class Outlets:
    """One Outlet per name, with an id made from it, so that articles of one outlet share it."""

    def __init__(self) -> None:
        self.by_name: dict[str, Outlet] = {}
        self.ids: set[str] = set()

    def named(self, name: str) -> Outlet:
        name = " ".join(strip_controls(name).split()) or "unknown"
        if name not in self.by_name:
            base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "outlet"
            outlet_id, number = base, 2
            while outlet_id in self.ids:
                outlet_id, number = f"{base}-{number}", number + 1
            self.ids.add(outlet_id)
            self.by_name[name] = Outlet(outlet_id, name)
        return self.by_name[name]

    def known(self, outlet: Outlet) -> Outlet:
        self.ids.add(outlet.id)
        return self.by_name.setdefault(outlet.name, outlet)


@dataclass
class Collector:
    """Turns sources into entries; feeds and pages come through the fetcher and its cache."""

    refresh: bool = False
    since: datetime | None = None
    cache_dir: Path | None = None
    outlets: Outlets = field(default_factory=Outlets)

    def expand(self, source: Source) -> Gathered:
        given = source.given.strip()
        if given.lower().startswith(("http://", "https://")):
            return self._from_url(source, given)
        return self._from_path(source, given)

    def _from_url(self, source: Source, url: str) -> Gathered:
        from tui.fetch import FEED_TYPES, PAGE_TYPES, FetchError, get_page

        try:
            page = get_page(url, refresh=self.refresh, cache_dir=self.cache_dir, max_bytes=MAX_FEED_BYTES,
                            types=PAGE_TYPES | FEED_TYPES)
        except FetchError as error:
            return _failed(url, str(error))
        gathered = Gathered()
        if _moved(url, page.final_url):
            gathered.notes.append(Problem(url, f"moved to {strip_controls(page.final_url)}; update the address"))
        mime = page.content_type.split(";")[0].strip().lower()
        if source.feed or looks_like_feed(page.data) or mime in FEED_TYPES:
            gathered.add(self._from_feed(source, url, page.data, page.final_url))
        else:  # an article page: already fetched (and cached) now, so it is read from the cache later
            outlet = source.outlet or self.outlets.named(_host(url))
            gathered.entries.append(Entry(url, ArticleRef(outlet=outlet.id, url=url), outlet))
        return gathered

    def _from_path(self, source: Source, given: str) -> Gathered:
        try:
            path = Path(given).expanduser()
        except RuntimeError:
            return _failed(given, "cannot expand '~': no such user's home directory")
        if source.base_dir and not path.is_absolute():
            path = Path(source.base_dir) / path
        try:
            info = path.stat()
        except FileNotFoundError:
            return _failed(given, "no such file or folder")
        except OSError as error:
            return _failed(given, f"cannot be read: {error.strerror or error}")
        if stat.S_ISDIR(info.st_mode):
            return self._from_folder(source, given, path)
        head = _head(path)
        if source.feed or path.suffix.lower() in FEED_SUFFIXES or (head is not None and looks_like_feed(head)):
            return self._from_feed_file(source, given, path, info.st_size)
        if head is not None and is_url_list(head):
            return self._from_url_list(source, given, path, info.st_size)
        return Gathered(entries=[self._file_entry(source, given, path)])

    def _file_entry(self, source: Source, shown: str, path: Path) -> Entry:
        outlet = source.outlet or self.outlets.named(path.stem or path.name)
        return Entry(shown, ArticleRef(outlet=outlet.id, file=str(path)), outlet)

    def _from_folder(self, source: Source, given: str, folder: Path) -> Gathered:
        files, skipped = [], 0
        for path in sorted(folder.rglob("*")):
            if any(part.startswith(".") for part in path.relative_to(folder).parts) or not path.is_file():
                continue
            if path.suffix.lower() in ARTICLE_SUFFIXES:
                files.append(path)
            else:
                skipped += 1
        gathered = Gathered()
        if len(files) > MAX_FOLDER_FILES:
            note = f"holds {len(files):,} article files; the first {MAX_FOLDER_FILES:,} are read"
            gathered.notes.append(Problem(given, note))
        for path in files[:MAX_FOLDER_FILES]:
            shown = str(Path(given) / path.relative_to(folder))
            gathered.entries.append(self._file_entry(source, shown, path))
        if skipped:
            gathered.notes.append(Problem(given, f"{skipped} files that are not text, Markdown or HTML were skipped"))
        if not files:
            gathered.errors.append(Problem(given, "the folder holds no article files (.txt, .md, .html)"))
        return gathered

    def _from_feed_file(self, source: Source, given: str, path: Path, size: int) -> Gathered:
        from tui.fetch import human_size

        if size > MAX_FEED_BYTES:
            return _failed(given, f"feed is {human_size(size)}, larger than the {human_size(MAX_FEED_BYTES)} limit")
        try:
            data = path.read_bytes()
        except OSError as error:
            return _failed(given, f"cannot be read: {error.strerror or error}")
        return self._from_feed(source, given, data, "", key=str(path.absolute()))

    def _from_feed(self, source: Source, shown: str, data: bytes, base_url: str, key: str = "") -> Gathered:
        from tui.stories.archive import remember

        try:
            feed = parse_feed(data, base_url)
        except FeedError as error:
            return _failed(shown, str(error))
        gathered = Gathered(notes=[Problem(shown, note) for note in feed.notes])
        items = remember(key or shown, feed.items, self.cache_dir)
        outlet = source.outlet or self.outlets.named(source.name or feed.title or _host(base_url or shown))
        since = self.since
        early = [item for item in items if since and item.published and item.published < since]
        for item in items:
            if not (since and item.published and item.published < since):
                ref = ArticleRef(outlet=outlet.id, url=item.link, title=item.title, published=iso(item.published) or "")
                gathered.entries.append(Entry(item.link, ref, outlet, item.published))
        undated = sum(1 for item in items if item.published is None)
        if early:
            gathered.notes.append(Problem(shown, f"{_items(len(early))} published before {iso(self.since)} left out"))
        if undated:
            note = f"{_items(undated)} without a date (or with one that cannot be read): grouped by their text alone"
            gathered.notes.append(Problem(shown, note + (", whatever --since says" if self.since else "")))
        return gathered

    def _from_url_list(self, source: Source, given: str, path: Path, size: int) -> Gathered:
        if size > MAX_LIST_BYTES:
            return _failed(given, "is too large for a list of web addresses (over 1 MB)")
        gathered = Gathered()
        text = path.read_bytes().decode("utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if not _is_url(line):
                shown = strip_controls(line)[:60]
                gathered.notes.append(Problem(f"{given}:{number}", f"not a web address ('{shown}'); skipped"))
                continue
            outlet = source.outlet or self.outlets.named(_host(line))
            gathered.entries.append(Entry(line, ArticleRef(outlet=outlet.id, url=line), outlet, refresh=self.refresh))
        if not gathered.entries:
            gathered.errors.append(Problem(given, "the list holds no web addresses"))
        return gathered


def is_url_list(head: bytes) -> bool:
    """A text whose first meaningful line is a web address and at least half of whose lines are."""
    lines = [line.strip() for line in head.decode("utf-8", errors="replace").splitlines()]
    meaningful = [line for line in lines if line and not line.startswith("#")]
    if len(meaningful) > 1 and not head.endswith(b"\n"):
        meaningful = meaningful[:-1]  # the last line may be cut off by the sample size
    if not meaningful or not _is_url(meaningful[0]):
        return False
    return sum(_is_url(line) for line in meaningful) * 2 >= len(meaningful)


def _is_url(line: str) -> bool:
    return bool(re.fullmatch(r"https?://\S+", line, re.IGNORECASE))


def _head(path: Path) -> bytes | None:
    try:
        with path.open("rb") as handle:
            return handle.read(4096)
    except OSError:
        return None  # reading the article reports why


def _host(address: str) -> str:
    host = urlparse(address).hostname or ""
    return host.removeprefix("www.") or address


def _moved(url: str, final_url: str) -> bool:
    return final_url.rstrip("/") != url.rstrip("/")


def _items(count: int) -> str:
    return "1 item" if count == 1 else f"{count} items"


def _failed(source: str, message: str) -> Gathered:
    return Gathered(errors=[Problem(strip_controls(source), message)])
