"""Ctrl+C quits the reader at once, even while a page is still downloading."""

from __future__ import annotations

import asyncio
import threading

from tests.conftest import until
from tests.test_load import server  # noqa: F401 - pytest fixture
from tui.app.app import ParallaxApp
from tui.app.screens import LoadingScreen
from tui.model import ArticleRef, Outlet, Story

SHARED = "The minister said the bridge would reopen on Monday after repairs costing 40 million."


def test_ctrl_c_quits_during_a_download_without_waiting_for_it(server, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("PARALLAX_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(tmp_path / "cache"))
    release, answered = threading.Event(), threading.Event()

    def held(handler):
        release.wait(15)  # a server that takes its time (within the 20 s deadline), as a slow site does
        answered.set()
        return 200, {"Content-Type": "text/plain"}, f"Head\n\n{SHARED}\n".encode()

    server.routes["/held"] = held
    (tmp_path / "a.txt").write_text(f"Head\n\n{SHARED}\n", encoding="utf-8")
    refs = (ArticleRef("a", file=str(tmp_path / "a.txt")), ArticleRef("b", url=server.url("/held")))
    app = ParallaxApp([Story("s", "Bridge", articles=refs)], {"a": Outlet("a", "A"), "b": Outlet("b", "B")})

    async def scenario() -> None:
        async with app.run_test() as pilot:
            # A wait longer than a moment shows the loading screen.
            await until(pilot, lambda: isinstance(app.screen, LoadingScreen) and app.screen.is_mounted)
            await pilot.pause()
            await pilot.press("ctrl+c")

    try:
        asyncio.run(scenario())  # returns only once the app has stopped and its workers have let go
        assert not answered.is_set(), "quitting waited for the download to finish"
        assert app.return_code == 130
    finally:
        release.set()
