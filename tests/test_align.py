"""Alignment on the sample story: which outlets' sentences and quotations are grouped, and which are not."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from tests.sample import IDS, article, sample_alignment, sample_articles, sentence_containing
from tui.align import AlignSettings, align
from tui.conflicts import find_conflicts
from tui.model import GroupKind, LinkKind, Outlet
from tui.text import build_article


def group_with(article_id: str, words: str, kind: GroupKind = GroupKind.SENTENCE):
    """The group of the given kind holding the article's sentence that contains `words`."""
    sentence = sentence_containing(article_id, words)
    a = IDS.index(article_id)
    found = [g for g in sample_alignment().groups if g.kind is kind and any(
        m.article == a and m.sentence == sentence for m in g.members)]
    assert len(found) <= 1
    return found[0] if found else None


def members(group) -> set[tuple[str, int]]:
    return {(IDS[m.article], m.sentence) for m in group.members}


def test_centcom_halted_statement_is_one_group_across_four_outlets_with_different_lead_ins():
    group = group_with("cnn", "halted immediately when coalition officials")
    assert members(group) == {
        ("cnn", sentence_containing("cnn", "halted immediately")),
        ("aggregator", sentence_containing("aggregator", "halted immediately")),
        ("dc", sentence_containing("dc", "The coalition airstrike was halted immediately")),
        ("beirut", sentence_containing("beirut", "immediately halted")),
    }
    assert all(m.score >= 65 for m in group.members)


def test_complex_situation_fragment_joins_the_whole_quotation():
    group = group_with("cnn", "Syria is a complex situation")
    assert {IDS[m.article] for m in group.members} == {"cnn", "aggregator", "dc", "beirut"}
    fragment = sentence_containing("beirut", "Coalition forces would not intentionally strike")
    assert ("beirut", fragment) in members(group)
    quote_group = group_with("beirut", "Coalition forces would not intentionally strike", GroupKind.QUOTE)
    assert {IDS[m.article] for m in quote_group.members} == {"cnn", "aggregator", "dc", "beirut"}
    beirut_member = next(m for m in quote_group.members if IDS[m.article] == "beirut")
    assert article("beirut").text[beirut_member.start : beirut_member.end].startswith("Coalition forces would not")


def test_quotation_spanning_two_sentences_matches_each_part_where_it_is():
    review = group_with("dc", "The coalition will review this strike")
    assert {IDS[m.article] for m in review.members} == {"aggregator", "dc", "beirut"}
    assert group_with("cnn", "Syria is a complex situation") is not review


def test_near_identical_sentences_are_grouped():
    group = group_with("cnn", "put the death toll at 83")
    assert {IDS[m.article] for m in group.members} == {"cnn", "aggregator"}
    moved = group_with("aggregator", "According to the Russian military, 62 Syrian soldiers")
    assert ("cnn", sentence_containing("cnn", "The Russian military said 62 Syrian soldiers")) in members(moved)


def test_short_shared_quotations_do_not_link_sentences():
    # "a stunt" / "pulling a stunt" and "regret" are shared words, not shared passages.
    assert group_with("beirut", "But she accused Russia of pulling") is None
    assert group_with("aggregator", "accused Russia of “pulling a stunt”") is None
    stunt = [g for g in sample_alignment().groups if g.kind is GroupKind.QUOTE and any(
        "stunt" in article(IDS[m.article]).text[m.start : m.end] for m in g.members)]
    assert stunt == []


def test_topically_related_sentences_are_not_linked():
    # Both are about the UN Security Council meeting, in different words.
    assert group_with("cnn", "The UN Security Council was holding an emergency meeting") is None
    assert group_with("dc", "Security Council was set to meet behind closed doors") is None
    assert group_with("defence", "launched an investigation into the mistaken airstrike") is None


def test_four_word_quotation_shared_word_for_word_is_a_quote_group():
    group = group_with("aggregator", "unintentional loss of life", GroupKind.QUOTE)
    assert {IDS[m.article] for m in group.members} == {"cnn", "aggregator", "beirut"}


def test_groups_never_pair_an_article_with_itself_only():
    for group in sample_alignment().groups:
        assert len(group.articles) >= 2


def test_alignment_does_not_depend_on_article_order():
    forward = sample_alignment()
    backward = align(list(reversed(sample_articles())))
    key = lambda alignment, order: sorted(
        sorted((order[m.article], m.sentence, m.start) for m in g.members) for g in alignment.groups)
    assert key(forward, IDS) == key(backward, tuple(reversed(IDS)))


def test_thresholds_change_what_is_linked():
    strict = align(list(sample_articles()), AlignSettings(min_score=95, min_partial=99, min_reordered=95))
    loose = sample_alignment()
    assert len(strict.groups) < len(loose.groups)


def test_a_sentence_merging_two_of_another_outlets_joins_both():
    one = "Headline\n\nThe ministry said the convoy reached the northern city of Aleppo on Monday morning, and officials added that the aid trucks were unloaded without incident."
    two = "Other headline\n\nThe convoy reached the northern city of Aleppo on Monday morning. Officials said the aid trucks were unloaded without incident."
    articles = [build_article(i, i, Outlet(i, i), raw) for i, raw in (("a", one), ("b", two))]
    groups = align(articles).groups
    sentence_groups = [g for g in groups if g.kind is GroupKind.SENTENCE]
    assert len(sentence_groups) == 1
    assert sorted((m.article, m.spans) for m in sentence_groups[0].members) == [(0, (1,)), (1, (1, 2))]
    run = next(m for m in sentence_groups[0].members if m.article == 1)
    assert run.reason.kind is LinkKind.MERGED
    assert articles[1].text[run.start : run.end].startswith("The convoy") and articles[1].text[run.end - 9 : run.end] == "incident."


def test_figures_62_60_83_80_are_flagged_as_a_conflict():
    conflicts = sample_alignment().conflicts
    killed = [c for c in conflicts if c.measure == "killed" and {60, 62} <= {f.value for f in c.figures}]
    assert len(killed) == 1
    values = {(IDS[f.article], f.value) for f in killed[0].figures}
    assert {("cnn", 62), ("cnn", 83), ("dc", 60), ("dc", 80), ("defence", 60), ("aggregator", 83)} <= values
    at_least_80 = next(f for f in killed[0].figures if f.value == 80)
    assert at_least_80.qualifier == "at least"


def test_dead_and_wounded_are_not_mixed_bounds_that_can_both_hold_agree_and_dates_are_not_figures():
    conflicts = find_conflicts(list(sample_articles()))
    assert [c.measure for c in conflicts] == ["killed"]  # 62 / 60 / 83 / "at least 80" of the soldiers
    # "at least 120 wounded" and "more than 100 wounded" can both be true: not a conflict.
    assert not any(c.measure == "wounded" for c in conflicts)
    every_value = {f.value for c in conflicts for f in c.figures}
    assert not every_value & {2016, 2011, 17, 12, 11, 5, 120, 100}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=200), min_size=1, max_size=4))
def test_alignment_of_any_text_has_valid_members(raws):
    articles = [build_article(str(i), str(i), Outlet(str(i), str(i)), raw + "\n\n" + raw[::-1]) for i, raw in enumerate(raws)]
    result = align(articles)
    for group in result.groups:
        for m in group.members:
            a = articles[m.article]
            s = a.sentences[m.sentence]
            assert s.start <= m.start < m.end <= s.end
            assert 0 <= m.score <= 100
