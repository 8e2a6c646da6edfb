"""Grouping articles into stories: the right ones together, related events apart, no chaining, and the evidence."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from tests.stories_data import PIECES, ROUNDUP, by_event
from tui.model import ArticleRef, Outlet
from tui.stories.cluster import Linkage, cluster
from tui.stories.find import find_stories
from tui.stories.grouping import GroupSettings
from tui.stories.model import Entry, parse_date
from tui.stories.similarity import TimeWindow, article_terms, cosine, tfidf
from tui.text import build_article


def entries(pieces, dated: bool = True) -> list[Entry]:
    found = []
    for piece in pieces:
        outlet = Outlet(piece.outlet.lower().replace(" ", "-"), piece.outlet)
        entry = Entry(piece.key, ArticleRef(outlet=outlet.id, file=piece.key), outlet,
                      parse_date(piece.published) if dated else None)
        entry.article = build_article(piece.key, piece.key, outlet, piece.text)
        found.append(entry)
    return found


def stories_of(pieces, dated: bool = True, settings: GroupSettings | None = None):
    stories, unassigned = find_stories(entries(pieces, dated), settings)
    return stories, [e.source for e in unassigned]


def groups(stories) -> list[set[str]]:
    return [{e.source for e in story.entries} for story in stories]


@pytest.mark.parametrize("dated", [True, False], ids=["dated", "undated"])
def test_each_event_is_one_story_and_the_lone_article_is_unassigned(dated):
    stories, unassigned = stories_of(PIECES, dated)
    expected = by_event()
    wanted = [expected["storm"], expected["primary"], expected["bid"]]
    assert sorted(groups(stories), key=sorted) == sorted(wanted, key=sorted)
    assert unassigned == ["museum-gazette"]


@pytest.mark.parametrize("dated", [True, False], ids=["dated", "undated"])
def test_a_primary_and_a_leadership_bid_a_week_later_stay_apart(dated):
    related = [p for p in PIECES if p.event in ("primary", "bid")]
    stories, _ = stories_of(related, dated)
    assert sorted(groups(stories), key=sorted) == sorted([by_event()["primary"], by_event()["bid"]], key=sorted)


def test_a_round_up_that_mentions_two_events_does_not_chain_them():
    # Undated, so that time apart does not do the work: only the linkage keeps the stories apart.
    pieces = [*PIECES, ROUNDUP]
    vectors = tfidf([article_terms(e.article) for e in entries(pieces, dated=False)])
    roundup = len(pieces) - 1
    join = GroupSettings().join
    # Single-link grouping would chain: the round-up is as close to both stories as their own articles need to be.
    linked = {pieces[i].event for i in range(roundup) if cosine(vectors[i], vectors[roundup]) >= join}
    assert {"storm", "bid"} <= linked
    stories, unassigned = stories_of(pieces, dated=False)
    assert sorted(groups(stories), key=sorted) == sorted(
        [by_event()["storm"], by_event()["primary"], by_event()["bid"]], key=sorted)
    assert "roundup-wire" in unassigned


def test_the_order_of_the_articles_does_not_matter():
    shuffled = list(PIECES)
    random.Random(4).shuffle(shuffled)
    assert sorted(map(sorted, groups(stories_of(shuffled)[0]))) == sorted(map(sorted, groups(stories_of(PIECES)[0])))


def test_the_evidence_names_the_shared_passage_names_and_numbers_with_their_outlets():
    stories, _ = stories_of(PIECES)
    storm = next(s for s in stories if "storm-wire" in {e.source for e in s.entries})
    passages = [e for e in storm.evidence if e.kind in ("passage", "quote")]
    assert passages[0].text.startswith("“We were ready for it") and len(passages[0].outlets) == 3
    names = {e.text: len(e.outlets) for e in storm.evidence if e.kind == "name"}
    assert names.get("Ilse Brandt") == 3 and "Northgrid" in names
    numbers = {e.text: len(e.outlets) for e in storm.evidence if e.kind == "number"}
    assert numbers.get("12,000") == 3
    assert "Saturday" not in names and "We" not in names


def test_stories_come_newest_first_then_widest_and_keep_the_central_headline():
    stories, _ = stories_of(PIECES)
    assert [s.entries[0].source.split("-")[0] for s in stories] == ["bid", "primary", "storm"]
    assert [len(s.outlets) for s in stories] == [3, 3, 3]
    assert all(s.title in {e.title for e in s.entries} for s in stories)
    assert stories[0].first_published == parse_date("2024-03-12T10:00:00Z")


def test_a_story_keeps_its_id_when_a_later_article_joins():
    early = [p for p in PIECES if p.key in ("storm-gazette", "storm-courier")]
    before, _ = stories_of(early)
    after, _ = stories_of([*early, next(p for p in PIECES if p.key == "storm-wire")])
    assert len(before) == len(after) == 1 and before[0].id == after[0].id
    assert len(after[0].entries) == 3


def test_a_higher_threshold_leaves_articles_unassigned_instead_of_forcing_them():
    stories, unassigned = stories_of(PIECES, settings=GroupSettings(join=0.9, loose=0.9))
    assert stories == [] and len(unassigned) == len(PIECES)


def test_time_apart_weakens_similarity():
    window = TimeWindow(hours=48)
    now = parse_date("2024-03-05T00:00:00Z")
    assert window.factor(now, now + timedelta(hours=47)) == 1.0
    assert window.factor(now, now + timedelta(days=7)) < 0.05
    assert window.factor(None, now) == 1.0


def test_average_linkage_does_not_chain_through_one_strong_link():
    # a-b and b-c are strong, a-c unrelated: c may not join {a, b} through b alone.
    pairs = {(0, 1): 0.9, (1, 2): 0.5}
    assert cluster(3, pairs, Linkage(threshold=0.3)) == [[0, 1], [2]]
    assert cluster(3, {**pairs, (0, 2): 0.4}, Linkage(threshold=0.3)) == [[0, 1, 2]]


def test_two_tight_groups_with_a_moderate_likeness_across_stay_apart():
    inside = {(0, 1): 0.6, (2, 3): 0.6}
    across = {(a, b): 0.25 for a in (0, 1) for b in (2, 3)}
    assert cluster(4, {**inside, **across}, Linkage(threshold=0.2)) == [[0, 1], [2, 3]]
    assert cluster(4, {**inside, **across}, Linkage(threshold=0.2, cohesion=0.0)) == [[0, 1, 2, 3]]


def test_groups_of_near_copies_are_not_held_to_their_own_likeness():
    # Two wire copies each (0.95 within) about one event, told differently by the two wires (0.3 across).
    inside = {(0, 1): 0.95, (2, 3): 0.95}
    across = {(a, b): 0.3 for a in (0, 1) for b in (2, 3)}
    assert cluster(4, {**inside, **across}, Linkage(threshold=0.2)) == [[0, 1, 2, 3]]
