"""The user's notes and verdicts on shared passages and figure conflicts, kept in one SQLite file.

A note names its passage as corrections do: by article id and a digest of the passage's words, for every
version it was made on, so it finds its passage again after `--refresh` or an edit elsewhere in an article.
Two readers may write at once: the file is in WAL mode with a busy timeout, and every note is one insert.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from tui.corrections import data_dir, digest
from tui.model import Alignment, FigureConflict, Group

VERDICTS = ("accurate", "misleading", "wrong", "unclear")
PASSAGE, FIGURES = "passage", "figure_conflict"
FILE_NAME = "notes.sqlite"
BUSY_MS = 10_000  # a writer waits this long for another reader's write to finish
_SCHEMA = """
CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    story TEXT NOT NULL,
    target TEXT NOT NULL,
    kind TEXT NOT NULL,
    anchors TEXT NOT NULL,
    verdict TEXT NOT NULL,
    text TEXT NOT NULL,
    opens TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS notes_story ON notes (story);
"""


class NotesError(Exception):
    """The notes file cannot be used; the message names it and says why."""


@dataclass(frozen=True)
class Note:
    """A verdict and free text on one passage or figure conflict, with the anchors that find it again."""

    story: str
    target: str  # PASSAGE or FIGURES
    kind: str  # the group's kind ("sentence", "quote", "phrase"), or the conflict's measure
    anchors: tuple[tuple[str, str], ...]  # (article id, digest of the words) of each version noted
    verdict: str  # one of VERDICTS, or "" for a note without a verdict
    text: str
    opens: str = ""  # the passage's opening words, for a person reading the file or a note whose passage is gone
    created: str = ""
    id: int = 0


@dataclass(frozen=True)
class PlacedNote:
    """A saved note and what it is on in this alignment: a group id, a conflict id, or None when it is gone."""

    note: Note
    group: int | None = None
    conflict: int | None = None

    @property
    def found(self) -> bool:
        return self.group is not None or self.conflict is not None


def passage_anchors(alignment: Alignment, group: Group) -> tuple[tuple[str, str], ...]:
    """Every version of a shared passage, named by article id and the digest of its words."""
    return tuple(dict.fromkeys(
        (alignment.articles[m.article].id, digest(alignment.articles[m.article].text[m.start : m.end]))
        for m in group.members))


def conflict_anchors(alignment: Alignment, conflict: FigureConflict) -> tuple[tuple[str, str], ...]:
    """Every sentence holding one of the conflict's figures, named by article id and the digest of its words."""
    anchors = []
    for figure in conflict.figures:
        article = alignment.articles[figure.article]
        anchors.append((article.id, digest(article.sentence_text(figure.sentence))))
    return tuple(dict.fromkeys(anchors))


def note_on_passage(alignment: Alignment, group: Group, story: str, verdict: str, text: str) -> Note:
    first = group.members[0]
    opens = " ".join(alignment.articles[first.article].text[first.start : first.end].split()[:10])
    return Note(story, PASSAGE, group.kind.value, passage_anchors(alignment, group), verdict, text, opens)


def note_on_conflict(alignment: Alignment, conflict: FigureConflict, story: str, verdict: str, text: str) -> Note:
    return Note(story, FIGURES, conflict.measure, conflict_anchors(alignment, conflict), verdict, text, conflict.label)


def place(notes: list[Note], alignment: Alignment) -> list[PlacedNote]:
    """Each note with the passage or conflict of this alignment that shares a version with it, in saved order."""
    by_anchor: dict[tuple[str, str, str], int] = {}
    for group in alignment.groups:
        for anchor in passage_anchors(alignment, group):
            by_anchor.setdefault((group.kind.value, *anchor), group.id)
    by_figures: dict[tuple[str, str, str], int] = {}
    for conflict in alignment.conflicts:
        for anchor in conflict_anchors(alignment, conflict):
            by_figures.setdefault((conflict.measure, *anchor), conflict.id)
    placed = []
    for note in notes:
        table = by_anchor if note.target == PASSAGE else by_figures
        found = next((table[(note.kind, *a)] for a in note.anchors if (note.kind, *a) in table), None)
        placed.append(PlacedNote(note, found, None) if note.target == PASSAGE else PlacedNote(note, None, found))
    return placed


