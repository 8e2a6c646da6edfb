"""Re-opening the sample story in the reader, in a real terminal: from the cache, and with --no-cache.

Run: python benchmarks/bench_reopen.py [--runs 7] [--baseline REF]   (needs tmux)
Each launch is timed as benchmarks/bench_reader.py times it: wall time from starting `parallax` until the
compare screen shows, and the CPU time the reader process spent until then. The two kinds of launch
alternate, over a cache folder of the benchmark's own that one launch filled beforehand. With --baseline,
the code of a git ref is measured too, alternating with the working tree, each over a cache of its own (the
cache serves only the program that filled it).
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

from benchmarks.bench_reader import SAMPLE_MARK, SAMPLE_OUTLETS, Terminal, baseline_tree, prepare_bytecode  # noqa: E402


def launch(tree: Path | None, extra: list[str], workdir: Path, cache: Path) -> tuple[float, float]:
    terminal = Terminal(tree, [*extra, "--outlets", ",".join(SAMPLE_OUTLETS)], workdir, cache=cache)
    try:
        return terminal.wait_for(SAMPLE_MARK, 30)
    finally:
        terminal.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--baseline", metavar="REF", help="also measure the code at this git ref, alternating")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("this benchmark needs tmux")
    workdir = Path(tempfile.mkdtemp(prefix="parallax-reopen-"))
    trees: dict[str, Path | None] = {"now": None}
    if args.baseline:
        trees = {f"before ({args.baseline})": baseline_tree(args.baseline), "now": None}
    results: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for number, (label, tree) in enumerate(trees.items()):
        prepare_bytecode(tree, True)
        launch(tree, [], workdir, workdir / f"cache-{number}")  # fills the cache
    for _ in range(args.runs):
        for number, (label, tree) in enumerate(trees.items()):
            cache = workdir / f"cache-{number}"
            results.setdefault((label, "from the cache"), []).append(launch(tree, [], workdir, cache))
            results.setdefault((label, "--no-cache"), []).append(launch(tree, ["--no-cache"], workdir, cache))
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, tmux 160x45, {args.runs} launches each\n")
    print("| launch of the sample story until the compare screen shows | code | wall median / max (ms) | CPU median / max (ms) |")
    print("| --- | --- | --- | --- |")
    for kind in ("from the cache", "--no-cache"):
        for label in trees:
            values = results[(label, kind)]
            walls, cpus = [v[0] * 1000 for v in values], [v[1] * 1000 for v in values]
            print(f"| {kind} | {label} | {statistics.median(walls):.0f} / {max(walls):.0f} | "
                  f"{statistics.median(cpus):.0f} / {max(cpus):.0f} |")


if __name__ == "__main__":
    main()
