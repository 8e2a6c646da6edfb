"""Who published a shared passage first: publication times as intervals, versions in order, later ones compared.

A time is only as precise as the source gives it. A date alone could be any hour in any time zone, so it
stands for the span from noon of the day before to noon of the day after; a time without a zone for 14 hours
either way. One version is earlier than another only when its span ends before the other's begins; where
spans overlap, the order is not known and is not claimed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from tui.clean import printable
from tui.model import Alignment, Group, Member
from tui.wording import DiffOptions, diff_versions

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_SLACK = timedelta(hours=12)
ZONE_SLACK = timedelta(hours=14)
RELATIONS = ("same", "trimmed", "extended", "altered")


@dataclass(frozen=True)
class When:
    """When an article was published, as an interval, and its ISO 8601 form (UTC; a date alone stays a date)."""

    start: datetime
    end: datetime
    iso: str

    def before(self, other: When) -> bool:
        return self.end <= other.start


def when(published: str) -> When | None:
    """The publication time an article gives, or None when it gives none that can be read."""
    text = (published or "").strip()
    if _DATE.match(text):
        try:
            day = datetime.fromisoformat(text).replace(tzinfo=timezone.utc)
        except ValueError:
            return None
        return When(day - DATE_SLACK, day + timedelta(days=1) + DATE_SLACK, text)
    value = _parse(text)
    if value is None:
        return None
    if value.tzinfo is None:
        point = value.replace(tzinfo=timezone.utc)
        return When(point - ZONE_SLACK, point + ZONE_SLACK, point.isoformat(timespec="seconds").replace("+00:00", ""))
    point = value.astimezone(timezone.utc)
    return When(point, point, point.isoformat(timespec="seconds").replace("+00:00", "Z"))


def _parse(text: str) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        from email.utils import parsedate_to_datetime  # here: 8 ms to import, for the rare RFC 2822 date

        try:
            return parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None


def published_iso(published: str) -> str | None:
    """The JSON form of an article's publication time: ISO 8601, or None when unknown or unreadable."""
    found = when(published)
    return found.iso if found else None


@dataclass(frozen=True)
class Version:
    """One outlet's version of a passage in publication order, and how it stands to the first one."""

    member: Member
    when: When | None
    relation: str | None  # None for the first version (the base), else one of RELATIONS


@dataclass(frozen=True)
class Order:
    """A passage's versions, earliest first; `base` says what the first one is: "reference" (the reference
    text carries it), "earliest" (published before every other version), "earliest dated" (before every other
    version with a known time; some have none), "tied" (its time overlaps another's, so who was first is not
    known) or "unknown" (fewer than two versions have a usable time; no order is claimed)."""

    base: str
    versions: tuple[Version, ...]


def publication_order(alignment: Alignment, group: Group, reference: int | None = None,
                      options: DiffOptions | None = None, relations: bool = True) -> Order:
    """Versions ordered earliest first (unknown times last), each later one marked against the first."""
    times = {m.article: when(alignment.articles[m.article].published) for m in group.members}
    ordered = sorted(group.members, key=lambda m: _sort_key(m, times[m.article], reference))
    first = ordered[0]
    base = _base(first, ordered, times, reference)
    text = lambda m: alignment.articles[m.article].text[m.start : m.end]  # noqa: E731
    versions = [Version(first, times[first.article], None)]
    for member in ordered[1:]:
        relation = relation_of(text(first), text(member), options) if relations and base != "unknown" else None
        versions.append(Version(member, times[member.article], relation))
    return Order(base, tuple(versions))


def _sort_key(member: Member, found: When | None, reference: int | None) -> tuple:
    if member.article == reference:
        return (0, datetime.min.replace(tzinfo=timezone.utc), member.article, member.start)
    if found is None:
        return (2, datetime.max.replace(tzinfo=timezone.utc), member.article, member.start)
    return (1, found.start, member.article, member.start)


def _base(first: Member, ordered: list[Member], times: dict, reference: int | None) -> str:
    if first.article == reference:
        return "reference"
    others = [times[m.article] for m in ordered[1:] if m.article != first.article]
    dated = [t for t in others if t is not None]
    if times[first.article] is None or not dated:
        return "unknown"  # fewer than two dated versions: nothing to order
    if not all(times[first.article].before(other) for other in dated):
        return "tied"
    return "earliest" if len(dated) == len(others) else "earliest dated"


def relation_of(base: str, text: str, options: DiffOptions | None = None) -> str:
    """ "same", "trimmed" (words left out only), "extended" (words added only) or "altered"."""
    tags = {edit.tag for edit in diff_versions(base, text, options).edits if edit.tag != "equal"}
    if not tags:
        return "same"
    if tags == {"delete"}:
        return "trimmed"
    if tags == {"insert"}:
        return "extended"
    return "altered"


def reference_index(alignment: Alignment) -> int | None:
    """The article given as the reference text, if any."""
    return next((i for i, a in enumerate(alignment.articles) if a.reference and a.ok), None)


def order_phrase(alignment: Alignment, order: Order) -> str:
    """ "published first: CNN 2016-09-17 · Beirut 2016-09-19 trimmed · Def. mag. time unknown altered"."""
    if order.base == "unknown":
        return "published: too few versions with a known time to say who was first"
    lead = {"reference": "against the reference: ", "earliest": "published first: ",
            "earliest dated": "published first of those dated: ",
            "tied": "published (who was first is not known): "}[order.base]
    parts = []
    for version in order.versions:
        name = alignment.articles[version.member.article].outlet.short
        time = version.when.iso if version.when else "time unknown"
        parts.append(" ".join(p for p in (name, "reference" if version.relation is None and order.base == "reference"
                                          else time, version.relation or "") if p))
    return lead + " · ".join(parts)


def order_json(alignment: Alignment, order: Order) -> dict:
    """{"base", "versions": [{"article", "sentence", "published", "relation"}]}, earliest first."""
    return {"base": order.base, "versions": [
        {"article": printable(alignment.articles[v.member.article].id), "sentence": v.member.sentence,
         "published": v.when.iso if v.when else None, "relation": v.relation} for v in order.versions]}
