"""`parallax align` as a script sees it: formats, exit status, messages, and inert article text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sample import sample_files
from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_align_json_has_the_documented_shape():
    result = run("align", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [a["outlet"] for a in data["articles"]][0].startswith("CNN")
    first = data["articles"][0]
    assert set(first) == {"id", "source", "outlet", "outlet_id", "label", "title", "published", "author", "url",
                          "error", "text", "sentences", "quotes"}
    assert first["source"] == "tui/data/sample/000_1287c803b40b51b3.txt"
    assert set(data) == {"story", "settings", "articles", "groups", "figure_conflicts", "attribution_conflicts",
                         "reference", "corrections", "notes"}
    for article in data["articles"]:
        for s in article["sentences"]:
            assert set(s) == {"index", "text", "start", "end", "kind"}
        for q in article["quotes"]:
            assert set(q) == {"index", "text", "start", "end", "sentence"}
    kinds = {g["kind"] for g in data["groups"]}
    assert kinds == {"sentence", "quote", "phrase"}
    ids = {a["id"] for a in data["articles"]}
    for group in data["groups"]:
        for m in group["members"]:
            assert {"article", "sentence", "sentences", "start", "end", "text", "score", "link"} <= set(m)
            assert set(m) - {"article", "sentence", "sentences", "start", "end", "text", "score", "link"} <= {
                "quote", "changes", "attribution"}
            assert ("attribution" in m) == (group["kind"] == "quote")
            assert set(m["link"]) == {"kind", "score", "with", "with_sentence", "shared"} and m["link"]["with"] in ids
            assert ("quote" in m) == (group["kind"] == "quote")
            assert ("changes" in m) == (m is not group["members"][0])
            assert m["article"] in ids
        states = {o["article"]: o["state"] for o in group["outlets"]}
        assert set(states) == ids and set(states.values()) <= {"carried", "close", "absent"}
        assert {a for a, state in states.items() if state == "carried"} == {m["article"] for m in group["members"]}
        assert all(("closest" in o) == (o["state"] == "close") for o in group["outlets"])
    centcom = [g for g in data["groups"] if any("halted immediately" in m["text"] for m in g["members"])]
    assert centcom and len(centcom[0]["members"]) == 4
    assert any({f["value"] for f in c["figures"]} >= {60, 62, 80, 83} for c in data["figure_conflicts"])
    assert {"id", "measure", "subject", "evidence", "figures"} == set(data["figure_conflicts"][0])


def test_member_offsets_point_into_the_article_sentences():
    data = json.loads(run("align", "--format", "json").stdout)
    by_id = {a["id"]: a for a in data["articles"]}
    for group in data["groups"]:
        for m in group["members"]:
            sentence = by_id[m["article"]]["sentences"][m["sentence"]]
            assert sentence["start"] <= m["start"] < m["end"] <= sentence["end"]
            offset = m["start"] - sentence["start"]
            assert sentence["text"][offset : offset + len(m["text"])] == m["text"]


def test_align_text_reads_well_when_piped():
    result = run("align")
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout
    assert "5 of 5 articles read" in result.stdout
    assert "Shared quotations" in result.stdout and "Figure conflicts" in result.stdout


def test_align_markdown_is_pasteable():
    result = run("align", "--format", "markdown")
    assert result.stdout.startswith("# ")
    assert "## Shared sentences" in result.stdout and "### 1. In 4 outlets" in result.stdout


def test_thresholds_from_the_command_line_change_the_result(capsys):
    assert main(["align", "--format", "json", "--min-score", "99", "--min-partial", "99", "--min-reordered", "99"]) == 0
    strict = json.loads(capsys.readouterr().out)
    assert main(["align", "--format", "json"]) == 0
    default = json.loads(capsys.readouterr().out)
    assert len(strict["groups"]) < len(default["groups"])
    assert strict["settings"]["min_score"] == 99


def test_bad_threshold_is_a_usage_error():
    result = run("align", "--min-score", "140")
    assert result.returncode == 2
    assert "140 is not between 0 and 100" in result.stderr


def test_missing_file_is_named_and_the_others_still_align(tmp_path):
    result = run("align", "--format", "json", str(sample_files()[0]), str(tmp_path / "gone.txt"), str(sample_files()[3]))
    assert result.returncode == 1
    assert "gone.txt" in result.stderr and "not found" in result.stderr
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert [bool(a["error"]) for a in data["articles"]] == [False, True, False]
    assert data["groups"], "the two readable articles are still compared"


def test_broken_sources_file_exits_2_with_file_and_line(tmp_path):
    broken = tmp_path / "sources.yaml"
    broken.write_text("outlets:\n  a: {name: A}\nstories:\n  - id: s\n    tittle: T\n    articles: []\n")
    result = run("align", "--sources", str(broken))
    assert result.returncode == 2
    assert "sources.yaml:5" in result.stderr and "title" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_story_and_outlet_get_did_you_mean():
    assert "did you mean 'deir-ez-zor-airstrike'" in run("align", "--story", "deir-ez-zor-airstrik").stderr
    result = run("align", "--outlets", "cnn-locl,aggregator")
    assert result.returncode == 2 and "did you mean 'cnn-local'" in result.stderr


def test_outlets_option_restricts_the_comparison():
    data = json.loads(run("align", "--format", "json", "--outlets", "cnn-local,beirut-wire").stdout)
    assert [a["outlet_id"] for a in data["articles"]] == ["cnn-local", "beirut-wire"]


def test_sample_story_is_found_outside_the_repository(tmp_path):
    result = run("align", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["articles"]) == 5


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_markup_and_escape_sequences_in_articles_stay_inert(tmp_path, fmt):
    evil = "[bold red]Shout[/] and [link=http://x]click[/link] \x1b[31mred\x1b[0m \x1b]52;c;aGk=\x07 done."
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"Headline {name}\n\nOfficials said: {evil} The strike was halted at noon on Saturday.\n")
    result = run("align", "--format", fmt, str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    shown = json.loads(result.stdout)["articles"][0]["sentences"][1]["text"] if fmt == "json" else result.stdout
    if fmt == "markdown":
        assert r"\[bold red\]Shout\[/\]" in shown
    else:
        assert "[bold red]Shout[/] and [link=http://x]click[/link]" in shown


def test_align_never_imports_textual():
    code = ("import sys; from tui.cli import main; main(['align', '--format', 'json']); "
            "sys.stderr.write(str(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stderr.strip().endswith("[]"), result.stderr[-300:]


def test_quote_style_and_case_count_as_differences_only_when_asked(tmp_path):
    (tmp_path / "a.txt").write_text("Head A\n\n“The strike was halted immediately,” officials said on Saturday morning.\n")
    (tmp_path / "b.txt").write_text('Head B\n\n"The Strike was halted immediately," officials said on Saturday morning.\n')
    paths = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]

    def changes(*flags: str) -> list[tuple[str, str]]:
        data = json.loads(run("align", "--format", "json", *flags, *paths).stdout)
        group = next(g for g in data["groups"] if g["kind"] == "sentence")
        return [(e["base"], e["text"]) for e in group["members"][1]["changes"]["edits"]]

    assert changes() == [("strike", "Strike")]
    assert changes("--ignore-case") == []
    assert ("“", '"') in changes("--ignore-case", "--compare-quotes")
    assert json.loads(run("align", "--format", "json", "--ignore-case", *paths).stdout)["settings"]["ignore_case"] is True


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_output_cut_short_by_the_reader_is_not_an_error(fmt):
    """`parallax align | head`: the pipe closes before anything is written; status 0, nothing on stderr."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run([sys.executable, "-m", "tui", "align", "--format", fmt], cwd=ROOT, stdout=write_end,
                                stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(write_end)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_reader_without_a_terminal_says_so_instead_of_hanging():
    result = subprocess.run([sys.executable, "-m", "tui", "--outlets", "cnn-local,aggregator"], cwd=ROOT,
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr and "parallax align" in result.stderr
    assert result.stdout == ""


def test_reader_with_its_output_redirected_says_so():
    """Keys and drawing on a terminal but standard output to a file: the screen size cannot be known."""
    import pty

    controller, terminal = pty.openpty()
    try:
        result = subprocess.run([sys.executable, "-m", "tui", "--outlets", "cnn-local,aggregator"], cwd=ROOT,
                                stdin=terminal, stderr=terminal, stdout=subprocess.PIPE, timeout=60)
        os.set_blocking(controller, False)
        said = os.read(controller, 4096).decode()
    finally:
        os.close(controller)
        os.close(terminal)
    assert result.returncode == 2 and result.stdout == b""
    assert "needs a terminal" in said
