"""Cleanup and segmentation, checked on the sample story and on what readers paste in."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from tests.sample import article, sample_articles
from tui.clean import repair, strip_controls
from tui.model import BlockKind, Outlet
from tui.sentences import split_sentences
from tui.text import build_article


def sentences_of(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_mojibake_is_repaired_and_curly_quotes_stay_curly():
    beirut = article("beirut").text
    assert "â€" not in beirut
    assert "Syrian track — they still cannot separate" in beirut
    assert "“" in article("cnn").text and "”" in article("cnn").text


def test_markdown_markers_are_dropped():
    beirut = article("beirut")
    assert "**" not in beirut.text and "##" not in beirut.text and "\n---\n" not in beirut.text
    assert beirut.title == "US says it may have killed 62 Syrian troops in airstrike targeting Islamic State"


def test_first_line_is_the_headline():
    assert article("aggregator").title.startswith("Syria War: US-Led Coalition Admits Killing")
    assert article("aggregator").paragraphs[0].kind is BlockKind.HEADLINE
    assert not article("aggregator").title.endswith("ISIS.")


def kinds(article_id: str) -> dict[str, BlockKind]:
    a = article(article_id)
    return {a.text[p.start : p.end]: p.kind for p in a.paragraphs}


def test_datelines_and_boilerplate_are_marked():
    assert kinds("cnn")["Posted at 6:54 PM, Sep 17, 2016\nand last updated 2016-09-17 20:21:41-04"] is BlockKind.DATELINE
    assert kinds("beirut")["19/09/2016 21:30 by admin"] is BlockKind.DATELINE
    assert kinds("beirut")["Representational Image"] is BlockKind.BOILERPLATE
    assert kinds("beirut")["(With AP inputs)"] is BlockKind.BOILERPLATE
    assert kinds("dc")["© Getty Images"] is BlockKind.BOILERPLATE
    assert kinds("defence")["Photo Credit: BULENT KILIC/AFP/Getty Images"] is BlockKind.BOILERPLATE
    policy = next(t for t in kinds("defence") if t.startswith("Our goal is to create"))
    assert kinds("defence")[policy] is BlockKind.BOILERPLATE
    assert kinds("cnn")["Russia blames the United States"] is BlockKind.HEADING


def test_repeated_headline_is_boilerplate_not_body():
    dc = article("dc")
    repeats = [p for p in dc.paragraphs if dc.text[p.start : p.end] == dc.title]
    assert [p.kind for p in repeats] == [BlockKind.HEADLINE, BlockKind.BOILERPLATE]


def test_inline_dateline_is_kept_out_of_the_first_sentence():
    beirut = article("beirut")
    assert beirut.text[beirut.dateline.start : beirut.dateline.end].strip() == "Beirut:"
    first_body = next(s for s in beirut.sentences if s.aligned)
    assert beirut.sentence_text(first_body.index).startswith("The US-led coalition has admitted")


def test_boilerplate_sentences_are_not_aligned():
    for a in sample_articles():
        for s in a.sentences:
            text = a.sentence_text(s.index)
            if "Getty Images" in text or "article commenting" in text or "Posted at" in text:
                assert not s.aligned, text


def test_abbreviations_do_not_split_sentences():
    assert sentences_of("Russian Maj. Gen. Igor Konashenkov said two F-16s struck. Then they left.") == [
        "Russian Maj. Gen. Igor Konashenkov said two F-16s struck.", "Then they left."]
    assert sentences_of("CNN military analyst Lt. Col. Rick Francona said it is not clear.") == [
        "CNN military analyst Lt. Col. Rick Francona said it is not clear."]
    assert len(sentences_of("The strike happened around 11 a.m. Eastern, or 5 p.m. local time.")) == 1
    assert len(sentences_of("The U.S. and the U.N. Security Council met. Russia walked out.")) == 2
    assert sentences_of("They flew to the U.S. The talks failed.") == ["They flew to the U.S.", "The talks failed."]


def test_sentences_in_the_sample_keep_their_abbreviations_whole():
    cnn = article("cnn")
    texts = [cnn.sentence_text(s.index) for s in cnn.sentences]
    assert "It quoted Russian Maj. Gen. Igor Konashenkov as saying two F-16s and two A-10s carried out four strikes." in texts
    assert "CNN military analyst Lt. Col. Rick Francona said it is not clear now what will happen." in texts
    dc = article("dc")
    assert any(t.startswith("The strike happened around 11 a.m. Eastern, or 5 p.m. local time") for t in
               (dc.sentence_text(s.index) for s in dc.sentences))


def quotes_of(text: str) -> list[str]:
    a = build_article("x", "x", Outlet("x", "x"), "Headline\n\n" + text)
    return [a.quote_text(q.index) for q in a.quotes]


def test_quotations_curly_straight_single_nested_and_apostrophes():
    assert quotes_of("He said “we don’t know” and left.") == ["we don’t know"]
    assert quotes_of('He said "it\'s over" and left.') == ["it's over"]
    assert quotes_of("The Americans’ plan was called ‘a stunt’ by Russia’s envoy.") == ["a stunt"]
    assert quotes_of("She said “he called it ‘a stunt’ today” in New York.") == ["he called it ‘a stunt’ today", "a stunt"]
    assert quotes_of("It was the ’90s. Nobody’s fault.") == []


def test_quotation_across_paragraphs_continues_when_reopened():
    found = quotes_of("“The first part of the statement.\n\n“The second part,” he said.")
    assert found == ["The first part of the statement.\n\n“The second part,"]


def test_unclosed_quotation_ends_with_its_paragraph():
    assert quotes_of("He said “this never closes.\n\nA new paragraph.") == ["this never closes."]


def test_sample_has_fifty_quotations_and_none_are_apostrophes():
    assert sum(len(a.quotes) for a in sample_articles()) == 50
    for a in sample_articles():
        for q in a.quotes:
            assert len(a.quote_text(q.index)) > 1


def test_offsets_round_trip_on_the_sample():
    for a in sample_articles():
        for s in a.sentences:
            assert a.text[s.start : s.end] == a.sentence_text(s.index)
            assert a.text[s.start : s.end].strip() == a.text[s.start : s.end]
            para = a.paragraphs[s.paragraph]
            assert para.start <= s.start < s.end <= para.end
        for q in a.quotes:
            assert a.text[q.outer_start] in "“\"‘'" and q.outer_start < q.start <= q.end <= q.outer_end


def test_terminal_control_sequences_are_removed_whole():
    assert strip_controls("red \x1b[31mALERT\x1b[0m done") == "red ALERT done"
    assert strip_controls("title \x1b]0;pwned\x07 ok \x1b]8;;http://x\x1b\\link") == "title  ok link"
    assert strip_controls("bell\x07 null\x00 bidi\u202e") == "bell null bidi"
    assert repair("a\r\nb\u00a0c") == "a\nb c"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_offsets_are_always_valid_for_any_text(raw):
    a = build_article("x", "x", Outlet("x", "x"), raw)
    previous_end = 0
    for s in a.sentences:
        assert 0 <= s.start < s.end <= len(a.text)
        assert s.start >= previous_end
        previous_end = s.end
    for q in a.quotes:
        assert 0 <= q.outer_start < q.start <= q.end <= q.outer_end <= len(a.text)
        assert a.sentences[q.sentence].start <= q.start


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["The U.S. said", "Maj. Gen. Smith", "“no,”", "‘yes’", "it’s", "11 a.m.", "Mr.",
                                 "done.", "Why?", "\n", "\n\n", '"', "'", "—", "...", "E.U.", " "]), max_size=40))
def test_sentences_tile_paragraphs_without_losing_words(pieces):
    text = " ".join(pieces)
    spans = split_sentences(text)
    words = [word for a, b in spans for word in text[a:b].split()]
    assert words == text.split()
    assert all(a < b and text[a:b] == text[a:b].strip() for a, b in spans)
