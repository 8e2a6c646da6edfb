"""Re-opening the sample story in the reader, in a real terminal: from the cache, and with --no-cache.

Run: python benchmarks/bench_reopen.py [--runs 7]   (needs tmux)
Each launch is timed as benchmarks/bench_reader.py times it: wall time from starting `parallax` until the
compare screen shows, and the CPU time the reader process spent until then. The two kinds of launch
alternate, over a cache folder of the benchmark's own that one launch filled beforehand.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_reader import SAMPLE_MARK, SAMPLE_OUTLETS, Terminal  # noqa: E402


def launch(extra: list[str], workdir: Path) -> tuple[float, float]:
    terminal = Terminal(None, [*extra, "--outlets", ",".join(SAMPLE_OUTLETS)], workdir, cache=workdir / "cache")
    try:
        return terminal.wait_for(SAMPLE_MARK, 30)
    finally:
        terminal.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("this benchmark needs tmux")
    workdir = Path(tempfile.mkdtemp(prefix="parallax-reopen-"))
    launch([], workdir)  # fills the cache
    results: dict[str, list[tuple[float, float]]] = {"from the cache": [], "--no-cache": []}
    for _ in range(args.runs):
        results["from the cache"].append(launch([], workdir))
        results["--no-cache"].append(launch(["--no-cache"], workdir))
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, tmux 160x45, {args.runs} launches each\n")
    print("| launch of the sample story until the compare screen shows | wall median / max (ms) | CPU median / max (ms) |")
    print("| --- | --- | --- |")
    for name, values in results.items():
        walls, cpus = [v[0] * 1000 for v in values], [v[1] * 1000 for v in values]
        print(f"| {name} | {statistics.median(walls):.0f} / {max(walls):.0f} | {statistics.median(cpus):.0f} / {max(cpus):.0f} |")


if __name__ == "__main__":
    main()
