"""Work done on a second core: a forked copy of the process works out one part while this one does another.

A fork shares everything already worked out (units, groups, vocabulary) without copying or pickling it; only
the part's result comes back, pickled through a pipe. Forking a process that runs other threads can deadlock
the copy (a lock held by a thread that is not copied), so only a process with one thread forks: the command
line does, the reader (which aligns in a worker thread) works through each part itself.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any

# Below this many articles a part takes less time than forking and pickling its result.
FORK_FROM = 200


class ForkFailed(RuntimeError):
    """The forked copy ended without a result."""


def can_fork() -> bool:
    """Whether a part may be worked out in a forked copy of this process."""
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1 \
        and os.environ.get("PARALLAX_ONE_CORE", "") == ""


class Part:
    """`function()` worked out in a forked copy when `fork` is true (and this process may fork), else here
    when its result is asked for."""

    def __init__(self, function: Callable[[], Any], fork: bool):
        self.function = function
        self.pid = 0
        if fork and can_fork():
            self._start()

    def _start(self) -> None:
        read, write = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the copy: work, send the result, and end without running the parent's exit handlers
            os.close(read)
            _end_with(parent)
            try:
                outcome = (True, self.function())
            except BaseException as error:  # noqa: BLE001 - reported to the parent, which works the part out itself
                outcome = (False, f"{type(error).__name__}: {error}")
            try:
                with os.fdopen(write, "wb") as pipe:
                    pickle.dump(outcome, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            finally:
                os._exit(0)
        os.close(write)
        self.pid, self.read = pid, read

    def result(self) -> Any:
        """The part's result; ForkFailed where the copy failed or ended without sending it."""
        if not self.pid:
            return self.function()
        try:
            with os.fdopen(self.read, "rb") as pipe:
                done, value = pickle.load(pipe)
        except (EOFError, pickle.UnpicklingError):  # ended before sending all of it (killed, out of memory)
            done, value = False, "it ended before sending its result"
        finally:
            os.waitpid(self.pid, 0)
            self.pid = 0
        if not done:
            raise ForkFailed(f"a part of the work done on another core failed: {value}")
        return value

    def value(self) -> Any:
        """The result, worked out here if the copy failed (out of memory, say)."""
        try:
            return self.result()
        except ForkFailed:
            return self.function()


def _end_with(parent: int) -> None:
    """Have this copy ended when the process that forked it ends (Linux), so a stopped command leaves nothing
    working on behind it."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it ended before the request was made
        os._exit(0)


class Shares:
    """Numbers 0..count-1 handed out a few at a time to whichever process asks first (this one and its forked
    copy), so that both stay busy to the end whatever each number costs; each number goes out once."""

    def __init__(self, count: int, step: int = 16):
        import multiprocessing

        context = multiprocessing.get_context("fork") if can_fork() else multiprocessing.get_context()
        self.count, self.step = count, step
        self._next = context.RawValue("q", 0)  # in memory both processes share
        self._lock = context.Lock()

    def __iter__(self):
        while True:
            with self._lock:
                first = self._next.value
                self._next.value = min(self.count, first + self.step)
            if first >= self.count:
                return
            yield from range(first, min(self.count, first + self.step))


def in_chunks(chunks: int, work: Callable[[int], list], fork: bool) -> list:
    """work(0) + work(1) + ... + work(chunks - 1), the chunks shared out between this process and a forked copy
    (when `fork`, and this process may fork) as each asks for the next; the same list either way."""

    def some(numbers: Iterable[int]) -> tuple[dict[int, list], list[int]]:
        done = {chunk: work(chunk) for chunk in numbers}
        return done, list(done)

    done: dict[int, list] = {}
    for part, _ in shared_out(chunks, some, fork):
        done.update(part)
    return [item for chunk in range(chunks) for item in done[chunk]]


def shared_out(count: int, work: Callable[[Iterable[int]], tuple], fork: bool) -> list[tuple]:
    """work(numbers) for the numbers 0..count-1: here alone, or (with `fork`) shared out between this process
    and a forked copy as each asks for the next, each working through its own; the last item of what work
    returns says which numbers it did."""
    if not fork or count < 2 or not can_fork():
        return [work(range(count))]
    shares = Shares(count, step=1)
    other = Part(lambda: work(shares), fork=True)
    mine = work(shares)
    try:
        theirs = other.result()
    except ForkFailed:  # the copy ended early: its numbers are worked out here
        done = set(mine[-1])
        theirs = work(number for number in range(count) if number not in done)
    return [mine, theirs]
