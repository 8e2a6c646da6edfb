"""Time the reader in a real terminal: launch, jump keys, the map with many outlets, a 20 MB article.

The `parallax` command runs in tmux (a server of its own per run, so nothing else shares its size). For
every step the benchmark sends the key and records two figures:

- wall time, from the key press until the screen has changed and then held still for 60 ms;
- CPU time the reader process spent meanwhile, read from its process-wide CPU clock (all its threads,
  nanosecond resolution), which shared or busy machines disturb far less than wall time.

With `--baseline REF` the same steps also run on the code of a git ref (extracted with `git archive`),
alternating with the working tree run by run, so that before and after are measured on the same machine
at the same time.

The sample story is opened as a first opening is: empty cache and data folders for every launch. The stories
with 100 and 300 outlets and the 20 MB article open from a cache that `parallax align` filled beforehand (not
timed): the engine takes minutes over them, and what is measured here is the reader.

The reader runs as installed: its modules compiled to bytecode beforehand (pip does so when it installs a
package), even where PYTHONDONTWRITEBYTECODE is set. `--no-bytecode` measures it compiling every module on
each launch instead (about 0.08 s of CPU more).

Run: python benchmarks/bench_reader.py [--runs N] [--baseline REF] [--only sample,many,huge] [--no-bytecode] [--work DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLE_OUTLETS = ["cnn-local", "aggregator", "dc-politics", "beirut-wire", "defence-mag"]
JUMP_KEYS = ["n", "n", "n", "]", "]", "N", "[", "n", "n", "n"]
# Text of the first screenful of the sample's first pane: the compare screen has painted its panes.
SAMPLE_MARK = "As a delicate ceasefire"
MANY_KEYS = ["n", "n", "j", "Tab", "N", "]", "n"]
HUGE_KEYS = ["NPage"] * 8 + ["C-d", "C-d", "G", "g", "n", "j", "j", "NPage", "PPage"]


@dataclass
class Steps:
    """Wall and CPU seconds of each measured step, by name."""

    wall: dict[str, list[float]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, wall: float | None, cpu: float) -> None:
        """Record a step; a key that left the screen as it was counts apart, its wall time unknown."""
        self.cpu.setdefault(name, []).append(cpu)
        if wall is None:
            self.unchanged[name] = self.unchanged.get(name, 0) + 1
        else:
            self.wall.setdefault(name, []).append(wall)


def process_cpu(pid: int) -> float:
    """CPU seconds used so far by every thread of a process, finished ones included (Linux CPU clock)."""
    return time.clock_gettime(((~pid) << 3) | 2)


def prepare_bytecode(tree: Path | None, compiled: bool) -> None:
    """Compile a tree's modules to bytecode, as installing the package does, or remove their bytecode."""
    import compileall

    package = (tree or ROOT) / "tui"
    if compiled:
        compileall.compile_dir(str(package), quiet=1, force=True)
    else:
        for folder in package.rglob("__pycache__"):
            shutil.rmtree(folder)


