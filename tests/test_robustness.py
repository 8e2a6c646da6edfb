"""Random and adversarial input through every stage: loading, segmentation, alignment and output."""

from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings, strategies as st
from rich.console import Console

from tui.load import LoadError, read_file
from tui.model import Outlet
from tui.render import quotes_inside, to_json, to_markdown
from tui.render_text import render_text
from tui.align import align
from tui.text import build_article

# Pieces that have broken text tools before: markup, escape sequences, quotes, abbreviations, odd spaces.
NASTY = [
    "[bold]", "[/]", "[link=http://x]", "[@click=app.quit]", "\x1b[31m", "\x1b]52;c;aGk=\x07", "\x1b]8;;http://e\x1b\\",
    "\x07", "\x00", "\r\n", "\u202e", "\u00a0", "\ufeff", "“", "”", "‘", "’", '"', "'", "U.S.", "Maj. Gen.", "a.m.",
    "62", "at least 80", "—", "â€”", "**", "## ", "---", "\n\n", ".", "?", " ", "said", "the coalition airstrike",
]
nasty_text = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=12)), max_size=60).map("".join)


def assert_inert(output: str) -> None:
    for control in ("\x1b", "\x07", "\x00", "\u202e", "\x9b"):
        assert control not in output


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600))
def test_any_bytes_either_load_or_fail_with_a_named_reason(tmp_path, data):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    try:
        document = read_file(path, shown="article.txt")
    except LoadError as error:
        assert str(error).startswith("article.txt: ")
        return
    article = build_article("a", "article.txt", Outlet("a", "a"), document.text)
    assert_inert(article.text)


@settings(max_examples=80, deadline=None)
@given(st.lists(nasty_text, min_size=2, max_size=3))
def test_adversarial_articles_align_and_render_inert_in_every_format(raws):
    shared = "The coalition airstrike was halted immediately when coalition officials were informed."
    articles = [build_article(str(i), f"{i}.txt", Outlet(str(i), f"Outlet {i}"), f"Head {i}\n\n{raw} {shared}\n\n{raw}")
                for i, raw in enumerate(raws)]
    alignment = align(articles)
    for group in alignment.groups:
        for m in group.members:
            assert articles[m.article].text[m.start : m.end].strip()
    outputs = []
    for colour in (True, False):
        buffer = io.StringIO()
        render_text(alignment, Console(file=buffer, force_terminal=True, width=100), title="t", colour=colour)
        outputs.append(buffer.getvalue())
        # Rich's own colours are the only escape sequences; none come from the articles.
        assert "\x1b]" not in outputs[-1] and "\x07" not in outputs[-1]
    text_out = outputs[1]  # without colour; each group's first version is written as it is
    inside = quotes_inside(alignment)  # a quotation inside a shared sentence is shown as a note, not again
    shown = [" ".join(articles[g.members[0].article].text[g.members[0].start : g.members[0].end].split())
             for g in alignment.groups if g.id not in inside]
    for piece in ("[bold]", "[link=http://x]", "[@click=app.quit]"):
        if any(piece in text for text in shown):
            assert piece in text_out
    assert_inert(to_markdown(alignment))
    data = json.loads(to_json(alignment))
    for article in data["articles"]:
        for s in article["sentences"]:
            assert_inert(s["text"])


def test_a_long_article_keeps_every_offset_valid():
    paragraph = "Russian Maj. Gen. Igor Konashenkov said “62 soldiers were killed,” the U.S. said. " * 40
    article = build_article("big", "big.txt", Outlet("b", "b"), "Headline\n\n" + "\n\n".join([paragraph] * 200))
    assert len(article.sentences) == 1 + 40 * 200
    for s in article.sentences[1::97]:
        assert article.text[s.start : s.end] == paragraph.split(" Russian")[0].strip()
