"""What the compare screen asks of an alignment, answered without Textual: passages, figure conflicts, stops.

A cursor can be on a shared passage (a group of the alignment) or on a figure conflict; the two are kinds of
their own (`Passage`, `Figures`). Word diffs against a base are computed once per (group, base) and kept.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from tui.model import Alignment, Article, FigureConflict, Group, GroupKind, Member
from tui.wording import DiffOptions, WordDiff, diff_versions, tokenize


@dataclass(frozen=True)
class Passage:
    """A shared sentence or quotation: a group of the alignment."""

    group: int


@dataclass(frozen=True)
class Figures:
    """A figure conflict: outlets give different values for the same count."""

    conflict: int


Focus = Passage | Figures


@dataclass(frozen=True)
class Stop:
    """A place the jump keys land on in one pane: a sentence, an offset in it, and what is there."""

    sentence: int
    start: int
    focus: Focus


@dataclass
class Overlay:
    """Colouring of one version: (start, end, kind) spans and removed words to show at a position."""

    spans: list[tuple[int, int, str]] = field(default_factory=list)
    removed: list[tuple[int, str]] = field(default_factory=list)


class Reading:
    """The chosen articles and their alignment, with the lookups the reader needs."""

    def __init__(self, alignment: Alignment, options: DiffOptions | None = None) -> None:
        self.alignment = alignment
        self.options = options or DiffOptions()
        self.articles: list[Article] = alignment.articles
        # Shared wording inside otherwise different sentences is listed by `parallax align` and the map; the
        # panes' passages are sentences and quotations.
        self.groups: dict[int, Group] = {g.id: g for g in alignment.groups
                                         if len(g.articles) > 1 and g.kind is not GroupKind.PHRASE}
        self.conflicts: dict[int, FigureConflict] = {c.id: c for c in alignment.conflicts}
        self.sentence_starts = [[s.start for s in a.sentences] for a in self.articles]
        self._stops: dict[tuple[int, str], tuple[list[Stop], list[tuple[int, int]]]] = {}
        self._diffs: dict[tuple[int, int], dict[Member, WordDiff | None]] = {}
        self._by_sentence: list[dict[int, list[int]]] = [{} for _ in self.articles]
        for group in self.groups.values():
            for member in group.members:
                self._by_sentence[member.article].setdefault(member.sentence, []).append(group.id)
        # Each passage's versions by pane, made here (in the aligning worker): a key asks for them in every
        # pane, and where one is missing, for those of up to 200 passages around it.
        self._by_pane: dict[int, dict[int, list[Member]]] = {g: {} for g in self.groups}
        for group in self.groups.values():
            for member in group.members:
                self._by_pane[group.id].setdefault(member.article, []).append(member)

    def readable(self) -> list[int]:
        """Panes whose article was read; a failed one shows its error and is passed over by the keys."""
        return [i for i, article in enumerate(self.articles) if article.sentences] or [0]

    def shared_sentences(self, pane: int) -> set[int]:
        return set(self._by_sentence[pane])

    def passages_at(self, pane: int, sentence: int) -> list[Passage]:
        """Shared passages with a version in this sentence, sentences before quotations."""
        groups = sorted((self.groups[g] for g in self._by_sentence[pane].get(sentence, [])),
                        key=lambda g: (g.kind is GroupKind.QUOTE, g.id))
        return [Passage(g.id) for g in groups]

    @cached_property
    def _figure_mentions(self) -> dict[int, dict[int, Member]]:
        """Each conflict's first mention per pane, as the sentence that holds it."""
        found: dict[int, dict[int, Member]] = {}
        for conflict in self.conflicts.values():
            mentions = found.setdefault(conflict.id, {})
            for figure in sorted(conflict.figures, key=lambda f: (f.article, f.start)):
                if figure.article not in mentions:
                    sentence = self.articles[figure.article].sentences[figure.sentence]
                    mentions[figure.article] = Member(figure.article, sentence.index, sentence.start, sentence.end, 100.0)
        return found

    def versions(self, focus: Focus | None, pane: int) -> list[Member]:
        """A pane's versions of a passage (two where an outlet repeats it), or its mention of a figure."""
        if isinstance(focus, Passage):
            return self._by_pane[focus.group].get(pane, [])
        if isinstance(focus, Figures):
            mention = self._figure_mentions[focus.conflict].get(pane)
            return [mention] if mention else []
        return []

    def closest(self, focus: Focus | None, pane: int):
        """A pane's nearest passage to a shared passage it does not carry, or None when it has nothing close."""
        if isinstance(focus, Passage):
            return self.groups[focus.group].closest.get(pane)
        return None

    def member(self, focus: Focus | None, pane: int) -> Member | None:
        return next(iter(self.versions(focus, pane)), None)

    def carriers(self, focus: Focus) -> set[int]:
        """The panes that carry a passage or mention a figure."""
        if isinstance(focus, Passage):
            return self.groups[focus.group].articles
        return set(self._figure_mentions[focus.conflict])

    def coverage(self, focus: Focus) -> list[bool]:
        carriers = self.carriers(focus)
        return [pane in carriers for pane in range(len(self.articles))]

    def states(self, focus: Focus) -> list[str]:
        """Per pane: "carried", "close" (a weaker match only), "absent", or "unread" (the article failed);
        a figure row says only which panes mention one of its numbers ("carried") and which do not ("")."""
        if isinstance(focus, Figures):
            return ["carried" if covered else "" for covered in self.coverage(focus)]
        group = self.groups[focus.group]
        return [group.state(pane) if article.ok else "unread" for pane, article in enumerate(self.articles)]

    # --- stops ---------------------------------------------------------------

    def stops(self, pane: int, kind: str, allowed: frozenset[Focus] | None = None) -> list[Stop]:
        """Where the jump keys stop in a pane, in reading order: "passage", "quote" or "figures"."""
        return [s for s in self._stop_list(pane, kind)[0] if allowed is None or s.focus in allowed]

    def _stop_list(self, pane: int, kind: str) -> tuple[list[Stop], list[tuple[int, int]]]:
        if (pane, kind) not in self._stops:
            if kind == "figures":
                found = {(m.sentence, m.start, Figures(c)) for c, mentions in self._figure_mentions.items()
                         for p, m in mentions.items() if p == pane}
            else:
                found = {(m.sentence, m.start, Passage(g.id)) for g in self.groups.values()
                         if kind == "passage" or g.kind is GroupKind.QUOTE for m in g.members_of(pane)}
            ordered = [Stop(*s) for s in sorted(found, key=lambda s: (s[0], s[1], _rank(s[2])))]
            self._stops[(pane, kind)] = (ordered, [(s.sentence, s.start) for s in ordered])
        return self._stops[(pane, kind)]

    def next_stop(self, pane: int, sentence: int, start: int, step: int, kind: str,
                  allowed: frozenset[Focus] | None = None) -> Stop | None:
        """The next (step 1) or previous (step -1) stop after a position in a pane."""
        stops, keys = self._stop_list(pane, kind)
        if step > 0:
            index = bisect.bisect_right(keys, (sentence, start))
            later = (s for s in stops[index:] if allowed is None or s.focus in allowed)
            return next(later, None)
        index = bisect.bisect_left(keys, (sentence, start))
        earlier = (s for s in reversed(stops[:index]) if allowed is None or s.focus in allowed)
        return next(earlier, None)

    def place_of_missing(self, pane: int, sentence: int, start: int, other: int, reach: int = 200) -> int | None:
        """Where a passage missing from another pane would sit in it, as the start of a paragraph there: the
        one after the nearest shared passage before this position that it does carry, else the one holding
        the nearest shared passage after it. Only this many shared passages either way are looked at."""
        stops, keys = self._stop_list(pane, "passage")
        here = bisect.bisect_left(keys, (sentence, start))
        article = self.articles[other]
        for stop in reversed(stops[max(0, here - reach) : here]):
            member = self.member(stop.focus, other)
            if member is not None:
                following = article.sentences[member.sentence].paragraph + 1
                return article.paragraphs[following].start if following < len(article.paragraphs) else len(article.text)
        for stop in stops[here : here + reach]:
            member = self.member(stop.focus, other)
            if member is not None:
                return article.paragraphs[article.sentences[member.sentence].paragraph].start
        return None

    # --- words and figures ---------------------------------------------------

    def text_of(self, member: Member) -> str:
        return self.articles[member.article].text[member.start : member.end]

    def diff(self, group: int, base: int, member: Member) -> WordDiff | None:
        """A version's word diff against the base outlet's version; None for the base itself or without one.

        Each is worked out once per (passage, base) and kept; only the versions asked for are worked out,
        since a passage of 300 outlets shows five of them at a time.
        """
        if member.article == base:
            return None
        versions = self._diffs.setdefault((group, base), {})
        if member not in versions:
            reference = next(iter(self.versions(Passage(group), base)), None)
            base_text = None if reference is None else self.text_of(reference)
            versions[member] = None if base_text is None else diff_versions(base_text, self.text_of(member), self.options)
        return versions[member]

    def overlay(self, focus: Focus | None, base: int, member: Member | None) -> Overlay:
        """Spans of added, changed and removed words and changed figures in one version."""
        if member is None or focus is None:
            return Overlay()
        if isinstance(focus, Figures):
            figures = self.conflicts[focus.conflict].figures
            return Overlay([(f.start, f.end, "figure") for f in figures if f.article == member.article])
        diff = self.diff(focus.group, base, member)
        if diff is None:
            return Overlay()
        reference = self.member(focus, base)
        return _overlay(diff, member.start, self.text_of(reference))

    def differs(self, group: int) -> bool:
        """Whether the versions of a passage differ in wording at all (whichever outlet is the base): their
        words compared as the word diff compares them, without working out the diff itself."""
        keys = {tuple(t.key for t in tokenize(self.text_of(m), ignore_case=self.options.ignore_case,
                                              ignore_quotes=self.options.ignore_quotes))
                for m in self.groups[group].members}
        return len(keys) > 1

    def figure_summary(self, conflict: int) -> str:
        """What a figure conflict counts and each outlet's values: "killed: CNN 62, 83 · Beirut at least 62"."""
        per_outlet: dict[int, list[str]] = {}
        for f in self.conflicts[conflict].figures:
            value = self.articles[f.article].text[f.start : f.end]
            per_outlet.setdefault(f.article, []).append(f"{f.qualifier} {value}".strip())
        parts = [f"{self.articles[a].outlet.short} {', '.join(dict.fromkeys(v))}" for a, v in per_outlet.items()]
        return f"{self.conflicts[conflict].label}: " + " · ".join(parts)

    def opening(self, group: Group, words: int = 12) -> str:
        """The first words of a passage, from the earliest pane that carries it."""
        m = min(group.members, key=lambda m: m.article)
        parts = " ".join(self.text_of(m).split()).split(" ")
        return " ".join(parts[:words]) + (" …" if len(parts) > words else "")

    def citation_source(self, member: Member, today: date):
        """What cite() needs to cite one member."""
        from tui.cite import CitationSource

        article = self.articles[member.article]
        credit = self.credits.of_member(member)  # a quotation's citation names whose words they are
        return CitationSource(quote=" ".join(self.text_of(member).split()), outlet=article.outlet.name,
                              headline=article.title, author=article.author, published=article.published,
                              url=article.url, accessed=today, speaker=credit.speaker if credit else "")

    @cached_property
    def reuse_notes(self) -> dict[int, str]:
        """Per pane, how much of its body reuses the reference text ("reuse 31%")."""
        from tui.app.provenance import reuse_notes

        return reuse_notes(self)

    @cached_property
    def credits(self):
        """Who each outlet credits for its quotations, worked out per article when first asked for."""
        from tui.credits import Credits

        return Credits(self.alignment)

    @cached_property
    def attribution_conflicts(self) -> dict[int, str]:
        """Shared quotations credited differently by outlets: group id -> "attribution: CNN CENTCOM · ..."."""
        from tui.credits import conflict_phrase

        return {c.group: conflict_phrase(self.alignment, c) for c in self.credits.conflicts() if c.group in self.groups}


def _rank(focus: Focus) -> tuple[int, int]:
    return (0, focus.group) if isinstance(focus, Passage) else (1, focus.conflict)


def _overlay(diff: WordDiff, start: int, base_text: str) -> Overlay:
    overlay = Overlay()
    for edit in diff.edits:
        b = (start + edit.b_start, start + edit.b_end)
        if edit.tag == "insert":
            overlay.spans.append((*b, "added"))
        elif edit.tag == "replace":
            overlay.spans.append((*b, "changed"))
        elif edit.tag == "delete":
            overlay.removed.append((b[0], base_text[edit.a_start : edit.a_end]))
    overlay.spans += [(start + f.b_start, start + f.b_end, "figure") for f in diff.figures]
    return overlay
