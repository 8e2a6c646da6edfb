"""`parallax report`: one self-contained file per format, its counts those of the JSON, outside text inert."""

from __future__ import annotations

import io
import json
import os

import pytest
from markdown_it import MarkdownIt

from tests.report_support import (
    ACCESSED, GOLDEN, HOSTILE, SHARED, Tags, hostile_articles, json_of, parallax, sample_alignment, settings_dict,
    story_info,
)
from tests.test_outside_text import assert_inert
from tui.report.make import make_report, write_report

GOLDEN_FILES = {"html": GOLDEN / "report_sample.html", "markdown": GOLDEN / "report_sample.md"}
# Tags the HTML report is made of: anything else in a report was smuggled in by outside text.
REPORT_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "data", "section",
               "table", "tr", "th", "td", "a", "div", "article", "ol", "ul", "li", "span", "br", "ins", "del",
               "strong", "em", "footer"}  # fmt: skip


def sample_report(fmt: str, palette: dict | None = None) -> str:
    story, alignment = sample_alignment()
    made = make_report(alignment, story=story_info(story), settings=settings_dict(), options=None, notes=[],
                       accessed=ACCESSED, generated="")
    out = io.StringIO()
    write_report(made, fmt, out, palette or {})
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_the_sample_storys_report_is_the_golden_file(fmt):
    """A change to what the report says shows here; review it, then write the file anew with PARALLAX_GOLDEN=update."""
    made = sample_report(fmt)
    if os.environ.get("PARALLAX_GOLDEN") == "update":
        GOLDEN_FILES[fmt].write_text(made, encoding="utf-8")
    assert made == GOLDEN_FILES[fmt].read_text(encoding="utf-8")


def test_the_html_reports_counts_are_the_json_outputs(tmp_path):
    path = tmp_path / "report.html"
    result = parallax("report", "-o", str(path))
    assert result.returncode == 0, result.stderr
    assert f"report written to {path}" in result.stderr
    document = json_of([])
    kinds = [g["kind"] for g in document["groups"]]
    counts = Tags(path.read_text(encoding="utf-8")).counts()
    assert counts["articles"] == counts["section:outlets"] == len(document["articles"]) == 5
    assert counts["sentences"] == counts["section:sentences"] == kinds.count("sentence")
    assert counts["quotes"] == counts["section:quotes"] == kinds.count("quote")
    assert counts["wording"] == counts["section:wording"] == kinds.count("phrase")
    assert counts["figure_conflicts"] == counts["section:figure-conflicts"] == len(document["figure_conflicts"]) == 1
    assert counts["notes"] == counts["section:notes"] == len(document["notes"]) == 0


def test_every_shared_passage_and_outlet_of_the_json_is_in_the_report_with_each_version():
    html = sample_report("html")
    document = json_of([])
    tags = Tags(html)
    passages = {int(a["data-group"]): a for t, a in tags.tags if t == "article" and "data-group" in a}
    # A quotation inside a shared sentence in every outlet is that sentence's passage, named under it.
    listed = [g for g in document["groups"] if "inside" not in g]
    assert set(passages) == {g["id"] for g in listed} and len(listed) < len(document["groups"])
    versions = [a["data-article"] for t, a in tags.tags if t == "li" and "data-article" in a]
    assert versions == [m["article"] for g in listed for m in g["members"]]
    shown = " ".join(" ".join("".join(tags.text).split()).split())
    for article in document["articles"]:
        assert article["title"] in shown and article["outlet"] in shown


