"""Story finding measured: grouping quality on the development corpus, and 1,000 feed items against the clock.

Run: python benchmarks/bench_stories.py   (the corpus rows need the development corpus, found as
benchmarks/corpus.py says, and are skipped without it; the baselines need the `bench` extra).
Quality is same-story pair precision and recall against the folder each article came from. Each timing is
the median of several runs, wall time beside CPU time (all threads of the process).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import corpus_dir  # noqa: E402


def pair_scores(groups: list[list[str]], truth: dict[str, str]) -> tuple[float, float]:
    """Precision and recall of same-story pairs; `groups` hold sources, `truth` maps a source to its story."""
    predicted = {frozenset(p) for g in groups for p in combinations(g, 2)}
    by_story: dict[str, list[str]] = {}
    for source, story in truth.items():
        by_story.setdefault(story, []).append(source)
    actual = {frozenset(p) for members in by_story.values() for p in combinations(members, 2)}
    hits = len(predicted & actual)
    return hits / max(1, len(predicted)), hits / max(1, len(actual))


def timed(work, runs: int) -> tuple[object, float, float]:
    """The last result, and the median wall and CPU seconds over `runs` runs."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return result, statistics.median(walls), statistics.median(cpus)


# --- the development corpus -------------------------------------------------------------------------------


def corpus_files(keep=lambda story, outlet: True) -> dict[str, str]:
    """Article file -> story folder, for every article of the corpus that `keep` accepts."""
    root = corpus_dir()
    files = {}
    for folder in sorted((root / "basil-dev").iterdir()):
        for path in sorted(folder.glob("*.txt")):
            if keep(folder.name, path.stem):
                files[str(path)] = folder.name
    return files


def group_files(files: list[str], **settings) -> list[list[str]]:
    """The whole `parallax stories` path on article files: read, clean, group, explain."""
    from tui.stories.collect import Source
    from tui.stories.command import find
    from tui.stories.grouping import GroupSettings

    findings = find([Source(f) for f in files], settings=GroupSettings(**settings))
    assert not findings.errors, findings.errors
    return [[e.source for e in story.entries] for story in findings.stories]


def measure_corpus(runs: int) -> list[tuple[str, str, str]]:
    rows = []
    truth = corpus_files()
    shuffled = list(truth)
    random.Random(1).shuffle(shuffled)
    groups, wall, cpu = timed(lambda: group_files(shuffled), runs)
    groups_before = groups
    precision, recall = pair_scores(groups, truth)
    rows.append((f"{len(truth)} articles of {len(set(truth.values()))} stories mixed, shuffled (median of {runs})",
                 f"precision {precision:.3f}, recall {recall:.3f}; {wall:.2f} s wall, {cpu:.2f} s CPU",
                 "≥ 0.97 / ≥ 0.95"))
    for seed in (2, 3):
        order = list(truth)
        random.Random(seed).shuffle(order)
        same = sorted(map(sorted, group_files(order))) == sorted(map(sorted, groups))
        rows.append((f"the same in another order (seed {seed})", "same stories" if same else "DIFFERENT stories", ""))
    groups = group_files(shuffled, passage_bonus=0.0)
    rows.append(("without the alignment's confirmation (no bonus for shared passages)",
                 "precision {:.3f}, recall {:.3f}".format(*pair_scores(groups, truth)), ""))
    strict = [pair_scores(group_files(shuffled, join=0.2, passage_bonus=bonus), truth) for bonus in (0.03, 0.0)]
    rows.append(("stricter threshold (20): with / without the alignment's confirmation",
                 "recall {:.3f} / {:.3f} (precision {:.3f} / {:.3f})".format(
                     strict[0][1], strict[1][1], strict[0][0], strict[1][0]), ""))
    with every_pair_scored():
        same = sorted(map(sorted, group_files(shuffled))) == sorted(map(sorted, groups_before))
    rows.append(("every pair scored instead of the candidates", "same stories" if same else "DIFFERENT stories", ""))
    stories = sorted(set(truth.values()))
    variants = [(f"without {o} (two outlets per story)", lambda s, x, o=o: x != o) for o in ("fox", "hpo", "nyt")]
    variants += [(f"half the stories told by {o} alone (singletons)", lambda s, x, o=o: s in stories[::2] or x == o)
                 for o in ("fox", "hpo", "nyt")]
    for label, keep in variants:
        subset = corpus_files(keep)
        scores = pair_scores(group_files(list(subset)), subset)
        rows.append((label, "precision {:.3f}, recall {:.3f}".format(*scores), ""))
    return rows


