"""Figure rules: each number's kind, measure and subject, and which differences are conflicts."""

from __future__ import annotations

from tui.align import align
from tui.conflicts import find_conflicts
from tui.figures import find_figures
from tui.model import Outlet
from tui.text import build_article


def articles(*bodies: str):
    return [build_article(f"o{i}", f"o{i}", Outlet(f"o{i}", f"Outlet {i}"), f"Headline {i}\n\n{body}")
            for i, body in enumerate(bodies)]


def figures_of(body: str):
    article = articles(body)[0]
    return {article.text[f.start : f.end]: f for f in find_figures(article, 0)}


def conflicts_of(*bodies: str):
    result = align(articles(*bodies))
    return [sorted(result.articles[f.article].text[f.start : f.end] for f in c.figures) for c in result.conflicts], result


def test_an_age_is_not_a_duration():
    found = figures_of("The senator, aged 70, has served in the chamber for 30 years. Cesar Sayoc Jr., 56, of Aventura was held.")
    assert (found["70"].kind, found["30"].kind, found["56"].kind) == ("age", "duration", "age")
    assert conflicts_of("The senator, aged 70, spoke on Monday about the new budget plan.",
                        "The senator, who has served for 35 years, spoke on Monday about the new budget plan.")[0] == []


def test_ordinals_and_vote_tallies_are_not_counts():
    found = figures_of("He is No. 4 on the list and came third. The Senate voted 51 to 49 and the House 220-210.")
    assert set(found) == set()
    assert conflicts_of("The bill passed the Senate, which voted 51 to 49 on Tuesday night after the debate.",
                        "The bill passed the Senate, which voted 52 to 48 on Tuesday night after the debate.")[0] == []


def test_percentages_belong_to_what_they_are_a_share_of():
    found = figures_of("Romney had 45 percent and Obama 47 percent, while 60 percent of voters were undecided.")
    assert found["45"].kind == found["47"].kind == "percent"
    assert found["60"].subject.split()[0] == "voters"
    # Two candidates' shares in different outlets are not one figure told two ways.
    assert conflicts_of("In the new poll Romney had 45 percent among likely voters in Ohio this week.",
                        "In the new poll Obama had 47 percent among likely voters in Ohio this week.")[0] == []


def test_the_killed_of_different_groups_are_different_subjects():
    assert conflicts_of("The attack killed 12 civilians in the northern town on Sunday, officials said.",
                        "The attack killed 15 soldiers in the northern town on Sunday, officials said.")[0] == []
    found, _ = conflicts_of("The attack killed 12 civilians in the northern town on Sunday, officials said.",
                            "Officials said 15 civilians were killed in the attack on the northern town on Sunday.")
    assert found == [["12", "15"]]


def test_tolls_of_articles_sharing_nothing_conflict_only_when_their_sentences_tell_of_one_event():
    storm = "A storm swept through the harbour town on Tuesday. Officials said 62 people died and many more were hurt."
    strike = "The monitoring group put the death toll at 83 after the airstrike on the army base."
    # Nothing is shared and nothing says the two are one event: a storm's toll is not an airstrike's.
    assert conflicts_of(storm, strike)[0] == []
    # The same event told apart (no passage shared): the sentences name the same strike and base.
    found, _ = conflicts_of("The airstrike on the army base near the airport killed 62 soldiers, the ministry said.",
                            strike)
    assert found == [["62", "83"]]
    # Articles that share a passage are of one story: its tolls conflict whatever their sentences say.
    shared = "The coalition said the strike was halted at once when it was told the troops were Syrian."
    found, _ = conflicts_of(f"{shared} Officials said 62 people died.", f"{shared} {strike}")
    assert found == [["62", "83"]]


def test_a_changed_number_in_a_shared_passage_is_a_conflict_with_its_subject_named():
    found, result = conflicts_of(
        "Prosecutors said the congressman spent $43,350 of campaign money on a gold Rolex watch in 2007.",
        "Prosecutors said the congressman spent $45,350 of campaign money on a gold Rolex watch in 2007.")
    assert found == [["$43,350", "$45,350"]]
    conflict = result.conflicts[0]
    assert conflict.evidence == "aligned passage"
    assert conflict.measure == "$" and "campaign" in conflict.subject


def test_years_compared_as_facts_but_dates_of_the_event_stay_out():
    found, _ = conflicts_of("The charity, founded in 1998, said on March 3, 2016 that it would close its doors.",
                            "The charity, founded in 1999, said on March 3, 2016 that it would close its doors.")
    assert found == [["1998", "1999"]]
    assert conflicts_of("The charity said on March 3, 2016 that it would close its offices in the city.",
                        "The charity said on March 4, 2015 that it would close its offices in the city.")[0] == []