def test_the_markdown_report_gives_the_same_counts(tmp_path):
    result = parallax("report", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    document = json_of([])
    kinds = [g["kind"] for g in document["groups"]]
    assert len(document["figure_conflicts"]) == 1
    summary = (f"{len(document['articles'])} of 5 articles read · {kinds.count('sentence')} shared sentences · "
               f"{kinds.count('quote')} shared quotations · {kinds.count('phrase')} shared wordings · "
               "1 figure conflict · 0 notes")
    assert summary in result.stdout
    assert f"## Shared sentences ({kinds.count('sentence')})" in result.stdout


def test_the_html_report_uses_the_themes_colours_and_prints_on_white(tmp_path):
    light = tmp_path / "light.html"
    assert parallax("report", "--theme", "parallax-light", "-o", str(light)).returncode == 0
    html = light.read_text(encoding="utf-8")
    assert "--px-added: #145928;" in html and "--background: #FBFAF7;" in html  # themes/parallax-light.yaml
    assert "@media print" in html and "--background: #ffffff" in html
    dark = parallax("report", "--theme", "parallax-dark").stdout
    assert "--background: #15171C;" in dark


def test_an_unknown_theme_is_named_and_nothing_is_written(tmp_path):
    path = tmp_path / "r.html"
    result = parallax("report", "--theme", "no-such-theme", "-o", str(path))
    assert result.returncode == 2 and "unknown theme 'no-such-theme'" in result.stderr
    assert "Traceback" not in result.stderr and not path.exists()


def test_a_report_that_cannot_be_written_is_named_without_a_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = parallax("report", "-o", str(blocker / "report.html"))
    assert result.returncode == 2 and f"{blocker / 'report.html'}: the report could not be written" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_html_report_holds_no_script_no_outside_resource_and_forbids_both():
    html = sample_report("html")
    tags = Tags(html)
    assert {tag for tag, _ in tags.tags} <= REPORT_TAGS
    links = [attrs["href"] for tag, attrs in tags.tags if tag == "a"]
    assert links and all(link.startswith("#") for link in links)  # the sample's articles are files
    policy = next(a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy and "script-src" not in policy


def test_article_text_titles_and_names_cannot_become_markup_in_the_html_report(tmp_path):
    paths = hostile_articles(tmp_path)
    label = f"{paths[0]}=Outlet {HOSTILE}"
    result = parallax("report", *paths, "--label", label)
    assert result.returncode == 0, result.stderr
    assert_inert(result.stdout)
    tags = Tags(result.stdout)
    assert {tag for tag, _ in tags.tags} <= REPORT_TAGS
    assert not [name for _, attrs in tags.tags for name in attrs if name.startswith("on")]
    text = "".join(tags.text)
    assert "<script>document.title='INJECTED'" in text and "[bold]loud[/bold]" in text  # shown as text
    assert SHARED in " ".join(text.split())


def test_article_text_cannot_become_markup_in_the_markdown_report(tmp_path):
    paths = hostile_articles(tmp_path)
    result = parallax("report", "--format", "markdown", *paths, "--label", f"{paths[0]}=Outlet {HOSTILE}")
    assert result.returncode == 0, result.stderr
    assert_inert(result.stdout)
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough").render(result.stdout)
    tags = Tags(rendered)
    assert not {tag for tag, _ in tags.tags} & {"script", "img", "b", "p class", "li class"}
    assert not [name for _, attrs in tags.tags for name in attrs if name.startswith("on")]
    assert "<script>document.title='INJECTED'" in "".join(tags.text)


def test_a_url_from_the_stories_file_stays_one_attribute_value(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"Head {name}\n\n{SHARED}\n", encoding="utf-8")
    (tmp_path / "sources.yaml").write_text(
        "outlets:\n  a: {name: A}\n  b: {name: B}\n"
        "stories:\n  - id: s\n    title: T\n    articles:\n      - {outlet: a, file: a.txt}\n"
        "      - {outlet: b, file: b.txt, canonical_url: 'https://b.example/x\" onmouseover=\"alert(1)'}\n",
        encoding="utf-8")
    result = parallax("report", "--sources", str(tmp_path / "sources.yaml"))
    assert result.returncode == 0, result.stderr
    tags = Tags(result.stdout)
    hrefs = [a["href"] for t, a in tags.tags if t == "a" and not a["href"].startswith("#")]
    assert hrefs == ['https://b.example/x" onmouseover="alert(1)']  # one attribute value, quotes and all
    assert not [name for _, attrs in tags.tags for name in attrs if name.startswith("on")]


def test_report_help_lists_the_formats_and_the_source_options():
    result = parallax("report", "--help")
    assert result.returncode == 0
    for option in ("--format {html,markdown}", "-o FILE", "--sources FILE", "--outlets", "--label", "--min-score"):
        assert option in result.stdout


def test_a_failed_article_is_named_and_the_others_are_reported(tmp_path):
    paths = hostile_articles(tmp_path)
    result = parallax("report", "--format", "markdown", *paths, str(tmp_path / "missing.txt"))
    assert result.returncode == 1 and "missing.txt" in result.stderr
    assert "| **missing** | *could not be read: " in result.stdout and "missing\\.txt: file not found*" in result.stdout
    assert "2 of 3 articles read · 2 shared sentences" in result.stdout
    assert "| \\#1 sentence: The minister said the bridge would reopen on | ● | ● | ? |" in result.stdout


def test_the_json_document_the_report_reads_is_the_one_align_prints():
    """The report and `parallax align --format json` share one document: the JSON carries the notes key too."""
    document = json_of([])
    assert document["notes"] == [] and list(document)[-1] == "notes"
    json.dumps(document)


def test_report_help_imports_nothing_heavy_and_the_markdown_report_no_interface():
    from tests.test_cli_imports import heavy_imports

    assert heavy_imports(["report", "--help"]) == set()
    assert not heavy_imports(["report", "--format", "markdown"]) & {"textual", "rich"}
