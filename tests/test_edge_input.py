"""Inputs that once broke a stage: impossible paths, text that cleans away to nothing, hostile metadata, times."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tui.conflicts import find_conflicts
from tui.model import Outlet
from tui.text import build_article

ROOT = Path(__file__).resolve().parent.parent
SHARED = "The minister said the bridge would reopen on Monday after repairs costing 40 million."


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def write(tmp_path: Path, name: str, text: str) -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return str(tmp_path / name)


def test_a_home_directory_that_does_not_exist_is_named_not_a_traceback(tmp_path):
    good = [write(tmp_path, "a.txt", f"A\n\n{SHARED}\n"), write(tmp_path, "b.txt", f"B\n\n{SHARED}\n")]
    result = run("align", "--format", "json", good[0], "~nobody-here/x.txt", good[1])
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "~nobody-here/x.txt: cannot expand '~'" in result.stderr
    assert len(json.loads(result.stdout)["groups"]) >= 1
    sources = run("align", "--sources", "~nobody-here/sources.yaml")
    assert sources.returncode == 2 and "cannot expand '~'" in sources.stderr and "Traceback" not in sources.stderr


def test_text_that_cleans_away_to_nothing_is_an_unreadable_article(tmp_path):
    empty_after = write(tmp_path, "rules.md", "---\n\n***\n\n\u200b\u200b\n")
    good = [write(tmp_path, "a.txt", f"A\n\n{SHARED}\n"), write(tmp_path, "b.txt", f"B\n\n{SHARED}\n")]
    result = run("align", "--format", "json", empty_after, *good)
    assert result.returncode == 1
    assert "rules.md: no text left once markup and control characters are removed" in result.stderr
    assert [bool(a["error"]) for a in json.loads(result.stdout)["articles"]] == [True, False, False]


def test_escape_sequences_in_titles_outlet_names_and_file_names_never_reach_the_terminal(tmp_path):
    body = f"\n\n{SHARED}\n"
    evil_name = write(tmp_path, "evil\x1b]0;PWNED\x07.txt", "Head" + body)
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        'outlets:\n  a: {name: "Outlet \\e[2J A", label: "A\\e[31m"}\n  b: {name: B}\n'
        "stories:\n  - id: s\n    title: \"Title \\e[2J\\e[31mRED\"\n    articles:\n"
        f'      - {{outlet: a, file: a.txt, title: "Head \\e]52;c;aGk=\\a one", author: "X\\e[5m"}}\n'
        "      - {outlet: b, file: b.txt}\n")
    write(tmp_path, "a.txt", "Head" + body)
    write(tmp_path, "b.txt", "Head" + body)
    for fmt in ("text", "markdown", "json"):
        for args in (["--sources", str(sources)], [evil_name, str(tmp_path / "b.txt")]):
            result = run("align", "--format", fmt, *args)
            assert result.returncode == 0, result.stderr
            assert "\x1b" not in result.stdout and "\x07" not in result.stdout, (fmt, args)
    assert "Title RED" in run("align", "--sources", str(sources)).stdout


def test_times_of_day_are_not_figures():
    articles = [
        build_article("a", "a", Outlet("a", "a"), "A\n\nThe strike happened around 11 a.m. Eastern on Saturday."),
        build_article("b", "b", Outlet("b", "b"), "B\n\nThe strike happened around 9 a.m. local time on Saturday."),
        build_article("c", "c", Outlet("c", "c"), "C\n\nThe convoy left at 5 p.m. and arrived at 7 pm."),
    ]
    assert find_conflicts(articles) == []
