"""Time the command line on large and plain input: `--help`, `align` on the sample, a 20 MB article, a 40 MB stories file.

Run: python benchmarks/bench_input.py [--repo CHECKOUT] [--runs N]
`--repo` measures another checkout of Parallax with this Python (for a before/after comparison); the figures go
into benchmarks/RESULTS.md. Every measurement is a fresh process: wall time, CPU time (user + system) and peak
memory (max RSS) are that process's own; times are medians of several runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tui" / "data" / "sample"


def run_once(command: list[str], cwd: Path) -> dict:
    """One run of command in a child process: wall and CPU seconds, and the child's peak memory in MB."""
    wrapper = ("import json, resource, subprocess, sys, time; t = time.perf_counter(); "
               "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
               "wall = time.perf_counter() - t; u = resource.getrusage(resource.RUSAGE_CHILDREN); "
               "print(json.dumps({'code': code, 'wall': wall, 'cpu': u.ru_utime + u.ru_stime, 'peak': u.ru_maxrss / 1024}))")
    result = subprocess.run([sys.executable, "-c", wrapper, *command], cwd=cwd, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def median_of(command: list[str], cwd: Path, runs: int) -> dict:
    found = [run_once(command, cwd) for _ in range(runs)]
    return {key: statistics.median(r[key] for r in found) for key in ("wall", "cpu", "peak")} | {"code": found[0]["code"]}


def big_article(folder: Path, megabytes: float = 19.9) -> Path:
    """An article just under the 20 MB file limit: a sample article's body repeated."""
    body = sorted(SAMPLE.glob("0*.txt"))[3].read_text(encoding="utf-8").split("\n", 1)[1]
    copies = int(megabytes * 1_000_000 // len(body.encode("utf-8")))
    path = folder / "big.txt"
    path.write_text("A very long article\n\n" + (body + "\n\n") * copies, encoding="utf-8")
    return path


def big_sources(folder: Path, stories: int = 28_400) -> Path:
    """A stories file of about 40 MB: many stories of five articles each, every outlet defined."""
    lines = ["outlets:"]
    for number in range(500):
        lines += [f"  outlet-{number}:", f"    name: Outlet number {number} of the big benchmark file",
                  f"    label: O{number}", f"    homepage: https://outlet{number}.example.org/"]
    lines.append("stories:")
    for story in range(stories):
        lines += [f"  - id: story-{story}", f"    title: A long enough title for story {story} of the benchmark",
                  '    date: "2016-09-17"', "    articles:"]
        for article in range(5):
            lines += [f"      - outlet: outlet-{(story + article) % 500}",
                      f"        url: https://outlet{article}.example.org/news/2016/09/17/story-{story}-{article}.html",
                      f"        title: The headline of article {article} of story {story}, as the outlet printed it",
                      '        published: "2016-09-17"', "        author: A. Reporter and B. Writer"]
    path = folder / "sources.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def measure(repo: Path, runs: int) -> dict:
    python = sys.executable
    results = {
        "python_start": median_of([python, "-c", "pass"], repo, runs * 2),
        "help": median_of([python, "-m", "tui", "--help"], repo, runs * 2),
        "align_help": median_of([python, "-m", "tui", "align", "--help"], repo, runs * 2),
        "sample_json": median_of([python, "-m", "tui", "align", "--format", "json"], repo, runs),
        "sample_text": median_of([python, "-m", "tui", "align"], repo, runs),
    }
    with tempfile.TemporaryDirectory() as folder:
        article, other = big_article(Path(folder)), sorted(SAMPLE.glob("0*.txt"))[0]
        for fmt in ("text", "json"):
            command = [python, "-m", "tui", "align", "--format", fmt, str(article), str(other)]
            results[f"big_{fmt}"] = median_of(command, repo, max(1, runs // 3))
        results["big_mb"] = article.stat().st_size / 1e6
        sources = big_sources(Path(folder))
        results["sources_mb"] = sources.stat().st_size / 1e6
        load = ["-c", f"import sys; sys.path.insert(0, '.'); from tui.sources import load_catalog; load_catalog({str(sources)!r})"]
        results["sources_load"] = median_of([python, *load], repo, max(1, runs // 3))
        for loader in ("SafeLoader", "CSafeLoader"):
            compose = ["-c", f"import yaml; yaml.compose(open({str(sources)!r}).read(), Loader=yaml.{loader})"]
            results[f"compose_{loader}"] = median_of([python, *compose], repo, 1)
    return results


def report(r: dict, runs: int) -> str:
    def row(name: str, key: str) -> str:
        m = r[key]
        return f"| {name} | {m['wall']:.3f} s | {m['cpu']:.3f} s | {m['peak']:.0f} MB |"

    lines = [f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}, median of {runs} to "
             f"{runs * 2} runs (large input: {max(1, runs // 3)})", "",
             "| measurement | wall | CPU | peak memory |", "| --- | --- | --- | --- |",
             row("baseline: `python -c pass`", "python_start"), row("`parallax --help`", "help"),
             row("`parallax align --help`", "align_help"), row("`parallax align --format json`, sample story", "sample_json"),
             row("`parallax align` (text), sample story", "sample_text"),
             row(f"`parallax align` (text), a {r['big_mb']:.1f} MB article and one sample article", "big_text"),
             row("`parallax align --format json`, the same", "big_json"),
             row(f"reading and checking a {r['sources_mb']:.0f} MB `sources.yaml`", "sources_load"),
             row("baseline: composing it with PyYAML's Python loader", "compose_SafeLoader"),
             row("baseline: composing it with PyYAML's C loader (libyaml)", "compose_CSafeLoader")]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=ROOT, help="checkout to measure (default: this one)")
    parser.add_argument("--runs", type=int, default=9, help="runs per measurement (default 9)")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    args = parser.parse_args()
    results = measure(args.repo.resolve(), args.runs)
    print(json.dumps(results, indent=1) if args.json else report(results, args.runs))


if __name__ == "__main__":
    main()
