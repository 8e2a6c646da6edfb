"""Figure rules that tie two outlets' figures told in different words: measure synonyms, the thing counted
named before the number, headlines, and the years of a tenure."""

from __future__ import annotations

from tests.test_figures import conflicts_of, figures_of


def test_apprehensions_are_arrests_and_the_thing_counted_may_stand_before_the_number():
    found = figures_of("River crossings have dropped sharply this year, to 3,000 in the last month.")
    assert (found["3,000"].kind, found["3,000"].measure, found["3,000"].subject) == ("count", "crossings", "river month")
    # A noun after a preposition is where, not what.
    assert figures_of("Crossings at the river have dropped sharply this year, to 3,000 in the last month.")[
        "3,000"].measure != "river"
    pairs, result = conflicts_of(
        "Officials said harbour apprehensions have actually fallen in recent years, to 30,000 in the last fiscal year.",
        "Officials said there were roughly 41,000 arrests at the harbour last year, far below the peak.",
    )
    assert pairs == [["30,000", "41,000"]]
    assert result.conflicts[0].measure == "arrests"


def test_a_count_before_a_verb_of_change_is_not_taken_for_a_different_thing():
    # The same arrests at about the same figure agree; arrests and a count of deportations are not one figure.
    assert conflicts_of(
        "Officials said harbour apprehensions have fallen in recent years, to about 40,000 in the last year.",
        "Officials said there were roughly 41,000 arrests at the harbour last year, far below the peak.",
    )[0] == []
    assert conflicts_of(
        "Officials said harbour apprehensions have fallen in recent years, to 30,000 in the last year.",
        "Officials said there were 41,000 deportations from the harbour last year, far below the peak.",
    )[0] == []
