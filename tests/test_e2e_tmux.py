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


SOCKET = f"parallax-test-{uuid.uuid4().hex[:8]}"


def tmux(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run tmux against a server of the test's own (no user config, no other sessions to share sizes with)."""
    return subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", *args], capture_output=True, text=True, check=check)


def capture(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session).stdout


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


@pytest.fixture
def session(tmp_path):
    name = f"parallax-{uuid.uuid4().hex[:8]}"
    # Stale COLUMNS/LINES, as CI shells and scripts export them: the reader must size itself by the terminal.
    command = f"COLUMNS=80 LINES=24 PARALLAX_CONFIG_DIR={tmp_path} {sys.executable} -m tui --theme parallax-dark"
    # tmux runs the command in its own shell; the working directory has no sources.yaml, so the sample opens.
    tmux("new-session", "-d", "-s", name, "-x", "160", "-y", "45", "-c", str(tmp_path), command)
    size = tmux("display-message", "-p", "-t", name, "#{window_width}x#{window_height}").stdout.strip()
    assert size == "160x45", f"tmux made a {size} window, not 160x45"
    yield name
    tmux("kill-server", check=False)


def keys(session: str, *pressed: str) -> None:
    for key in pressed:
        tmux("send-keys", "-t", session, key)
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
