"""Preferences survive a restart, and a damaged file never stops the program."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.prefs import Prefs, config_dir, load_prefs, prefs_path, save_prefs


@pytest.fixture
def config(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("PARALLAX_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path / "config"


def test_config_dir_follows_the_environment(config):
    assert config_dir() == config
    assert prefs_path() == config / "prefs.yaml"


def test_without_override_prefs_live_in_the_user_config_dir(monkeypatch):
    monkeypatch.delenv("PARALLAX_CONFIG_DIR", raising=False)
    assert prefs_path().name == "prefs.yaml"
    assert "parallax" in str(prefs_path().parent).lower()


def test_saved_prefs_come_back(config):
    assert save_prefs(Prefs(theme="parallax-light", cite_style="mla")) is None
    assert load_prefs() == Prefs(theme="parallax-light", cite_style="mla")


def test_missing_file_gives_defaults(config):
    assert load_prefs() == Prefs(theme="", cite_style="plain")


@pytest.mark.parametrize(
    "content",
    ["theme: [unclosed", "- a list\n- not a mapping\n", "", "\xff\xfe garbage", "theme: 3\ncite_style: {}\n"],
)
def test_corrupt_file_gives_defaults(config, content):
    config.mkdir()
    (config / "prefs.yaml").write_bytes(content.encode("latin-1"))
    assert load_prefs() == Prefs()


def test_good_values_survive_next_to_bad_ones(tmp_path):
    path = tmp_path / "prefs.yaml"
    path.write_text("theme: nord\ncite_style: harvard\nfuture_option: 1\n", encoding="utf-8")
    assert load_prefs(path) == Prefs(theme="nord", cite_style="plain")


def test_save_replaces_the_file_and_leaves_no_temporary_files(tmp_path):
    path = tmp_path / "nested" / "prefs.yaml"
    assert save_prefs(Prefs(theme="a"), path) is None
    assert save_prefs(Prefs(theme="b", cite_style="bibtex"), path) is None
    assert load_prefs(path) == Prefs(theme="b", cite_style="bibtex")
    assert os.listdir(path.parent) == ["prefs.yaml"]


def test_save_failure_is_reported_not_raised(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    message = save_prefs(Prefs(), blocker / "prefs.yaml")
    assert message and "Could not save preferences" in message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a read-only directory")
def test_save_into_read_only_directory_keeps_the_old_file(tmp_path):
    path = tmp_path / "prefs.yaml"
    save_prefs(Prefs(theme="old"), path)
    tmp_path.chmod(0o500)
    try:
        assert save_prefs(Prefs(theme="new"), path) is not None
    finally:
        tmp_path.chmod(0o700)
    assert load_prefs(path).theme == "old"
