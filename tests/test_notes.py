"""Notes and verdicts: kept in SQLite, found again after articles change, shown by align and the report."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from tests.report_support import HOSTILE, SHARED, Tags, json_of, parallax
from tests.test_outside_text import assert_inert
from tui.align import AlignSettings
from tui.model import ArticleRef, Outlet, Story
from tui.notes import NotesError, NoteStore, note_on_conflict, note_on_passage, notes_path, place
from tui.pipeline import compare, corrections_key, load_articles
from tui.sources import COMMAND_LINE_STORY

OTHER = "The mayor said the ferry would run every hour until the bridge is open again."


def write_articles(folder: Path, extra: str = "", noted: str = SHARED) -> list[str]:
    (folder / "a.txt").write_text(f"Head a\n\n{extra}{noted} Then more.\n\n{OTHER}\n", encoding="utf-8")
    (folder / "b.txt").write_text(f"Head b\n\n{SHARED} Also this.\n\n{OTHER}\n", encoding="utf-8")
    return [str(folder / "a.txt"), str(folder / "b.txt")]


def aligned(paths: list[str]):
    story = Story(COMMAND_LINE_STORY, "", articles=tuple(ArticleRef(Path(p).stem, file=p) for p in paths))
    outlets = {Path(p).stem: Outlet(Path(p).stem, Path(p).stem) for p in paths}
    return story, compare(load_articles(story, outlets), AlignSettings())


def group_with(alignment, words: str):
    return next(g for g in alignment.groups
                if words in alignment.articles[g.members[0].article].text[g.members[0].start : g.members[0].end])


def note_shared(paths: list[str], verdict: str = "wrong", text: str = "the bridge opens on Tuesday") -> None:
    story, alignment = aligned(paths)
    NoteStore().add(note_on_passage(alignment, group_with(alignment, "bridge would reopen"), corrections_key(story),
                                    verdict, text))


def test_a_note_is_shown_by_align_in_text_and_json(tmp_path):
    paths = write_articles(tmp_path)
    note_shared(paths)
    text = parallax("align", "--color", "never", *paths)
    assert text.returncode == 0, text.stderr
    assert "note: WRONG: the bridge opens on Tuesday" in text.stdout
    assert "Your notes (1)" in text.stdout
    notes = json_of(paths)["notes"]
    group = next(g for g in json_of(paths)["groups"] if "bridge would reopen" in g["members"][0]["text"])
    assert [(n["on"], n["group"], n["found"], n["verdict"], n["text"]) for n in notes] == [
        ("passage", group["id"], True, "wrong", "the bridge opens on Tuesday")]


def test_a_note_finds_its_passage_after_the_article_changes_elsewhere_and_after_its_own_words_change_in_one_outlet(tmp_path):
    paths = write_articles(tmp_path)
    note_shared(paths)
    write_articles(tmp_path, extra="A new opening sentence was added by the outlet since. ")
    notes = json_of(paths)["notes"]
    assert notes[0]["found"] and notes[0]["text"] == "the bridge opens on Tuesday"
    # One outlet rewords the passage itself: the other outlet's version still names it.
    write_articles(tmp_path, noted=SHARED.replace("Monday", "Tuesday"))
    document = json_of(paths)
    group = next(g for g in document["groups"] if "bridge would reopen" in g["members"][0]["text"])
    assert document["notes"][0]["group"] == group["id"]


def test_a_note_whose_passage_is_gone_is_kept_and_said_to_be_found_nowhere(tmp_path):
    paths = write_articles(tmp_path)
    note_shared(paths)
    (tmp_path / "b.txt").write_text(f"Head b\n\nNothing alike here at all.\n\n{OTHER}\n", encoding="utf-8")
    result = parallax("align", "--color", "never", *paths)
    assert "no longer found in these articles" in result.stdout
    assert json_of(paths)["notes"][0]["found"] is False
    assert len(NoteStore().load(corrections_key(aligned(paths)[0]))) == 1


def _add_many(path: str, writer: int, count: int) -> None:
    from tui.notes import PASSAGE, Note, NoteStore

    store = NoteStore(Path(path))
    for number in range(count):
        store.add(Note("story", PASSAGE, "sentence", (("a", f"{writer}-{number}"),), "unclear", f"{writer}:{number}"))


def test_two_readers_writing_at_once_lose_no_note(tmp_path):
    path = tmp_path / "notes.sqlite"
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_add_many, args=(str(path), w, 40)) for w in range(2)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(120)
        assert writer.exitcode == 0
    texts = {note.text for note in NoteStore(path).load("story")}
    assert texts == {f"{w}:{n}" for w in range(2) for n in range(40)}


def test_a_damaged_notes_file_is_named_left_alone_and_costs_nothing_else(tmp_path, data_dir):
    paths = write_articles(tmp_path)
    data_dir.mkdir(parents=True)
    damaged = notes_path(data_dir)
    damaged.write_bytes(b"this is not a database, just bytes " * 100)
    result = parallax("align", "--format", "json", *paths)
    assert result.returncode == 0
    assert f"{damaged}: is not a notes database" in result.stderr and "Traceback" not in result.stderr
    assert '"groups"' in result.stdout
    report = parallax("report", *paths)
    assert report.returncode == 0 and f"{damaged}: is not a notes database" in report.stderr
    assert damaged.read_bytes() == b"this is not a database, just bytes " * 100
    try:
        NoteStore().add(note_on_passage(*aligned(paths)[1:], aligned(paths)[1].groups[0], "s", "wrong", "x"))
    except NotesError as error:
        assert str(damaged) in str(error)
    else:
        raise AssertionError("a note was written into a damaged file")


def test_notes_on_a_passage_and_a_figure_conflict_are_in_the_report_escaped_and_counted(tmp_path):
    from tests.report_support import sample_alignment

    story, alignment = sample_alignment()
    key = corrections_key(story)
    NoteStore().add(note_on_conflict(alignment, alignment.conflicts[0], key, "misleading", f"toll differs {HOSTILE}"))
    NoteStore().add(note_on_passage(alignment, alignment.groups[0], key, "accurate", "checked against CENTCOM"))
    path = tmp_path / "r.html"
    result = parallax("report", "-o", str(path))
    assert result.returncode == 0, result.stderr
    html = path.read_text(encoding="utf-8")
    assert_inert(html)
    tags = Tags(html)
    assert tags.counts()["notes"] == tags.counts()["section:notes"] == len(json_of([])["notes"]) == 2
    assert "<script" not in html and "toll differs &lt;script&gt;" in html
    shown = " ".join("".join(tags.text).split())
    assert "accurate checked against CENTCOM" in shown and "passage #1" in shown
    assert "figure conflict 1: killed · soldiers" in shown
    markdown = parallax("report", "--format", "markdown").stdout
    assert "- Note: **ACCURATE** checked against CENTCOM" in markdown and "**MISLEADING** toll differs \\<script\\>" in markdown


def test_reading_notes_that_were_never_written_makes_no_file(tmp_path, data_dir):
    paths = write_articles(tmp_path)
    assert parallax("align", *paths).returncode == 0
    assert not notes_path(data_dir).exists()


def test_notes_are_kept_per_story(tmp_path):
    paths = write_articles(tmp_path)
    note_shared(paths)
    assert json_of([])["notes"] == []  # the sample story has none
    assert len(place(NoteStore().load(corrections_key(aligned(paths)[0])), aligned(paths)[1])) == 1


def test_removing_notes_removes_those_named_only(tmp_path):
    from tui.notes import PASSAGE, Note

    store = NoteStore(tmp_path / "notes.sqlite")
    first = store.add(Note("s", PASSAGE, "sentence", (("a", "1"),), "wrong", "first"))
    seen_by_one_reader = store.load("s")
    store.add(Note("s", PASSAGE, "sentence", (("a", "1"),), "", "added by another reader meanwhile"))
    store.remove([n.id for n in seen_by_one_reader])
    assert [n.text for n in store.load("s")] == ["added by another reader meanwhile"] and first.id == seen_by_one_reader[0].id


def test_a_notes_file_that_cannot_be_written_says_so_and_keeps_what_it_holds(tmp_path):
    import os

    from tui.notes import PASSAGE, Note

    folder = tmp_path / "data"
    store = NoteStore(folder / "notes.sqlite")
    store.add(Note("s", PASSAGE, "sentence", (("a", "1"),), "wrong", "kept"))
    os.chmod(folder / "notes.sqlite", 0o444)
    try:
        if os.access(folder / "notes.sqlite", os.W_OK):
            pytest.skip("file permissions do not stop this user (root)")
        try:
            store.add(Note("s", PASSAGE, "sentence", (("a", "1"),), "", "new"))
        except NotesError as error:
            assert str(folder / "notes.sqlite") in str(error) and "the note was not saved" in str(error)
        else:
            raise AssertionError("a note was saved into a read-only file")
    finally:
        os.chmod(folder / "notes.sqlite", 0o644)
    assert [n.text for n in store.load("s")] == ["kept"]
