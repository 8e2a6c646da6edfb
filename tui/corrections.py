"""The user's corrections of the alignment: links marked wrong and passages joined by hand, kept per story.

A correction names each passage by its article and the words of its sentence (not by position), so it
still applies when an article is fetched again or lightly edited. They live in the user data directory
(`PARALLAX_DATA_DIR` overrides it), one JSON file per story, and are applied on every later run, by the
reader and by `parallax align` alike.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from tui.model import Article
from tui.tokens import normalise

DATA_DIR_ENV = "PARALLAX_DATA_DIR"
SPLIT, JOIN = "split", "join"


@dataclass(frozen=True)
class Passage:
    """A sentence of an article, named so it survives re-fetching: article id and the sentence's words."""

    article: str
    words: str  # a digest of the sentence's normalised words
    preview: str = ""  # its opening words, for a person reading the file

    def find(self, articles: list[Article]) -> tuple[int, int] | None:
        """(article index, sentence index) of the passage in these articles, or None when it is gone."""
        for a, article in enumerate(articles):
            if article.id != self.article:
                continue
            for sentence in article.sentences:
                if digest(article.text[sentence.start : sentence.end]) == self.words:
                    return a, sentence.index
        return None


@dataclass(frozen=True)
class Correction:
    action: str  # "split": these two are not the same passage; "join": they are
    a: Passage
    b: Passage


def digest(text: str) -> str:
    return hashlib.sha1(" ".join(normalise(text)).encode("utf-8")).hexdigest()[:16]


def passage(article: Article, sentence: int) -> Passage:
    text = article.text[article.sentences[sentence].start : article.sentences[sentence].end]
    return Passage(article.id, digest(text), " ".join(text.split()[:8]))


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("parallax"))


def story_key(story_id: str, sources: list[str]) -> str:
    """A story from a stories file is known by its id; articles given directly by what was given."""
    if story_id:
        return story_id
    return "articles-" + hashlib.sha1("\n".join(sorted(sources)).encode("utf-8")).hexdigest()[:16]


class CorrectionStore:
    """The corrections of one story, in order; the last one can be undone."""

    def __init__(self, key: str, folder: Path | None = None):
        self.path = (folder or data_dir() / "corrections") / f"{_safe(key)}.json"
        self.items: list[Correction] = []
        self.problem = ""  # why the saved corrections could not be read, if they could not

    def load(self) -> "CorrectionStore":
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.items = [Correction(d["action"], Passage(**d["a"]), Passage(**d["b"])) for d in data["corrections"]]
        except FileNotFoundError:
            self.items = []
        except (OSError, ValueError, KeyError, TypeError) as error:
            self.items = []
            self.problem = f"{self.path}: could not be read ({type(error).__name__}); corrections not applied"
        return self

    def add(self, correction: Correction) -> None:
        # A new decision about the same two passages replaces the old one.
        self.items = [c for c in self.items if {c.a, c.b} != {correction.a, correction.b}] + [correction]
        self.save()

    def undo(self) -> Correction | None:
        if not self.items:
            return None
        last = self.items.pop()
        self.save()
        return last

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"corrections": [asdict(c) for c in self.items]}
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".corrections-", suffix=".part")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, indent=1)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _safe(key: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in key)[:80].strip(".")
    return cleaned or "story"
