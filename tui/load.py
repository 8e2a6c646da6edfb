"""Reading an article's raw text from a file or a URL: limits, decoding, and body extraction from HTML.

Cleaning the text (Markdown markers, mojibake, control characters, line endings) happens later, in tui.text.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from .decoding import decode_bytes, looks_binary
from .model import ArticleRef, Document
from .sources import resolve_file

if TYPE_CHECKING:
    import httpx

    from .fetch import Page

# httpx and trafilatura take a tenth of a second to import; they are imported only when a page is read,
# so that `parallax align` on plain files starts quickly.

__all__ = [
    "LoadError", "Document", "read_document", "read_file", "decode_bytes",
    "html_to_document", "fetch_url", "MAX_FILE_BYTES",
]

MAX_FILE_BYTES = 20 * 1024 * 1024
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
# Formats people save articles as by mistake; their bytes say what they are before any decoding.
BINARY_SIGNATURES = (
    b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF-", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF", b"7z\xbc\xaf",
)
HTML_START = re.compile(r"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


class LoadError(Exception):
    """An article that could not be read; str() names the source and says why."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


def read_document(
    ref: ArticleRef, *, refresh: bool = False, cache_dir: Path | None = None, client: httpx.Client | None = None
) -> Document:
    """Read the article a sources entry points to; raises LoadError only."""
    if ref.url:
        return fetch_url(ref.url, refresh=refresh, cache_dir=cache_dir, client=client)
    if ref.file:
        try:
            path = resolve_file(ref)
        except RuntimeError:  # "~nobody/...": there is no such home directory
            raise LoadError(ref.file, "cannot expand '~': no such user's home directory") from None
        return read_file(path, shown=ref.file)
    raise LoadError(ref.outlet or "article", "no file or url given")


def read_file(path: Path, *, shown: str = "") -> Document:
    """Read a text, Markdown or HTML file; `shown` is how the path appears in messages."""
    shown = shown or str(path)
    data = _read_bytes(path, shown)
    text = _bytes_to_text(data, shown, "file", declared=_declared_charset(data))
    if path.suffix.lower() in HTML_SUFFIXES or HTML_START.match(text[:2000]):
        return _html_document(text, "", shown)
    return Document(text=text)


def _read_bytes(path: Path, shown: str) -> bytes:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise LoadError(shown, "is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(shown, "is not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            too_big = f"file is {_size(info.st_size)}, larger than the {_size(MAX_FILE_BYTES)} limit"
            raise LoadError(shown, too_big)
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise LoadError(shown, "file not found") from None
    except PermissionError:
        raise LoadError(shown, "permission denied: the file cannot be read") from None
    except OSError as error:
        raise LoadError(shown, f"cannot read the file: {error.strerror or error}") from None


def _bytes_to_text(data: bytes, shown: str, noun: str, declared: str = "") -> str:
    """Decoded text, refusing empty and binary content; noun is 'file' or 'page'."""
    if not data.strip():
        raise LoadError(shown, f"{noun} is empty")
    if data.startswith(BINARY_SIGNATURES):
        raise LoadError(shown, f"looks like a binary {noun}, not text or HTML")
    text = decode_bytes(data, declared=declared)
    if looks_binary(text):
        raise LoadError(shown, f"looks like a binary {noun}, not text or HTML")
    if not text.strip():
        raise LoadError(shown, f"{noun} is empty")
    return text


def _declared_charset(data: bytes) -> str:
    """The charset an HTML page declares in a <meta> tag near its start, if any."""
    found = CHARSET.search(data[:4096])
    return found.group(1).decode("ascii", "replace") if found else ""


def html_to_document(html: str, url: str = "") -> Document:
    """The article body and metadata of an HTML page, paragraphs separated by blank lines."""
    from .htmlpage import extract_article

    document = extract_article(html, url)
    if document is None:
        raise LoadError(url or "page", "no article text found in the page")
    return document


def _html_document(html: str, url: str, shown: str) -> Document:
    try:
        return html_to_document(html, url)
    except LoadError as error:
        raise LoadError(shown, error.reason) from None


def fetch_url(
    url: str,
    *,
    refresh: bool = False,
    cache_dir: Path | None = None,
    client: httpx.Client | None = None,
    timeout: float | None = None,
    max_bytes: int | None = None,
) -> Document:
    """Fetch a page (or take it from the cache unless refresh) and read its article; raises LoadError."""
    from .fetch import MAX_PAGE_BYTES, READ_TIMEOUT, FetchError, get_page

    timeout = READ_TIMEOUT if timeout is None else timeout
    max_bytes = MAX_PAGE_BYTES if max_bytes is None else max_bytes
    try:
        page = get_page(url, refresh=refresh, cache_dir=cache_dir, client=client, timeout=timeout, max_bytes=max_bytes)
    except FetchError as error:
        raise LoadError(url, str(error)) from None
    return page_to_document(page, shown=url)


def page_to_document(page: Page, shown: str) -> Document:
    """Decode a fetched page and extract its article when it is HTML; a cached page's failure names the cache."""
    try:
        return _page_document(page, shown)
    except LoadError as error:
        if not page.from_cache:
            raise
        where = Path(page.cache_file).parent
        raise LoadError(shown, f"{error.reason} (the copy cached in {where}; --refresh fetches it again)") from None


def _page_document(page: Page, shown: str) -> Document:
    declared = _header_charset(page.content_type) or _declared_charset(page.data)
    text = _bytes_to_text(page.data, shown, "page", declared=declared)
    mime = page.content_type.split(";")[0].strip().lower()
    if "html" in mime or (not mime and HTML_START.match(text[:2000])):
        document = _html_document(text, page.final_url, shown)
    else:
        document = Document(text=text, url=page.final_url)
    document.from_cache = page.from_cache
    return document


def _size(count: int) -> str:
    from .fetch import human_size

    return human_size(count)


def _header_charset(content_type: str) -> str:
    found = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    return found.group(1) if found else ""
