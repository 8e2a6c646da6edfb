"""Reading articles from files and from a local web server: text, metadata, cache, encodings and every failure."""

from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Callable

import httpx
import pytest

import tui
from tests.http_support import serving
from tui import load
from tui.load import LoadError, decode_bytes, fetch_url, html_to_document, read_document, read_file
from tui.model import ArticleRef
from tui.sources import load_catalog, resolve_file, sample_sources_path

PARAGRAPHS = [
    "The storm reached the northern coast on Saturday morning, bringing winds of more than 120 km/h to the harbour towns.",
    "\u201cWe were ready for it,\u201d the mayor said, praising the volunteers who had filled sandbags through the night.",
    "Fishing boats moored in the old harbour were torn from their ropes and several were thrown onto the quay.",
    "Power was cut to about twelve thousand homes for several hours before crews restored most of the lines.",
    "The weather service said it had issued warnings two days earlier and that the worst had now passed.",
    "Officials said repairs would take weeks and that the cost of the damage was not yet known.",
]
BOILERPLATE = [
    "Subscribe to our newsletter",
    "World section menu",
    "We use cookies to improve your experience",
    "Related stories",
    "Sidebar teaser about the elections",
    "Commenter Bob wrote",
    "Copyright Example Gazette",
]


def article_page(canonical: str = "https://gazette.example.org/storm") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Storm batters the northern coast | Example Gazette</title>
<meta property="og:title" content="Storm batters the northern coast">
<meta property="og:site_name" content="Example Gazette">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2016-09-17T10:30:00Z">
<link rel="canonical" href="{canonical}">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World section menu</a></li>
<li><a href="/subscribe">Subscribe to our newsletter</a></li></ul></nav></header>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience. <button>Accept all</button></p></div>
<main><article>
<h1>Storm batters the northern coast</h1>
<p class="byline">By Jane Roe</p>
{body}
</article>
<aside class="sidebar"><h3>Related stories</h3><ul>
<li><a href="/elections">Sidebar teaser about the elections</a></li><li><a href="/sport">Cup final report</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Commenter Bob wrote: this is all exaggerated, the wind was nothing special.</p></div></section>
</main>
<footer><p>Copyright Example Gazette. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


# --- a local web server -----------------------------------------------------------------------------


Route = Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]]


@dataclass
class Server:
    base: str
    routes: dict[str, Route]
    hits: dict[str, int] = field(default_factory=dict)
    agents: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


def reply(status: int, body: bytes | str = b"", content_type: str = "text/html; charset=utf-8", **headers: str) -> Route:
    data = body.encode("utf-8") if isinstance(body, str) else body
    all_headers = {"Content-Type": content_type, **{k.replace("_", "-"): v for k, v in headers.items()}}
    return lambda handler: (status, all_headers, data)


def make_handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 -- the name http.server calls
            server.hits[self.path] = server.hits.get(self.path, 0) + 1
            server.agents.append(self.headers.get("User-Agent", ""))
            route = server.routes.get(self.path, reply(404, "no such page"))
            status, headers, body = route(self)
            try:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the client gave up first (timeout tests)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def slow(seconds: float) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        time.sleep(seconds)
        return 200, {"Content-Type": "text/plain"}, b"too late"

    return route


@pytest.fixture
def server():
    state = Server(base="", routes={})
    with serving(make_handler(state)) as base:
        state.base = base
        yield state


@pytest.fixture
def cache(tmp_path) -> Path:
    return tmp_path / "cache"


# --- fetching pages ---------------------------------------------------------------------------------


def test_fetched_article_has_the_paragraphs_and_none_of_the_page_furniture(server, cache):
    server.routes["/storm"] = reply(200, article_page())
    doc = fetch_url(server.url("/storm"), cache_dir=cache)
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.text
    for furniture in BOILERPLATE:
        assert furniture not in doc.text
    # Blank lines between paragraphs: the segmenter splits paragraphs on them.
    assert f"{PARAGRAPHS[0]}\n\n{PARAGRAPHS[1]}" in doc.text
    # The time of day is kept where the page gives it: who published first needs it.
    assert (doc.title, doc.author, doc.published) == ("Storm batters the northern coast", "Jane Roe", "2016-09-17T10:30:00Z")
    assert doc.url == "https://gazette.example.org/storm"
    assert doc.site_name == "Example Gazette"
    assert doc.from_cache is False


