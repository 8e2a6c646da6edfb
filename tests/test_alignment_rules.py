"""The alignment rules that make its claims hold on real text: runs, trims, no chaining, quotations,
reordered sentences, honest absence, and why each member was linked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.sample import IDS, article as sample_article, sample_alignment
from tui.align import AlignSettings, align
from tui.model import GroupKind, LinkKind, Outlet
from tui.text import build_article

GOLDEN = Path(__file__).parent / "golden" / "sample_links.json"


def articles(*bodies: str):
    """One article per body, each with a headline of its own."""
    return [build_article(f"o{i}", f"o{i}", Outlet(f"o{i}", f"Outlet {i}"), f"Headline {i}\n\n{body}")
            for i, body in enumerate(bodies)]


def group_holding(result, article: int, words: str, kind: GroupKind = GroupKind.SENTENCE):
    text = result.articles[article].text
    found = [g for g in result.groups if g.kind is kind
             for m in g.members if m.article == article and words in text[m.start : m.end]]
    return found[0] if found else None


def member_of(group, article: int):
    return next(m for m in group.members if m.article == article)


def linked_pairs(result):
    """Every pair of sentences (or quotations) of two outlets that one group holds, runs spelled out."""
    pairs = set()
    for group in result.groups:
        for i, x in enumerate(group.members):
            for y in group.members[i + 1 :]:
                if x.article == y.article:
                    continue
                for s in x.spans:
                    for t in y.spans:
                        a = [IDS[x.article], s] + ([x.quote] if x.quote is not None else [])
                        b = [IDS[y.article], t] + ([y.quote] if y.quote is not None else [])
                        pairs.add((group.kind.value, *sorted([tuple(a), tuple(b)])))
    return pairs


def test_the_sample_story_keeps_every_link_and_gains_none():
    golden = {(d["kind"], tuple(d["a"]), tuple(d["b"])) for d in json.loads(GOLDEN.read_text(encoding="utf-8"))}
    assert linked_pairs(sample_alignment()) == golden
    # The golden file names the passages it pairs, so a change of segmentation shows up here too.
    first = json.loads(GOLDEN.read_text(encoding="utf-8"))[0]
    assert " ".join(sample_article(first["a"][0]).sentence_text(first["a"][1]).split()).find(first["a_opens"]) >= 0


def test_a_speech_printed_as_short_sentences_joins_the_one_long_sentence():
    result = align(articles(
        "The senator spoke to reporters outside the chamber. We will not back down. Not now. Not ever. "
        "She then left for the airport.",
        "The senator was defiant. “We will not back down, not now, not ever,” she told reporters on Tuesday.",
    ))
    group = group_holding(result, 0, "We will not back down")
    assert group is not None
    run = member_of(group, 0)
    assert run.reason.kind is LinkKind.MERGED
    assert len(run.spans) == 3  # the three short sentences, and nothing around them
    assert result.articles[0].text[run.start : run.end] == "We will not back down. Not now. Not ever."
    assert member_of(group, 1).spans == (member_of(group, 1).sentence,)


def test_a_quotation_trimmed_to_five_words_joins_the_whole_quotation():
    result = align(articles(
        "In a post on Sunday the president called the decision “a total and complete disgrace that will not stand.”",
        "He attacked the judges again, calling their ruling “a total and complete disgrace.”",
    ))
    group = group_holding(result, 1, "a total and complete disgrace", GroupKind.QUOTE)
    assert group is not None and group.articles == {0, 1}
    assert member_of(group, 1).reason.kind is LinkKind.FRAGMENT


def test_identical_short_sentences_link_only_when_their_context_links_too():
    shared = "The ministry said the convoy reached the northern city of Aleppo on Monday morning without incident."
    alone = align(articles(
        "Officials described a calm day at the border crossing. That is false. Markets were closed.",
        "A spokesman rejected claims of a new offensive near the coast. That is false. Talks resume Friday.",
    ))
    assert group_holding(alone, 0, "That is false.") is None
    in_context = align(articles(f"{shared} That is false.", f"{shared} That is false."))
    group = group_holding(in_context, 0, "That is false.")
    assert group is not None and group.articles == {0, 1}
    # The neighbour that follows counts too, and in the second outlet the short sentence may come elsewhere.
    followed = align(articles(f"Officials were calm. That is false. {shared}", f"That is false. {shared}"))
    group = group_holding(followed, 0, "That is false.")
    assert group is not None and group.articles == {0, 1}


def test_fragments_of_two_different_parts_of_one_long_passage_are_not_grouped_together():
    long = ("“We will rebuild the bridge before winter, and every family that lost a home will be housed by "
            "March,” the governor said at the briefing on Thursday.")
    result = align(articles(
        long,
        "“We will rebuild the bridge before winter,” she promised.",
        "“Every family that lost a home will be housed by March,” she added.",
    ))
    for group in result.groups:
        assert group.articles != {0, 1, 2}, "a bridge fragment and a housing fragment are not the same passage"


def test_a_short_trim_never_ties_two_longer_quotations_together():
    result = align(articles(
        "The union leader called it “a fair deal for everyone” on Monday.",
        "“This is a fair deal for everyone and we will sign it this week,” the mayor told the council.",
        "“A fair deal for everyone, except the drivers who lose their routes,” a driver wrote in reply.",
    ))
    for group in result.groups:
        assert group.articles != {0, 1, 2}, "the mayor and the driver only share the five words the leader quotes"
    trim = group_holding(result, 0, "a fair deal for everyone", GroupKind.QUOTE)
    assert trim is not None and len(trim.articles) == 2


def test_a_quoted_name_shared_by_unrelated_sentences_links_the_quotations_not_the_sentences():
    # Both outlets use the name's words elsewhere too, so only its being a name can link the quotations.
    result = align(articles(
        "Critics said the programme known as “Fast and Furious” had been mishandled from the start by agents. "
        "The growth was fast and the critics furious.",
        "The hearing on the weapons inquiry dubbed “Fast and Furious” lasted late into the evening on Tuesday. "
        "Senators were furious that answers were not fast.",
    ))
    quote = group_holding(result, 0, "Fast and Furious", GroupKind.QUOTE)
    assert quote is not None and quote.articles == {0, 1}
    assert group_holding(result, 0, "mishandled") is None


def test_single_quoted_words_that_the_story_uses_elsewhere_do_not_link():
    result = align(articles(
        "The minister expressed “regret” over the strike. Later he said regret was not enough for the families.",
        "Protesters said “regret” is an empty word. Regret will not bring anyone back, a mother said.",
    ))
    assert group_holding(result, 0, "regret", GroupKind.QUOTE) is None


def test_reordered_sentences_with_the_same_content_words_are_linked_as_reordered():
    result = align(articles(
        "On Tuesday in Brussels, European ministers approved sanctions against Belarus over the forced landing.",
        "European ministers approved sanctions against Belarus over the forced landing in Brussels on Tuesday.",
        "Sanctions against Belarus over the forced landing were approved by European ministers on Tuesday in Brussels.",
    ))
    group = group_holding(result, 0, "approved sanctions")
    assert group is not None and group.articles == {0, 1, 2}
    assert member_of(group, 2).reason.kind is LinkKind.REORDERED


def test_a_long_sentence_retold_around_the_same_many_names_and_words_is_linked_as_reordered():
    result = align(articles(
        "He previously practiced civil litigation at the Boston office of Mintz, Levin, Cohn, Ferris, Glovsky and "
        "Popeo PC, where he was a partner.",
        "From 1997 to 2009, he practiced civil litigation as an associate and later a partner in the Boston office "
        "of Mintz, Levin, Cohn, Ferris, Glovsky & Popeo.",
    ))
    group = group_holding(result, 0, "practiced civil litigation")
    assert group is not None and group.articles == {0, 1}
    assert member_of(group, 1).reason.kind is LinkKind.REORDERED


def test_every_member_says_how_it_was_linked_which_words_it_shares_and_its_score():
    group = next(g for g in sample_alignment().groups if g.kind is GroupKind.SENTENCE and len(g.articles) == 4)
    for member in group.members:
        reason = member.reason
        assert reason.kind in set(LinkKind)
        assert 0 < reason.score <= 100 and reason.score == member.score
        assert reason.partner != member.article
        assert len(reason.shared) >= 3
        text = sample_article(IDS[member.article]).text[member.start : member.end].lower()
        assert all(word[:4] in text for word in reason.shared)


def test_the_shared_words_a_member_shows_put_figures_then_names_first_and_leave_out_what_one_side_lacks():
    result = align(articles("Storm winds killed 42 people in Springfield, and the governor praised the rescuers.",
                            "Storm winds killed 42 people in Springfield, and the governor thanked the rescuers."))
    group = group_holding(result, 0, "Storm winds")
    assert group is not None and group.articles == {0, 1}
    # A figure, then a name (a capital opening the sentence makes no name), then the rest as written.
    expected = ("42", "springfield", "storm", "wind", "killed", "people", "governor", "rescuer")
    assert [m.reason.shared for m in group.members] == [expected, expected]


def test_an_outlet_with_a_weaker_match_is_close_not_absent():
    result = align(articles(
        "The coalition said the airstrike on the airfield was halted immediately when officials were told.",
        "The coalition said the airstrike on the airfield was halted immediately when officials were told.",
        "Officials were told of the strike on the airfield, which the coalition then stopped, a statement said.",
        "The weather in the capital was mild and the markets were quiet all week long.",
    ))
    group = group_holding(result, 0, "halted immediately")
    assert group.state(0) == group.state(1) == "carried"
    assert group.state(2) == "close"
    close = group.closest[2]
    assert "Officials were told" in result.articles[2].text[close.start : close.end]
    assert 0 < close.score < 100
    assert group.state(3) == "absent" and 3 not in group.closest


def test_an_outlet_quoting_a_few_words_of_a_quotation_carries_a_trim_of_it_not_nothing():
    quoted = 'The senator answered: "With respect, that is a pile of nonsense and everyone in this room knows it."'
    result = align(articles(
        quoted, quoted,
        'Enjoying the exchange, the senator called his rival "my friend" but waved the plan away as "nonsense."',
        'The senator called his rival "my friend" before the debate ended with a long discussion of taxes.',
    ))
    group = group_holding(result, 0, "pile of nonsense", GroupKind.QUOTE)
    assert group is not None and group.articles == {0, 1}
    # The third outlet quotes the quotation's one telling word: its sentence is the closest passage, so the
    # reader says "closest in this outlet" there, never "not in this outlet".
    assert group.state(2) == "close"
    close = group.closest[2]
    assert "nonsense" in result.articles[2].text[close.start : close.end]
    # "my friend" is two short words anyone may quote: the fourth outlet shares nothing of the quotation.
    assert group.state(3) == "absent"


def test_a_failed_article_is_neither_close_nor_absent_but_unread():
    good = articles("The coalition said the airstrike on the airfield was halted immediately when officials were told.",
                    "The coalition said the airstrike on the airfield was halted immediately when officials were told.")
    failed = build_article("bad", "bad", Outlet("bad", "Bad"), "")
    failed.error = "bad: could not be read"
    result = align([*good, failed])
    group = group_holding(result, 0, "halted immediately")
    assert 2 not in group.closest


@pytest.mark.parametrize("minimum, linked", [(4, True), (5, False)])
def test_min_quote_words_decides_whether_a_four_word_quotation_links_without_evidence(minimum, linked):
    # The quotation's words are used elsewhere in both articles, so only its length can link it.
    result = align(articles(
        "Farmers called the new levy “a tax on bread” at the rally. The tax on bread would rise by half.",
        "Bakers at the market warned of “a tax on bread” this winter. Bread prices and the tax are rising.",
    ), AlignSettings(min_quote_words=minimum))
    assert (group_holding(result, 0, "a tax on bread", GroupKind.QUOTE) is not None) is linked


def test_a_quotation_reported_without_its_marks_links_the_two_sentences():
    result = align(articles(
        "In a statement on Friday, Jackson said he would “fully accept my responsibility for the improper "
        "decisions and mistakes I have made.”",
        "When prosecutors charged the couple, the former congressman said he fully accepts the responsibility for "
        "the improper decisions and mistakes he has made.",
    ))
    group = group_holding(result, 1, "fully accepts the responsibility")
    assert group is not None and group.articles == {0, 1}
    assert LinkKind.QUOTATION in {m.reason.kind for m in group.members}


def test_each_clause_of_a_long_quotation_joins_the_outlet_that_quotes_only_that_clause():
    result = align(articles(
        "“I would say that there is a two-in-three chance that we win control of the House again, but there is a "
        "one-in-three chance that we could lose, and I am being myself, frank,” he said in an interview.",
        "“But there is a one-in-three chance that we could lose,” the speaker told the radio host.",
        "“I would say that there is a two-in-three chance that we win control of the House again,” he said.",
    ))
    lose = group_holding(result, 1, "one-in-three chance", GroupKind.QUOTE)
    win = group_holding(result, 2, "two-in-three chance", GroupKind.QUOTE)
    assert lose is not None and lose.articles == {0, 1}
    assert win is not None and win.articles == {0, 2}
    assert "one-in-three" in result.articles[0].text[member_of(lose, 0).start : member_of(lose, 0).end]


def test_a_clause_of_a_middling_quotation_cut_by_a_dash_joins_the_outlet_that_quotes_only_it():
    result = align(articles(
        "“I could build the barrier over a longer period of time ― I didn’t need to do this,” he said at noon.",
        "“I didn’t need to do this, but I would rather finish it faster,” the president told the crowd.",
    ))
    group = group_holding(result, 0, "need to do this", GroupKind.QUOTE)
    assert group is not None and group.articles == {0, 1}
    for article in (0, 1):
        assert result.articles[article].text[member_of(group, article).start : member_of(group, article).end].strip(
            " ,“”") == "I didn’t need to do this"


def test_a_four_word_quotation_with_one_word_changed_links_only_where_the_sentences_around_it_match():
    around = "the cardinal told reporters outside the cathedral after the morning mass in the capital"
    result = align(articles(
        f"“He is not welcome here,” {around}. “We reject his visit.”",
        f"“He is not welcome here,” {around}. “We reject his message.”",
    ))
    group = group_holding(result, 0, "We reject his visit", GroupKind.QUOTE)
    assert group is not None and group.articles == {0, 1}
    assert "message" in result.articles[1].text[member_of(group, 1).start : member_of(group, 1).end]
    apart = align(articles(
        "Fans at the final whistle sang for an hour. “We reject his visit.”",
        "The senator spoke about the budget for the coming year. “We reject his message.”",
    ))
    assert group_holding(apart, 0, "We reject his visit", GroupKind.QUOTE) is None


def test_an_ellipsis_inside_a_quotation_separates_its_parts():
    result = align(articles(
        "He said both “believe that conservation and healthy herds are critical ... the issuing of permits is put "
        "on hold” for now.",
        "“As a result, in a manner compliant with all applicable laws, the issuing of permits is being put on hold "
        "as the decision is being removed,” the statement said.",
    ))
    group = group_holding(result, 0, "the issuing of permits", GroupKind.QUOTE)
    assert group is not None and group.articles == {0, 1}
    assert "conservation" not in result.articles[0].text[member_of(group, 0).start : member_of(group, 0).end]


def test_a_long_quotation_quoted_whole_by_two_outlets_stays_one_group():
    quote = ("“Syria is a complex situation with various military forces and militias operating in close proximity, "
             "but coalition forces would not intentionally strike a known Syrian military unit,” the statement said.")
    result = align(articles(quote, quote.replace("the statement said", "officials said"),
                            "“Coalition forces would not intentionally strike a known Syrian military unit,” it said."))
    quote_groups = [g for g in result.groups if g.kind is GroupKind.QUOTE]
    assert len(quote_groups) == 1 and quote_groups[0].articles == {0, 1, 2}
    assert result.articles[0].text[member_of(quote_groups[0], 0).start :].startswith("Syria is a complex")


def test_shared_wording_inside_sentences_that_otherwise_differ_is_a_phrase_group():
    result = align(articles(
        "Weiner, who married Huma Abedin, a longtime aide to Secretary of State Hillary Clinton, in 2010, said "
        "he would not resign.",
        "The congressman apologized to his wife, Huma Abedin, a longtime aide to Secretary of State Hillary "
        "Clinton, at a news conference.",
    ))
    phrase = group_holding(result, 0, "a longtime aide", GroupKind.PHRASE)
    assert phrase is not None and phrase.articles == {0, 1}
    assert group_holding(result, 0, "would not resign") is None  # the sentences are not the same passage
    assert "a longtime aide to Secretary of State" in result.articles[1].text[member_of(phrase, 1).start : member_of(phrase, 1).end]


def test_a_shared_run_of_names_and_titles_is_not_shared_wording():
    result = align(articles(
        "The minister met on Monday with US Secretary of State John Kerry in Geneva to discuss the ceasefire.",
        "Protesters gathered outside a hotel where US Secretary of State John Kerry was staying, police said.",
    ))
    assert not [g for g in result.groups if g.kind is GroupKind.PHRASE]
