"""The cache of segmented articles and alignments: the same output, no rebuild, nothing untrusted used."""

from __future__ import annotations

import os
import pickle
import time

import pytest

import tui.pipeline
import tui.segment_pool
from tui.cache import Cache
from tui.cli import main


def align_json(capsys, *args: str) -> str:
    capsys.readouterr()
    assert main(["align", "--format", "json", *args]) == 0
    return capsys.readouterr().out


def entries(cache_dir) -> list:
    return sorted(p for p in cache_dir.rglob("*") if p.is_file())


def refuse_to_align(monkeypatch):
    def fail(*_args, **_kwargs):
        raise AssertionError("aligned again instead of using the cache")

    monkeypatch.setattr(tui.pipeline, "align", fail)
    monkeypatch.setattr(tui.segment_pool, "build_article", fail)


def test_a_second_run_prints_the_same_alignment_from_the_cache_without_aligning(capsys, cache_dir, monkeypatch):
    first = align_json(capsys)
    assert len(entries(cache_dir)) == 6  # five articles and one alignment
    refuse_to_align(monkeypatch)
    assert align_json(capsys) == first


def test_no_cache_neither_reads_nor_writes_the_cache(capsys, cache_dir, monkeypatch):
    first = align_json(capsys, "--no-cache")
    assert entries(cache_dir) == []
    align_json(capsys)
    # Only the refusal is undone after (undoing every patch would undo the test's own data and cache folders too).
    with monkeypatch.context() as refusing:
        refuse_to_align(refusing)
        with pytest.raises(AssertionError, match="aligned again"):
            align_json(capsys, "--no-cache")
    assert align_json(capsys) == first


@pytest.mark.parametrize("damage", ["flipped byte", "cut short", "foreign pickle", "empty", "wrong kind"])
def test_a_damaged_or_foreign_entry_is_ignored_and_rebuilt(capsys, cache_dir, damage):
    first = align_json(capsys)
    for path in entries(cache_dir):
        data = path.read_bytes()
        if damage == "flipped byte":
            data = data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:]
        elif damage == "cut short":
            data = data[: len(data) // 2]
        elif damage == "foreign pickle":
            data = pickle.dumps({"not": "parallax"})
        elif damage == "empty":
            data = b""
        path.write_bytes(data)
    if damage == "wrong kind":  # a well-formed entry that holds something else than its kind
        for path in entries(cache_dir):
            Cache(cache_dir / "engine").put(path.parent.parent.name, path.name, "not an article")
    assert align_json(capsys) == first
    cache = Cache(cache_dir / "engine")
    kinds = {path.parent.parent.name for path in entries(cache_dir)}
    assert kinds == {"articles", "alignments"}
    assert all(not isinstance(cache.get(p.parent.parent.name, p.name), str) for p in entries(cache_dir))


def test_other_thresholds_are_aligned_anew_not_taken_from_the_cache(capsys):
    align_json(capsys)
    strict = align_json(capsys, "--min-score", "95", "--min-partial", "99")
    assert strict == align_json(capsys, "--no-cache", "--min-score", "95", "--min-partial", "99")
    assert strict != align_json(capsys)


def test_a_cache_folder_that_cannot_be_written_costs_nothing_but_the_cache(capsys, tmp_path, monkeypatch):
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(blocked))
    assert align_json(capsys) == align_json(capsys, "--no-cache")


def _aged(cache: Cache, kind: str, key: str, seconds_ago: float) -> None:
    """Set an entry's last use to some time ago, so the order of use does not rest on the clock's resolution."""
    stamp = time.time() - seconds_ago
    os.utime(cache.path(kind, key), (stamp, stamp))


def test_the_cache_stays_under_its_bound_dropping_the_entries_used_least_recently(tmp_path):
    value = "x" * 10_000  # about 10 KB an entry: the bound below holds three
    cache = Cache(tmp_path / "engine", limit=35_000)
    for age, key in ((400, "a1"), (300, "b2"), (200, "c3")):
        cache.put("articles", key, value)
        _aged(cache, "articles", key, age)
    assert cache.get("articles", "a1") == value  # read now: the most recently used
    cache.put("alignments", "d4", value)
    assert cache.get("articles", "b2") is None  # the least recently used went
    assert [cache.get(kind, key) for kind, key in (("articles", "a1"), ("articles", "c3"), ("alignments", "d4"))] == [value] * 3
    assert sum(p.stat().st_size for p in entries(tmp_path)) <= 35_000


def test_an_entry_larger_than_the_bound_is_still_kept_until_the_next_one_comes(tmp_path):
    cache = Cache(tmp_path / "engine", limit=1_000)
    cache.put("alignments", "big1", "y" * 5_000)
    assert cache.get("alignments", "big1") == "y" * 5_000
    cache.put("alignments", "big2", "z" * 5_000)
    assert cache.get("alignments", "big1") is None
    assert cache.get("alignments", "big2") == "z" * 5_000


def test_pruning_leaves_files_other_processes_are_writing_and_removes_abandoned_ones(tmp_path):
    cache = Cache(tmp_path / "engine", limit=15_000)
    cache.put("articles", "a1", "x" * 10_000)
    folder = cache.path("articles", "a1").parent
    (folder / ".part-fresh").write_bytes(b"p" * 10_000)
    (folder / ".part-stale").write_bytes(b"p" * 10_000)
    stamp = time.time() - 2 * 3600
    os.utime(folder / ".part-stale", (stamp, stamp))
    Cache(tmp_path / "engine", limit=15_000).put("articles", "b2", "x" * 10)
    assert (folder / ".part-fresh").exists() and not (folder / ".part-stale").exists()
    assert cache.get("articles", "a1") == "x" * 10_000


def test_a_story_aligned_again_after_its_entries_were_pruned_prints_the_same(capsys, cache_dir):
    first = align_json(capsys)
    Cache(cache_dir / "engine", limit=0).prune()
    assert entries(cache_dir) == []
    assert align_json(capsys) == first
    assert len(entries(cache_dir)) == 6
