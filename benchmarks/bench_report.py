"""How long the report takes beside the JSON output it is read from, on the sample and on synthetic stories.

Run: python benchmarks/bench_report.py [--runs N]. Each figure is the median of N runs, wall and CPU time; the
alignment is made once per story and not timed. The baseline is writing the JSON document (`parallax align
--format json` does the same), in the same run. Then the commands end to end on the sample story.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import synthetic_articles  # noqa: E402
from tui.align import AlignSettings, align  # noqa: E402
from tui.render_json import write_json  # noqa: E402
from tui.report.make import make_report, write_report  # noqa: E402


def timed(work, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of `runs` calls."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def sample_alignment():
    from tui.pipeline import compare, load_articles
    from tui.sources import load_catalog, sample_sources_path

    catalog = load_catalog(sample_sources_path())
    return compare(load_articles(catalog.stories[0], catalog.outlets), AlignSettings())


def in_process(label: str, alignment, runs: int) -> None:
    story = {"id": "s", "title": label, "date": ""}

    def report(fmt: str):
        def work():
            made = make_report(alignment, story=story, settings={}, options=None, notes=[], generated="")
            write_report(made, fmt, io.StringIO(), {})
        return work

    baseline = timed(lambda: write_json(alignment, io.StringIO(), story=story), runs)
    html, markdown = timed(report("html"), runs), timed(report("markdown"), runs)
    size = io.StringIO()
    write_report(make_report(alignment, story=story, settings={}, options=None, notes=[], generated=""), "html", size, {})
    print(f"| {label} | {len(alignment.groups)} | {baseline[0]:.3f} s / {baseline[1]:.3f} s | "
          f"{html[0]:.3f} s / {html[1]:.3f} s | {markdown[0]:.3f} s / {markdown[1]:.3f} s | "
          f"{len(size.getvalue()) / 1e6:.2f} MB |")


def command(args: list[str], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds (the child's user and system time) of `parallax ARGS`."""
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "PARALLAX_DATA_DIR": data}
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            wall = time.perf_counter()
            subprocess.run([sys.executable, "-m", "tui", *args], cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            walls.append(time.perf_counter() - wall)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, median of {runs} runs (wall / CPU)\n")
    print("| story | groups | JSON document (baseline) | HTML report | Markdown report | HTML size |")
    print("| --- | --- | --- | --- | --- | --- |")
    in_process("sample, 5 articles", sample_alignment(), runs)
    for count in (20, 50):
        in_process(f"synthetic, {count} articles of 60 sentences", align(synthetic_articles(count), AlignSettings()), runs)
    print("\n| command, sample story | wall / CPU |\n| --- | --- |")
    for args in (["align", "--format", "json"], ["report", "--format", "markdown"], ["report"]):
        wall, cpu = command(args, runs)
        print(f"| `parallax {' '.join(args)}` | {wall:.2f} s / {cpu:.2f} s |")


if __name__ == "__main__":
    main()
