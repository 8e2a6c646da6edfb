"""Snapshots of the key screens at a fixed size; each was reviewed before it was accepted."""

import pytest

from tui.app.app import ParallaxApp
from tui.sources import load_catalog, sample_sources_path

SIZE = (160, 45)
OUTLETS = ["cnn-local", "aggregator", "dc-politics", "beirut-wire", "defence-mag"]


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PARALLAX_CONFIG_DIR", str(tmp_path / "config"))


def make_app(**options) -> ParallaxApp:
    catalog = load_catalog(sample_sources_path())
    return ParallaxApp(list(catalog.stories), catalog.outlets, theme="parallax-dark", **options)


async def loaded(pilot) -> None:
    """Wait until the workers have finished and their screens are up."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def test_picker(snap_compare):
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=loaded)


def test_compare_with_differences_and_detail_strip(snap_compare):
    assert snap_compare(make_app(outlet_ids=OUTLETS), terminal_size=SIZE, press=["n", "n", "s"], run_before=loaded)


def test_alignment_map(snap_compare):
    assert snap_compare(make_app(outlet_ids=OUTLETS), terminal_size=SIZE, press=["m"], run_before=loaded)


def test_help(snap_compare):
    assert snap_compare(make_app(outlet_ids=OUTLETS), terminal_size=SIZE, press=["?"], run_before=loaded)


def test_narrow_compare(snap_compare):
    assert snap_compare(make_app(outlet_ids=OUTLETS), terminal_size=(80, 24), press=["]"], run_before=loaded)
