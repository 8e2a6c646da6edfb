"""The real `parallax` command in a tmux terminal: keys go in, the screen text comes out."""

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

REPO = Path(__file__).resolve().parent.parent


def tmux(session: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """tmux on a server of the session's own: no user config, no other sessions to share sizes with."""
    return subprocess.run(["tmux", "-L", session, "-f", "/dev/null", *args], capture_output=True, text=True, check=check)


def capture(session: str) -> str:
    return tmux(session, "capture-pane", "-p", "-t", session).stdout


def wait_for(session: str, *texts: str, timeout: float = 20.0) -> str:
    """Poll the screen until it shows every text (panes repaint in steps); fail with what it showed instead."""
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = capture(session)
        if all(text in screen for text in texts):
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{texts!r} never appeared together; the screen showed:\n{screen}")


def start(tmp_path, width: int, height: int, environment: str = ""):
    """`parallax` on the sample story in a fresh tmux window of the given size; yields the session name."""
    name = f"parallax-{uuid.uuid4().hex[:8]}"
    command = f"{environment} PARALLAX_CONFIG_DIR={tmp_path} {sys.executable} -m tui --theme parallax-dark"
    # tmux runs the command in its own shell; the working directory has no sources.yaml, so the sample opens.
    tmux(name, "new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), "-c", str(tmp_path), command)
    size = tmux(name, "display-message", "-p", "-t", name, "#{window_width}x#{window_height}").stdout.strip()
    assert size == f"{width}x{height}", f"tmux made a {size} window, not {width}x{height}"
    yield name
    tmux(name, "kill-server", check=False)


@pytest.fixture
def session(tmp_path):
    # Stale COLUMNS/LINES, as CI shells and scripts export them: the reader must size itself by the terminal.
    yield from start(tmp_path, 160, 45, environment="COLUMNS=80 LINES=24")


@pytest.fixture
def narrow_session(tmp_path):
    yield from start(tmp_path, 80, 24)


def keys(session: str, *pressed: str) -> None:
    for key in pressed:
        tmux(session, "send-keys", "-t", session, key)
        time.sleep(0.15)


def test_pick_outlets_jump_to_a_quotation_and_open_the_map(session):
    screen = wait_for(session, "Tick two or more outlets")
    assert "Coalition hits Syrian troops" in screen and "Def. mag." in screen
    keys(session, "Enter")
    wait_for(session, "Next shared")
    keys(session, "]", "]")
    # Four outlets carry the CENTCOM quotation, level on one row; the fifth says it lacks it.
    # The base's words that another outlet drops show struck out in that outlet's pane.
    screen = wait_for(session, "[-The coalition", "not in this outlet", "Islamic State and the raids")
    assert screen.count("informed by") >= 4
    keys(session, "m")
    screen = wait_for(session, "Alignment map")
    assert "shared passages" in screen and "Samantha Power" in screen
    keys(session, "Escape")
    time.sleep(0.5)  # a lone escape is only known to be one after a pause
    keys(session, "c")
    screen = wait_for(session, "copied")
    assert "CNN" in screen
    keys(session, "q")


def test_narrow_terminal_shows_two_panes_and_tab_brings_the_others(narrow_session):
    wait_for(narrow_session, "Tick two or more outlets")
    keys(narrow_session, "Enter")
    screen = wait_for(narrow_session, "outlets 1–2 of 5")
    assert "CNN" in screen and "Aggregator" in screen and "Beirut" not in screen
    keys(narrow_session, "]", "Tab", "Tab", "Tab")
    # Beirut is focused: Wash. pol. and Beirut show, Beirut at its version of the quotation, and Wash. pol.,
    # which lacks it, says so.
    screen = wait_for(narrow_session, "outlets 3–4 of 5", "not in this outlet", "unintentional loss")
    # CNN's pane is out of view (its headline is not shown), though every header names CNN as the base.
    assert "Wash. pol." in screen and "Beirut" in screen and "Coalition hits Syrian troops" not in screen
    keys(narrow_session, "q")