def test_requests_name_the_program_honestly(server, cache):
    server.routes["/plain"] = reply(200, "Plain words. " * 5, "text/plain")
    fetch_url(server.url("/plain"), cache_dir=cache)
    assert server.agents == [f"Parallax/{tui.__version__} (+terminal news reader)"]


def test_redirect_chain_is_followed_to_the_final_address(server, cache):
    server.routes["/old"] = reply(301, "", Location="/older")
    server.routes["/older"] = reply(302, "", Location="/text")
    server.routes["/text"] = reply(200, "The article as plain text.\n\nSecond paragraph.", "text/plain; charset=utf-8")
    doc = fetch_url(server.url("/old"), cache_dir=cache)
    assert doc.text == "The article as plain text.\n\nSecond paragraph."
    assert doc.url == server.url("/text")


def test_redirect_loop_gives_up(server, cache):
    server.routes["/loop"] = reply(302, "", Location="/loop")
    with pytest.raises(LoadError, match="too many redirects"):
        fetch_url(server.url("/loop"), cache_dir=cache)
    assert server.hits["/loop"] == 6  # the first request and five redirects


def test_http_error_names_the_status(server, cache):
    url = server.url("/gone")
    with pytest.raises(LoadError) as caught:
        fetch_url(url, cache_dir=cache)
    assert str(caught.value) == f"{url}: HTTP 404 Not Found"


def test_slow_server_times_out_quickly(server, cache):
    server.routes["/slow"] = slow(1.5)
    started = time.monotonic()
    with pytest.raises(LoadError, match=r"timed out after 0\.2 s"):
        fetch_url(server.url("/slow"), cache_dir=cache, timeout=0.2)
    assert time.monotonic() - started < 1.0


