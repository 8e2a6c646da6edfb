"""The compare screen's questions answered without Textual: jumps, coverage, diff spans, citation sources."""

from datetime import date

from tui.app.reading import Reading
from tui.model import Alignment, Article, BlockKind, Group, GroupKind, Member, Outlet, Paragraph, Quote, Sentence


def article(index: int, sentences: list[str]) -> Article:
    """An article of one paragraph per sentence."""
    text, spans = "", []
    for s in sentences:
        spans.append((len(text), len(text) + len(s)))
        text += s + "\n\n"
    outlet = Outlet(id=f"o{index}", name=f"Outlet {index}", label=f"O{index}")
    made = Article(id=f"a{index}", source=f"a{index}.txt", outlet=outlet, text=text, title=f"Title {index}")
    made.paragraphs = [Paragraph(i, a, b, BlockKind.BODY) for i, (a, b) in enumerate(spans)]
    made.sentences = [Sentence(i, a, b, i, BlockKind.BODY) for i, (a, b) in enumerate(spans)]
    return made


def member(art: Article, sentence: int, quote: Quote | None = None) -> Member:
    s = art.sentences[sentence]
    if quote is None:
        return Member(int(art.id[1:]), sentence, s.start, s.end, 90.0)
    return Member(int(art.id[1:]), sentence, quote.start, quote.end, 100.0, quote.index)


def sample() -> Reading:
    a = article(0, ["Intro only here.", "The army said 62 soldiers died.", 'He said "we regret it deeply" today.'])
    b = article(1, ["The army said 80 soldiers died yesterday.", 'Officials said "we regret it deeply" later.'])
    c = article(2, ["Nothing shared at all."])
    qa = Quote(0, a.text.index("we regret"), a.text.index(" today") - 1, 0, 0, 2)
    qb = Quote(0, b.text.index("we regret"), b.text.index(" later") - 1, 0, 0, 1)
    groups = [
        Group(0, GroupKind.SENTENCE, [member(a, 1), member(b, 0)]),
        Group(1, GroupKind.QUOTE, [member(a, 2, qa), member(b, 1, qb)]),
    ]
    return Reading(Alignment([a, b, c], groups))


def test_jumps_visit_shared_passages_in_reading_order():
    reading = sample()
    first = reading.jump(0, 0, 0, 1)
    assert (first.sentence, first.group) == (1, 0)
    second = reading.jump(0, first.sentence, reading.articles[0].sentences[1].start, 1)
    assert (second.sentence, second.group) == (2, 1)
    assert reading.jump(0, 2, 10**6, 1) is None
    back = reading.jump(0, 2, reading.articles[0].sentences[2].start, -1)
    assert back.group == 0


def test_quote_jumps_skip_sentence_groups():
    reading = sample()
    stop = reading.jump(0, 0, 0, 1, quotes=True)
    assert (stop.sentence, stop.group) == (2, 1)


def test_coverage_and_opening_words():
    reading = sample()
    group = reading.groups[0]
    assert reading.coverage(group) == [True, True, False]
    assert reading.opening(group, words=3) == "The army said …"
    assert reading.shared_sentences(2) == set()


def test_overlay_marks_changed_figure_and_added_words_against_base():
    reading = sample()
    group = reading.groups[0]
    overlay = reading.overlay(group, 1)
    text = reading.articles[1].text
    kinds = {text[a:b]: kind for a, b, kind in overlay.spans}
    assert kinds.get("80") in {"changed", "figure"}
    assert any(kind == "figure" for kind in kinds.values())
    assert "yesterday" in kinds
    assert reading.overlay(group, 0).spans == []  # the base has nothing to compare against


def test_switching_base_moves_the_diff():
    reading = sample()
    reading.base = 1
    text = reading.articles[0].text
    spans = {text[a:b] for a, b, _ in reading.overlay(reading.groups[0], 0).spans}
    assert "62" in spans
    assert [pos for pos, words in reading.overlay(reading.groups[0], 0).removed if words == "yesterday"]


def test_citation_source_carries_the_quoted_words_and_outlet():
    reading = sample()
    source = reading.citation_source(reading.groups[1].members[1], date(2024, 5, 1))
    assert source.quote == "we regret it deeply"
    assert source.outlet == "Outlet 1"
    assert source.headline == "Title 1"
    assert source.accessed == date(2024, 5, 1)


def test_place_of_a_missing_passage_follows_the_nearest_shared_one():
    a = article(0, ["Lead shared with c.", "First shared thing.", "Second shared thing.", "Third shared thing."])
    b = article(1, ["Third shared thing.", "First shared thing.", "Filler in b."])
    c = article(2, ["Lead shared with c.", "Second shared thing."])
    d = article(3, ["Nothing shared at all."])
    groups = [
        Group(1, GroupKind.SENTENCE, [member(a, 0), member(c, 0)]),
        Group(2, GroupKind.SENTENCE, [member(a, 1), member(b, 1)]),
        Group(3, GroupKind.SENTENCE, [member(a, 2), member(c, 1)]),
        Group(4, GroupKind.SENTENCE, [member(a, 3), member(b, 0)]),
    ]
    reading = Reading(Alignment([a, b, c, d], groups))
    # b lacks a's second passage: it would come after b's version of the first, wherever b put that.
    assert reading.place_of_missing(0, 2, a.sentences[2].start, 1) == b.paragraphs[2].start
    # b lacks a's lead too, and carries nothing before it: its place is the paragraph of the next one it has.
    assert reading.place_of_missing(0, 0, a.sentences[0].start, 1) == b.paragraphs[1].start
    # An outlet that shares nothing has no place to show.
    assert reading.place_of_missing(0, 2, a.sentences[2].start, 3) is None
