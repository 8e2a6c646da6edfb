"""What `parallax align` prints: word differences with and without colour, punctuation, cleaned texts in JSON."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASE = "The minister said the bridge would reopen on Monday after repairs costing 40 million euros, officials said."
OTHER = "The minister said the old bridge would reopen on Tuesday after repairs costing 40 million euros, officials said."


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", "align", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={**os.environ, **(env or {})})


def on_a_terminal(*args: str, env: dict | None = None) -> str:
    """What `parallax align ARGS` shows on a terminal (a pseudo-terminal here)."""
    import pty

    controller, terminal = pty.openpty()
    try:
        subprocess.run([sys.executable, "-m", "tui", "align", *args], cwd=ROOT, stdout=terminal, stderr=terminal,
                       timeout=60, env={**os.environ, "COLUMNS": "400", **(env or {})})
        os.set_blocking(controller, False)
        chunks = []
        while True:
            try:
                chunks.append(os.read(controller, 65536))
            except (BlockingIOError, OSError):
                break
    finally:
        os.close(controller)
        os.close(terminal)
    return b"".join(chunks).decode()


@pytest.fixture
def pair(tmp_path) -> list[str]:
    (tmp_path / "a.txt").write_text(f"Bridge news\n\n{BASE}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Bridge report\n\n{OTHER}\n", encoding="utf-8")
    return [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_piped_text_keeps_every_word_difference_in_plain_notation(pair):
    result = run(*pair)
    assert result.returncode == 0 and "\x1b" not in result.stdout
    assert "the {+old+} bridge would reopen on [-Monday-]{+Tuesday+} after repairs" in result.stdout


def test_colour_always_colours_piped_output_and_never_writes_the_notation_on_a_terminal(pair):
    coloured = run("--color", "always", *pair, env={"NO_COLOR": "1"})
    assert "\x1b[" in coloured.stdout and "{+old+}" not in coloured.stdout
    plain = on_a_terminal("--color", "never", *pair)
    assert "\x1b[" not in plain and "[-Monday-]{+Tuesday+}" in plain


def test_auto_colours_a_terminal_unless_no_color_is_set(pair):
    assert "\x1b[" in on_a_terminal(*pair) and "[-Monday-]" not in on_a_terminal(*pair)
    plain = on_a_terminal(*pair, env={"NO_COLOR": "1"})  # bold and dim headings stay; colours go
    assert not re.search(r"\x1b\[[0-9;]*;3[0-7]m|\x1b\[3[0-7]m", plain) and "[-Monday-]{+Tuesday+}" in plain


def test_markdown_marks_changes_and_keeps_the_punctuation_between_them(pair):
    result = run("--format", "markdown", *pair)
    assert r"the **old** bridge would reopen on ~~Monday~~ **Tuesday** after repairs costing 40 million euros, officials said\." in result.stdout


def test_a_full_stop_inside_or_outside_the_closing_quotation_mark_is_not_a_change(tmp_path):
    (tmp_path / "a.txt").write_text("Head A\n\nThe minister said: “We will find new ways to serve the people of this city.”\n")
    (tmp_path / "b.txt").write_text("Head B\n\nThe minister said: “We will find new ways to serve the people of this city”.\n")
    paths = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]

    def edits(*flags: str) -> list[list[dict]]:
        data = json.loads(run("--format", "json", *flags, *paths).stdout)
        return [m["changes"]["edits"] for g in data["groups"] for m in g["members"][1:]]

    assert edits() and all(found == [] for found in edits())
    assert any(found for found in edits("--compare-punctuation"))
    assert "“We will find new ways to serve the people of this city”." in run(*paths).stdout


def test_json_carries_each_articles_cleaned_text_and_every_offset_points_into_it(tmp_path):
    result = run("--format", "json", *map(str, sorted((ROOT / "tui" / "data" / "sample").glob("0*.txt"))),
                 str(tmp_path / "gone.txt"))
    data = json.loads(result.stdout)
    texts = {a["id"]: a["text"] for a in data["articles"]}
    assert texts["gone"] == "" and "“" in texts["000_1287c803b40b51b3"]  # cleaned: curly quotes, no mojibake
    assert "â€" not in "".join(texts.values())
    units = [(a["id"], u) for a in data["articles"] for u in a["sentences"] + a["quotes"]]
    units += [(m["article"], m) for g in data["groups"] for m in g["members"]]
    units += [(f["article"], f) for c in data["figure_conflicts"] for f in c["figures"]]
    kinds = {g["kind"] for g in data["groups"]}
    assert len(units) > 250 and kinds == {"sentence", "quote", "phrase"} and data["figure_conflicts"]
    for article_id, unit in units:
        assert texts[article_id][unit["start"] : unit["end"]] == unit["text"]


def test_json_is_written_piece_by_piece_in_the_layout_of_json_dumps(tmp_path):
    from tests.sample import sample_alignment
    from tui.model import Alignment, Article, Outlet
    from tui.render_json import to_json

    failed = Article(id="gone", source="gone.txt", outlet=Outlet("gone", "Gone"), text="", error="file not found")
    for alignment in (sample_alignment(), Alignment([failed], [], [])):
        written = to_json(alignment, story={"id": "s"}, settings={})
        assert written == json.dumps(json.loads(written), ensure_ascii=False, indent=2)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_quotation_inside_a_shared_sentence_is_shown_once_inside_it(fmt):
    shown = run("--format", fmt).stdout
    # The CENTCOM quotation fills the sentence four outlets share: its four versions are printed once, not twice.
    assert shown.count("officials were informed by Russian officials") == 4
    assert "quotation #9 inside, quoted in 4 outlets: CNN, Aggregator, Wash. pol., Beirut" in shown.replace("\\", "")
    assert "Shared quotations (5, 4 of them shown inside the shared sentences above)" in shown
    assert shown.count("unintentional loss of life") >= 3  # CNN's sentence is not shared: its quotation is listed


def test_json_links_each_quotation_group_to_the_sentence_group_that_carries_it():
    groups = {g["id"]: g for g in json.loads(run("--format", "json").stdout)["groups"]}
    assert groups[9]["inside"] == 1 and groups[1]["quotes"] == [9]
    assert "inside" not in groups[8] and all("quotes" not in g for g in groups.values() if g["kind"] == "quote")