def test_image_is_refused_with_what_it_is(server, cache):
    server.routes["/photo"] = reply(200, b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
    with pytest.raises(LoadError, match="image/png, not a web page or text"):
        fetch_url(server.url("/photo"), cache_dir=cache)


def test_pdf_is_refused(server, cache):
    server.routes["/report"] = reply(200, b"%PDF-1.7 ...", "application/pdf")
    with pytest.raises(LoadError, match="application/pdf"):
        fetch_url(server.url("/report"), cache_dir=cache)


def test_oversized_page_is_refused_when_announced(server, cache):
    server.routes["/big"] = reply(200, "word " * 2000, "text/plain", Content_Length="10000")
    with pytest.raises(LoadError, match="larger than the 1000 bytes limit"):
        fetch_url(server.url("/big"), cache_dir=cache, max_bytes=1000)


def test_oversized_page_is_cut_off_while_streaming(server, cache):
    server.routes["/stream"] = reply(200, "word " * 20000, "text/plain")  # no Content-Length
    with pytest.raises(LoadError, match=r"page is larger than the 4 KB limit"):
        fetch_url(server.url("/stream"), cache_dir=cache, max_bytes=4096)
    assert not list(cache.glob("pages/*"))


def test_plain_text_response_is_kept_as_text(server, cache):
    server.routes["/notes"] = reply(200, "# A heading\n\nSome **Markdown** text.", "text/plain")
    doc = fetch_url(server.url("/notes"), cache_dir=cache)
    assert doc.text == "# A heading\n\nSome **Markdown** text."


def test_charset_from_the_response_header_is_used(server, cache):
    server.routes["/legacy"] = reply(200, "Na\u00efve caf\u00e9 \u201cquotes\u201d".encode("cp1252"), "text/plain; charset=windows-1252")
    assert fetch_url(server.url("/legacy"), cache_dir=cache).text == "Na\u00efve caf\u00e9 \u201cquotes\u201d"


def test_connection_refused_is_explained(cache):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(LoadError, match=rf"http://127.0.0.1:{port}/x: could not connect"):
        fetch_url(f"http://127.0.0.1:{port}/x", cache_dir=cache, timeout=2)


def test_page_without_an_article_is_an_error(server, cache):
    server.routes["/menu"] = reply(200, "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>")
    url = server.url("/menu")
    with pytest.raises(LoadError) as caught:
        fetch_url(url, cache_dir=cache)
    assert str(caught.value) == f"{url}: no article text found in the page"


def test_given_client_is_used(server, cache):
    server.routes["/plain"] = reply(200, "Text through a shared client.", "text/plain")
    with httpx.Client() as client:
        assert fetch_url(server.url("/plain"), cache_dir=cache, client=client).text == "Text through a shared client."


# --- cache ------------------------------------------------------------------------------------------


def test_second_fetch_comes_from_the_cache_and_refresh_refetches(server, cache):
    server.routes["/storm"] = reply(200, article_page())
    url = server.url("/storm")
    first = fetch_url(url, cache_dir=cache)
    second = fetch_url(url, cache_dir=cache)
    assert server.hits["/storm"] == 1
    assert second.from_cache and second.text == first.text and second.title == first.title
    third = fetch_url(url, cache_dir=cache, refresh=True)
    assert server.hits["/storm"] == 2 and not third.from_cache


def test_cache_serves_pages_with_the_server_gone(tmp_path, cache):
    with_server = {}

    def serve_once() -> None:
        state = Server(base="", routes={"/a": reply(200, article_page())})
        with serving(make_handler(state)) as base:
            url = f"{base}/a"
            with_server["doc"], with_server["url"] = fetch_url(url, cache_dir=cache), url

    serve_once()
    offline = fetch_url(with_server["url"], cache_dir=cache)
    assert offline.from_cache and PARAGRAPHS[3] in offline.text


def test_failed_refresh_keeps_the_cached_copy(server, cache):
    server.routes["/storm"] = reply(200, article_page())
    url = server.url("/storm")
    fetch_url(url, cache_dir=cache)
    server.routes["/storm"] = reply(500, "broken")
    with pytest.raises(LoadError, match="HTTP 500 Internal Server Error"):
        fetch_url(url, cache_dir=cache, refresh=True)
    kept = fetch_url(url, cache_dir=cache)
    assert kept.from_cache and PARAGRAPHS[0] in kept.text


def test_cache_location_follows_the_environment_and_keeps_a_sidecar(server, tmp_path, monkeypatch):
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(tmp_path / "env-cache"))
    server.routes["/old"] = reply(302, "", Location="/text")
    server.routes["/text"] = reply(200, "Cached words.", "text/plain; charset=utf-8")
    fetch_url(server.url("/old"))
    (sidecar,) = (tmp_path / "env-cache" / "pages").glob("*.json")
    meta = json.loads(sidecar.read_text())
    assert meta["final_url"] == server.url("/text")
    assert meta["content_type"] == "text/plain; charset=utf-8"
    assert meta["fetched_at"][:2] == "20"
    assert sidecar.with_suffix(".body").read_bytes() == b"Cached words."


def test_read_document_fetches_urls(server, cache):
    server.routes["/plain"] = reply(200, "Words from the web.", "text/plain")
    doc = read_document(ArticleRef(outlet="web", url=server.url("/plain")), cache_dir=cache)
    assert doc.text == "Words from the web."


# --- files ------------------------------------------------------------------------------------------


def file_error(tmp_path: Path, name: str) -> str:
    with pytest.raises(LoadError) as caught:
        read_document(ArticleRef(outlet="x", file=name, base_dir=str(tmp_path)))
    return str(caught.value)


def test_missing_file_names_the_path_as_given(tmp_path):
    assert file_error(tmp_path, "stories/x.txt") == "stories/x.txt: file not found"


def test_directory_is_not_a_file(tmp_path):
    (tmp_path / "folder").mkdir()
    assert file_error(tmp_path, "folder") == "folder: is a directory, not a file"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("words")
    path.chmod(0)
    try:
        assert file_error(tmp_path, "secret.txt") == "secret.txt: permission denied: the file cannot be read"
    finally:
        path.chmod(0o644)


