"""What the compare screen shows, computed without Textual: groups per sentence, jumps, diffs, citations."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date

from tui.model import Alignment, Article, FigureConflict, Group, GroupKind, Member
from tui.wording import DiffOptions, diff_versions


@dataclass(frozen=True)
class Stop:
    """A place the jump keys can land on: one member of one group in one pane."""

    sentence: int
    start: int
    group: int


@dataclass
class Overlay:
    """Diff colouring for one pane: (start, end, kind) spans and removed words to show at a position."""

    spans: list[tuple[int, int, str]] = field(default_factory=list)
    removed: list[tuple[int, str]] = field(default_factory=list)


class Reading:
    """The chosen articles, their alignment, and queries the compare screen asks of them."""

    def __init__(self, alignment: Alignment, base: int = 0, options: DiffOptions | None = None) -> None:
        self.alignment = alignment
        self.options = options or DiffOptions()
        self.articles: list[Article] = alignment.articles
        self.base = base
        # Shared wording inside otherwise different sentences is listed by `parallax align`; these panes mark
        # whole sentences, so they leave it out rather than mark a sentence as shared.
        self.groups: dict[int, Group] = {g.id: g for g in alignment.groups if g.kind is not GroupKind.PHRASE}
        self._stops = [self._build_stops(pane, None) for pane in range(len(self.articles))]
        self._quote_stops = [self._build_stops(pane, GroupKind.QUOTE) for pane in range(len(self.articles))]
        self._stop_keys = [[(s.sentence, s.start) for s in stops] for stops in self._stops]
        self._quote_stop_keys = [[(s.sentence, s.start) for s in stops] for stops in self._quote_stops]
        self._by_sentence = [self._index_sentences(pane) for pane in range(len(self.articles))]
        # Figure conflicts behave like groups with negative ids: one member per outlet, its first mention.
        self.figure_groups: dict[int, Group] = {-c.id: self._figure_group(c) for c in alignment.conflicts}
        self._figures = {-c.id: c for c in alignment.conflicts}

    def _figure_group(self, conflict: FigureConflict) -> Group:
        members, seen = [], set()
        for figure in conflict.figures:
            if figure.article not in seen:
                seen.add(figure.article)
                sentence = self.articles[figure.article].sentences[figure.sentence]
                members.append(Member(figure.article, sentence.index, sentence.start, sentence.end, 100.0))
        return Group(-conflict.id, GroupKind.SENTENCE, members)

    def group(self, group_id: int) -> Group:
        """A shared passage, or (negative id) a figure conflict."""
        return self.groups[group_id] if group_id > 0 else self.figure_groups[group_id]

    def figure_summary(self, group_id: int) -> str:
        """What a figure conflict counts and each outlet's values: "killed: CNN 62, 83 · Beirut at least 62"."""
        conflict = self._figures[group_id]
        per_outlet: dict[int, list[str]] = {}
        for f in conflict.figures:
            value = self.articles[f.article].text[f.start : f.end]
            per_outlet.setdefault(f.article, []).append(f"{f.qualifier} {value}".strip())
        parts = [f"{self.articles[a].outlet.short} {', '.join(dict.fromkeys(v))}" for a, v in per_outlet.items()]
        return f"{conflict.measure}: " + " · ".join(parts)

    def _build_stops(self, pane: int, kind: GroupKind | None) -> list[Stop]:
        stops = {
            (m.sentence, m.start, g.id)
            for g in self.groups.values()
            if (kind is None or g.kind is kind) and len(g.articles) > 1
            for m in g.members_of(pane)
        }
        return [Stop(*s) for s in sorted(stops)]

    def _index_sentences(self, pane: int) -> dict[int, list[int]]:
        index: dict[int, list[int]] = {}
        for stop in self._stops[pane]:
            index.setdefault(stop.sentence, []).append(stop.group)
        return index

    def groups_at(self, pane: int, sentence: int) -> list[Group]:
        """Groups with a member in this sentence, sentence groups before quotation groups."""
        groups = [self.groups[g] for g in self._by_sentence[pane].get(sentence, [])]
        return sorted(groups, key=lambda g: g.kind is GroupKind.QUOTE)

    def shared_sentences(self, pane: int) -> set[int]:
        return set(self._by_sentence[pane])

    def jump(self, pane: int, sentence: int, start: int, step: int, quotes: bool = False) -> Stop | None:
        """The next (step=1) or previous (step=-1) shared passage after a position in a pane."""
        stops = self._quote_stops[pane] if quotes else self._stops[pane]
        keys = self._quote_stop_keys[pane] if quotes else self._stop_keys[pane]
        if step > 0:
            index = bisect.bisect_right(keys, (sentence, start))
            return stops[index] if index < len(stops) else None
        index = bisect.bisect_left(keys, (sentence, start)) - 1
        return stops[index] if index >= 0 else None

    def place_of_missing(self, pane: int, sentence: int, start: int, other: int, reach: int = 200) -> int | None:
        """Where a passage missing from another pane would sit in it, as the start of a paragraph there: the
        one after the nearest shared passage before this position that it does carry, else the one holding
        the nearest shared passage after it. Only this many shared passages either way are looked at."""
        stops = self._stops[pane]
        here = bisect.bisect_left(self._stop_keys[pane], (sentence, start))
        article = self.articles[other]
        for stop in reversed(stops[max(0, here - reach) : here]):
            member = self.member(self.groups[stop.group], other)
            if member is not None:
                following = article.sentences[member.sentence].paragraph + 1
                return article.paragraphs[following].start if following < len(article.paragraphs) else len(article.text)
        for stop in stops[here : here + reach]:
            member = self.member(self.groups[stop.group], other)
            if member is not None:
                return article.paragraphs[article.sentences[member.sentence].paragraph].start
        return None

    def member(self, group: Group | None, pane: int) -> Member | None:
        if group is None:
            return None
        return next(iter(group.members_of(pane)), None)

    def coverage(self, group: Group) -> list[bool]:
        """Whether each pane carries the group."""
        panes = group.articles
        return [pane in panes for pane in range(len(self.articles))]

    def opening(self, group: Group, words: int = 12) -> str:
        """The first words of the group, from the earliest pane that carries it."""
        m = min(group.members, key=lambda m: m.article)
        text = " ".join(self.articles[m.article].text[m.start : m.end].split())
        parts = text.split(" ")
        return " ".join(parts[:words]) + (" …" if len(parts) > words else "")

    def text_of(self, member: Member) -> str:
        return self.articles[member.article].text[member.start : member.end]

    def diff(self, group: Group, pane: int):
        """The word diff of a pane's version against the base version, or None without both."""
        mine, base = self.member(group, pane), self.member(group, self.base)
        if mine is None or base is None or pane == self.base or group.id < 0:
            return None
        return diff_versions(self.text_of(base), self.text_of(mine), self.options)

    def overlay(self, group: Group | None, pane: int) -> Overlay:
        """Spans of added, changed, removed words and changed figures in a pane's version."""
        overlay = Overlay()
        if group is not None and group.id < 0:
            figures = self._figures[group.id].figures
            overlay.spans = [(f.start, f.end, "figure") for f in figures if f.article == pane]
            return overlay
        diff = self.diff(group, pane) if group is not None else None
        if diff is None:
            return overlay
        mine, base = self.member(group, pane), self.member(group, self.base)
        base_text = self.text_of(base)
        for edit in diff.edits:
            a, b = (edit.a_start, edit.a_end), (mine.start + edit.b_start, mine.start + edit.b_end)
            if edit.tag == "insert":
                overlay.spans.append((*b, "added"))
            elif edit.tag == "replace":
                overlay.spans.append((*b, "changed"))
            elif edit.tag == "delete":
                overlay.removed.append((b[0], base_text[a[0] : a[1]]))
        for figure in diff.figures:
            overlay.spans.append((mine.start + figure.b_start, mine.start + figure.b_end, "figure"))
        return overlay

    def citation_source(self, member: Member, today: date):
        """What cite() needs to cite one member."""
        from tui.cite import CitationSource

        article = self.articles[member.article]
        quote = " ".join(self.text_of(member).split())
        return CitationSource(
            quote=quote,
            outlet=article.outlet.name,
            headline=article.title,
            author=article.author,
            published=article.published,
            url=article.url,
            accessed=today,
        )
