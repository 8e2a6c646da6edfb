"""Who published first: times as the sources give them, versions earliest first, later ones compared."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run
from tests.test_align_output import run as align
from tui.align import align as align_articles
from tui.model import Outlet
from tui.published import order_phrase, publication_order, published_iso, relation_of, when
from tui.text import build_article

LINE = "The minister said the bridge would reopen on Monday after repairs costing 40 million euros."


@pytest.mark.parametrize("given, iso", [
    ("2016-09-17", "2016-09-17"),
    ("2024-03-02T08:10:00Z", "2024-03-02T08:10:00Z"),
    ("2024-03-02T09:10:00+01:00", "2024-03-02T08:10:00Z"),
    ("Sat, 02 Mar 2024 08:10:00 GMT", "2024-03-02T08:10:00Z"),
    ("", None),
    ("19/09/2016 by admin", None),  # not a time that can be read: unknown, not guessed
])
def test_publication_times_are_read_as_given_or_unknown(given, iso):
    assert published_iso(given) == iso


def test_a_date_alone_does_not_order_against_a_time_on_the_same_or_the_next_day():
    assert not when("2016-09-17").before(when("2016-09-17T23:00:00Z"))
    assert not when("2016-09-17").before(when("2016-09-18"))
    assert when("2016-09-17").before(when("2016-09-19"))
    assert when("2016-09-17T08:00:00Z").before(when("2016-09-17T09:00:00Z"))


@pytest.mark.parametrize("later, relation", [
    (LINE, "same"),
    ("The minister said the bridge would reopen on Monday.", "trimmed"),
    (LINE[:-1] + ", officials said.", "extended"),
    (LINE.replace("Monday", "Tuesday"), "altered"),
])
def test_a_later_version_is_marked_against_the_first(later, relation):
    assert relation_of(LINE, later) == relation


def story(*dated: tuple[str, str, str]):
    """Articles (id, published, body) aligned."""
    articles = [build_article(name, f"{name}.txt", Outlet(name, name.upper()), f"Headline {name}\n\n{body}",
                              published=published) for name, published, body in dated]
    return align_articles(articles)


def test_versions_come_earliest_first_and_unknown_times_last():
    alignment = story(("late", "2024-03-03T10:00:00Z", LINE), ("undated", "", LINE.replace("Monday", "Friday")),
                      ("early", "2024-03-02T08:00:00Z", "The minister said the bridge would reopen on Monday."))
    group = next(g for g in alignment.groups if len(g.articles) == 3)
    order = publication_order(alignment, group)
    assert [alignment.articles[v.member.article].id for v in order.versions] == ["early", "late", "undated"]
    assert order.base == "earliest dated"
    assert order_phrase(alignment, order) == ("published first of those dated: EARLY 2024-03-02T08:00:00Z · "
                                              "LATE 2024-03-03T10:00:00Z extended · UNDATED time unknown altered")


def test_with_overlapping_times_nobody_is_said_to_be_first():
    alignment = story(("a", "2024-03-02", LINE), ("b", "2024-03-02T08:00:00Z", LINE))
    order = publication_order(alignment, alignment.groups[0])
    assert order.base == "tied"
    assert order_phrase(alignment, order).startswith("published (who was first is not known): ")


def test_with_one_dated_version_no_order_is_claimed():
    alignment = story(("a", "2024-03-02", LINE), ("b", "", LINE))
    order = publication_order(alignment, alignment.groups[0])
    assert order.base == "unknown" and all(v.relation is None for v in order.versions)


def test_align_prints_who_published_first_and_json_gives_the_order():
    text = align("--color", "never").stdout
    assert "published first of those dated: CNN 2016-09-17 · Beirut 2016-09-19 " in text
    document = json.loads(align("--format", "json").stdout)
    published = {a["id"]: a["published"] for a in document["articles"]}
    assert published["cnn-local"] == "2016-09-17" and published["aggregator"] is None
    order = document["groups"][0]["published_order"]
    assert order["base"] == "earliest dated"
    assert [v["article"] for v in order["versions"]][:2] == ["cnn-local", "beirut-wire"]
    assert order["versions"][0]["relation"] is None
    assert {v["relation"] for v in order["versions"][1:]} <= {"same", "trimmed", "extended", "altered"}
    markdown = align("--format", "markdown").stdout
    assert "published first of those dated: CNN 2016\\-09\\-17" in markdown


def test_the_detail_strip_lists_versions_in_publication_order(open_reader):
    async def scenario():
        async with open_reader(size=(200, 50)) as reader:
            await reader.press("n", "s")
            strip = reader.part("#detail")
            names = [line.split()[0] for line in strip if line[:1].isalpha() and not line.startswith("published")]
            assert names[:2] == ["CNN", "Beirut"]  # dated 17 and 19 September, before the undated ones
            assert any(line.startswith("published first of those dated: CNN 2016-09-17") for line in strip)

    run(scenario())
