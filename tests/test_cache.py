"""The cache of segmented articles and alignments: the same output, no rebuild, nothing untrusted used."""

from __future__ import annotations

import pickle

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
    refuse_to_align(monkeypatch)
    with pytest.raises(AssertionError, match="aligned again"):
        align_json(capsys, "--no-cache")
    monkeypatch.undo()
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