def test_unreadable_file_even_when_running_as_root(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("words")
    real_open = Path.open

    def refuse(self: Path, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    assert file_error(tmp_path, "secret.txt") == "secret.txt: permission denied: the file cannot be read"


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  ", "\ufeff \n".encode("utf-8"), " \n".encode("utf-16")])
def test_empty_file(tmp_path, content):
    (tmp_path / "empty.txt").write_bytes(content)
    assert file_error(tmp_path, "empty.txt") == "empty.txt: file is empty"


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        b"GIF89a" + bytes(100),
        b"text then\x00\x00\x00\x01\x02 binary " * 10,
        bytes(range(1, 32)) * 40,
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    ],
)
def test_binary_file(tmp_path, content):
    (tmp_path / "img.png").write_bytes(content)
    assert file_error(tmp_path, "img.png") == "img.png: looks like a binary file, not text or HTML"


def test_oversized_file_gives_its_size(tmp_path):
    with open(tmp_path / "big.txt", "wb") as handle:
        handle.truncate(int(31.2 * 1024 * 1024))  # sparse: nothing is written
    assert file_error(tmp_path, "big.txt") == "big.txt: file is 31.2 MB, larger than the 20 MB limit"


def test_text_and_markdown_files_are_returned_as_written(tmp_path):
    (tmp_path / "a.md").write_text("## **Heading**\n\nBody with â€” damage.\r\n", encoding="utf-8")
    assert read_file(tmp_path / "a.md").text == "## **Heading**\n\nBody with â€” damage.\r\n"


def test_html_file_is_extracted(tmp_path):
    (tmp_path / "saved.htm").write_text(article_page(), encoding="utf-8")
    doc = read_document(ArticleRef(outlet="x", file="saved.htm", base_dir=str(tmp_path)))
    assert PARAGRAPHS[5] in doc.text and "Commenter Bob" not in doc.text
    assert doc.title == "Storm batters the northern coast"


def test_txt_file_holding_html_is_extracted(tmp_path):
    (tmp_path / "saved.txt").write_text("\n  " + article_page(), encoding="utf-8")
    doc = read_file(tmp_path / "saved.txt")
    assert PARAGRAPHS[2] in doc.text and "<p>" not in doc.text and "World section menu" not in doc.text


def test_html_file_without_article(tmp_path):
    (tmp_path / "menu.html").write_text("<html><body><nav>Home</nav></body></html>")
    assert file_error(tmp_path, "menu.html") == "menu.html: no article text found in the page"


def test_html_file_in_a_legacy_charset_uses_its_meta_declaration(tmp_path):
    russian = "Российские военные заявили, что авиаудар коалиции убил шестьдесят два солдата возле аэропорта."
    page = f'<html><head><meta charset="windows-1251"><title>t</title></head><body><article><p>{russian}</p></article></body></html>'
    (tmp_path / "ru.html").write_bytes(page.encode("cp1251"))
    assert russian in read_file(tmp_path / "ru.html").text


def test_sample_articles_load_unchanged():
    catalog = load_catalog(sample_sources_path())
    for ref in catalog.stories[0].articles:
        doc = read_document(ref)
        assert doc.text == resolve_file(ref).read_text(encoding="utf-8")


def test_a_reference_with_neither_file_nor_url():
    with pytest.raises(LoadError, match="no file or url given"):
        read_document(ArticleRef(outlet="cnn"))


# --- decoding ---------------------------------------------------------------------------------------

SENTENCE = "\u201cThe airstrike was halted immediately,\u201d the statement said \u2014 \u2018after a call\u2019."
ACCENTED = "Caf\u00e9 cr\u00e8me, na\u00efve \u00fcber-r\u00e9sum\u00e9 in Z\u00fcrich."