def notes_path(folder: Path | None = None) -> Path:
    return (folder or data_dir()) / FILE_NAME


class NoteStore:
    """The notes file: read a story's notes, add one; every call opens its own short connection."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or notes_path()

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise NotesError(f"{self.path}: could not be opened ({error})") from None
        try:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.executescript(_SCHEMA)
        except sqlite3.Error as error:
            connection.close()
            raise NotesError(f"{self.path}: {_why(error)}; notes not shown or saved, the file is left as it is") from None
        return connection

    def load(self, story: str) -> list[Note]:
        """The story's notes, oldest first (none, and no file made, when nothing was ever noted)."""
        if not self.path.exists():
            return []
        connection = self._connect()
        try:
            rows = connection.execute(
                "SELECT id, story, target, kind, anchors, verdict, text, opens, created FROM notes "
                "WHERE story = ? ORDER BY id", (story,)).fetchall()
        except sqlite3.Error as error:
            raise NotesError(f"{self.path}: {_why(error)}; notes not shown") from None
        finally:
            connection.close()
        return [note for row in rows if (note := _note(row)) is not None]

    def add(self, note: Note) -> Note:
        """Save one note (a single insert, so another reader's notes are never overwritten); returns it saved."""
        created = note.created or datetime.now(timezone.utc).isoformat(timespec="seconds")
        connection = self._connect()
        try:
            cursor = connection.execute(
                "INSERT INTO notes (story, target, kind, anchors, verdict, text, opens, created) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (note.story, note.target, note.kind, json.dumps([list(a) for a in note.anchors]), note.verdict,
                 note.text, note.opens, created))
        except sqlite3.Error as error:
            raise NotesError(f"{self.path}: {_why(error)}; the note was not saved") from None
        finally:
            connection.close()
        return Note(note.story, note.target, note.kind, note.anchors, note.verdict, note.text, note.opens, created,
                    cursor.lastrowid or 0)

    def remove(self, ids: list[int]) -> None:
        """Remove these notes, and only these: notes another reader added meanwhile stay."""
        if not ids:
            return
        connection = self._connect()
        try:
            connection.execute(f"DELETE FROM notes WHERE id IN ({', '.join('?' * len(ids))})", ids)
        except sqlite3.Error as error:
            raise NotesError(f"{self.path}: {_why(error)}; the notes were not removed") from None
        finally:
            connection.close()


def _note(row: tuple) -> Note | None:
    """A row as a note; a row whose anchors are not readable is passed over (it cannot find its passage)."""
    number, story, target, kind, anchors, verdict, text, opens, created = row
    try:
        pairs = tuple((str(a), str(d)) for a, d in json.loads(anchors))
    except (ValueError, TypeError):
        return None
    return Note(story, target, kind, pairs, verdict, text, opens, created, number)


def _why(error: sqlite3.Error) -> str:
    """What went wrong, in words: a file that is not a database is named as such, anything else as SQLite says."""
    if isinstance(error, sqlite3.DatabaseError) and "not a database" in str(error):
        return "is not a notes database (damaged, or another kind of file)"
    return f"cannot be used ({error})"


def note_json(placed: PlacedNote) -> dict:
    """A note as the JSON output gives it: on which passage or conflict of this run, or found nowhere."""
    from tui.clean import printable

    note = placed.note
    where = {"group": placed.group} if note.target == PASSAGE else {"conflict": placed.conflict}
    return {"id": note.id, "on": note.target, **where, "found": placed.found, "verdict": note.verdict,
            "text": printable(note.text, lines=True), "opens": printable(note.opens), "created": note.created}


def note_phrase(placed: PlacedNote, *, where: bool = False) -> str:
    """ "WRONG: the toll was 62, not 83" and, with `where`, what it is on: "passage #3 (The Russian ...)"."""
    from tui.clean import printable

    note = placed.note
    said = f"{note.verdict.upper()}: {note.text}" if note.verdict and note.text else (note.verdict.upper() or note.text)
    if not where:
        return printable(f"note: {said}")
    if placed.group is not None:
        on = f"passage #{placed.group}"
    elif placed.conflict is not None:
        on = f"figure conflict {placed.conflict}"
    else:
        on = "no longer found in these articles"
    return printable(f"{on} ({note.opens}): {said}")
