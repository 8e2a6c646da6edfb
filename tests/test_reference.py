"""Reference texts: given with --reference or `reference: true`, shown first as the base, reuse measured."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import run
from tests.test_align_output import run as align
from tui.app.app import ParallaxApp
from tui.reference import with_references
from tui.sources import load_catalog, sample_sources_path

ROOT = Path(__file__).resolve().parent.parent
# A statement written for these tests from the sentences the sample's outlets quote, plus one none of them uses.
RELEASE = """Coalition airstrike statement

The coalition airstrike was halted immediately when coalition officials were informed by Russian officials that it was possible the personnel and vehicles targeted were part of the Syrian military.

Syria is a complex situation with various military forces and militias in close proximity, but coalition forces would not intentionally strike a known Syrian military unit.

The coalition will review this strike and the circumstances surrounding it to see if any lessons can be learned.

The Combined Air Operations Center will go on working with partners across the region every day.
"""


@pytest.fixture
def release(tmp_path) -> str:
    path = tmp_path / "release.txt"
    path.write_text(RELEASE, encoding="utf-8")
    return str(path)


def test_align_json_gives_each_outlets_reuse_of_the_reference(release):
    result = align("--reference", release, "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["articles"][0]["id"] == "release" and document["reference"]["article"] == "release"
    reuse = {r["article"]: r for r in document["reference"]["reuse"]}
    assert set(reuse) == {"cnn-local", "aggregator", "dc-politics", "beirut-wire", "defence-mag"}
    dc = reuse["dc-politics"]
    assert set(dc) == {"article", "share_chars", "share_sentences", "passages", "own"}
    assert 0 < dc["share_sentences"] <= dc["share_chars"] + 0.5 and 0 < dc["share_chars"] < 1
    states = [p["state"] for p in dc["passages"]]
    assert states == ["carried", "carried", "carried", "left out"]  # it quotes three sentences whole
    assert reuse["defence-mag"]["share_chars"] == 0 and set(p["state"] for p in reuse["defence-mag"]["passages"]) == {"left out"}
    texts = {a["id"]: a["text"] for a in document["articles"]}
    carried = dc["passages"][0]["version"]
    assert "halted immediately" in texts["dc-politics"][carried["start"] : carried["end"]]


def test_text_and_markdown_say_how_much_reuses_the_reference_and_never_copied(release):
    text = align("--reference", release, "--color", "never").stdout
    assert "Reuse of the reference text release" in text
    line = next(l for l in text.splitlines() if l.strip().startswith("Wash. pol.:"))
    assert "of its body by characters" in line and "3 carried" in line and "1 left out" in line
    markdown = align("--reference", release, "--format", "markdown").stdout
    assert "## Reuse of the reference text release" in markdown
    assert "copied" not in (text + markdown).lower()


def test_without_a_reference_the_json_says_so():
    assert json.loads(align("--format", "json").stdout)["reference"] is None


def test_reference_true_in_sources_yaml_puts_that_article_first(tmp_path, release):
    sample = Path(sample_sources_path()).parent
    (tmp_path / "sources.yaml").write_text(f"""
outlets:
  cnn: {{name: CNN}}
  centcom: {{name: US Central Command}}
stories:
  - id: strike
    title: Strike
    articles:
      - {{outlet: cnn, file: {sample / '000_1287c803b40b51b3.txt'}}}
      - {{outlet: centcom, file: {release}, reference: true}}
""", encoding="utf-8")
    document = json.loads(align("--sources", str(tmp_path / "sources.yaml"), "--format", "json").stdout)
    assert [a["id"] for a in document["articles"]] == ["centcom", "cnn"]
    assert document["reference"]["article"] == "centcom"


def test_a_reference_value_that_is_not_true_or_false_is_named_with_its_line(tmp_path, release):
    (tmp_path / "sources.yaml").write_text(f"""outlets:
  a: {{name: A}}
stories:
  - id: s
    title: S
    articles:
      - {{outlet: a, file: {release}, reference: maybe}}
      - {{outlet: a, file: {release}}}
""", encoding="utf-8")
    result = align("--sources", str(tmp_path / "sources.yaml"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "sources.yaml:7: stories[1].articles[1].reference: expected true or false, got 'maybe'" in result.stderr


def test_the_reader_shows_the_reference_first_as_the_base(release, open_reader):
    catalog = load_catalog(sample_sources_path())
    story, outlets = with_references(catalog.stories[0], catalog.outlets, [release])
    ids = [ref.outlet for ref in story.articles]
    app = ParallaxApp([story], outlets, story_id=story.id, outlet_ids=ids)

    async def scenario():
        async with open_reader(app=app, size=(300, 45)) as reader:
            shown = reader.shown()
            assert shown.names[0] == "Reference"
            assert "base" in shown.pane("Reference").header[0]
            assert "vs Reference" in shown.pane("CNN").header[0]
            assert "reuse" not in shown.pane("Reference").header[0]
            assert re.search(r"reuse \d+%", shown.pane("Wash. pol.").header[0])

    run(scenario())


def test_a_reference_that_cannot_be_read_is_named_and_the_rest_compared(tmp_path):
    result = align("--reference", str(tmp_path / "missing.txt"), "--format", "json")
    assert result.returncode == 1 and "missing.txt" in result.stderr and "Traceback" not in result.stderr
    document = json.loads(result.stdout)
    assert document["reference"] is None and len(document["groups"]) > 5


def test_several_references_are_each_measured(tmp_path, release):
    second = tmp_path / "transcript.txt"
    second.write_text("Briefing transcript\n\nThe coalition will review this strike and the circumstances surrounding "
                      "it to see if any lessons can be learned.\n", encoding="utf-8")
    document = json.loads(align("--reference", release, "--reference", str(second), "--format", "json").stdout)
    assert [a["label"] for a in document["articles"][:2]] == ["Reference 1", "Reference 2"]
    assert [r["article"] for r in document["references"]] == ["release", "transcript"]
    assert document["reference"] == document["references"][0]
