"""Time the comparison engine side by side: the sample story, 50 and 200 synthetic articles, and two baselines.

Run: python benchmarks/bench_align.py   (the cdist baselines and the floor need NumPy, a dependency); the figures
go into benchmarks/RESULTS.md. `--command [--runs N] [--baseline DIR]` measures only `parallax align` on the sample
story beside the floor, and the same for another checkout (say, `git worktree add DIR main`) in the same runs.
Each measurement runs in its own process so that peak memory (max RSS) belongs to that measurement alone.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_engine(count: int) -> dict:
    """Segment and align `count` synthetic articles (0 = the sample story)."""
    from tui.align import align

    started = time.perf_counter()
    if count:
        from benchmarks.synthetic import synthetic_articles

        articles = synthetic_articles(count)
    else:
        from tests.sample import sample_articles

        articles = list(sample_articles())
    built, cpu = time.perf_counter(), _own_cpu()
    alignment = align(articles)
    done = time.perf_counter()
    return {
        "articles": len(articles), "sentences": sum(len(a.sentences) for a in articles),
        "segment_s": built - started, "align_s": done - built, "align_cpu_s": _own_cpu() - cpu,
        "groups": len(alignment.groups), "peak_mb": _peak_mb(),
    }


def _own_cpu() -> float:
    """CPU time (user + system) of this process and its threads (cdist's workers included)."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def measure_large(megabytes: int) -> dict:
    """One article of `megabytes` MB (the Beirut sample repeated) aligned with the five sample articles."""
    from tests.sample import sample_articles, sample_files
    from tui.align import align
    from tui.model import Outlet
    from tui.text import build_article

    body = sample_files()[3].read_text(encoding="utf-8").split("\n", 1)[1]
    raw = "A very long article\n\n" + (body + "\n\n") * (megabytes * 1_000_000 // len(body))
    started = time.perf_counter()
    big = build_article("big", "big.txt", Outlet("big", "Big"), raw)
    built = time.perf_counter()
    alignment = align([big, *sample_articles()])
    return {"megabytes": len(raw) / 1e6, "sentences": len(big.sentences), "segment_s": built - started,
            "align_s": time.perf_counter() - built, "groups": len(alignment.groups), "peak_mb": _peak_mb()}


def measure_cdist(count: int) -> dict:
    """Score every sentence pair once with rapidfuzz's cdist, word-level, on both cores."""
    import numpy as np
    from rapidfuzz import fuzz, process

    from benchmarks.synthetic import synthetic_articles
    from tui.tokens import Vocabulary, normalise

    articles = synthetic_articles(count)
    vocabulary = Vocabulary()
    codes = [vocabulary.encode(normalise(a.text[s.start : s.end])) for a in articles for s in a.sentences]
    started, cpu = time.perf_counter(), _own_cpu()
    process.cdist(codes, codes, scorer=fuzz.ratio, dtype=np.uint8, workers=-1)
    return {"sentences": len(codes), "pairs": len(codes) ** 2, "cdist_s": time.perf_counter() - started,
            "cdist_cpu_s": _own_cpu() - cpu, "peak_mb": _peak_mb()}


def measure_difflib() -> dict:
    """The naive baseline: difflib's ratio over every cross-article sentence pair of the sample story."""
    from difflib import SequenceMatcher

    from tests.sample import sample_articles

    units = [(i, a.text[s.start : s.end]) for i, a in enumerate(sample_articles()) for s in a.sentences if s.aligned]
    started = time.perf_counter()
    pairs = 0
    for x, (article_a, a) in enumerate(units):
        for article_b, b in units[x + 1 :]:
            if article_a != article_b:
                SequenceMatcher(None, a, b).ratio()
                pairs += 1
    return {"pairs": pairs, "difflib_s": time.perf_counter() - started}


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _timed(command: list[str], env: dict, cwd: Path = ROOT) -> tuple[float, float]:
    """Wall and CPU time (user + system) of one process, start to exit."""
    wall, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - wall, _children_cpu() - cpu


def _commands(root: Path, prefix: str = "") -> dict[str, tuple[list[str], Path]]:
    """The command from a filled cache, with --no-cache, and the floor, of the checkout at `root`."""
    align = [sys.executable, "-m", "tui", "align", "--format", "json"]
    floor = [sys.executable, str(root / "benchmarks" / "bench_align.py"), "--floor"]
    return {f"{prefix}cached": (align, root), f"{prefix}no_cache": ([*align, "--no-cache"], root),
            f"{prefix}floor": (floor, root)}


def measure_command(runs: int = 10, baseline: Path | None = None) -> dict:
    """The whole `parallax align` process on the sample story (from a filled cache, and with --no-cache),
    beside the brute-force floor, interleaved run by run so that the machine's load falls on all three alike;
    with a baseline checkout, its three as well, in the same runs."""
    import tempfile

    commands = _commands(ROOT) | (_commands(baseline, "baseline_") if baseline else {})
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PARALLAX_CACHE_DIR": cache}
        # The first run of each fills the cache and writes the modules' bytecode, as installing does; timed
        # runs then start as an installed copy starts, even where PYTHONDONTWRITEBYTECODE is set.
        warm = {key: value for key, value in env.items() if key != "PYTHONDONTWRITEBYTECODE"}
        for command, cwd in commands.values():
            _timed(command, warm, cwd)
        for _ in range(runs):
            for name, (command, cwd) in commands.items():
                times[name].append(_timed(command, env, cwd))
    result: dict = {"runs": runs, "load": (load, os.getloadavg()[0])}
    for name, pairs in times.items():
        result[f"{name}_s"] = statistics.median(wall for wall, _ in pairs)
        result[f"{name}_cpu_s"] = statistics.median(cpu for _, cpu in pairs)
    result["median_s"] = result["cached_s"]
    return result


def floor() -> None:
    """The brute-force floor: read the sample story, split it into sentences, and score every sentence pair
    once with rapidfuzz's cdist over words (what any comparison of the story must at least do)."""
    from rapidfuzz import fuzz, process

    from tui.model import Outlet
    from tui.text import build_article
    from tui.tokens import Vocabulary, normalise

    folder = ROOT / "tui" / "data" / "sample"
    articles = [build_article(p.stem, str(p), Outlet(p.stem, p.stem), p.read_text(encoding="utf-8"))
                for p in sorted(folder.glob("0*.txt"))]
    vocabulary = Vocabulary()
    codes = [vocabulary.encode(normalise(a.text[s.start : s.end])) for a in articles for s in a.sentences]
    process.cdist(codes, codes, scorer=fuzz.ratio, workers=-1)


def _in_child(kind: str, arg: int = 0) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", kind, str(arg)], cwd=ROOT, check=True,
                            capture_output=True, text=True)
    return json.loads(result.stdout)


def run_all() -> dict:
    return {
        "command": _in_child("command"),
        "sample": _in_child("engine", 0),
        "synthetic_50": _in_child("engine", 50),
        "synthetic_100": _in_child("engine", 100),
        "synthetic_200": _in_child("engine", 200),
        "large_5mb": _in_child("large", 5),
        "cdist_200": _in_child("cdist", 200),
        "difflib_sample": _in_child("difflib"),
    }


def report(r: dict) -> str:
    s50, s100, s200, cd, big = r["synthetic_50"], r["synthetic_100"], r["synthetic_200"], r["cdist_200"], r["large_5mb"]
    rows = [
        ("`parallax align --format json`, sample story (whole process, median of 10)", f"{r['command']['median_s']:.3f} s", "< 0.5 s"),
        *_floor_rows(r["command"]),
        ("sample story: segment / align (5 articles)", f"{r['sample']['segment_s']:.3f} s / {r['sample']['align_s']:.3f} s", ""),
        (f"50 synthetic articles ({s50['sentences']} sentences): segment / align (align CPU)",
         f"{s50['segment_s']:.2f} s / {s50['align_s']:.2f} s ({s50['align_cpu_s']:.2f} s)", ""),
        (f"100 synthetic articles ({s100['sentences']} sentences): segment / align (align CPU)",
         f"{s100['segment_s']:.2f} s / {s100['align_s']:.2f} s ({s100['align_cpu_s']:.2f} s)", ""),
        (f"200 synthetic articles ({s200['sentences']} sentences): segment / align (align CPU)",
         f"{s200['segment_s']:.2f} s / {s200['align_s']:.2f} s ({s200['align_cpu_s']:.2f} s)",
         f"< cdist ({cd['cdist_s']:.2f} s wall, {cd['cdist_cpu_s']:.2f} s CPU)"),
        ("200 synthetic articles: peak memory (max RSS, whole process)", f"{s200['peak_mb']:.0f} MB", "< 500 MB"),
        (f"one {big['megabytes']:.1f} MB article ({big['sentences']:,} sentences) + the sample: segment / align, peak",
         f"{big['segment_s']:.2f} s / {big['align_s']:.2f} s, {big['peak_mb']:.0f} MB", "runs in a worker"),
        (f"baseline: rapidfuzz cdist over all {cd['pairs']:,} sentence pairs (uint8, 2 workers)",
         f"{cd['cdist_s']:.2f} s, {cd['peak_mb']:.0f} MB", ""),
        (f"baseline: difflib over all {r['difflib_sample']['pairs']:,} cross-article pairs of the sample",
         f"{r['difflib_sample']['difflib_s']:.2f} s", ""),
    ]
    lines = [f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}", "",
             "| measurement | result | goal |", "| --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def _floor_rows(c: dict) -> list[tuple[str, str, str]]:
    """The command beside the brute-force floor, wall and CPU, and their ratio."""
    floor_wall, floor_cpu = c["floor_s"], c["floor_cpu_s"]
    rows = [("brute-force floor: read, split, cdist over every sentence pair of the sample (whole process)",
             f"{floor_wall:.3f} s wall, {floor_cpu:.3f} s CPU", "")]
    for name, label in (("cached", "from the cache"), ("no_cache", "`--no-cache`")):
        wall, cpu = c[f"{name}_s"], c[f"{name}_cpu_s"]
        rows.append((f"`parallax align` {label} / floor (wall; CPU)", f"{wall / floor_wall:.2f}; {cpu / floor_cpu:.2f}",
                     "<= 1.2"))
    return rows


def command_report(c: dict) -> str:
    """The command beside the floor, for this checkout and the baseline measured in the same runs."""
    lines = [f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}, median of {c['runs']} "
             f"interleaved runs, load average {c['load'][0]:.1f} before and {c['load'][1]:.1f} after", "",
             "| checkout | floor: wall / CPU | `--no-cache`: wall / CPU (CPU / floor) "
             "| from the cache: wall / CPU (CPU / floor) |", "| --- | --- | --- | --- |"]
    for name, prefix in (("baseline", "baseline_"), ("this one", "")):
        if f"{prefix}floor_s" not in c:
            continue
        floor_cpu = c[f"{prefix}floor_cpu_s"]
        cells = [f"{c[f'{prefix}floor_s']:.3f} s / {floor_cpu:.3f} s"]
        for kind in ("no_cache", "cached"):
            cpu = c[f"{prefix}{kind}_cpu_s"]
            cells.append(f"{c[f'{prefix}{kind}_s']:.3f} s / {cpu:.3f} s ({cpu / floor_cpu:.2f})")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=2, metavar=("KIND", "ARG"), help=argparse.SUPPRESS)
    parser.add_argument("--floor", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--command", action="store_true",
                        help="measure only `parallax align` on the sample story beside the floor")
    parser.add_argument("--runs", type=int, default=10, help="runs of each command with --command (default 10)")
    parser.add_argument("--baseline", type=Path, metavar="DIR",
                        help="with --command, also another checkout (say, the main branch), in the same runs")
    args = parser.parse_args()
    if args.floor:
        floor()
        return
    if args.command:
        print(command_report(measure_command(args.runs, args.baseline.resolve() if args.baseline else None)))
        return
    if args.child:
        kind, arg = args.child[0], int(args.child[1])
        jobs = {"engine": lambda: measure_engine(arg), "cdist": lambda: measure_cdist(arg), "large": lambda: measure_large(arg),
                "difflib": measure_difflib, "command": measure_command}
        print(json.dumps(jobs[kind]()))
        return
    print(report(run_all()))


if __name__ == "__main__":
    main()