class Terminal:
    """`parallax` in a tmux window of its own."""

    bytecode = True  # run on compiled modules (see prepare_bytecode), not compiling them on every launch

    def __init__(self, tree: Path | None, args: list[str], cwd: Path, size: tuple[int, int] = (160, 45),
                 cache: Path | None = None) -> None:
        self.session = f"parallax-bench-{uuid.uuid4().hex[:8]}"
        config = tempfile.mkdtemp(prefix="parallax-bench-config-")
        # Empty cache and data folders of its own: every launch reads and aligns the story anew, as a first
        # opening does; unless given a cache folder, filled beforehand, to open the story from it.
        cache = cache or Path(tempfile.mkdtemp(prefix="parallax-bench-cache-"))
        fresh = f"PARALLAX_CACHE_DIR={cache} PARALLAX_DATA_DIR={tempfile.mkdtemp(prefix='parallax-bench-data-')} "
        path = f"PYTHONPATH={tree} " if tree else ""
        compiled = "" if self.bytecode else "PYTHONDONTWRITEBYTECODE=1 "
        # exec: the pane's process is the reader itself, whose CPU clock is read.
        command = f"exec env {compiled}{path}{fresh}PARALLAX_CONFIG_DIR={config} {sys.executable} -m tui {' '.join(args)}"
        self.started = time.perf_counter()
        self.tmux("new-session", "-d", "-s", self.session, "-x", str(size[0]), "-y", str(size[1]), "-c", str(cwd), command)
        self.pid = int(self.tmux("display-message", "-p", "-t", self.session, "#{pane_pid}").stdout.strip())

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-L", self.session, "-f", "/dev/null", *args], capture_output=True, text=True, check=check)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session).stdout

    def cpu(self) -> float:
        return process_cpu(self.pid)

    def wait_for(self, text: str, limit: float) -> tuple[float, float]:
        """Wall seconds since launch and CPU seconds when the text first shows."""
        while time.perf_counter() - self.started < limit:
            if text in self.screen():
                return time.perf_counter() - self.started, self.cpu()
            time.sleep(0.003)
        raise RuntimeError(f"{text!r} never showed; the screen:\n{self.screen()}")

    def press(self, key: str, limit: float = 5.0) -> tuple[float | None, float]:
        """Wall seconds until the screen changed and held still for 60 ms after the key (None: it never
        changed); CPU meanwhile."""
        before, cpu = self.screen(), self.cpu()
        began = time.perf_counter()
        self.tmux("send-keys", "-t", self.session, key)
        changed_at = self.until_still(before, began, limit)
        return (None if changed_at is None else changed_at - began), self.cpu() - cpu

    def until_still(self, last: str, began: float, limit: float, still: float = 0.06) -> float | None:
        """When the screen last changed before holding still (None: it never changed from `last`)."""
        changed_at = None
        while time.perf_counter() - began < limit:
            now = self.screen()
            if now != last:
                last, changed_at = now, time.perf_counter()
            elif changed_at is not None and time.perf_counter() - changed_at > still:
                break
        return changed_at

    def idle_cpu(self, seconds: float) -> float:
        """CPU the reader uses doing nothing, over a quiet spell: the floor under every key's figure."""
        before = self.cpu()
        time.sleep(seconds)
        return self.cpu() - before

    def close(self) -> None:
        self.tmux("kill-server", check=False)


def run_keys(terminal: Terminal, steps: Steps, keys: list[str], name: str) -> None:
    for key in keys:
        wall, cpu = terminal.press(key)
        steps.add(name, wall, cpu)
        time.sleep(0.15)


def sample_run(tree: Path | None, steps: Steps, workdir: Path) -> None:
    """The sample story with its five outlets: launch, then jump keys."""
    terminal = Terminal(tree, ["--outlets", ",".join(SAMPLE_OUTLETS)], workdir)
    try:
        wall, cpu = terminal.wait_for(SAMPLE_MARK, 30)
        steps.add("launch: first painted compare screen", wall, cpu)
        settled = terminal.until_still(terminal.screen(), time.perf_counter(), 5.0, still=0.3)
        # Wall: the last change seen (the first painted screen itself when nothing changed after it); CPU: all
        # the reader did until the screen had held still, drawn or not.
        last_change = (settled - terminal.started) if settled is not None else wall
        steps.add("launch: screen settled", last_change, terminal.cpu())
        time.sleep(1.0)
        steps.add("idle 150 ms", 0.15, terminal.idle_cpu(0.15))
        run_keys(terminal, steps, JUMP_KEYS, "jump key")
    finally:
        terminal.close()


