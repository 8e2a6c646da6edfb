"""Fetching under attack: a server that trickles, a cache damaged in place, a cache that cannot be written."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.test_load import PARAGRAPHS, article_page, cache, reply, server  # noqa: F401 - pytest fixtures
from tui.load import LoadError, fetch_url

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def trickler():
    """A server that sends its status line and headers one byte every 0.1 s, for 60 s at most."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()
    response = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Padding: " + b"a" * 600 + b"\r\n\r\nhello"

    def serve() -> None:
        listener.settimeout(60)
        try:
            connection, _ = listener.accept()
        except OSError:
            return
        with connection:
            for byte in response:
                if stop.wait(0.1):
                    break
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    break  # the client hung up: what a deadline does

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    stop.set()
    listener.close()
    thread.join(10)


def test_a_server_trickling_its_headers_is_cut_off_at_the_deadline(trickler, cache):
    # Each byte comes well within the read timeout; only one deadline for the whole exchange stops it.
    with pytest.raises(LoadError, match=r"timed out after 1 s"):
        fetch_url(trickler, cache_dir=cache, timeout=1.0)


def test_a_cached_page_damaged_in_place_is_fetched_again_not_served(server, cache):  # noqa: F811
    server.routes["/storm"] = reply(200, article_page())
    url = server.url("/storm")
    fetch_url(url, cache_dir=cache)
    (body,) = (cache / "pages").glob("*.body")
    body.write_bytes(b"\x89PNG" + bytes(body.stat().st_size - 4))  # same size, other bytes
    again = fetch_url(url, cache_dir=cache)
    assert server.hits["/storm"] == 2 and not again.from_cache and PARAGRAPHS[1] in again.text
    assert fetch_url(url, cache_dir=cache).from_cache  # the fresh copy replaced the damaged one


def test_a_damaged_cached_page_that_cannot_be_fetched_again_says_so(server, cache):  # noqa: F811
    server.routes["/storm"] = reply(200, article_page())
    url = server.url("/storm")
    fetch_url(url, cache_dir=cache)
    (body,) = (cache / "pages").glob("*.body")
    body.write_bytes(body.read_bytes().replace(b"storm", b"STORM"))
    server.routes["/storm"] = reply(503, "down")
    with pytest.raises(LoadError) as caught:
        fetch_url(url, cache_dir=cache)
    assert "HTTP 503" in str(caught.value) and f"cached copy in {cache / 'pages'} is damaged" in str(caught.value)


def test_a_cached_page_that_cannot_be_read_names_the_cache_and_refresh(server, cache):  # noqa: F811
    server.routes["/menu"] = reply(200, "<html><body><nav>Home</nav></body></html>")
    url = server.url("/menu")
    with pytest.raises(LoadError, match="no article text found in the page$"):
        fetch_url(url, cache_dir=cache)
    with pytest.raises(LoadError) as caught:
        fetch_url(url, cache_dir=cache)
    assert "no article text found in the page" in str(caught.value)
    assert str(cache / "pages") in str(caught.value) and "--refresh" in str(caught.value)


def test_a_failed_cache_write_leaves_no_partial_file(tmp_path):
    """A full disk, played by a file size limit in a process of its own."""
    code = f"""
import resource, signal
from pathlib import Path
from tui.fetch import Page, read_cached, write_cached
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))
pages = Path({str(tmp_path / "pages")!r})
write_cached(Page("https://e.org/a", "https://e.org/a", "text/html", b"x" * 5000, "now"), pages)
print(sorted(p.name for p in pages.iterdir()), read_cached("https://e.org/a", pages))
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[] None", result.stderr
