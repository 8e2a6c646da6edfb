"""Downloading web pages with limits, and keeping them in a cache so a story reopens without the network."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import socket
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from http import HTTPStatus
from pathlib import Path

import httpx
import platformdirs

from . import __version__

USER_AGENT = f"Parallax/{__version__} (+terminal news reader)"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
MAX_REDIRECTS = 5
MAX_PAGE_BYTES = 10 * 1024 * 1024
CACHE_ENV = "PARALLAX_CACHE_DIR"
PAGE_TYPES = {"text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
              "application/x-rss+xml"}


class FetchError(Exception):
    """A download that failed; the message says why in words a reader understands."""


class DamagedCache(Exception):
    """A cached page whose body no longer matches what was stored: it is fetched again, never served."""


@dataclass(frozen=True)
class Page:
    """The raw bytes of a fetched page and what the server said about them."""

    url: str
    final_url: str
    content_type: str
    data: bytes
    fetched_at: str
    from_cache: bool = False
    cache_file: str = ""  # where a page served from the cache lies, for messages


def human_size(size: int) -> str:
    """'31.2 MB', '20 MB', '900 bytes': sizes as limits and files are described to the reader."""
    if size < 1024 * 1024:
        return f"{size} bytes" if size < 1024 else f"{size / 1024:.1f}".removesuffix(".0") + " KB"
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


def cache_root(cache_dir: Path | None = None) -> Path:
    """The cache folder: the argument, else $PARALLAX_CACHE_DIR, else the user's cache folder."""
    if cache_dir is not None:
        return Path(cache_dir)
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else Path(platformdirs.user_cache_dir("parallax"))


def get_page(
    url: str,
    *,
    refresh: bool = False,
    cache_dir: Path | None = None,
    client: httpx.Client | None = None,
    timeout: float = READ_TIMEOUT,
    max_bytes: int = MAX_PAGE_BYTES,
    types: set[str] = PAGE_TYPES,  # content types accepted (feeds add FEED_TYPES)
) -> Page:
    """The page from the cache, or downloaded and cached; a failed download leaves the cache as it was."""
    pages = cache_root(cache_dir) / "pages"
    damaged = False
    if not refresh:
        try:
            cached = read_cached(url, pages)
        except DamagedCache:
            damaged = True
        else:
            if cached is not None:
                return cached
    try:
        page = download(url, client=client, timeout=timeout, max_bytes=max_bytes, types=types)
    except FetchError as error:
        if damaged:
            raise FetchError(f"{error}; the cached copy in {pages} is damaged, so it was not used") from None
        raise
    write_cached(page, pages)
    return page


def _cache_paths(url: str, pages: Path) -> tuple[Path, Path]:
    key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
    return pages / f"{key}.body", pages / f"{key}.json"


def read_cached(url: str, pages: Path) -> Page | None:
    """The cached page for url, None when there is none; raises DamagedCache when it does not match its checksum."""
    body_path, meta_path = _cache_paths(url, pages)
    try:
        meta_text = meta_path.read_text(encoding="utf-8")
        data = body_path.read_bytes()
    except (OSError, UnicodeDecodeError):
        return None
    try:
        meta = json.loads(meta_text)
    except ValueError:
        raise DamagedCache(str(meta_path)) from None
    # A body changed in place, or a body and sidecar from different downloads, would mislabel the page.
    if not isinstance(meta, dict) or meta.get("url") != url or meta.get("sha256") != _digest(data):
        raise DamagedCache(str(body_path))
    final_url = str(meta.get("final_url") or url)
    return Page(url, final_url, str(meta.get("content_type", "")), data, str(meta.get("fetched_at", "")),
                from_cache=True, cache_file=str(body_path))


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_cached(page: Page, pages: Path) -> None:
    """Store the page; a cache that cannot be written only costs a refetch next time."""
    body_path, meta_path = _cache_paths(page.url, pages)
    meta = {"url": page.url, "final_url": page.final_url, "content_type": page.content_type,
            "fetched_at": page.fetched_at, "size": len(page.data), "sha256": _digest(page.data)}
    try:
        pages.mkdir(parents=True, exist_ok=True)
        _write_atomic(body_path, page.data)
        _write_atomic(meta_path, json.dumps(meta, indent=1).encode("utf-8"))
    except OSError:
        pass


def _write_atomic(path: Path, data: bytes) -> None:
    # Unique per writer, so parallel loads of one URL never interleave their bytes in one file.
    partial = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.part")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)  # a full disk must not leave half-written files behind
        raise


def new_client(timeout: float = READ_TIMEOUT) -> httpx.Client:
    return httpx.Client(
        follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=_timeouts(timeout),
        headers={"User-Agent": USER_AGENT},
    )


