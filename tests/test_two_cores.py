"""Work shared out with a forked copy of the process: the same alignment as one process alone works out."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Run in a process of its own: a test runner's process has threads, and such a process never forks.
_ALIGN = """
import os, sys
import tui.align, tui.candidate_arrays, tui.candidates, tui.forking, tui.phrases
from benchmarks.scale_corpus import scale_corpus
from benchmarks.synthetic import synthetic_articles

tui.align.FORK_FROM = 0
# The arrays of a large input's candidate pairs, and the order-free rule's pairs found by the copy, for this one.
tui.align.ARRAYS_FROM = tui.candidates.ARRAYS_FROM = tui.phrases.BOUNDS_FROM = 0
tui.align._SLICE = tui.phrases._AT_ONCE = 64  # pairs scored, and compared for shared wording, as one share
tui.candidate_arrays._SLICE = 256  # runs of words paired as one share
forks, fork = [], os.fork
def counted():
    forks.append(1)
    return fork()
os.fork = counted
parent = os.getpid()
def fails_in_copies(module, name):
    original = getattr(module, name)
    def failing(*args):
        if os.getpid() != parent:
            raise MemoryError
        return original(*args)
    setattr(module, name, failing)
if sys.argv[2] == "copy fails":  # each copy runs out of memory as it starts its part
    fails_in_copies(tui.align, "find_conflicts")
    fails_in_copies(tui.candidate_arrays, "_slice_pairs")  # the pairs sharing runs of words, among others
    fails_in_copies(tui.phrases, "_may_share")  # the shared wording
articles = scale_corpus(60).articles if sys.argv[1] == "realistic" else synthetic_articles(12)
alignment = tui.align.align(articles)
if os.getpid() == parent:
    print("forks", len(forks))
    for group in alignment.groups:
        print(group.id, group.kind, [(m.article, m.start, m.end, m.score, m.reason) for m in group.members],
              sorted(group.closest.items()))
    for conflict in alignment.conflicts:
        print(repr(conflict))
"""


def _aligned(workload: str, how: str, **env: str) -> tuple[str, str]:
    done = subprocess.run([sys.executable, "-c", _ALIGN, workload, how], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONHASHSEED": "0", **env}, check=True)
    forks, _, rest = done.stdout.partition("\n")
    return forks, rest


@pytest.mark.parametrize("workload", ["realistic", "pool"])
def test_two_cores_find_what_one_finds(workload):
    forks, two = _aligned(workload, "two cores")
    one_forks, one = _aligned(workload, "one core", PARALLAX_ONE_CORE="1")
    assert int(forks.split()[1]) > 2 and one_forks == "forks 0"
    assert two.count("Closest(") > 20 and "FigureConflict(" in two
    assert two == one


def test_when_the_copy_fails_its_part_is_worked_out_here():
    forks, two = _aligned("realistic", "copy fails")
    assert forks != "forks 0"
    assert two == _aligned("realistic", "one core", PARALLAX_ONE_CORE="1")[1]


_ORPHAN = """
import os, time
from tui.forking import Part

part = Part(lambda: time.sleep(120), fork=True)
print(part.pid, flush=True)
os._exit(0)  # the command stops (killed, say) while its copy still works
"""


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in {"Z", "X"}
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ending with its parent is asked of Linux")
def test_a_copy_ends_when_the_command_that_forked_it_ends():
    # Read the copy's number, and wait for the command only: the copy holds the same output open.
    command = subprocess.Popen([sys.executable, "-c", _ORPHAN], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    pid = int(command.stdout.readline())
    assert command.wait(timeout=60) == 0
    command.stdout.close()
    deadline = time.monotonic() + 60
    while not _gone(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _gone(pid)


def test_one_core_needs_no_lock_shared_between_processes(monkeypatch):
    # Some sandboxes have no shared semaphores: a command kept on one core (or the reader) still aligns there.
    import multiprocessing.context

    import tui.align
    import tui.candidates
    import tui.phrases
    from benchmarks.scale_corpus import scale_corpus

    def no_lock(*args, **kwargs):
        raise ImportError("This platform lacks a functioning sem_open implementation")

    monkeypatch.setenv("PARALLAX_ONE_CORE", "1")
    monkeypatch.setattr(multiprocessing.context.BaseContext, "Lock", no_lock)
    monkeypatch.setattr(tui.align, "FORK_FROM", 0)  # a large input's ways, on a small one
    for module, name in ((tui.align, "ARRAYS_FROM"), (tui.candidates, "ARRAYS_FROM"), (tui.phrases, "BOUNDS_FROM")):
        monkeypatch.setattr(module, name, 0)
    alignment = tui.align.align(scale_corpus(20).articles)
    assert len(alignment.groups) > 5