# --- 1,000 feed items -------------------------------------------------------------------------------------


def prepare_feed(folder: Path, count: int) -> tuple[Path, dict[str, str]]:
    """A feed of `count` synthetic items, its pages put in the cache as a first run would leave them."""
    from benchmarks.synthetic_news import page, rss, synthetic_items
    from tui.fetch import Page, cache_root, write_cached

    items = synthetic_items(count)
    feed = folder / "wire.xml"
    feed.write_bytes(rss(items))
    for item in items:
        write_cached(Page(item.link, item.link, "text/html; charset=utf-8", page(item), "2024-04-01T00:00:00+00:00"),
                     cache_root() / "pages")
    return feed, {item.link: str(item.event) for item in items}


def measure_feed(count: int, runs: int) -> list[tuple[str, str, str]]:
    from tui.stories.collect import Collector, Source
    from tui.stories.find import find_stories
    from tui.stories.grouping import GroupSettings
    from tui.stories.loading import gather, load

    with tempfile.TemporaryDirectory() as folder:
        os.environ["PARALLAX_CACHE_DIR"] = str(Path(folder) / "cache")
        feed, truth = prepare_feed(Path(folder), count)
        collector = Collector()
        gathered, parse_wall, parse_cpu = timed(lambda: gather([Source(str(feed))], collector), runs)
        entries, read_wall, read_cpu = timed(lambda: load(gathered, collector), runs)
        (stories, _), group_wall, group_cpu = timed(lambda: find_stories(entries), runs)
        without_bonus, _ = find_stories(entries, GroupSettings(passage_bonus=0.0))
        with every_pair_scored():
            exhaustive, _ = find_stories(entries)
        timings = _baselines(entries, truth)
    precision, recall = pair_scores(_sources(stories), truth)
    total_wall, total_cpu = parse_wall + read_wall + group_wall, parse_cpu + read_cpu + group_cpu
    rows = [
        (f"{count} feed items: parse the feed", f"{parse_wall:.2f} s wall, {parse_cpu:.2f} s CPU", ""),
        ("read the pages from the cache, extract (HTML), clean and segment",
         f"{read_wall:.2f} s wall, {read_cpu:.2f} s CPU", ""),
        ("group into stories and gather the evidence", f"{group_wall:.2f} s wall, {group_cpu:.2f} s CPU", ""),
        (f"all of it, fetching excluded (median of {runs})", f"{total_wall:.2f} s wall, {total_cpu:.2f} s CPU",
         "< 10 s"),
        (f"stories found: {len(stories)}; synthetic truth: {len(set(truth.values()))} events",
         f"precision {precision:.3f}, recall {recall:.3f}", ""),
        ("without the alignment's confirmation (no bonus for shared passages)",
         "precision {:.3f}, recall {:.3f}".format(*pair_scores(_sources(without_bonus), truth)), ""),
        ("every pair scored instead of the candidates",
         "same stories" if _sources(exhaustive) == _sources(stories) else "DIFFERENT stories", ""),
    ]
    return rows + timings


def _sources(stories) -> list[list[str]]:
    return sorted(sorted(e.source for e in story.entries) for story in stories)


@contextmanager
def every_pair_scored():
    """Within it, the engine scores every pair instead of its candidates: the check that pruning loses nothing."""
    from tui.stories import similarity

    pruned = similarity.candidate_pairs
    similarity.candidate_pairs = lambda vectors, floor: set(combinations(range(len(vectors)), 2))
    try:
        yield
    finally:
        similarity.candidate_pairs = pruned


