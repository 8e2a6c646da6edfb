"""A cache of segmented articles and alignments, keyed by their content, in the user cache folder.

An entry's key is a hash of everything that decides its value: the article's text and names (or every
article of an alignment), the settings, the user's corrections, and the program itself (its version and a
hash of the engine's source, so a changed engine never reads an older engine's results). Each entry file
starts with a header and a checksum of its body: an entry that is damaged, cut short, written by another
version or not written by Parallax at all is ignored, and the caller rebuilds it and writes it anew.
The folder is kept under a size bound: when it grows past it, the entries used least recently go first
(reading an entry marks it used).
The entries are Python pickles, which only the user's own cache folder should hold (as Python's own
`__pycache__` folders hold compiled code).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from dataclasses import asdict, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from tui import __version__

_MAGIC = b"parallax-cache 1\n"
_DIGEST = 32  # bytes of sha256
LIMIT_BYTES = 512 * 1024 * 1024  # the engine's entries together; the least recently used go past this
# The folder is measured again after this share of the bound has been written (once per process at least),
# so that writing thousands of articles does not walk the folder thousands of times.
_RESCAN_SHARE = 0.1
_STALE_PART_S = 3600.0  # a temporary file this old was left by a process that stopped while writing


@lru_cache(maxsize=1)
def program_fingerprint() -> str:
    """The version and a hash of the engine's source files (the reader's files do not change results)."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def content_key(kind: str, *parts: Any) -> str:
    """A key for `parts` (text, dataclasses, lists, numbers), the program's fingerprint included."""
    digest = hashlib.sha256(f"{kind}\0{program_fingerprint()}\0".encode())
    for part in parts:
        digest.update(_canonical(part))
        digest.update(b"\0\1\0")
    return digest.hexdigest()


def _canonical(value: Any) -> bytes:
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    if is_dataclass(value) and not isinstance(value, type):
        return repr(sorted(asdict(value).items())).encode("utf-8", "surrogatepass")
    return repr(value).encode("utf-8", "surrogatepass")


class Cache:
    """Entries by kind and key under one folder; reading never fails, writing failures are ignored."""

    def __init__(self, root: Path, limit: int = LIMIT_BYTES):
        self.root = Path(root)
        self.limit = limit
        self._written: int | None = None  # bytes written since the folder was last measured (None: not yet)

    def path(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / key

    def get(self, kind: str, key: str) -> Any | None:
        """The value stored under the key, or None when there is none or it cannot be trusted."""
        path = self.path(kind, key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        header = len(_MAGIC) + _DIGEST
        body = data[header:]
        if data[: len(_MAGIC)] != _MAGIC or data[len(_MAGIC) : header] != hashlib.sha256(body).digest():
            return None
        try:
            value = pickle.loads(body)
        except Exception:  # noqa: BLE001 - a body that passes the checksum but not unpickling is still not used
            return None
        _touch(path)
        return value

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store the value; a folder that cannot be written (full disk, read-only) costs the next run a rebuild."""
        body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path = self.path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(_MAGIC + hashlib.sha256(body).digest() + body)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return
        self._after_write(len(_MAGIC) + _DIGEST + len(body), path)

    def _after_write(self, size: int, written: Path) -> None:
        """Measure the folder on the first write and after every tenth of the bound, pruning when over it."""
        if self._written is not None and self._written + size < _RESCAN_SHARE * self.limit:
            self._written += size
            return
        self._written = 0
        self.prune(keep=written)

    def prune(self, keep: Path | None = None) -> None:
        """Delete the least recently used entries until the folder is under its bound (`keep` stays)."""
        entries, total = _entries(self.root)
        for used, size, path in sorted(entries):
            if total <= self.limit:
                break
            if path == keep:
                continue
            try:
                path.unlink()
            except OSError:
                continue  # another process removed it, or the folder is read-only: nothing to free here
            total -= size


def _touch(path: Path) -> None:
    """Mark an entry as just used, so pruning keeps it over entries not read for longer."""
    try:
        os.utime(path)
    except OSError:
        pass  # a read-only cache is still read


def _entries(root: Path) -> tuple[list[tuple[float, int, Path]], int]:
    """Every entry (last use, size, path) and their total size; stale temporary files count as unused."""
    found = []
    total = 0
    now = time.time()
    try:
        files = [p for p in root.glob("*/*/*") if p.is_file()]
    except OSError:
        return [], 0
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        if path.name.startswith(".part-"):
            if now - stat.st_mtime < _STALE_PART_S:
                continue  # another process is writing it
            found.append((0.0, stat.st_size, path))
        else:
            found.append((stat.st_mtime, stat.st_size, path))
        total += stat.st_size
    return found, total


def user_cache() -> Cache:
    """The cache in the user's cache folder ($PARALLAX_CACHE_DIR overrides it), beside cached web pages."""
    root = os.environ.get("PARALLAX_CACHE_DIR")
    if not root:
        import platformdirs  # not through tui.fetch, which would import the HTTP client for local files

        root = platformdirs.user_cache_dir("parallax")
    return Cache(Path(root) / "engine")


def article_key(article: Any) -> tuple:
    """What decides an article's alignment: its names, its text and where its sentences and quotations are."""
    outlet = article.outlet
    return (article.id, article.source, outlet.id, outlet.name, outlet.label, outlet.homepage, article.text,
            article.title, article.published, article.author, article.url, article.error,
            [(s.start, s.end, s.paragraph, s.kind.value) for s in article.sentences],
            [(q.start, q.end, q.sentence) for q in article.quotes])
