"""What the report's tests share: running the commands, the sample's report, and reading HTML as a browser would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from tui.align import AlignSettings
from tui.pipeline import compare, load_articles
from tui.sources import load_catalog, sample_sources_path
from tui.wording import DiffOptions

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
ACCESSED = date(2026, 1, 15)
SHARED = "The minister said the bridge would reopen on Monday after repairs costing 40 million euros, officials said."
# What an article, a page or a stories file may hold to try to become markup or a terminal command.
SCRIPT = "<script>document.title='INJECTED';document.body.setAttribute('data-pwned','script')</script>"
IMAGE = "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"
CLIPBOARD, WINDOW, RLO = "\x1b]52;c;aGk=\x07", "\x1b]0;pwned\x07", "\u202e"
HOSTILE = f"{SCRIPT} {IMAGE} [bold]loud[/bold] **bold** | pipe & &lt; {CLIPBOARD}{WINDOW}{RLO}</p></li>"


def parallax(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def sample_alignment():
    """The sample story through the same steps as `parallax align` (reading, cleaning, aligning)."""
    catalog = load_catalog(sample_sources_path())
    story = catalog.stories[0]
    articles = load_articles(story, catalog.outlets)
    return story, compare(articles, AlignSettings())


def story_info(story) -> dict[str, str]:
    return {"id": story.id, "title": story.title, "date": story.date}


def settings_dict() -> dict:
    from dataclasses import asdict

    return {**asdict(AlignSettings()), **asdict(DiffOptions())}


def hostile_articles(folder: Path) -> list[str]:
    """Two articles sharing a sentence that carries every hostile string, headlines included."""
    paths = []
    for name in ("a", "b"):
        path = folder / f"{name}.txt"
        path.write_text(f"Headline {name} {HOSTILE}\n\n{SHARED} {HOSTILE} the rest of it.\n\nOther words {name}.\n",
                        encoding="utf-8")
        paths.append(str(path))
    return paths


class Tags(HTMLParser):
    """Every tag and attribute of a page, as a browser's parser would find them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def counts(self) -> dict[str, int]:
        """The summary's counts ("sentences", "notes", ...) and each section's ("section:notes", ...)."""
        found = {}
        for tag, attrs in self.tags:
            if tag == "data" and (attrs.get("id") or "").startswith("count-"):
                found[attrs["id"][len("count-"):]] = int(attrs["value"])
            elif tag == "section":
                found[f"section:{attrs['id']}"] = int(attrs["data-count"])
        return found


def json_of(args: list[str], **options) -> dict:
    result = parallax("align", "--format", "json", *args, **options)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