def write_many(folder: Path, count: int) -> tuple[Path, str]:
    """`count` synthetic articles as files with a sources file; the sources path and a text of the first pane."""
    from benchmarks.synthetic import synthetic_articles

    folder.mkdir(parents=True, exist_ok=True)
    lines = ["outlets:"] + [f"  o{i}: {{name: Outlet {i}}}" for i in range(count)]
    lines += ["stories:", "  - id: many", "    title: Many outlets", "    articles:"]
    mark = ""
    for i, article in enumerate(synthetic_articles(count)):
        (folder / f"o{i}.txt").write_text(article.text, encoding="utf-8")
        lines.append(f"      - {{outlet: o{i}, file: o{i}.txt}}")
        # The first words only: the panes are narrow, and a wrapped line would hide a longer text.
        mark = mark or " ".join(article.text[article.paragraphs[1].start :].split()[:2])
    (folder / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "sources.yaml", mark


def filled_cache(sources: Path, outlets: str, tree: Path | None, label: str) -> Path:
    """A cache folder holding a story's articles and alignment, made by `parallax align` of the same code (not
    timed): the engine takes minutes over hundreds of synthetic outlets, and what is measured here is the reader.
    The cache serves only the code that filled it (its key holds a hash of the program), so each code has its own."""
    cache = sources.parent / ("cache-" + "".join(c if c.isalnum() else "-" for c in label))  # kept with --work
    environment = {**os.environ, "PARALLAX_CACHE_DIR": str(cache), "PARALLAX_DATA_DIR": tempfile.mkdtemp(),
                   "PYTHONPATH": str(tree or ROOT)}
    # From the folder the reader is launched in, as the reader is.
    subprocess.run([sys.executable, "-m", "tui", "align", "--format", "json", "--sources", str(sources), "--outlets", outlets],
                   cwd=sources.parent, env=environment, stdout=subprocess.DEVNULL, check=True)
    return cache


def many_run(tree: Path | None, steps: Steps, sources: Path, mark: str, count: int, cache: Path) -> None:
    """Every outlet of a synthetic story on the compare screen, its alignment from the cache: launch, the map,
    and keys."""
    outlets = ",".join(f"o{i}" for i in range(count))
    terminal = Terminal(tree, ["--sources", str(sources), "--outlets", outlets], sources.parent, cache=cache)
    try:
        wall, cpu = terminal.wait_for(mark, 120)
        steps.add(f"{count} outlets: launch from the cache", wall, cpu)
        time.sleep(1.0)
        for _ in range(2):
            wall, cpu = terminal.press("m")
            steps.add(f"{count} outlets: open the map", wall, cpu)
            time.sleep(0.3)
            terminal.press("m")
            time.sleep(0.3)
        run_keys(terminal, steps, MANY_KEYS, f"{count} outlets: key")
    finally:
        terminal.close()


def write_huge(folder: Path, megabytes: int = 20) -> tuple[Path, str]:
    """One article of about `megabytes` MB and a short one that shares some of its sentences."""
    import random

    from benchmarks.synthetic import _render, _retell, _sentence, _vocabulary

    rng = random.Random(11)
    vocabulary = _vocabulary(rng, 6000)
    pool = [_sentence(rng, vocabulary) for _ in range(40)]
    paragraphs, size = [], 0
    while size < megabytes * 1_000_000:
        lines = [_render(_retell(rng, rng.choice(pool), vocabulary) if rng.random() < 0.01 else _sentence(rng, vocabulary),
                         quoted=rng.random() < 0.1) for _ in range(4)]
        paragraphs.append(" ".join(lines))
        size += len(paragraphs[-1]) + 2
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "huge.txt").write_text("A very long report\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    short = [_render(words, quoted=False) for words in pool[:20]]
    (folder / "short.txt").write_text("A short report\n\n" + "\n\n".join(short), encoding="utf-8")
    (folder / "sources.yaml").write_text(
        "outlets:\n  huge: {name: Huge}\n  short: {name: Short}\nstories:\n  - id: huge\n    title: Huge\n"
        "    articles:\n      - {outlet: huge, file: huge.txt}\n      - {outlet: short, file: short.txt}\n", encoding="utf-8")
    return folder / "sources.yaml", paragraphs[0][:24]


def huge_run(tree: Path | None, steps: Steps, sources: Path, mark: str, cache: Path) -> None:
    terminal = Terminal(tree, ["--sources", str(sources), "--outlets", "huge,short"], sources.parent, cache=cache)
    try:
        wall, cpu = terminal.wait_for(mark, 600)
        steps.add("20 MB: launch from the cache", wall, cpu)
        time.sleep(2.0)
        run_keys(terminal, steps, HUGE_KEYS, "20 MB: key")
    finally:
        terminal.close()


def baseline_tree(ref: str) -> Path:
    """The code at a git ref, extracted to a temporary folder, importable as `tui` with its themes."""
    folder = Path(tempfile.mkdtemp(prefix="parallax-baseline-"))
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    # The package ships themes/ as tui.themes; a plain checkout needs the link an install would make.
    (folder / "tui" / "themes").symlink_to(folder / "themes")
    return folder


def ms(values: list[float], quantile: str) -> str:
    if quantile == "median":
        return f"{statistics.median(values) * 1000:.0f}"
    if quantile == "p90":
        return f"{statistics.quantiles(values, n=10, method='inclusive')[-1] * 1000:.0f}" if len(values) > 1 else ms(values, "median")
    return f"{max(values) * 1000:.0f}"


def report(results: dict[str, Steps]) -> None:
    print("| step | code | times | wall median / p90 / max (ms) | CPU median / p90 / max (ms) |")
    print("| --- | --- | --- | --- | --- |")
    names = list(dict.fromkeys(name for steps in results.values() for name in steps.cpu))
    for name in names:
        for label, steps in results.items():
            if name not in steps.cpu:
                continue
            wall, cpu = steps.wall.get(name, []), steps.cpu[name]
            walls = " / ".join(ms(wall, q) for q in ("median", "p90", "max")) if wall else "-"
            if steps.unchanged.get(name):
                walls += f" ({steps.unchanged[name]} left the screen unchanged)"
            print(f"| {name} | {label} | {len(cpu)} | {walls} | {' / '.join(ms(cpu, q) for q in ('median', 'p90', 'max'))} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs of the sample story (one for each larger story)")
    parser.add_argument("--baseline", metavar="REF", help="also measure the code at this git ref, alternating")
    parser.add_argument("--only", default="sample,many,huge", help="which stories: sample, many, huge")
    parser.add_argument("--no-bytecode", action="store_true", help="compile the modules on every launch")
    parser.add_argument("--work", metavar="DIR", help="folder for the generated stories and their cache, kept and "
                                                       "used again by later runs (default: a new temporary folder)")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("the reader benchmark needs tmux")
    trees: dict[str, Path | None] = {"now": None}
    if args.baseline:
        trees = {f"before ({args.baseline})": baseline_tree(args.baseline), "now": None}
    results = {label: Steps() for label in trees}
    Terminal.bytecode = not args.no_bytecode
    for tree in trees.values():
        prepare_bytecode(tree, Terminal.bytecode)
    only = set(args.only.split(","))
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="parallax-bench-"))
    compiled = "compiled modules" if Terminal.bytecode else "modules compiled on every launch"
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, tmux 160x45, {compiled}", file=sys.stderr)
    if "sample" in only:
        for _ in range(args.runs):
            for label, tree in trees.items():
                sample_run(tree, results[label], work)
    if "many" in only:
        for count in (100, 300):
            sources, mark = write_many(work / f"many-{count}", count)
            outlets = ",".join(f"o{i}" for i in range(count))
            for label, tree in trees.items():
                many_run(tree, results[label], sources, mark, count, filled_cache(sources, outlets, tree, label))
    if "huge" in only:
        sources, mark = write_huge(work / "huge")
        for label, tree in trees.items():
            huge_run(tree, results[label], sources, mark, filled_cache(sources, "huge,short", tree, label))
    report(results)


if __name__ == "__main__":
    main()
