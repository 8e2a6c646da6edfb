"""A cache of segmented articles and alignments, keyed by their content, in the user cache folder.

An entry's key is a hash of everything that decides its value: the article's text and names (or every
article of an alignment), the settings, the user's corrections, and the program itself (its version and a
hash of the engine's source, so a changed engine never reads an older engine's results). Each entry file
starts with a header and a checksum of its body: an entry that is damaged, cut short, written by another
version or not written by Parallax at all is ignored, and the caller rebuilds it and writes it anew.
The entries are Python pickles, which only the user's own cache folder should hold (as Python's own
`__pycache__` folders hold compiled code).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import asdict, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from tui import __version__

_MAGIC = b"parallax-cache 1\n"
_DIGEST = 32  # bytes of sha256


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

    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / key

    def get(self, kind: str, key: str) -> Any | None:
        """The value stored under the key, or None when there is none or it cannot be trusted."""
        try:
            data = self.path(kind, key).read_bytes()
        except OSError:
            return None
        header = len(_MAGIC) + _DIGEST
        body = data[header:]
        if data[: len(_MAGIC)] != _MAGIC or data[len(_MAGIC) : header] != hashlib.sha256(body).digest():
            return None
        try:
            return pickle.loads(body)
        except Exception:  # noqa: BLE001 - a body that passes the checksum but not unpickling is still not used
            return None

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
