"""The reader's start: Python's cycle collector is held off while it starts and runs again once a screen shows."""

from __future__ import annotations

import gc

from tests.conftest import run
from tui.app import startup


def test_the_collector_held_off_at_launch_runs_again_once_the_compare_screen_shows(open_reader):
    async def scenario() -> None:
        startup.pause()
        assert not gc.isenabled()
        async with open_reader() as reader:
            assert "outlets" not in reader.shown().title  # the compare screen, all five panes
            assert gc.isenabled()

    try:
        run(scenario())
    finally:
        startup.resume()
        gc.enable()


def test_resuming_leaves_the_collector_off_when_something_else_turned_it_off():
    gc.disable()
    try:
        startup.pause()
        startup.resume()
        assert not gc.isenabled()
    finally:
        gc.enable()
