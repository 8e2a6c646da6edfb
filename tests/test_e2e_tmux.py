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


def wait_for(session: str, *texts: str, absent: tuple[str, ...] = (), check=lambda screen: True,
             timeout: float = 60.0) -> str:
    """Poll the screen until it shows every text, none of `absent`, and passes `check` (panes repaint in steps, and
    a busy machine takes its time); fail with what it showed instead. The bound only matters when a test fails."""
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = capture(session)
        if all(text in screen for text in texts) and not any(text in screen for text in absent) and check(screen):
            return screen
        time.sleep(0.1)  # a polling interval, not a wait for the program: the condition decides
    raise AssertionError(f"{texts!r} never appeared together without {absent!r}; the screen showed:\n{screen}")


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
    """Type keys; the reader reads them in order, so no pause is needed between them."""
    for key in pressed:
        tmux(session, "send-keys", "-t", session, key)


def test_pick_outlets_jump_to_a_quotation_and_open_the_map(session):
    wait_for(session, "Tick two or more outlets", "Coalition hits Syrian troops", "Def. mag.")
    keys(session, "Enter")
    wait_for(session, "Next shared")
    keys(session, "]", "]")
    # Four outlets carry the CENTCOM quotation, level on one row; the fifth says it lacks it.
    # The base's words that another outlet drops show struck out in that outlet's pane.
    wait_for(session, "[-The coalition", "┄ closest here: ", "Islamic State and the raids",
             check=lambda screen: screen.count("informed by") >= 4)
    keys(session, "m")
    wait_for(session, "Alignment map", "shared passages", "Samantha Power")
    keys(session, "Escape")
    # A key right after a lone escape would be read with it as alt+key: wait until the map has closed.
    wait_for(session, "Next shared", absent=("Alignment map",))
    keys(session, "c")
    wait_for(session, "copied", "CNN")
    keys(session, "q")


def test_narrow_terminal_shows_two_panes_and_tab_brings_the_others(narrow_session):
    wait_for(narrow_session, "Tick two or more outlets")
    keys(narrow_session, "Enter")
    # The title bar paints before the panes: wait for all of it, not the first sign.
    wait_for(narrow_session, "outlets 1–2 of 5", "CNN", "Aggregator", "Next shared", absent=("Beirut",))
    keys(narrow_session, "]", "Tab", "Tab", "Tab")
    # Beirut is focused: Wash. pol. and Beirut show, Beirut at its version of the quotation, and Wash. pol.,
    # which lacks it, says so.
    screen = wait_for(narrow_session, "outlets 3–4 of 5", "in this outlet", "unintentional loss", "Wash. pol.",
                      "Beirut")
    # CNN's pane is out of view (its headline is not shown), though every header names CNN as the base.
    assert "Coalition hits Syrian troops" not in screen
    keys(narrow_session, "q")
