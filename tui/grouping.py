"""Groups from links: strongest links first, one version per outlet, and no chaining through short units."""

from __future__ import annotations

from collections import defaultdict

from tui.linking import Link, Unit, shared_words
from tui.model import Group, GroupKind, LinkKind, Member, Reason


# Share of the smaller version's meaningful words that any two versions of one group must have in common.
_SHARED_SHARE = 0.34
_SHORT_GROUP = 6  # words: a group whose versions are all shorter than this is a group of trims
_USER = LinkKind.USER  # looked up once: an enum's member is slow to reach through its class


class _Clusters:
    """Union-find over units that refuses merges which would make a group say two things."""

    def __init__(self, units: list[Unit], apart: set[frozenset] | None = None):
        self.units = units
        # Pairs of sentences the user has said are not the same passage.
        self.apart = apart or set()
        self.parent = list(range(len(units)))
        # The members of each group of two or more, by root (a unit on its own is its own group's only member).
        self.members: dict[int, list[int]] = {}
        # Units already in groups, by article and sentence, so that no stretch of text is in two groups: a unit's
        # text lies inside its own sentences, so only units claiming one of them can overlap it (one long
        # article holds thousands of claimed units).
        self.claimed: dict[tuple[int, int], set[int]] = defaultdict(set)
        # Whether one wording is found in another, by their codes: an article that repeats a passage hundreds of
        # times asks the same question for every pair of its copies.
        self.contained: dict[tuple[str, str], bool] = {}
        # Each group's versions (article and meaningful words), by root and in the order of its members: a
        # group's members are compared again at every merge, so their words are worked out once.
        self.versions: dict[int, list[tuple[int, frozenset[str]]]] = {}
        # Each group's articles, by root: asked at every merge, of groups of hundreds of members.
        self.articles: dict[int, set[int]] = {}

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def try_merge(self, link: Link) -> bool:
        ra, rb = self.root(link.a), self.root(link.b)
        if ra == rb:
            return True
        left, right = self.members.get(ra) or [ra], self.members.get(rb) or [rb]
        if link.weak and not self._short_joins(link, left, right):
            return False
        versions = self._versions(ra), self._versions(rb)
        # The user's join stands whatever the words say; the engine's own links must share meaningful words.
        if not self._one_version_per_outlet(left, right, versions, ra, rb) or (
                link.kind is not _USER and not self._related(*versions)):
            return False
        if self.apart and self._kept_apart(left, right):
            return False
        # Units already in a group claim their text, and no other group's units overlap it (that is checked as
        # each joins), so only a unit joining on its own can overlap another group.
        alone = [group[0] for group in (left, right) if len(group) == 1]
        if alone and self._overlaps_another_group(alone, (ra, rb)):
            return False
        self.parent[rb] = ra
        self.members[ra] = left + right
        self.members.pop(rb, None)
        self.versions[ra] = versions[0] + versions[1]
        self.versions.pop(rb, None)
        larger, smaller = sorted((self._articles(ra), self._articles(rb)), key=len, reverse=True)
        larger |= smaller  # the larger set takes the smaller's articles, whichever group it was
        self.articles[ra] = larger
        self.articles.pop(rb, None)
        for i in alone:
            unit = self.units[i]
            for sentence in range(unit.sentence, unit.last + 1):
                self.claimed[(unit.article, sentence)].add(i)
        return True

    def _overlaps_another_group(self, joining: list[int], roots: tuple[int, int]) -> bool:
        units = self.units
        for i in joining:
            unit = units[i]
            for sentence in range(unit.sentence, unit.last + 1):
                for j in self.claimed.get((unit.article, sentence), ()):
                    other = units[j]
                    if other.start < unit.end and unit.start < other.end and self.root(j) not in roots:
                        return True
        return False

    def _short_joins(self, link: Link, left: list[int], right: list[int]) -> bool:
        """A short unit may join a group on its own; it never ties two groups, nor brings a longer passage
        into its group (two long quotations that only share the few words it quotes stay apart)."""
        units = self.units
        for alone, group, single, other in ((left, right, link.a, link.b), (right, left, link.b, link.a)):
            if len(alone) != 1:
                continue
            if len(units[single].code) <= len(units[other].code):
                return True
            # A longer passage may join a group of short ones (the fuller version of a quotation every other
            # outlet trims), never a group that already has a longer passage of its own.
            if max(len(units[i].code) for i in group) < _SHORT_GROUP:
                return True
        return False

    def _versions(self, root: int) -> list[tuple[int, frozenset[str]]]:
        found = self.versions.get(root)
        if found is None:  # a unit on its own
            unit = self.units[root]
            found = [(unit.article, unit.content)]
        return found

    def _articles(self, root: int) -> set[int]:
        found = self.articles.get(root)
        return found if found is not None else {self.units[root].article}  # a unit on its own

    def _one_version_per_outlet(self, left: list[int], right: list[int], versions: tuple[list, list], ra: int,
                                rb: int) -> bool:
        """An outlet appears once in a group, unless it repeats the passage (whole or trimmed) elsewhere."""
        if len(versions[0]) == 1 and len(versions[1]) == 1 and versions[0][0][0] != versions[1][0][0]:
            return True  # the most common case: two units on their own, from two articles
        articles = self._articles(ra)
        if articles.isdisjoint(self._articles(rb)):
            return True
        units = self.units
        for j in right:
            b = units[j]
            if b.article in articles:
                for i in left:
                    if units[i].article == b.article and not self._repeats(units[i], b):
                        return False
        return True

    def _repeats(self, a: Unit, b: Unit) -> bool:
        """Two passages of one article that do not overlap, the shorter found in the longer word for word
        (function words aside)."""
        if a.start < b.end and b.start < a.end:
            return False
        short, long = (a, b) if len(a.code) <= len(b.code) else (b, a)
        key = (short.code, long.code)
        found = self.contained.get(key)
        if found is None:
            found = self.contained[key] = short.loose in long.loose and len(short.content) >= 2
        return found

    @staticmethod
    def _related(left: list[tuple[int, frozenset[str]]], right: list[tuple[int, frozenset[str]]]) -> bool:
        """Every two versions of a group share some meaningful words: two fragments of different parts of
        one long passage are not the same passage."""
        for article, words in left:
            for other, other_words in right:
                if article != other and len(words & other_words) < _SHARED_SHARE * min(len(words), len(other_words)):
                    return False
        return True

    def _kept_apart(self, left: list[int], right: list[int]) -> bool:
        units = self.units
        return any(frozenset({(units[i].article, s), (units[j].article, t)}) in self.apart
                   for i in left for j in right for s in units[i].sentences for t in units[j].sentences)


