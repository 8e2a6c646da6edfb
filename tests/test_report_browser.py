"""The HTML report in a real browser (headless Chromium, where one is installed): what its page holds once
loaded, that nothing in it ran, and a screenshot."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.report_support import SCRIPT, Tags, hostile_articles, json_of, parallax

BROWSER = next((found for name in ("chromium", "chromium-browser", "google-chrome", "chrome")
                if (found := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no chromium binary found (install chromium to run this test)")


def browse(page: Path, tmp_path: Path, *action: str) -> subprocess.CompletedProcess:
    """Open a page in headless Chromium with a profile of its own, and do one thing with it."""
    return subprocess.run(
        [BROWSER, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
         f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,1800", *action, page.as_uri()],
        capture_output=True, text=True, timeout=180)


def loaded_dom(page: Path, tmp_path: Path) -> str:
    result = browse(page, tmp_path, "--dump-dom")
    assert result.returncode == 0 and "<body" in result.stdout, result.stderr[-2000:]
    return result.stdout


def test_the_browser_would_see_a_script_that_ran(tmp_path):
    """The check below can fail: a page whose script runs leaves its mark in the loaded page."""
    page = tmp_path / "control.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>T</title></head><body><p>x</p>{SCRIPT}</body></html>",
                    encoding="utf-8")
    dom = loaded_dom(page, tmp_path)
    assert 'data-pwned="script"' in dom and "<title>INJECTED</title>" in dom


def test_the_loaded_report_holds_the_outlets_passages_and_counts_and_nothing_in_it_ran(tmp_path):
    paths = hostile_articles(tmp_path)
    page = tmp_path / "report.html"
    result = parallax("report", "-o", str(page), *paths, "--label", f"{paths[0]}=Outlet <b onclick=x>A</b>")
    assert result.returncode == 0, result.stderr
    dom = loaded_dom(page, tmp_path)
    tags = Tags(dom)
    body = next(attrs for tag, attrs in tags.tags if tag == "body")
    assert "data-pwned" not in body and 'data-pwned="' not in dom and "<title>INJECTED" not in dom
    assert not [tag for tag, _ in tags.tags if tag in ("script", "img", "b", "iframe")]
    document = json_of([*paths, "--label", f"{paths[0]}=Outlet <b onclick=x>A</b>"])
    counts = tags.counts()
    assert counts["articles"] == len(document["articles"]) == 2
    assert counts["sentences"] == sum(g["kind"] == "sentence" for g in document["groups"])
    rows = [a["data-article"] for t, a in tags.tags if t == "tr" and "data-article" in a]
    assert rows[:2] == [a["id"] for a in document["articles"]]
    assert "Outlet <b onclick=x>A</b>" in "".join(tags.text)


def test_a_screenshot_of_the_sample_report(tmp_path):
    page, shot = tmp_path / "report.html", tmp_path / "report.png"
    assert parallax("report", "-o", str(page)).returncode == 0
    result = browse(page, tmp_path, f"--screenshot={shot}")
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 50_000  # a page drawn, not a blank one
