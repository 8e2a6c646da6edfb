"""Time the reader headless on the sample story: launch to the first painted compare screen, and a jump key.

Run: python benchmarks/bench_reader.py [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time

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


if __name__ == "__main__":
    main()
