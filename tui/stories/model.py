"""Plain data of story finding: the articles gathered, the stories found, and what went wrong on the way."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

from tui.model import Article, ArticleRef, Outlet
from tui.stories.evidence import Evidence


@dataclass(frozen=True)
class Problem:
    """A source that could not be read (an error) or something left out or changed on the way (a note)."""

    source: str
    message: str


@dataclass
class Entry:
    """One article to group: where it comes from, how the reader opens it, and once read, its text."""

    source: str  # the path or URL as given, or the item's link for feeds
    ref: ArticleRef
    outlet: Outlet
    published: datetime | None = None
    refresh: bool = False  # fetch anew (only for pages not already fetched during this run)
    article: Article | None = None

    @property
    def title(self) -> str:
        return (self.article.title if self.article else "") or self.ref.title

    @property
    def url(self) -> str:
        return (self.article.url if self.article else "") or self.ref.url


@dataclass
class FoundStory:
    """Articles reporting one event, and the evidence that they do."""

    id: str
    title: str
    entries: list[Entry]
    evidence: list[Evidence]
    similarity: float  # average similarity of its pairs, shared passages included (0-1)

    @property
    def first_published(self) -> datetime | None:
        dates = [e.published for e in self.entries if e.published is not None]
        return min(dates) if dates else None

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(e.outlet.name for e in self.entries))


@dataclass
class Findings:
    """Everything `parallax stories` reports."""

    stories: list[FoundStory] = field(default_factory=list)
    unassigned: list[Entry] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


def parse_date(text: str) -> datetime | None:
    """An ISO 8601 or e-mail style date or time as an aware datetime (UTC when no zone is given), else None."""
    text = text.strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def parse_since(text: str) -> datetime:
    """The --since value: a date (from its start, UTC) or a date and time; raises ValueError."""
    value = parse_date(text)
    if value is None:
        raise ValueError(f"'{text}' is not a date (expected YYYY-MM-DD or an ISO date and time)")
    return value


def shown_date(value: datetime | None) -> str:
    """'2019-01-25 14:02 UTC', '2019-01-25' when the time is midnight UTC (a date alone), '' when unknown."""
    if value is None:
        return ""
    value = value.astimezone(timezone.utc)
    if (value.hour, value.minute, value.second) == (0, 0, 0):
        return value.date().isoformat()
    return value.strftime("%Y-%m-%d %H:%M UTC")


def iso(value: datetime | None) -> str | None:
    """The JSON form: ISO 8601 in UTC, a plain date when no time was known, or null."""
    if value is None:
        return None
    value = value.astimezone(timezone.utc)
    if (value.hour, value.minute, value.second) == (0, 0, 0):
        return value.date().isoformat()
    return value.isoformat(timespec="seconds").replace("+00:00", "Z")


def day(value: datetime | None) -> date | None:
    return value.astimezone(timezone.utc).date() if value is not None else None
