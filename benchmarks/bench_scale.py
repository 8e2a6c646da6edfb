"""How the engine's cost grows with the number of articles: wall and CPU time, peak memory, candidates, links, recall.

Run: python benchmarks/bench_scale.py [--sizes 50,200,1000] [--workloads realistic,pool] [--runs 3]
                                      [--exhaustive 50] [--timeout 900]
Workloads: `realistic` (benchmarks/scale_corpus.py: stories of 3 to 12 outlets, reuse recorded) and `pool`
(benchmarks/synthetic.py: every article retells sentences of one small shared pool, the worst case).
Each measurement runs in its own process, so peak memory (max RSS) is that run's own; a run that passes
--timeout is stopped and reported as such. Recall is counted over pairs of sentences of two articles put in
one group: against the planted reuse (realistic workload), and against the engine with every cross-article
pair of units scored (`--exhaustive` sizes only: it costs the square of the units).
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


def _cpu_s() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_mb() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return max(own.ru_maxrss, children.ru_maxrss) / 1024


def _articles(workload: str, size: int):
    if workload == "realistic":
        from benchmarks.scale_corpus import scale_corpus

        corpus = scale_corpus(size)
        return corpus.articles, corpus
    from benchmarks.synthetic import synthetic_articles

    return synthetic_articles(size), None


def _count_calls(counts: dict) -> None:
    """Count candidate pairs and scored links by wrapping the engine's own functions, in counters that the
    copies the engine forks share (they find some of the pairs)."""
    import tui.align
    import tui.phrases

    original_candidates, original_groups = tui.align.candidates, tui.align.build_groups

    def add(name: str, count: int) -> None:
        with counts[name].get_lock():
            counts[name].value += count

    def counted_candidates(units, **options):
        pairs = original_candidates(units, **options)
        add("candidates", len(pairs))
        return pairs

    def counted_groups(units, links, *args, **options):
        add("links", len(links))
        return original_groups(units, links, *args, **options)

    tui.align.candidates = tui.phrases.candidates = counted_candidates
    tui.align.build_groups = counted_groups


def _every_pair(units, **_options):
    """Every pair of units from two different articles (the exhaustive reference)."""
    by_article = [u.article for u in units]
    return ((i, j) for i in range(len(units)) for j in range(i + 1, len(units)) if by_article[i] != by_article[j])


def _grouped_pairs(alignment) -> set[tuple[int, int, int, int]]:
    pairs = set()
    for group in alignment.groups:
        spans = [(m.article, s) for m in group.members for s in m.spans]
        for a, s in spans:
            pairs.update((a, s, b, t) for b, t in spans if a < b)
    return pairs


def measure(workload: str, size: int, exhaustive: bool) -> dict:
    """Build the articles, align them, and count what was found."""
    import tui.align
    import tui.phrases

    import multiprocessing

    counts = {name: multiprocessing.Value("q", 0) for name in ("candidates", "links")}  # in shared memory
    if exhaustive:
        tui.align.candidates = tui.phrases.candidates = _every_pair
    else:
        _count_calls(counts)
    wall, cpu = time.perf_counter(), _cpu_s()
    articles, corpus = _articles(workload, size)
    built_wall, built_cpu = time.perf_counter(), _cpu_s()
    alignment = tui.align.align(articles)
    done_wall, done_cpu = time.perf_counter(), _cpu_s()
    found = _grouped_pairs(alignment)
    result = {"articles": len(articles), "sentences": sum(len(a.sentences) for a in articles),
              "segment_wall": built_wall - wall, "segment_cpu": built_cpu - cpu,
              "align_wall": done_wall - built_wall, "align_cpu": done_cpu - built_cpu, "peak_mb": _peak_mb(),
              "groups": len(alignment.groups), "grouped_pairs": len(found),
              **{name: counter.value for name, counter in counts.items()}}
    if corpus is not None:
        planted = corpus.planted_pairs()
        result["planted"] = len(planted)
        result["planted_found"] = len(planted & found)
    result["found"] = sorted(found) if size <= _COMPARED_UP_TO else []
    return result


_COMPARED_UP_TO = 200  # articles: up to this size a run reports the pairs it grouped, for recall vs every pair


def _child(workload: str, size: int, exhaustive: bool, timeout: float) -> dict:
    command = [sys.executable, __file__, "--child", workload, str(size), "1" if exhaustive else "0"]
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    return json.loads(done.stdout)


def _median_run(runs: list[dict]) -> dict:
    """The run with the median align wall time, with the median of each time beside it."""
    good = [r for r in runs if "align_wall" in r]
    if not good:
        return runs[0]
    result = dict(sorted(good, key=lambda r: r["align_wall"])[len(good) // 2])
    for key in ("segment_wall", "segment_cpu", "align_wall", "align_cpu", "peak_mb"):
        result[key] = statistics.median(r[key] for r in good)
    result["runs"] = len(good)
    return result


def _row(workload: str, size: int, r: dict, reference: dict | None) -> str:
    if "timeout" in r:
        return f"| {workload} | {size:,} | stopped after {r['timeout']:.0f} s | | | | | | |"
    if "error" in r:
        return f"| {workload} | {size:,} | failed: {r['error'][:60]} | | | | | | |"
    planted = f"{r['planted_found'] / r['planted']:.3f}" if r.get("planted") else "-"
    versus = "-"
    if reference and "found" in reference and reference["found"]:
        exhaustive = {tuple(p) for p in reference["found"]}
        found = {tuple(p) for p in r["found"]}
        versus = f"{len(found & exhaustive) / len(exhaustive):.3f}"
        if reference.get("planted"):
            versus += f" (planted {reference['planted_found'] / reference['planted']:.3f})"
    return (f"| {workload} | {r['articles']:,} ({r['sentences']:,} sent.) | {r['segment_wall']:.1f} / {r['segment_cpu']:.1f} "
            f"| {r['align_wall']:.1f} / {r['align_cpu']:.1f} | {r['peak_mb']:.0f} | {r['candidates']:,} | {r['links']:,} "
            f"| {planted} | {versus} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200,1000,2000,5000,10000")
    parser.add_argument("--workloads", default="realistic,pool")
    parser.add_argument("--runs", type=int, default=3, help="runs per size up to 1,000 articles (one above)")
    parser.add_argument("--exhaustive", default="50", help="sizes also aligned with every pair scored")
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[0], int(args.child[1]), args.child[2] == "1")))
        return
    exhaustive_sizes = {int(s) for s in args.exhaustive.split(",") if s}
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}\n")
    print("| workload | articles | build wall / CPU (s) | align wall / CPU (s) | peak MB | candidate pairs | links "
          "| recall, planted | recall vs every pair scored |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for workload in args.workloads.split(","):
        for size in (int(s) for s in args.sizes.split(",")):
            reference = _child(workload, size, True, args.timeout) if size in exhaustive_sizes else None
            runs = [_child(workload, size, False, args.timeout) for _ in range(args.runs if size <= 1000 else 1)]
            print(_row(workload, size, _median_run(runs), reference), flush=True)
            if any("timeout" in r for r in runs):
                break  # larger sizes would only take longer


if __name__ == "__main__":
    main()