@pytest.mark.parametrize(
    "data",
    [
        SENTENCE.encode("utf-8"),
        SENTENCE.encode("utf-8-sig"),
        SENTENCE.encode("utf-16"),  # with a BOM, in this machine's byte order
        b"\xff\xfe" + SENTENCE.encode("utf-16-le"),
        b"\xfe\xff" + SENTENCE.encode("utf-16-be"),
        SENTENCE.encode("utf-16-le"),
        SENTENCE.encode("utf-16-be"),
        SENTENCE.encode("utf-32"),
        SENTENCE.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "utf-16-be", "utf-32", "cp1252"],
)
def test_every_encoding_of_the_sentence_decodes_to_the_same_text(data):
    assert decode_bytes(data) == SENTENCE


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-8", "utf-8-sig", "utf-16"])
def test_accented_western_text(encoding):
    # charset-normalizer alone reads these short texts as Windows-1250 ("naďve").
    assert decode_bytes(ACCENTED.encode(encoding)) == ACCENTED


def test_utf8_file_with_stray_windows_1252_bytes_keeps_both():
    data = "Caf\u00e9 \u2014 ".encode("utf-8") + b"he said \x93no\x94."
    assert decode_bytes(data) == "Caf\u00e9 \u2014 he said \u201cno\u201d."


def test_other_scripts_in_legacy_encodings_are_detected():
    russian = "Российские военные заявили, что авиаудар коалиции убил 62 сирийских солдата возле аэропорта Дейр-эз-Зор."
    assert decode_bytes(russian.encode("cp1251")) == russian


def test_declared_charset_is_used_when_the_bytes_are_not_utf8():
    assert decode_bytes("Grüße".encode("latin-1"), declared="iso-8859-1") == "Grüße"
    assert decode_bytes("Привет мир".encode("koi8-r"), declared="koi8-r") == "Привет мир"


@pytest.mark.parametrize("label", ["rot13", "base64", "hex", "zlib", "undefined", "unicode_escape", "x-no-such"])
def test_a_bogus_charset_label_falls_back_to_detection(label):
    assert decode_bytes(ACCENTED.encode("cp1252"), declared=label) == ACCENTED


def test_a_page_sent_with_a_bogus_charset_still_opens(server, cache):
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS).replace("volunteers", "b\u00e9n\u00e9voles")
    page = f'<html><head><meta charset="rot13"><title>t</title></head><body><article>{body}</article></body></html>'
    server.routes["/rot13"] = reply(200, page.encode("cp1252"), content_type="text/html; charset=base64")
    assert "bénévoles" in fetch_url(server.url("/rot13"), cache_dir=cache).text


def test_declared_charset_does_not_override_valid_utf8():
    assert decode_bytes("Grüße".encode("utf-8"), declared="iso-8859-1") == "Grüße"


def test_html_paragraphs_and_list_items_are_separated_by_blank_lines():
    html = '<?xml version="1.0" encoding="utf-8"?>' + (
        "<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
        + "<ul><li>First listed point of the story</li><li>Second listed point</li></ul></article></body></html>"
    )
    text = html_to_document(html).text
    blocks = text.split("\n\n")
    assert blocks[:3] == PARAGRAPHS[:3]
    assert any("First listed point" in b for b in blocks) and any("Second listed point" in b for b in blocks)


def test_html_metadata_falls_back_to_meta_tags():
    html = (
        '<html><head><title>Fallback title</title><meta name="author" content="Alex Writer">'
        '<meta property="article:published_time" content="2021-03-04T05:06:07+00:00"></head>'
        "<body><div>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div></body></html>"
    )
    doc = html_to_document(html, "https://news.example.net/a?id=1")
    assert doc.title == "Fallback title" and doc.author == "Alex Writer" and doc.published == "2021-03-04T05:06:07Z"
    assert doc.url == "https://news.example.net/a?id=1"


def test_load_error_message_names_source_and_reason():
    error = LoadError("https://e.org/a", "HTTP 404 Not Found")
    assert (str(error), error.source, error.reason) == ("https://e.org/a: HTTP 404 Not Found", "https://e.org/a", "HTTP 404 Not Found")
    assert load.MAX_FILE_BYTES == 20 * 1024 * 1024
