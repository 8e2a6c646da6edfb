"""Time the reader on the sample story: launch to the first painted compare screen, and a jump key.

Two ways: headless (Textual's run_test, which adds its own cost to every key press) and, where tmux is
installed, in a real terminal: the `parallax` command in tmux, from key press until the screen has
changed and stopped changing, as a person sees it.

Run: python benchmarks/bench_reader.py [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

from tui.app.app import ParallaxApp
from tui.app.compare import CompareScreen
from tui.sources import load_catalog, sample_sources_path

OUTLETS = ["cnn-local", "aggregator", "dc-politics", "beirut-wire", "defence-mag"]
JUMP_KEYS = ["n", "n", "n", "]", "]", "N", "[", "n", "n", "n"]


async def press_times(pilot, keys: list[str]) -> list[float]:
    """Seconds from each key press until the app has handled it and repainted."""
    times = []
    for key in keys:
        began = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        times.append(time.perf_counter() - began)
    return times


async def one_run(size: tuple[int, int]) -> tuple[float, list[float], list[float]]:
    """Launch time, each jump's delay, and the delay of an unbound key (the test harness's own cost)."""
    started = time.perf_counter()
    catalog = load_catalog(sample_sources_path())
    app = ParallaxApp(list(catalog.stories), catalog.outlets, outlet_ids=OUTLETS)
    async with app.run_test(size=size) as pilot:
        while not (isinstance(app.screen, CompareScreen) and app.screen.is_mounted):
            await asyncio.sleep(0.002)
        await pilot.pause()  # the first refresh after mounting paints the panes
        launch = time.perf_counter() - started
        idle = await press_times(pilot, ["x"] * 5)
        jumps = await press_times(pilot, JUMP_KEYS)
    return launch, jumps, idle


def _tmux(session: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """tmux on a server of each run's own (named after the session): no user config, and no race with the
    previous run's server shutting down."""
    return subprocess.run(["tmux", "-L", session, "-f", "/dev/null", *args], capture_output=True, text=True, check=check)


def _capture(session: str) -> str:
    return _tmux(session, "capture-pane", "-p", "-t", session).stdout


def _until_still(session: str, before: str, began: float, limit: float = 2.0) -> float:
    """Seconds from `began` until the screen differs from `before` and then holds still for 60 ms."""
    changed_at = None
    last = before
    while time.perf_counter() - began < limit:
        now = _capture(session)
        if now != last:
            last, changed_at = now, time.perf_counter()
        elif changed_at is not None and time.perf_counter() - changed_at > 0.06:
            return changed_at - began
    return limit


def terminal_run(keys: list[str]) -> tuple[float, list[float]]:
    """Launch `parallax` in tmux at 160x45; the launch time and each key's delay to a settled screen."""
    session = f"parallax-bench-{uuid.uuid4().hex[:8]}"
    command = (f"PARALLAX_CONFIG_DIR={tempfile.mkdtemp()} {sys.executable} -m tui --outlets {','.join(OUTLETS)}")
    began = time.perf_counter()
    _tmux(session, "new-session", "-d", "-s", session, "-x", "160", "-y", "45", command)
    try:
        while "Next shared" not in _capture(session):
            time.sleep(0.003)
        launch = time.perf_counter() - began
        time.sleep(1.0)
        delays = []
        for key in keys:
            before, pressed = _capture(session), time.perf_counter()
            _tmux(session, "send-keys", "-t", session, key)
            delays.append(_until_still(session, before, pressed))
            time.sleep(0.15)
        return launch, delays
    finally:
        _tmux(session, "kill-server", check=False)


def report_terminal(runs: int) -> None:
    launches, delays = [], []
    for _ in range(runs):
        launch, delay = terminal_run(JUMP_KEYS)
        launches.append(launch)
        delays += delay
    print(f"real terminal (tmux 160x45), {runs} runs; includes starting Python and tmux's own key and capture costs")
    print(f"launch to first painted compare screen: median {statistics.median(launches) * 1000:.0f} ms, "
          f"worst {max(launches) * 1000:.0f} ms")
    print(f"jump key (n ] N [) to a settled screen: median {statistics.median(delays) * 1000:.0f} ms, "
          f"90th percentile {statistics.quantiles(delays, n=10)[-1] * 1000:.0f} ms over {len(delays)} presses")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ["PARALLAX_CONFIG_DIR"] = tempfile.mkdtemp(prefix="parallax-bench-")
    launches, jumps, idles = [], [], []
    for _ in range(args.runs):
        launch, jump, idle = asyncio.run(one_run((160, 45)))
        launches.append(launch)
        jumps += jump
        idles += idle
    print(f"sample story, 5 outlets, 160x45, {args.runs} runs (headless run_test; includes reading and aligning)")
    print(f"launch to first painted compare screen: median {statistics.median(launches) * 1000:.0f} ms, "
          f"worst {max(launches) * 1000:.0f} ms")
    print(f"jump key (n ] N [) to repaint: median {statistics.median(jumps) * 1000:.1f} ms, "
          f"worst {max(jumps) * 1000:.1f} ms over {len(jumps)} presses")
    baseline = statistics.median(idles)
    print(f"unbound key (harness cost of press + pause): median {baseline * 1000:.1f} ms; "
          f"jump cost above it: median {(statistics.median(jumps) - baseline) * 1000:.1f} ms")
    print()
    if shutil.which("tmux"):
        report_terminal(args.runs)
    else:
        print("tmux is not installed: the real-terminal measurement was skipped")


if __name__ == "__main__":
    main()