def _baselines(entries, truth) -> list[tuple[str, str, str]]:
    """Candidate pairs as the engine finds them against exhaustive scoring and two libraries."""
    from tui.stories import similarity

    vectors = similarity.tfidf([similarity.article_terms(e.article) for e in entries])
    pairs, wall, _ = timed(lambda: similarity.candidate_pairs(vectors, 0.05), 3)
    exhaustive, full_wall, _ = timed(lambda: _all_pairs(vectors, 0.05), 1)
    events = [truth[e.source] for e in entries]
    true_pairs = {(a, b) for a, b in combinations(range(len(entries)), 2) if events[a] == events[b]}
    rows = [("candidates from less common words (this engine)",
             f"{wall:.2f} s, {len(pairs):,} pairs, {len(true_pairs & pairs)}/{len(true_pairs)} same-event pairs", ""),
            ("baseline: every pair's cosine (pure Python)",
             f"{full_wall:.2f} s, {len(exhaustive):,} pairs ≥ 0.05, "
             f"{len(true_pairs & exhaustive)}/{len(true_pairs)}", "")]
    return rows + _library_baselines(entries, true_pairs)


def _all_pairs(vectors, floor: float) -> set[tuple[int, int]]:
    from tui.stories.similarity import cosine

    return {(a, b) for a, b in combinations(range(len(vectors)), 2) if cosine(vectors[a], vectors[b]) >= floor}


def _library_baselines(entries, true_pairs) -> list[tuple[str, str, str]]:
    from tui.stories.similarity import article_terms

    counts = [article_terms(e.article) for e in entries]
    return [_sklearn_baseline(counts, true_pairs), _datasketch_baseline(counts, true_pairs)]


def _sklearn_baseline(counts, true_pairs) -> tuple[str, str, str]:
    try:
        started = time.perf_counter()
        from sklearn.feature_extraction.text import TfidfVectorizer
        imported = time.perf_counter() - started
    except ImportError:
        return ("baseline: scikit-learn", "not installed (bench extra)", "")

    def sklearn_pairs():
        # The engine's own weighted words, so that only the arithmetic differs.
        vectoriser = TfidfVectorizer(analyzer=lambda c: [t for t, n in c.items() for _ in range(n)],
                                     sublinear_tf=True)
        matrix = vectoriser.fit_transform(counts)
        return (matrix @ matrix.T).tocoo()

    product, wall, _ = timed(sklearn_pairs, 3)
    found = {(a, b) for a, b, v in zip(product.row, product.col, product.data) if a < b and v >= 0.05}
    return ("baseline: scikit-learn TfidfVectorizer and a sparse product (every pair)",
            f"{wall:.2f} s (+ {imported:.2f} s import), {len(found):,} pairs ≥ 0.05, "
            f"{len(true_pairs & found)}/{len(true_pairs)}", "")


def _datasketch_baseline(counts, true_pairs) -> tuple[str, str, str]:
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        return ("baseline: datasketch", "not installed (bench extra)", "")

    def lsh_pairs():
        index, hashes = MinHashLSH(threshold=0.1, num_perm=128), []
        for number, terms in enumerate(counts):
            minhash = MinHash(num_perm=128)
            minhash.update_batch([t.encode("utf-8") for t in terms])
            index.insert(number, minhash)
            hashes.append(minhash)
        return {(min(a, b), max(a, b)) for a, h in enumerate(hashes) for b in index.query(h) if a != b}

    found, wall, _ = timed(lsh_pairs, 3)
    return ("baseline: datasketch MinHash LSH over word sets (Jaccard ≥ 0.1)",
            f"{wall:.2f} s, {len(found):,} pairs, {len(true_pairs & found)}/{len(true_pairs)}", "")


def table(rows: list[tuple[str, str, str]]) -> str:
    lines = ["| measurement | result | goal |", "| --- | --- | --- |"]
    return "\n".join(lines + [f"| {a} | {b} | {c} |" for a, b, c in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per timing (default 5)")
    parser.add_argument("--items", type=int, default=1000, help="synthetic feed items (default 1000)")
    args = parser.parse_args()
    print(f"{date.today()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}\n")
    if corpus_dir() is None:
        print("development corpus not found: corpus rows skipped (set PARALLAX_CORPUS)\n")
    else:
        print(table(measure_corpus(args.runs)) + "\n")
    print(table(measure_feed(args.items, args.runs)))


if __name__ == "__main__":
    main()