# The user's joins come first; whole passages and merged runs explain the most text, so they claim sentences
# before fragments do.
_TIERS = {LinkKind.USER: -1, LinkKind.WHOLE: 0, LinkKind.MERGED: 0, LinkKind.QUOTATION: 1, LinkKind.FRAGMENT: 2,
          LinkKind.REORDERED: 3}


def _in_order(links: list[Link], units: list[Unit]) -> list[Link]:
    """Strong links before weak ones, then by tier, higher scores first; ties broken by wording, not by
    article order."""
    # Each unit's wording is worked out once, not once for every link it has (a unit has dozens at scale).
    linked = {link.a for link in links}.union([link.b for link in links])
    wording = {i: (len(units[i].code), units[i].key) for i in linked}

    def order(link: Link) -> tuple:
        (length_a, key_a), (length_b, key_b) = wording[link.a], wording[link.b]
        # Between equal scores the longer pair goes first: a whole quotation before the clauses it is made of.
        if key_b < key_a:
            key_a, key_b = key_b, key_a
        return (link.weak, _TIERS[link.kind], -link.score, -length_a - length_b, key_a, key_b)

    return sorted(links, key=order)


def build_groups(units: list[Unit], links: list[Link], kind: GroupKind, apart: set[frozenset] | None = None) -> list[Group]:
    """Merge linked units strongest first (the user's joins before all); each member keeps the best link
    that holds it in its group; sentences in `apart` never share a group."""
    clusters = _Clusters(units, apart)
    root, merge = clusters.root, clusters.try_merge
    # Most links join two units already in one group: that is seen from their roots alone.
    kept = [link for link in _in_order(links, units) if root(link.a) == root(link.b) or merge(link)]
    best = _best_links(kept)
    by_root: dict[int, list[int]] = defaultdict(list)
    for index in best:
        by_root[root(index)].append(index)
    groups = []
    for ids in by_root.values():
        if len({units[i].article for i in ids}) < 2:
            continue
        ids.sort(key=lambda i: (units[i].article, units[i].start))
        groups.append(Group(0, kind, [_member(units, i, *best[i][1:]) for i in ids]))
    return groups


def _best_links(kept: list[Link]) -> dict[int, tuple[tuple[bool, float], Link, int]]:
    """Each linked unit's strongest kept link, and the unit at its other end; a user's join is the reason a
    member is in its group, whatever the scores say."""
    best: dict[int, tuple[tuple[bool, float], Link, int]] = {}
    get = best.get
    for link in kept:  # both ends written out: a corpus has hundreds of thousands of links
        strength, a, b = (link.kind is _USER, link.score), link.a, link.b
        held = get(a)
        if held is None or strength > held[0]:
            best[a] = (strength, link, b)
        held = get(b)
        if held is None or strength > held[0]:
            best[b] = (strength, link, a)
    return best


def _member(units: list[Unit], index: int, link: Link, other: int) -> Member:
    unit, partner = units[index], units[other]
    reason = Reason(link.kind, link.score, partner.article, partner.sentence, shared_words(unit, partner))
    spans = unit.sentences if unit.is_run else ()
    return Member(unit.article, unit.sentence, unit.start, unit.end, link.score, unit.quote, spans, reason)
