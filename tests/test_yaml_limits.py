"""YAML files nested thousands of levels deep: a clear message for stories files, the reader starts despite themes
and preferences, with either PyYAML loader."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tui import yamlfile
from tui.app.app import ParallaxApp
from tui.app.screens import PickerScreen
from tui.app.theming import load_theme_files
from tui.prefs import Prefs, read_prefs
from tui.sources import SourcesError, load_catalog, sample_sources_path

ROOT = Path(__file__).resolve().parent.parent
DEEP = "[" * 20_000 + "]" * 20_000 + "\n"
DEEP_MAPPING = "theme: " + "{a: " * 20_000 + "1" + "}" * 20_000 + "\n"


@pytest.fixture(params=["C", "Python"])
def loader(request, monkeypatch):
    """Both of PyYAML's loaders: the C one (libyaml) where it is built, and the Python one where it is not."""
    if request.param == "C" and not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(yamlfile, "SAFE_LOADER", yaml.CSafeLoader if request.param == "C" else yaml.SafeLoader)
    return request.param


def test_a_deeply_nested_stories_file_is_a_clear_usage_error(tmp_path):
    (tmp_path / "sources.yaml").write_text(DEEP, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tui", "align", "--sources", str(tmp_path / "sources.yaml")],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "sources.yaml:1: YAML syntax error: exceeded maximum nesting depth" in result.stderr


def test_either_loader_reports_a_deeply_nested_stories_file_by_name(tmp_path, loader):
    (tmp_path / "sources.yaml").write_text("outlets:\n  a: " + DEEP, encoding="utf-8")
    with pytest.raises(SourcesError) as caught:
        load_catalog(tmp_path / "sources.yaml")
    expected = "exceeded maximum nesting depth" if loader == "C" else "lists or mappings are nested too deeply"
    assert expected in str(caught.value) and str(tmp_path / "sources.yaml") in str(caught.value)


@pytest.mark.parametrize("text", [DEEP, DEEP_MAPPING])
def test_deep_preferences_and_themes_are_reported_and_skipped(tmp_path, loader, text):
    (tmp_path / "prefs.yaml").write_text(text, encoding="utf-8")
    prefs, problem = read_prefs(tmp_path / "prefs.yaml")
    assert prefs == Prefs() and "prefs.yaml: not valid YAML" in problem and "nest" in problem
    (tmp_path / "themes").mkdir()
    (tmp_path / "themes" / "deep.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "themes" / "good.yaml").write_text('name: good\nprimary: "#336699"\n', encoding="utf-8")
    result = load_theme_files([tmp_path / "themes"])
    assert [t.name for t in result.themes] == ["good"] and "deep.yaml: not valid YAML" in result.errors[0]


def test_the_reader_starts_with_a_deep_theme_and_preferences_file_and_names_them(tmp_path, monkeypatch):
    monkeypatch.setenv("PARALLAX_CONFIG_DIR", str(tmp_path))
    (tmp_path / "themes").mkdir()
    (tmp_path / "themes" / "deep.yaml").write_text(DEEP, encoding="utf-8")
    (tmp_path / "prefs.yaml").write_text(DEEP, encoding="utf-8")
    catalog = load_catalog(sample_sources_path())
    app = ParallaxApp(list(catalog.stories), catalog.outlets)

    async def scenario() -> list[str]:
        async with app.run_test(notifications=True) as pilot:
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            assert isinstance(app.screen, PickerScreen)
            return [str(toast.render()) for toast in app.screen.query("Toast")]

    shown = "\n".join(asyncio.run(scenario()))
    assert "deep.yaml: not valid YAML" in shown and "prefs.yaml: not valid YAML" in shown
