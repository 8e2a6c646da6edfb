"""Figure rules that tie two outlets' figures told in different words: measure synonyms, the thing counted
named before the number, headlines, and the years of a tenure."""

from __future__ import annotations

from tests.test_figures import conflicts_of, figures_of
from tui.align import align
from tui.figures import find_figures
from tui.model import Outlet
from tui.text import build_article


def test_apprehensions_are_arrests_and_the_thing_counted_may_stand_before_the_number():
    found = figures_of("River crossings have dropped sharply this year, to 3,000 in the last month.")
    assert (found["3,000"].kind, found["3,000"].measure, found["3,000"].subject) == ("count", "crossings", "river month")
    # A noun after a preposition is where, not what.
    assert figures_of("Crossings at the river have dropped sharply this year, to 3,000 in the last month.")[
        "3,000"].measure != "river"
    pairs, result = conflicts_of(
        "Officials said harbour apprehensions have steadily dropped over the decade, to 30,000 in the last fiscal year.",
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


def test_counts_of_one_thing_in_sentences_naming_the_same_actors_conflict_and_they_is_read_from_before():
    pairs, result = conflicts_of(
        "House Republicans have said the other chamber is stalling. They say they have sent the Senate 12 bills "
        "that would cut red tape, all ignored by the Democratic-led chamber.",
        "In reply, Republicans in the House urged the Democratic-controlled Senate to vote on some 13 House-passed "
        "measures.",
    )
    assert pairs == [["12", "13"]]
    assert (result.conflicts[0].measure, result.conflicts[0].evidence) == ("bills", "same measure")


def test_two_counts_of_one_measure_in_a_sentence_are_told_apart_only_by_their_subjects():
    # The five freed are the three freed told another way, not the four still held.
    assert conflicts_of(
        "Three Cubans were freed by Venezuela on Monday, and four Cubans remain held in Caracas, officials said.",
        "Officials said Venezuela freed five Cubans on Monday in an exchange.",
    )[0] == [["Three", "five"]]


def test_the_years_a_named_person_held_an_office_are_compared_apart_from_shared_passages():
    found = figures_of("She is the first woman to lead the port since Maria Ruiz Soto, who served from 1981 to 1990.")
    assert (found["1981"].measure, found["1990"].measure, found["1990"].subject) == (
        "first year in office", "last year in office", "Soto")
    pairs, result = conflicts_of(
        "The mayor named her the first woman to run the harbour board since Maria Ruiz Soto held the post from 1981 to 1990.",
        "She becomes the second woman at the head of the harbour board, after Maria Ruiz Soto, who served from 1982 to 1990.",
    )
    assert pairs == [["1981", "1982"]]
    assert result.conflicts[0].label == "first year in office · Soto"


def test_years_of_other_people_or_other_service_are_not_a_tenure_conflict():
    assert conflicts_of(
        "The mayor named her the first woman to run the harbour board since Maria Ruiz Soto held the post from 1981 to 1990.",
        "She becomes the second woman at the head of the harbour board, after Ana Lopez Vidal, who served from 1982 to 1990.",
    )[0] == []
    assert figures_of("Before that, Maria Ruiz Soto served in the navy from 1950 to 1956.")["1950"].measure == "year"


def headlined(*stories: tuple[str, str]):
    """Conflicts of articles given as (headline, body), each figure as its text."""
    result = align([build_article(f"o{i}", f"o{i}", Outlet(f"o{i}", f"Outlet {i}"), f"{head}\n\n{body}")
                    for i, (head, body) in enumerate(stories)])
    return [sorted(result.articles[f.article].text[f.start : f.end] for f in c.figures) for c in result.conflicts], result


def test_a_headline_figure_is_a_claim_compared_like_a_body_figure():
    pairs, result = headlined(
        ("Storm Leaves 40,000 Homes Without Power in Ohio", "Crews worked through the night to restore the lines."),
        ("Storm hits the Midwest", "The storm left 30,000 homes without power across Ohio on Tuesday, the utility said."),
    )
    assert pairs == [["30,000", "40,000"]]
    mention = result.conflicts[0].figures[0]
    assert result.articles[mention.article].sentences[mention.sentence].kind.value == "headline"


def test_a_headline_that_repeats_its_body_is_compared_through_it_and_not_listed_twice():
    pairs, _ = headlined(
        ("Storm Leaves 30,000 Homes Without Power",
         "The storm left 30,000 homes without power across Ohio on Tuesday, the utility said."),
        ("Storm hits the Midwest", "The storm left 40,000 homes without power across Ohio on Tuesday, the utility said."),
    )
    assert pairs == [["30,000", "40,000"]]


def test_the_period_a_sum_is_told_over_conflicts_where_the_sums_are_one_figure():
    pairs, result = headlined(
        ("Smiths Report Profits of $52 Million in Six Years",
         "The Smith family made $52 million in profits from 2010 to 2016, the accounts released on Friday show."),
        ("Smith accounts are out",
         "According to the accounts released on Friday, the Smiths made $52,400,000 over the seven years to 2016."),
    )
    assert pairs == [["Six", "seven"]]
    assert result.conflicts[0].label == "years · Smith made"


def test_a_proportion_written_in_digits_is_not_a_count_and_number_words_are_not_subjects():
    found = figures_of("Analysts give the party a 1-in-3 chance, and the Smiths made $5,400 over the seven year span.")
    assert list(found) == ["$5,400", "seven"]
    assert "seven" not in found["$5,400"].subject.split()


def test_a_headline_figure_is_compared_only_with_a_sentence_holding_most_of_its_words():
    assert headlined(
        ("City Council Grants $40 Million to Schools", "The vote came late on Monday."),
        ("Council vote", "The city council gave $30 million to Roads Department projects, officials said."),
    )[0] == []
    alignment = headlined(("Storm Leaves 40,000 Homes Without Power in Ohio", "Crews worked on."), ("Storm", "Calm."))[1]
    found = find_figures(alignment.articles[0], 0)
    # In title case every word has a capital: none is taken for a name.
    assert [f.subject for f in found] == ["storm leaves without power ohio"]


def test_the_measure_written_once_in_the_plural_is_not_a_word_the_sentences_share():
    # "points" and "point" are the measure, not a sign the two sentences tell of the same index.
    assert conflicts_of("The broad index of big companies gained 3 points by the close, a 0.4 percent rise.",
                        "The technology index added 6 points by the close, a point ahead of its record.")[0] == []


def test_a_party_or_title_is_not_taken_for_the_person_who_held_the_office():
    assert conflicts_of(
        "She is the first woman in the seat since the Ohio Republican, who served from 1995 to 2011, left it.",
        "Her predecessor in the seat, the Texas Republican, who served from 1997 to 2011, had backed the dam for "
        "years and fought the new tax.",
    )[0] == []


def test_a_number_after_a_preposition_counts_what_it_governs_not_the_dead():
    found = figures_of("Rangers say the elephants were killed in two national parks. Monitors put the death toll at 83.")
    assert found["two"].measure != "killed" and found["83"].measure == "killed"
    assert conflicts_of("Rangers say the elephants were killed in two national parks over the winter.",
                        "The gunman killed 3 people at the market on Monday, the police said.")[0] == []


def test_the_ends_of_a_range_are_bounds_and_the_first_takes_the_scale_of_the_second():
    found = figures_of("His fortune is put at between $18 and $21 million, the filing shows.")
    assert (found["$18"].value, found["$18"].qualifier) == (18e6, "between")
    assert (found["$21 million"].value, found["$21 million"].qualifier) == (21e6, "up to")
    assert conflicts_of("The chain said quarterly sales at its stores came to between $5.2 billion and $5.5 billion.",
                        "The chain said quarterly sales at its stores came to $5.3 billion, above forecasts.")[0] == []
    # Its two ends face one figure in a shared passage, and one of them cannot hold with it.
    assert conflicts_of("The chain said quarterly sales at its stores came to between $5.2 billion and $5.5 billion.",
                        "The chain said quarterly sales at its stores came to $6.1 billion, above forecasts.")[0] == [
        ["$5.2 billion", "$5.5 billion", "$6.1 billion"]]


def test_two_figures_of_one_measure_told_by_both_outlets_are_each_the_one_of_equal_value():
    assert conflicts_of(
        "The ministry reported 48 new cases on Monday, a record, and 37 new cases on Tuesday, officials said.",
        "Officials said the island counted 48 new cases on Monday and 37 new cases on Tuesday, a record week.",
    )[0] == []


def test_a_sum_joined_to_its_scale_a_sum_in_another_currency_and_a_share_rounded_to_tenths():
    assert figures_of("The firm must pay the $12.5-million award now.")["$12.5-million"].value == 12.5e6
    assert conflicts_of("The firm must pay the inventor the $12.5-million award or appeal by June, the judge said.",
                        "The firm must pay the inventor the $12.5 million award or appeal by June, the judge said.")[0] == []
    # Pounds and dollars are different measures: £149.99 and $239 can both be the price.
    assert conflicts_of("The photo editor sells for £149.99 in the shops from Friday.",
                        "The photo editor sells for $239 in the shops from Friday.")[0] == []
    # 1.37 percent given to tenths is 1.4 percent.
    assert conflicts_of("The broad index slipped 14.27 points, or 1.37 percent, to 1,028.65 on Monday.",
                        "The broad index slipped 14.27 points, or 1.4 percent, to 1,028.65 on Monday.")[0] == []
