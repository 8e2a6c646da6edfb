"""Shared set-ups for the story tests: a web server on 127.0.0.1, feeds and pages built from tests.stories_data."""

from __future__ import annotations

import html
import json
import subprocess
import sys
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from tests.http_support import serving
from tests.stories_data import PIECES, Piece
from tui.stories.model import parse_date

ROOT = Path(__file__).resolve().parent.parent
RSS_TYPE = "application/rss+xml; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"


@dataclass
class Web:
    """A local web server: path -> (status, content type, body, extra headers); hits counted per path."""

    base: str = ""
    routes: dict[str, tuple[int, str, bytes, dict[str, str]]] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
              status: int = 200, **headers: str) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, content_type, data, headers)
        return self.url(path)

    def redirect(self, path: str, to: str) -> str:
        self.routes[path] = (301, "text/html", b"", {"Location": to})
        return self.url(path)

    def serve_pages(self, pieces=PIECES) -> None:
        for piece in pieces:
            self.serve(f"/a/{piece.key}", article_page(piece))

    def link(self, piece: Piece) -> str:
        return self.url(f"/a/{piece.key}")


def _handler(web: Web) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 -- the name http.server calls
            web.hits[self.path] = web.hits.get(self.path, 0) + 1
            status, content_type, body, headers = web.routes.get(self.path, (404, "text/plain", b"no such page", {}))
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def web():
    state = Web()
    with serving(_handler(state)) as base:
        state.base = base
        yield state


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A cache folder of the test's own, for this process and the commands it starts."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(folder))
    return folder


def article_page(piece: Piece) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in piece.paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(piece.title)} | {html.escape(piece.outlet)}</title>
<meta property="og:title" content="{html.escape(piece.title)}">
<meta property="og:site_name" content="{html.escape(piece.outlet)}">
<meta property="article:published_time" content="{piece.published}">
</head><body><nav><a href="/">Home</a> <a href="/coast">Coast</a></nav>
<main><article><h1>{html.escape(piece.title)}</h1>
{body}
</article></main><footer><p>Copyright {html.escape(piece.outlet)}</p></footer></body></html>"""


def rss(items: list[tuple[str, str, str | None]], title: str = "Test feed", extra: str = "") -> str:
    """An RSS 2.0 feed of (title, link, published) items; a None date leaves pubDate out."""
    entries = []
    for item_title, link, published in items:
        when = f"<pubDate>{format_datetime(parse_date(published))}</pubDate>" if published else ""
        entries.append(f"<item><title>{escape(item_title)}</title><link>{escape(link)}</link>{when}"
                       f"<description>{escape('<p>' + item_title + '</p>')}</description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>http://127.0.0.1/</link>{extra}\n" + "\n".join(entries) + "\n</channel></rss>\n")


def atom(items: list[tuple[str, str, str | None]], title: str = "Test Atom feed") -> str:
    entries = []
    for item_title, link, published in items:
        when = f"<updated>{published}</updated>" if published else ""
        entries.append(f'<entry><title>{escape(item_title)}</title><link href="{escape(link)}"/>'
                       f"<id>{escape(link)}</id>{when}</entry>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(title)}</title><id>urn:test</id>\n" + "\n".join(entries) + "\n</feed>\n")


def feed_of(web: Web, pieces, fmt=rss, title: str = "Test feed") -> str:
    """A feed listing the pieces, their pages served by `web`."""
    web.serve_pages(pieces)
    return fmt([(p.title, web.link(p), p.published) for p in pieces], title=title)


def outlet_feeds(web: Web, pieces=PIECES) -> dict[str, str]:
    """One RSS feed per outlet, served by `web`: outlet name -> feed URL."""
    by_outlet: dict[str, list[Piece]] = {}
    for piece in pieces:
        by_outlet.setdefault(piece.outlet, []).append(piece)
    urls = {}
    for number, (outlet, own) in enumerate(sorted(by_outlet.items())):
        urls[outlet] = web.serve(f"/feeds/{number}.xml", feed_of(web, own, title=outlet), RSS_TYPE)
    return urls


def run_stories(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """`parallax stories ARGS` in a process of its own, as a script runs it."""
    return subprocess.run([sys.executable, "-m", "tui", "stories", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env=env)


def stories_json(result: subprocess.CompletedProcess) -> dict:
    assert result.stdout, result.stderr
    return json.loads(result.stdout)


def grouped(data: dict) -> list[set[str]]:
    """The stories of a JSON result as sets of article sources."""
    return [{a["source"] for a in story["articles"]} for story in data["stories"]]
