"""Citations as a reader would paste them: each style on a full source and on one with little known."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.cite import STYLES, CitationSource, authors, cite, cite_many

QUOTE = (
    "The coalition airstrike was halted immediately when coalition officials were informed by Russian "
    "officials that it was possible the personnel and vehicles targeted were part of the Syrian military"
)
FULL = CitationSource(
    quote=QUOTE,
    outlet="CNN",
    headline="Coalition hits Syrian troops; US says it thought it was targeting ISIS",
    author="Barbara Starr",
    published="2016-09-17",
    url="https://example.com/2016/09/17/syria",
    accessed=date(2026, 11, 21),
)
# The wire copy in the samples is posted "by admin" with no usable date or address.
BARE = CitationSource(
    quote="halted immediately",
    outlet="Unattributed wire copy",
    headline="US says it may have killed 62 Syrian troops",
    author="admin",
    published="",
    url="",
    accessed=date(2026, 11, 21),
)


def test_plain():
    assert cite(FULL, "plain") == (
        f"“{QUOTE}”\n— CNN, “Coalition hits Syrian troops; US says it thought it was targeting ISIS”, "
        "by Barbara Starr, 17 September 2016. https://example.com/2016/09/17/syria (accessed 21 November 2026)"
    )
    assert cite(BARE, "plain") == (
        "“halted immediately”\n— Unattributed wire copy, “US says it may have killed 62 Syrian troops”."
    )


def test_markdown_is_a_blockquote_with_an_attribution():
    assert cite(FULL, "markdown") == (
        f"> {QUOTE}\n>\n> — CNN, *Coalition hits Syrian troops; US says it thought it was targeting ISIS*, "
        "by Barbara Starr, 17 September 2016. <https://example.com/2016/09/17/syria> (accessed 21 November 2026)"
    )
    assert cite(BARE, "markdown").endswith("> — Unattributed wire copy, *US says it may have killed 62 Syrian troops*.")


def test_markdown_keeps_article_text_from_becoming_markup():
    source = replace(FULL, quote="# *not* [a link](x)", headline="Q_and_A")
    text = cite(source, "markdown")
    assert text.startswith(r"> \# \*not\* \[a link\](x)")
    assert r"*Q\_and\_A*" in text


def test_apa():
    assert cite(FULL, "apa").splitlines()[1] == (
        "Starr, B. (2016, September 17). Coalition hits Syrian troops; US says it thought it was targeting ISIS. "
        "CNN. https://example.com/2016/09/17/syria"
    )
    # No author: the headline moves to the front; no date: APA writes (n.d.).
    assert cite(BARE, "apa").splitlines()[1] == (
        "US says it may have killed 62 Syrian troops. (n.d.). Unattributed wire copy."
    )


def test_apa_initials_and_several_authors():
    source = replace(FULL, author="By Jean-Paul Sartre and Mary Ann Evans", published="2016-09")
    assert cite(source, "apa").splitlines()[1].startswith("Sartre, J.-P., & Evans, M. A. (2016, September). ")


def test_mla():
    assert cite(FULL, "mla").splitlines()[1] == (
        "Starr, Barbara. “Coalition hits Syrian troops; US says it thought it was targeting ISIS.” CNN, "
        "17 Sept. 2016, example.com/2016/09/17/syria. Accessed 21 Nov. 2026."
    )
    assert cite(BARE, "mla").splitlines()[1] == (
        "“US says it may have killed 62 Syrian troops.” Unattributed wire copy."
    )


def test_mla_three_or_more_authors_use_et_al():
    source = replace(FULL, author="Ann Lee, Bo Chan, Cy Diaz")
    assert cite(source, "mla").splitlines()[1].startswith("Lee, Ann, et al. “Coalition")


def test_chicago():
    assert cite(FULL, "chicago").splitlines()[1] == (
        "Starr, Barbara. “Coalition hits Syrian troops; US says it thought it was targeting ISIS.” CNN, "
        "September 17, 2016. https://example.com/2016/09/17/syria."
    )
    assert cite(BARE, "chicago").splitlines()[1] == (
        "“US says it may have killed 62 Syrian troops.” Unattributed wire copy."
    )


def test_chicago_gives_the_access_date_when_the_article_has_none():
    source = replace(FULL, published="")
    assert "CNN, accessed November 21, 2026. https://" in cite(source, "chicago")


def test_bibtex():
    assert cite(FULL, "bibtex") == (
        "@online{cnn2016coalition,\n"
        "  title = {Coalition hits Syrian troops; US says it thought it was targeting ISIS},\n"
        "  author = {Barbara Starr},\n"
        "  organization = {CNN},\n"
        "  date = {2016-09-17},\n"
        "  url = {https://example.com/2016/09/17/syria},\n"
        "  urldate = {2026-11-21},\n"
        f"  note = {{Quoted: {QUOTE}}}\n"
        "}"
    )
    bare = cite(BARE, "bibtex")
    assert bare.startswith("@online{unattributed")
    assert "author" not in bare and "date" not in bare and "url" not in bare


def test_bibtex_escapes_special_characters():
    source = replace(FULL, headline=r"100% of $5 & #1 {braces} a_b \ end", url="https://x.org/a%20b{c}")
    text = cite(source, "bibtex")
    assert r"title = {100\% of \$5 \& \#1 \{braces\} a\_b \textbackslash{} end}" in text
    assert "url = {https://x.org/a%20b%7Bc%7D}" in text


def test_cite_many_separates_citations_and_keeps_bibtex_keys_unique():
    text = cite_many([FULL, FULL, BARE], "bibtex")
    entries = text.split("\n\n")
    keys = [entry.split(",", 1)[0] for entry in entries]
    assert keys == ["@online{cnn2016coalition", "@online{cnn2016coalitionb", "@online{unattributedus"]
    assert cite_many([FULL, BARE], "mla").split("\n\n") == [cite(FULL, "mla"), cite(BARE, "mla")]


def test_unknown_style_names_the_valid_ones():
    with pytest.raises(ValueError) as error:
        cite(FULL, "harvard")
    assert all(style in str(error.value) for style in STYLES)


@pytest.mark.parametrize("byline", ["admin", "Staff", "By admin", "editor", ""])
def test_roles_are_not_authors(byline):
    assert authors(replace(FULL, author=byline)) == []
    for style in STYLES:
        assert "admin" not in cite(replace(FULL, author=byline), style).lower()


@pytest.mark.parametrize("style", STYLES)
def test_missing_details_leave_no_placeholders(style):
    text = cite(BARE, style)
    assert "None" not in text and "()" not in text and "( )" not in text and ", ," not in text
    assert ("n.d." in text) == (style == "apa")


@pytest.mark.parametrize("style", STYLES)
def test_quote_is_one_clean_line(style):
    source = replace(FULL, quote="line one\nline two\r\n\tthree \x1b[31mred\x1b[0m \x9bbell\x07 \x1b]0;title\x07end")
    text = cite(source, style)
    assert "line one line two three red" in text
    assert not any(ch in text for ch in "\x1b\x07\x9b\r\t")
    assert "title" not in text.replace("title =", "")


def test_a_quotation_keeps_its_own_marks_as_single_ones():
    source = replace(FULL, quote="“Syria is complex,” CENTCOM said, calling it “regret”.")
    assert cite(source, "plain").startswith("“‘Syria is complex,’ CENTCOM said, calling it ‘regret’.”\n")
    assert cite(replace(FULL, quote="“regret”"), "plain").startswith("“regret”\n")


def test_straight_marks_inside_a_quotation_open_and_close_where_they_stand():
    # A passage that starts inside a quotation: its first straight mark closes it, then a title opens and closes.
    source = replace(FULL, quote='As mayor, I\'ll build it. And I\'ll finish it," says Ruiz in the ad titled "Forward."')
    assert cite(source, "plain").startswith(
        "“As mayor, I'll build it. And I'll finish it,’ says Ruiz in the ad titled ‘Forward.’”\n")


@pytest.mark.parametrize("style", ["plain", "mla", "chicago"])
def test_a_headline_set_in_quotation_marks_has_its_own_marks_made_single(style):
    source = replace(FULL, headline='Ruiz Ad: I Will Defend Jobs From Lee’s “War on Transit” and "Cuts"')
    assert "“Ruiz Ad: I Will Defend Jobs From Lee’s ‘War on Transit’ and ‘Cuts’" in cite(source, style)


@given(st.text(), st.text(), st.text(), st.sampled_from(STYLES))
def test_no_control_characters_ever_reach_the_output(quote, headline, author, style):
    source = replace(FULL, quote=quote, headline=headline, author=author)
    text = cite(source, style)
    assert not any((ord(ch) < 32 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F for ch in text)


@pytest.mark.parametrize("style", STYLES)
def test_a_quotations_trailing_comma_is_not_quoted(style):
    source = replace(FULL, quote="We will find new ways to serve,")
    assert "serve," not in cite(source, style) and "new ways to serve" in cite(source, style)


@given(st.text(), st.text(), st.sampled_from(["plain", "apa", "mla", "chicago"]))
def test_only_the_markdown_style_writes_markdown(outlet, headline, style):
    source = replace(FULL, outlet=outlet.replace("*", ""), headline=headline.replace("*", ""))
    assert "*" not in cite(source, style)


@pytest.mark.parametrize("style", STYLES)
def test_a_quotation_with_a_known_speaker_is_cited_with_the_speaker(style):
    text = cite(replace(FULL, speaker="CENTCOM"), style)
    assert "CENTCOM" in text
    assert "CENTCOM" not in cite(FULL, style)


def test_the_speaker_is_data_not_markup():
    text = cite(replace(FULL, speaker="[bold]Evil\x1b[31m"), "markdown")
    assert "\x1b" not in text and "\\[bold\\]Evil" in text