def test_numbers_joined_to_words_are_figures_with_their_unit():
    found = figures_of("A 12-page ruling came down. He got a 15-year sentence, more than 14 years in all.")
    assert (found["12-page"].kind, found["12-page"].measure, found["12-page"].value) == ("count", "pages", 12)
    assert (found["15-year"].kind, found["15-year"].measure, found["15-year"].subject) == ("duration", "years", "sentence")
    assert found["14"].qualifier == "more than"
    conflicts, _ = conflicts_of("In a 48-page indictment released Tuesday, prosecutors laid out the charges.",
                                "In a 47-page indictment released Tuesday, prosecutors laid out the charges.")
    assert conflicts == [["47-page", "48-page"]]


def test_numbers_written_as_words_are_figures():
    found = figures_of("Two dozen protesters and seven officers were hurt; dozens more fled.")
    assert found["Two dozen"].value == 24 and found["seven"].value == 7
    assert "dozens" not in found
    conflicts, _ = conflicts_of("Police said seven officers were hurt in the clashes outside the embassy on Friday.",
                                "Police said eight officers were hurt in the clashes outside the embassy on Friday.")
    assert conflicts == [["eight", "seven"]]


def test_figures_that_agree_at_the_precision_written_or_within_bounds_are_not_conflicts():
    assert conflicts_of("The couple paid $17.2 million in federal taxes over eight years, the returns show.",
                        "The couple paid $17,184,093 in federal taxes over eight years, the returns show.")[0] == []
    assert conflicts_of("The couple paid $51 million in federal taxes over eight years, the returns show.",
                        "The couple paid $51,704,286 in federal taxes over eight years, the returns show.")[0] == [
        ["$51 million", "$51,704,286"]]
    assert conflicts_of("At least 120 people were wounded in the blast near the market, medics said.",
                        "More than 100 people were wounded in the blast near the market, medics said.")[0] == []


def test_sums_told_apart_conflict_only_with_the_same_subject_and_like_sentences():
    far_apart = conflicts_of("The campaign raised $2 million from small donors in the first quarter of the race.",
                             "Her husband earned $3 million from speeches to banks between 2011 and 2014.")
    assert far_apart[0] == []
    found, result = conflicts_of(
        "Jackson used campaign funds to buy a $43,350 gold Rolex watch, prosecutors say.",
        "Court papers list what Jackson bought with campaign funds, among them a $48,000 Rolex.")
    assert found == [["$43,350", "$48,000"]]
    assert result.conflicts[0].evidence == "same measure" and result.conflicts[0].subject == "Rolex"


def test_times_of_day_are_not_figures():
    assert find_conflicts(articles("The strike happened at 9 a.m. on Saturday.", "The strike happened at 10 a.m. on Saturday.")) == []


def test_a_bare_round_number_claims_to_be_exact_an_approximate_one_does_not():
    assert conflicts_of("Prosecutors said he bought a $43,000 Rolex watch with money from the campaign account.",
                        "Prosecutors said he bought a $43,350 Rolex watch with money from the campaign account.")[0] == [
        ["$43,000", "$43,350"]]
    assert conflicts_of("Prosecutors said he bought a Rolex watch for about $43,000 with money from the campaign.",
                        "Prosecutors said he bought a Rolex watch for $43,350 with money from the campaign.")[0] == []


def test_a_sum_given_to_the_tune_of_is_a_sum_of_what_the_clause_before_names():
    found = figures_of("Trump would also unlock money from the military construction budget, to the tune of $3.5 billion.")
    assert "military construction budget" in found["$3.5 billion"].subject
    pairs, _ = conflicts_of(
        "By declaring an emergency, Trump would also seek to unlock money for the wall from the Pentagon's "
        "military construction budget, to the tune of $3.5 billion.",
        "The emergency declaration enables the president to divert $3.6 billion from military construction "
        "projects to the wall.",
    )
    assert pairs == [["$3.5 billion", "$3.6 billion"]]


def test_figures_of_two_stories_in_one_corpus_are_never_compared():
    # Two stories, each told by two outlets that share a passage; the Rolex sums belong to different stories.
    bodies = [
        "The county board approved the new bridge over the river after a long night of debate on Tuesday. "
        "Jackson used campaign funds to buy a $43,350 gold Rolex watch, prosecutors say.",
        "The county board approved the new bridge over the river after a long night of debate on Tuesday. "
        "Officials expect the work to start in the spring.",
        "Storms knocked out power to thousands of homes along the coast late on Sunday evening, the utility said. "
        "Crews worked through the night.",
        "Storms knocked out power to thousands of homes along the coast late on Sunday evening, the utility said. "
        "Court papers list what Jackson bought with campaign funds, among them a $48,000 Rolex.",
    ]
    found, result = conflicts_of(*bodies)
    assert found == []
    # The same two sentences in one story (the outlets share its passage) are still a conflict.
    same_story = [bodies[0], bodies[1].replace("Officials expect", "Court papers list what Jackson bought with "
                                               "campaign funds, among them a $48,000 Rolex. Officials expect")]
    assert conflicts_of(*same_story)[0] == [["$43,350", "$48,000"]]
