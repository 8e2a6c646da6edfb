"""Snapshots of the key screens at a fixed size; each was reviewed before it was accepted."""

from tests.conftest import OUTLETS, sample_app

SIZE = (160, 45)


def make_app(theme: str = "parallax-dark", **options):
    return sample_app(theme=theme, **options)


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


def test_search_and_filter_in_the_light_theme(snap_compare):
    async def filtered_then_searched(pilot) -> None:
        # The filter and the search are worked out in threads: each is waited for, not raced by the snapshot.
        await loaded(pilot)
        for keys in (["f"], ["/", *"Power", "enter"]):
            await pilot.press(*keys)
            await loaded(pilot)
        # Their notices expire after seconds, sooner or later than the snapshot on a busy machine.
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(theme="parallax-light", outlet_ids=OUTLETS), terminal_size=(100, 30), run_before=filtered_then_searched)
