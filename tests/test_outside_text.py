"""Text from stories files, pages and file names reaches the terminal only through the cleaning path, on every channel."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.conftest import until
from tests.test_load import server  # noqa: F401 - pytest fixture
from tui.app.app import ParallaxApp
from tui.app.screens import LoadingScreen
from tui.model import ArticleRef, Outlet, Story

ROOT = Path(__file__).resolve().parent.parent
SHARED = "The minister said the bridge would reopen on Monday after repairs costing 40 million."
CLIPBOARD = "\x1b]52;c;aGk=\x07"  # OSC 52: writes the user's clipboard
WINDOW = "\x1b]0;pwned\x07"  # OSC 0: renames the terminal window
RLO = "\u202e"  # right-to-left override: shows "gnp.exe" as "exe.png"
# The same sequences as YAML writes them inside double quotes (raw control characters are not valid YAML).
CLIPBOARD_YAML, CLEAR_YAML, WINDOW_YAML = r"\e]52;c;aGk=\a", r"\e[2J", r"\e]0;pwned\a"


def run(*args: str, cwd: Path = ROOT, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=cwd, capture_output=True, text=True, timeout=60,
                          **options)


def assert_inert(output: str) -> None:
    for sequence in ("\x1b", "\x07", "\x9b", RLO):
        assert sequence not in output, repr(output)


def sources_file(tmp_path: Path, text: str) -> str:
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"Head {name}\n\n{SHARED}\n", encoding="utf-8")
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_escape_sequences_in_keys_ids_and_urls_of_a_broken_stories_file_stay_out_of_the_message(tmp_path):
    path = sources_file(tmp_path, (
        f'outlets:\n  "a{CLIPBOARD_YAML}": {{name: A, "x{CLEAR_YAML}y": x}}\n'
        f'stories:\n  - id: "s{RLO}"\n    title: T\n    "p{WINDOW_YAML}q": T\n    articles:\n'
        f'      - {{outlet: "b{CLEAR_YAML}", file: a.txt}}\n'
        f'      - {{outlet: "a{CLIPBOARD_YAML}", url: "ftp://x{CLEAR_YAML}"}}\n'))
    result = run("align", "--sources", path)
    assert result.returncode == 2, result.stderr
    assert_inert(result.stderr)
    assert "outlets.a: unknown key 'xy'" in result.stderr and "stories[1]: unknown key 'pq'" in result.stderr
    assert "'b' is not defined in outlets" in result.stderr
    assert "expected an http:// or https:// URL, got 'ftp://x'" in result.stderr
    # An id is typed on the command line: one that holds invisible characters is refused, not silently cleaned.
    assert "outlets: the id 'a' holds control characters" in result.stderr
    assert "stories[1].id: the id 's' holds control characters" in result.stderr


def test_the_stories_file_name_in_the_several_stories_and_no_such_story_messages_is_cleaned(tmp_path):
    path = Path(sources_file(tmp_path, (
        "outlets:\n  a: {name: A}\n  b: {name: B}\n"
        "stories:\n  - id: one\n    title: T\n    articles: [{outlet: a, file: a.txt}, {outlet: b, file: b.txt}]\n"
        "  - id: two\n    title: T\n    articles: [{outlet: a, file: a.txt}, {outlet: b, file: b.txt}]\n")))
    hostile = path.rename(tmp_path / f"stories{WINDOW}{RLO}.yaml")
    several = run("align", "--sources", str(hostile))
    assert several.returncode == 2 and "stories.yaml: holds several stories" in several.stderr
    assert_inert(several.stderr)
    missing = run("align", "--sources", str(hostile), "--story", "on")
    assert missing.returncode == 2 and "stories.yaml: no story 'on' (did you mean 'one'?)" in missing.stderr
    assert_inert(missing.stderr)


def test_the_progress_line_shows_a_hostile_url_inert(tmp_path):
    """Progress goes to a terminal only; the URL it names comes from the stories file."""
    import pty

    path = sources_file(tmp_path, (
        "outlets:\n  a: {name: A}\n  b: {name: B}\n"
        f'stories:\n  - id: s\n    title: T\n    articles:\n      - {{outlet: a, file: a.txt}}\n'
        f'      - {{outlet: b, url: "http://127.0.0.1:9/{CLIPBOARD_YAML}x{CLEAR_YAML}"}}\n'))
    controller, terminal = pty.openpty()
    try:
        result = subprocess.run([sys.executable, "-m", "tui", "align", "--sources", path], cwd=ROOT, stderr=terminal,
                                stdout=subprocess.PIPE, text=True, timeout=60,
                                env={**os.environ, "PARALLAX_CACHE_DIR": str(tmp_path / "cache")})
        os.set_blocking(controller, False)
        shown = os.read(controller, 65536).decode()
    finally:
        os.close(controller)
        os.close(terminal)
    assert result.returncode == 1
    assert "reading 2 of 2: http://127.0.0.1:9/x\r" in shown
    assert_inert(shown.replace("\r\x1b[K", "\n"))  # the progress line's own erase-line sequence aside


@pytest.mark.parametrize("fmt", ["json", "markdown", "text"])
def test_right_to_left_overrides_in_titles_names_and_file_names_never_reach_the_output(tmp_path, fmt):
    path = sources_file(tmp_path, (
        f'outlets:\n  a: {{name: "A{RLO}gpj.exe", label: "L{RLO}"}}\n  b: {{name: B}}\n'
        f'stories:\n  - id: s1\n    title: "Title {RLO}txt.exe"\n    date: "2016{RLO}"\n'
        f'    articles:\n      - {{outlet: a, file: a.txt, title: "H{RLO}", author: "W{RLO}"}}\n'
        f"      - {{outlet: b, file: b.txt}}\n"))
    hostile_file = tmp_path / f"fox{RLO}txt.exe"
    hostile_file.write_text((tmp_path / "a.txt").read_text(encoding="utf-8"), encoding="utf-8")
    for args in (["--sources", path], [str(hostile_file), str(tmp_path / "b.txt")]):
        result = run("align", "--format", fmt, *args)
        assert result.returncode == 0, result.stderr
        assert_inert(result.stdout)
    if fmt == "json":
        data = json.loads(run("align", "--format", fmt, "--sources", path).stdout)
        assert data["story"] == {"id": "s1", "title": "Title txt.exe", "date": "2016"}
        assert data["articles"][0]["outlet"] == "Agpj.exe" and data["articles"][0]["title"] == "H"
        data = json.loads(result.stdout)
        assert [a["id"] for a in data["articles"]] == ["foxtxt", "b"]
        assert {m["article"] for g in data["groups"] for m in g["members"]} == {"foxtxt", "b"}


def held_until(release: threading.Event):
    def route(handler):
        release.wait(60)
        return 200, {"Content-Type": "text/plain"}, f"Head\n\n{SHARED}\n".encode()

    return route


def test_the_loading_screen_shows_the_story_title_inert(server, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("PARALLAX_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(tmp_path / "cache"))
    release = threading.Event()
    server.routes["/held"] = held_until(release)
    (tmp_path / "a.txt").write_text(f"Head\n\n{SHARED}\n", encoding="utf-8")
    refs = (ArticleRef("a", file=str(tmp_path / "a.txt")), ArticleRef("b", url=server.url("/held")))
    story = Story("s", f"Bridge{WINDOW} reopens{RLO}", articles=refs)
    app = ParallaxApp([story], {"a": Outlet("a", "A"), "b": Outlet("b", "B")})

    async def scenario():
        async with app.run_test() as pilot:
            # A wait longer than a moment shows the loading screen.
            await until(pilot, lambda: isinstance(app.screen, LoadingScreen) and app.screen.is_mounted)
            await pilot.pause()
            shown = str(app.screen.query_one("#loading-what", Static).render())
            release.set()
            return shown

    try:
        shown = asyncio.run(scenario())
    finally:
        release.set()
    assert shown == "Reading 2 articles of “Bridge reopens”"
