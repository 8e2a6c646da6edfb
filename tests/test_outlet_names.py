"""Outlets of articles given on the command line: named by the user, else by the page's site, else by file or host."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_load import PARAGRAPHS
from tui.sources import LabelError, story_from_paths

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", "align", "--format", "json", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def saved_page(site: str | None, lead: str) -> str:
    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    body = "".join(f"<p>{p}</p>" for p in [lead, *PARAGRAPHS])
    return f"<html><head><title>Storm</title>{meta}</head><body><article>{body}</article></body></html>"


@pytest.fixture
def pages(tmp_path) -> list[str]:
    """fox.html and other/fox.html from Fox News, a third page that names no site."""
    (tmp_path / "other").mkdir()
    (tmp_path / "fox.html").write_text(saved_page("Fox News", "The first report came at dawn."), "utf-8")
    (tmp_path / "other" / "fox.html").write_text(saved_page("Fox News", "An update followed at noon."), "utf-8")
    (tmp_path / "plain.html").write_text(saved_page(None, "A third account of the storm."), "utf-8")
    return [str(tmp_path / "fox.html"), str(tmp_path / "other" / "fox.html"), str(tmp_path / "plain.html")]


def test_saved_pages_are_named_after_their_site_and_two_of_one_site_told_apart(pages):
    data = json.loads(run(*pages).stdout)
    assert [a["outlet"] for a in data["articles"]] == ["Fox News", "Fox News (2)", "plain"]
    assert [a["label"] for a in data["articles"]] == ["Fox News", "Fox News…2", "plain"]
    assert [a["id"] for a in data["articles"]] == ["fox", "fox-2", "plain"]  # ids stay typeable for --outlets


def test_labels_name_outlets_by_path_or_id(pages):
    result = run(*pages, "--label", f"{pages[1]}=Fox News (update)", "--label", "plain=Gazette")
    assert result.returncode == 0, result.stderr
    assert [a["outlet"] for a in json.loads(result.stdout)["articles"]] == ["Fox News", "Fox News (update)", "Gazette"]


def test_a_label_for_an_article_not_given_or_without_a_name_is_a_usage_error(pages, tmp_path):
    missing = run(*pages, "--label", "cnn.txt=CNN")
    assert missing.returncode == 2 and "--label 'cnn.txt=CNN': 'cnn.txt' is not one of the articles given" in missing.stderr
    assert "write it as PATH=NAME" in run(*pages, "--label", "Fox").stderr
    assert "the name after '=' is empty" in run(*pages, "--label", "plain=").stderr
    sources = run("--label", "a=A")
    assert sources.returncode == 2 and "a sources file names its outlets itself" in sources.stderr


def test_a_url_holding_an_equals_sign_can_be_labelled():
    url = "https://example.org/story?id=42"
    story, outlets = story_from_paths([url, "b.txt"], labels=[f"{url}=Example Daily"])
    assert outlets[story.articles[0].outlet].name == "Example Daily"
    with pytest.raises(LabelError):
        story_from_paths([url], labels=["https://example.org/story=X"])
