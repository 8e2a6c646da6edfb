"""sources.yaml: the sample catalog, and the messages a user gets for a broken file."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from textwrap import dedent

import pytest

from tui.model import ArticleRef
from tui.sources import (
    SourcesError,
    default_sources_path,
    load_catalog,
    resolve_file,
    sample_sources_path,
    story_from_paths,
)

REPO = Path(__file__).resolve().parent.parent

GOOD = """\
outlets:
  cnn:
    name: CNN
    label: CNN
  bbc:
    name: BBC News
stories:
  - id: quake
    title: The quake
    date: 2023-02-06
    articles:
      - outlet: cnn
        file: cnn.txt
      - outlet: bbc
        url: https://www.bbc.co.uk/news/quake
        published: 2023-02-06
"""


def write(tmp_path: Path, text: str, name: str = "sources.yaml") -> Path:
    path = tmp_path / name
    path.write_text(dedent(text), encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(SourcesError) as caught:
        load_catalog(path)
    assert caught.value.path == str(path)
    return str(caught.value)


# --- the sample story -------------------------------------------------------------------------------


def test_packaged_sample_lists_the_five_articles_and_every_file_exists():
    catalog = load_catalog(sample_sources_path())
    story = catalog.story("deir-ez-zor-airstrike")
    assert story is not None and story.date == "2016-09-17"
    files = [resolve_file(ref) for ref in story.articles]
    assert [f.name[:3] for f in files] == ["000", "001", "002", "003", "004"]
    assert all(f.is_file() for f in files)


def test_sample_is_honest_about_outlets_and_dates():
    catalog = load_catalog(sample_sources_path())
    story = catalog.stories[0]
    names = [catalog.outlets[ref.outlet].name for ref in story.articles]
    assert "CNN" in names[0] and "station" in names[0]
    assert names[1] == "Unattributed aggregator"
    assert all("unnamed" in name for name in names[2:])
    assert [ref.published for ref in story.articles] == ["2016-09-17", "", "", "2016-09-19", ""]
    assert story.articles[4].title == "Russia Had to Call U.S. Twice to Stop Syria Airstrike"
    assert all(outlet.homepage == "" for outlet in catalog.outlets.values())
    assert all(ref.canonical_url == "" for ref in story.articles)
    assert all(0 < len(outlet.short) <= 10 for outlet in catalog.outlets.values())


def test_top_level_and_packaged_sources_describe_the_same_story():
    top = load_catalog(REPO / "sources.yaml")
    packaged = load_catalog(sample_sources_path())
    assert top.outlets == packaged.outlets
    assert len(top.stories) == len(packaged.stories) == 1
    top_story, packaged_story = top.stories[0], packaged.stories[0]
    assert (top_story.id, top_story.title, top_story.date) == (packaged_story.id, packaged_story.title, packaged_story.date)
    assert len(top_story.articles) == len(packaged_story.articles)
    for a, b in zip(top_story.articles, packaged_story.articles):
        assert a.file == "tui/data/sample/" + b.file
        assert resolve_file(a).resolve() == resolve_file(b).resolve()
        assert dataclasses.replace(a, file="", base_dir="") == dataclasses.replace(b, file="", base_dir="")


def test_default_sources_path_prefers_the_working_folder(tmp_path):
    assert default_sources_path(tmp_path) == sample_sources_path()
    local = write(tmp_path, GOOD)
    assert default_sources_path(tmp_path) == local


# --- a valid file -----------------------------------------------------------------------------------


def test_valid_file_loads_with_paths_relative_to_its_folder(tmp_path, monkeypatch):
    path = write(tmp_path, GOOD)
    monkeypatch.chdir(REPO)
    catalog = load_catalog(path)
    assert catalog.path == str(path)
    assert catalog.outlets["bbc"].short == "BBC News"
    story = catalog.story("quake")
    assert story.date == "2023-02-06"  # YAML would make this a date; it stays the text as written
    cnn, bbc = story.articles
    assert resolve_file(cnn) == tmp_path / "cnn.txt"
    assert bbc.url == "https://www.bbc.co.uk/news/quake" and bbc.published == "2023-02-06"


def test_resolve_file_keeps_absolute_paths_and_expands_home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve_file(ArticleRef(outlet="x", file="/abs/a.txt", base_dir="/base")) == Path("/abs/a.txt")
    assert resolve_file(ArticleRef(outlet="x", file="~/a.txt", base_dir="/base")) == tmp_path / "a.txt"
    assert resolve_file(ArticleRef(outlet="x", file="a.txt")) == Path("a.txt")


# --- problems ---------------------------------------------------------------------------------------


def test_yaml_syntax_error_gives_line_and_no_traceback(tmp_path):
    message = problems_of(tmp_path, "outlets:\n  cnn:\n    name: CNN\n   label: [oops\n")
    assert message.startswith(str(tmp_path / "sources.yaml") + ":4: YAML syntax error")
    assert "Traceback" not in message


def test_tab_indentation_is_a_syntax_error_on_its_line(tmp_path):
    message = problems_of(tmp_path, "outlets:\n\tcnn:\n")
    assert ":2: YAML syntax error" in message


def test_empty_file_and_non_mapping_are_reported(tmp_path):
    assert "the file is empty" in problems_of(tmp_path, "# nothing here\n")
    message = problems_of(tmp_path, "- just\n- a list\n")
    assert ":1: top level: expected a mapping, got a list" in message


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(SourcesError, match=r"nope\.yaml: file not found"):
        load_catalog(tmp_path / "nope.yaml")
    with pytest.raises(SourcesError, match="is a directory"):
        load_catalog(tmp_path)


def test_non_utf8_file_names_the_line(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_bytes(b"outlets:\n  cnn:\n    name: \x93CNN\x94\n")
    with pytest.raises(SourcesError, match=r":3: not UTF-8 text"):
        load_catalog(path)


def test_all_problems_are_reported_at_once_with_lines(tmp_path):
    message = problems_of(tmp_path, """\
        outlets:
          cnn:
            name: [CNN, Cable News]
            lable: CNN
        stories:
          - id: quake
            tittle: The quake
            articles:
              - outlet: cnnn
                file: a.txt
              - outlet: cnn
        """)
    lines = message.splitlines()
    assert lines[0].endswith(":3: outlets.cnn.name: expected a string, got a list")
    assert ":4: outlets.cnn: unknown key 'lable' (did you mean 'label'?)" in message
    assert ":7: stories[1]: unknown key 'tittle' (did you mean 'title'?)" in message
    assert ":6: stories[1]: missing 'title'" in message
    assert ":9: stories[1].articles[1].outlet: 'cnnn' is not defined in outlets (did you mean 'cnn'?)" in message
    assert ":11: stories[1].articles[2]: expected exactly one of 'file' or 'url', found neither" in message
    assert len(lines) == 6


def test_article_with_both_file_and_url(tmp_path):
    message = problems_of(tmp_path, """\
        outlets: {cnn: {name: CNN}}
        stories:
          - id: s
            title: S
            articles:
              - {outlet: cnn, file: a.txt, url: "https://e.org/a"}
        """)
    assert ":6: stories[1].articles[1]: expected exactly one of 'file' or 'url', not both" in message


def test_duplicate_outlet_ids_and_story_ids(tmp_path):
    message = problems_of(tmp_path, """\
        outlets:
          cnn: {name: CNN}
          cnn: {name: CNN again}
        stories:
          - id: s
            title: S
            articles: [{outlet: cnn, file: a.txt}]
          - id: s
            title: Also S
            articles: [{outlet: cnn, file: b.txt}]
        """)
    assert ":3: outlets: 'cnn' is defined twice (first on line 2)" in message
    assert ":8: stories[2].id: duplicate story id 's' (first used on line 5)" in message


def test_wrong_shapes_say_what_is_expected(tmp_path):
    message = problems_of(tmp_path, """\
        outlets:
          cnn: CNN
        stories:
          id: s
        """)
    assert ":2: outlets.cnn: expected a mapping, got 'CNN'" in message
    assert ":4: stories: expected a list, got a mapping" in message


def test_empty_articles_and_unknown_top_level_key(tmp_path):
    message = problems_of(tmp_path, """\
        outlet:
          cnn: {name: CNN}
        stories:
          - id: s
            title: S
            articles: []
        """)
    assert ":1: top level: unknown key 'outlet' (did you mean 'outlets'?)" in message
    assert "missing 'outlets'" in message
    assert ":6: stories[1].articles: expected a list of articles, got an empty list" in message


def test_empty_required_value_and_bad_url(tmp_path):
    message = problems_of(tmp_path, """\
        outlets:
          cnn: {name: , homepage: cnn.com}
        stories:
          - id: s
            title: S
            articles: [{outlet: cnn, url: "ftp://e.org/a"}]
        """)
    assert ":2: outlets.cnn.name: expected a string, got nothing" in message
    assert ":2: outlets.cnn.homepage: expected an http:// or https:// URL, got 'cnn.com'" in message
    assert ":6: stories[1].articles[1].url: expected an http:// or https:// URL" in message


# --- stories from the command line ------------------------------------------------------------------


def test_story_from_paths_names_outlets_after_files_and_hosts():
    story, outlets = story_from_paths(["notes/bbc.txt", "https://www.reuters.com/world/x", "/tmp/page.html"])
    assert story.title == "3 articles"
    assert [outlets[r.outlet].name for r in story.articles] == ["bbc", "reuters.com", "page"]
    assert story.articles[0].file == "notes/bbc.txt" and story.articles[0].url == ""
    assert story.articles[1].url == "https://www.reuters.com/world/x" and story.articles[1].file == ""


def test_story_from_paths_keeps_ids_and_labels_unique_and_short():
    story, outlets = story_from_paths(["a/report_from_the_field.txt", "b/report_from_the_field.txt", "https://e.org/1", "https://e.org/2"])
    ids = [ref.outlet for ref in story.articles]
    assert len(set(ids)) == 4 == len(outlets)
    labels = [outlets[i].short for i in ids]
    assert len(set(labels)) == 4
    assert all(len(label) <= 10 for label in labels)


def test_story_from_paths_single_article_title():
    story, _ = story_from_paths([os.path.join("x", "one.md")])
    assert story.title == "1 article"