def _timeouts(timeout: float) -> httpx.Timeout:
    return httpx.Timeout(timeout, connect=min(CONNECT_TIMEOUT, timeout))


def download(
    url: str, *, client: httpx.Client | None = None, timeout: float = READ_TIMEOUT, max_bytes: int = MAX_PAGE_BYTES,
    types: set[str] = PAGE_TYPES,
) -> Page:
    """GET url following redirects, within one deadline for the whole exchange and the size limit; raises FetchError."""
    own_client = client is None
    client = client or new_client(timeout)
    deadline = Deadline(timeout)
    try:
        headers = {"User-Agent": USER_AGENT}
        with deadline, client.stream("GET", url, headers=headers, follow_redirects=True, timeout=_timeouts(timeout),
                                     extensions={"trace": deadline.trace}) as response:
            content_type = check_response(response, max_bytes, types)
            data = read_limited(response, max_bytes)
            if deadline.expired:  # a body without a length ends quietly when its connection is shut down
                raise FetchError(f"timed out after {timeout:g} s")
            fetched_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
            return Page(url, str(response.url), content_type, data, fetched_at)
    except httpx.InvalidURL as error:
        raise FetchError(f"not a valid web address ({error})") from None
    except httpx.HTTPError as error:
        reason = f"timed out after {timeout:g} s" if deadline.expired else describe_error(error, timeout, client.max_redirects)
        raise FetchError(reason) from None
    finally:
        if own_client:
            client.close()


class Deadline:
    """One deadline for a whole download, headers included: when it passes, the connections the request opened
    are shut down, so that a server trickling its headers or body a byte at a time cannot hold the reader.

    httpx's own timeouts count per read, and a trickle never trips them.
    """

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._streams: list = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()

    def trace(self, event: str, info: dict) -> None:
        """httpcore's trace hook: note each connection the request opens (a redirect may open another)."""
        if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            with self._lock:
                self._streams.append(info.get("return_value"))
                if self.expired:
                    _shut_down(self._streams[-1])

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for stream in self._streams:
                _shut_down(stream)


def _shut_down(stream: object) -> None:
    """Shut a connection down under the thread reading it, which then sees it closed."""
    try:
        sock = stream.get_extra_info("socket")  # type: ignore[attr-defined]
        number = sock.fileno() if sock is not None else -1  # -1 once httpcore has closed it
        if number >= 0:
            with socket.fromfd(number, socket.AF_INET, socket.SOCK_STREAM) as duplicate:
                duplicate.shutdown(socket.SHUT_RDWR)
    except (AttributeError, OSError):
        pass


def check_response(response: httpx.Response, max_bytes: int, types: set[str] = PAGE_TYPES) -> str:
    """The response's content type, after refusing error statuses, non-page types and announced oversize bodies."""
    if not response.is_success:
        phrase = response.reason_phrase or _status_phrase(response.status_code)
        raise FetchError(f"HTTP {response.status_code} {phrase}".strip())
    content_type = response.headers.get("content-type", "")
    mime = content_type.split(";")[0].strip().lower()
    if mime and mime not in types:
        wanted = "a web page or text" if types == PAGE_TYPES else "a feed, web page or text"
        raise FetchError(f"the server sent {mime}, not {wanted}")
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise FetchError(f"page is {human_size(int(length))}, larger than the {human_size(max_bytes)} limit")
    return content_type


def _status_phrase(code: int) -> str:
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return ""


def read_limited(response: httpx.Response, max_bytes: int) -> bytes:
    """The body, stopping as soon as it passes max_bytes."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"page is larger than the {human_size(max_bytes)} limit")
        chunks.append(chunk)
    return b"".join(chunks)


def describe_error(error: httpx.HTTPError, timeout: float, max_redirects: int = MAX_REDIRECTS) -> str:
    """A short human reason for a network failure."""
    detail = re.sub(r"\[Errno -?\d+\]\s*", "", str(error)).strip() or type(error).__name__
    if isinstance(error, httpx.ConnectTimeout):
        return f"timed out connecting after {min(CONNECT_TIMEOUT, timeout):g} s"
    if isinstance(error, httpx.TimeoutException):
        return f"timed out after {timeout:g} s"
    if isinstance(error, httpx.TooManyRedirects):
        return f"too many redirects (more than {max_redirects})"
    if isinstance(error, httpx.ConnectError):
        return f"could not connect: {detail}"
    if isinstance(error, httpx.UnsupportedProtocol):
        return "unsupported address: only http:// and https:// pages can be fetched"
    if isinstance(error, httpx.RemoteProtocolError):
        return f"the server sent a broken response: {detail}"
    return f"download failed: {detail}"
