"""Notes and the report in the reader: the note screen, the keys that open it and write a report, the notes shown.

The compare screen mixes in `NoteKeys`; the app saves notes and writes reports (messages go up), and hands the
screen the notes of its story as a `ShownNotes` (attributes go down), which the detail strip reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.app.inert import inert
from tui.app.reading import Figures, Focus, Passage, Reading

if TYPE_CHECKING:
    from tui.notes import PlacedNote

FOOTER_ROOM = 90
REPORT_COMMAND = "Write a report (HTML)"
NOTE_BINDINGS = [
    Binding("a", "note", "Note", id="note", show=False,
            tooltip="Add a note or verdict (accurate, misleading, wrong, unclear) on this passage or figure conflict (saved)"),
    Binding("r", "report", "Report", id="report",
            tooltip="Write a report of this comparison (one HTML file, in the current folder) and say where"),
]


class ShownNotes:
    """The notes of the story being read, by the passage or figure conflict they are on."""

    def __init__(self, placed: list[PlacedNote] | None = None) -> None:
        self.placed = list(placed or [])

    def add(self, placed: PlacedNote) -> None:
        self.placed.append(placed)

    def of(self, focus: Focus | None) -> list[PlacedNote]:
        """The notes on a passage or figure conflict, oldest first."""
        if isinstance(focus, Passage):
            return [p for p in self.placed if p.group == focus.group]
        if isinstance(focus, Figures):
            return [p for p in self.placed if p.conflict == focus.conflict]
        return []

    def on(self, focus: Focus | None) -> list[str]:
        """The notes on a passage or figure conflict, oldest first, as one line each."""
        from tui.notes import note_phrase  # with the notes module, only once there are notes to show

        return [note_phrase(p) for p in self.of(focus)]

    def remove(self, ids: set[int]) -> None:
        self.placed = [p for p in self.placed if p.note.id not in ids]


@dataclass(frozen=True)
class NoteAnswer:
    """What the note screen was told: a verdict and text to save, or to remove the notes already there."""

    verdict: str = ""
    text: str = ""
    remove: bool = False


class NoteScreen(ModalScreen[NoteAnswer | None]):
    """A verdict and a line of text on one passage or figure conflict: enter saves, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel_note"),
                Binding("ctrl+r", "remove", "Remove the notes here", id="remove_notes", priority=True)]
    AUTO_FOCUS = "#note-text"

    def __init__(self, what: str, existing: list[str] | None = None) -> None:
        super().__init__()
        self.what, self.existing = what, existing or []

    def compose(self) -> ComposeResult:
        # Imported here: the reader opens without them, and most readings take no note.
        from textual.widgets import RadioButton, RadioSet

        from tui.notes import VERDICTS

        with Vertical(id="note-box"):
            yield Static(Content(f"Note on {self.what}"), id="note-title")
            if self.existing:
                shown = "\n".join(inert(line) for line in self.existing)
                yield Static(Content(f"{shown}\nctrl+r removes these notes"), id="note-existing")
            with RadioSet(id="note-verdict"):
                yield RadioButton("no verdict", value=True)
                for verdict in VERDICTS:
                    yield RadioButton(verdict)
            yield Input(placeholder="your note", id="note-text")
            yield Static(Content("enter saves · shift+tab chooses a verdict (arrows, enter) · escape cancels"),
                         id="note-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from textual.widgets import RadioSet

        from tui.notes import VERDICTS

        chosen = self.query_one(RadioSet).pressed_index
        verdict = VERDICTS[chosen - 1] if chosen > 0 else ""
        text = " ".join(event.value.split())
        self.dismiss(NoteAnswer(verdict, text) if verdict or text else None)

    def action_remove(self) -> None:
        if self.existing:
            self.dismiss(NoteAnswer(remove=True))

    def on_radio_set_changed(self, event) -> None:
        self.query_one(Input).focus()  # a verdict chosen: back to the text, where enter saves

    def action_cancel(self) -> None:
        self.dismiss(None)


def describe(reading: Reading, focus: Focus) -> str:
    """What a note is on, for the note screen's title: "passage #3: The Russian military said …"."""
    if isinstance(focus, Figures):
        return f"figure conflict {focus.conflict}: {inert(reading.conflicts[focus.conflict].label)}"
    return f"passage #{focus.group}: {inert(reading.opening(reading.groups[focus.group]))}"


class NoteKeys:
    """The compare screen's keys for notes and the report."""

    notes: ShownNotes | None = None  # set by the app when the screen is made

    class NoteWanted(Message):
        """The user wrote a note on a passage or figure conflict."""

        def __init__(self, focus: Focus, answer: NoteAnswer) -> None:
            super().__init__()
            self.focus, self.verdict, self.text, self.remove = focus, answer.verdict, answer.text, answer.remove

    class ReportWanted(Message):
        """The user asked for a report of the comparison on screen."""

    def action_note(self) -> None:
        focus = self.position.focus if self.position is not None else None
        if focus is None:
            self.notify("The cursor is on no shared passage or figure conflict: nothing to note.", timeout=4)
            return

        def saved(answer: NoteAnswer | None) -> None:
            if answer is not None:
                self.post_message(self.NoteWanted(focus, answer))

        existing = self.notes.on(focus) if self.notes is not None else []
        self.app.push_screen(NoteScreen(describe(self.reading, focus), existing), saved)

    def action_report(self) -> None:
        self.post_message(self.ReportWanted())

    def report_in_footer(self) -> bool:
        """Whether the footer has room for the report key (80 columns hold the reader's other keys only)."""
        return self.size.width >= FOOTER_ROOM

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "report" and not self.report_in_footer():
            return False
        return super().check_action(action, parameters)

    def on_resize(self) -> None:
        # Whether the report key is in the footer depends on the width: the footer asks again when it changes.
        wide = self.report_in_footer()
        if wide != getattr(self, "_report_shown", None):
            self._report_shown = wide
            self.refresh_bindings()

    def key_r(self, event) -> None:
        # Where the footer leaves the report key out, its binding is off (bindings off are hidden), and the key
        # is taken here instead.
        if not self.report_in_footer() and not isinstance(self.focused, Input):
            event.stop()
            self.action_report()

    def commands(self) -> Iterator[SystemCommand]:
        """The screen's commands, the report's working at every width (its binding is off on narrow screens)."""
        for command in super().commands():
            yield command._replace(callback=self.action_report) if command.title == REPORT_COMMAND else command

    def show_notes(self, notes: ShownNotes) -> None:
        self.notes = notes
        self.redraw()


def load_notes(story, alignment) -> tuple[ShownNotes, str]:
    """The notes of a story placed on this alignment, and why they could not be read (if they could not)."""
    from tui.notes import NotesError, NoteStore, place
    from tui.pipeline import corrections_key

    try:
        return ShownNotes(place(NoteStore().load(corrections_key(story)), alignment)), ""
    except NotesError as error:
        return ShownNotes(), str(error)


def remove_notes(notes: ShownNotes, focus: Focus) -> int:
    """Remove the notes on a passage or figure conflict from the file and the reader; how many there were."""
    from tui.notes import NoteStore

    ids = {p.note.id for p in notes.of(focus)}
    NoteStore().remove(sorted(ids))
    notes.remove(ids)
    return len(ids)


def save_note(story, reading: Reading, event: NoteKeys.NoteWanted) -> PlacedNote:
    """Save a note on the passage or figure conflict it names; NotesError says why it could not be saved."""
    from tui.notes import NoteStore, PlacedNote, note_on_conflict, note_on_passage
    from tui.pipeline import corrections_key

    key, focus = corrections_key(story), event.focus
    if isinstance(focus, Figures):
        note = note_on_conflict(reading.alignment, reading.conflicts[focus.conflict], key, event.verdict, event.text)
        return PlacedNote(NoteStore().add(note), conflict=focus.conflict)
    note = note_on_passage(reading.alignment, reading.groups[focus.group], key, event.verdict, event.text)
    return PlacedNote(NoteStore().add(note), group=focus.group)


def write_report_of(app, reading: Reading, notes: ShownNotes | None, palette: dict[str, str]):
    """Write the HTML report of what the reader shows, in the current folder (else the data folder); its path."""
    from dataclasses import asdict
    from pathlib import Path

    from tui.corrections import data_dir
    from tui.pipeline import corrections_key
    from tui.report.make import free_path, make_report, save_report

    story = app.story
    made = make_report(reading.alignment, story={"id": story.id, "title": story.title, "date": story.date},
                       settings={**asdict(app.align_settings), **asdict(app.diff_options)}, options=app.diff_options,
                       notes=notes.placed if notes else [], cite_style=app.settings.cite_style, accessed=app.today)
    try:
        return save_report(made, "html", free_path(Path.cwd(), corrections_key(story), ".html"), palette)
    except OSError:  # a folder the user cannot write in: the data folder is theirs
        return save_report(made, "html", free_path(data_dir() / "reports", corrections_key(story), ".html"), palette)
