"""The user's corrections: a link marked wrong, passages joined by hand, saved per story, undone."""

from __future__ import annotations

import json

from tui.align import align
from tui.corrections import JOIN, SPLIT, Correction, CorrectionStore, passage, story_key
from tui.model import GroupKind, LinkKind, Outlet
from tui.text import build_article

SHARED = "The coalition said the airstrike on the airfield was halted immediately when officials were told."
OTHER = "Officials were told of the strike on the airfield, which the coalition then stopped, a statement said."


def articles(*bodies: str):
    return [build_article(f"o{i}", f"o{i}", Outlet(f"o{i}", f"Outlet {i}"), f"Headline {i}\n\n{body}")
            for i, body in enumerate(bodies)]


def group_of(result, article: int, sentence: int):
    return next((g for g in result.groups if g.kind is GroupKind.SENTENCE
                 and any(m.article == article and sentence in m.spans for m in g.members)), None)


def test_a_link_marked_wrong_is_undone_on_the_next_run():
    story = articles(SHARED, SHARED, SHARED)
    assert group_of(align(story), 0, 1).articles == {0, 1, 2}
    wrong = Correction(SPLIT, passage(story[0], 1), passage(story[2], 1))
    result = align(story, corrections=[wrong])
    assert 2 not in group_of(result, 0, 1).articles
    assert group_of(result, 0, 1).state(2) == "close"  # the outlet still has its version, now only close
    assert [c.applied for c in result.corrections] == [True]


def test_two_passages_the_engine_left_apart_can_be_joined_and_say_so():
    story = articles(SHARED, OTHER)
    assert group_of(align(story), 0, 1) is None
    result = align(story, corrections=[Correction(JOIN, passage(story[0], 1), passage(story[1], 1))])
    group = group_of(result, 0, 1)
    assert group is not None and group.articles == {0, 1}
    assert {m.reason.kind for m in group.members} == {LinkKind.USER}


def test_corrections_find_their_passages_after_the_article_changes_around_them():
    before = articles(SHARED, OTHER)
    join = Correction(JOIN, passage(before[0], 1), passage(before[1], 1))
    after = articles("A new first paragraph was added on Tuesday.\n\n" + SHARED.replace(" the ", "  the "), OTHER)
    result = align(after, corrections=[join])
    assert group_of(result, 0, 2) is not None and group_of(result, 0, 2).articles == {0, 1}
    gone = articles(SHARED, "Nothing like it here at all, the weather was fine.")
    assert [c.applied for c in align(gone, corrections=[join]).corrections] == [False]


def test_the_store_keeps_corrections_per_story_and_undoes_the_last(tmp_path):
    story = articles(SHARED, SHARED, OTHER)
    store = CorrectionStore("deir-ez-zor", tmp_path).load()
    store.add(Correction(SPLIT, passage(story[0], 1), passage(story[1], 1)))
    store.add(Correction(JOIN, passage(story[0], 1), passage(story[2], 1)))
    again = CorrectionStore("deir-ez-zor", tmp_path).load()
    assert [c.action for c in again.items] == [SPLIT, JOIN]
    assert again.undo().action == JOIN
    assert [c.action for c in CorrectionStore("deir-ez-zor", tmp_path).load().items] == [SPLIT]
    assert CorrectionStore("another-story", tmp_path).load().items == []
    assert not list(tmp_path.glob("*.part"))


def test_a_new_decision_on_the_same_two_passages_replaces_the_old(tmp_path):
    story = articles(SHARED, SHARED)
    store = CorrectionStore("s", tmp_path).load()
    store.add(Correction(SPLIT, passage(story[0], 1), passage(story[1], 1)))
    store.add(Correction(JOIN, passage(story[1], 1), passage(story[0], 1)))
    assert [c.action for c in CorrectionStore("s", tmp_path).load().items] == [JOIN]


def test_a_damaged_corrections_file_is_reported_and_not_applied(tmp_path):
    (tmp_path / "s.json").write_text("{not json", encoding="utf-8")
    store = CorrectionStore("s", tmp_path).load()
    assert store.items == [] and "s.json" in store.problem and "not applied" in store.problem


def test_stories_given_as_files_are_keyed_by_what_was_given():
    assert story_key("deir-ez-zor", ["a"]) == "deir-ez-zor"
    assert story_key("", ["b.txt", "a.txt"]) == story_key("", ["a.txt", "b.txt"]) != story_key("", ["a.txt"])
    assert json.dumps(story_key("", ["x"]))  # a plain string, safe as a file name


def test_parallax_align_applies_the_readers_corrections_unless_told_not_to(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    from tests.sample import sample_files

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PARALLAX_DATA_DIR": str(tmp_path), "PARALLAX_CACHE_DIR": str(tmp_path / "cache")}

    def run(*args: str) -> dict:
        done = subprocess.run([sys.executable, "-m", "tui", "align", "--format", "json", *args], cwd=root, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    before = run()
    group = next(g for g in before["groups"] if g["kind"] == "sentence" and len(g["members"]) == 2)
    a, b = group["members"]
    texts = {x["id"]: x["text"] for x in before["articles"]}
    first = next(x for x in before["articles"] if x["id"] == a["article"])
    second = next(x for x in before["articles"] if x["id"] == b["article"])

    def sentence(article: dict, index: int):
        from tui.text import build_article

        built = build_article(article["id"], "", Outlet(article["id"], article["id"]), texts[article["id"]])
        return passage(built, next(s.index for s in built.sentences if built.sentence_text(s.index) == article["sentences"][index]["text"]))

    store = CorrectionStore("deir-ez-zor-airstrike", tmp_path / "corrections").load()
    store.add(Correction(SPLIT, sentence(first, a["sentence"]), sentence(second, b["sentence"])))
    after = run()
    assert not any({m["article"] for m in g["members"]} >= {a["article"], b["article"]} and
                   any(m["sentence"] == a["sentence"] for m in g["members"]) for g in after["groups"]
                   if g["kind"] == "sentence")
    assert after["corrections"] == [{"action": "split", "applied": True,
                                     "a": {"article": a["article"], "opens": store.items[0].a.preview, "sentence": a["sentence"]},
                                     "b": {"article": b["article"], "opens": store.items[0].b.preview, "sentence": b["sentence"]}}]
    assert run("--no-corrections")["groups"] == before["groups"]
    assert len(sample_files()) == 5
