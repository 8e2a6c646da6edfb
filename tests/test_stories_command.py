"""`parallax stories` as a script runs it: folders, feeds and URL lists served on 127.0.0.1, output and status."""

from __future__ import annotations

from tests.stories_data import PIECES, by_event
from tests.stories_support import (  # noqa: F401 -- fixtures
    ATOM_TYPE, RSS_TYPE, atom, cache, feed_of, grouped, outlet_feeds, rss, run_stories, stories_json, web,
)

STORIES = ("storm", "primary", "bid")


def write_pieces(folder, pieces=PIECES):
    folder.mkdir(parents=True, exist_ok=True)
    for piece in pieces:
        (folder / f"{piece.key}.txt").write_text(piece.text, encoding="utf-8")
    return folder


def expected_links(web, events=STORIES) -> list[set[str]]:
    keys = by_event()
    return sorted(({web.link(p) for p in PIECES if p.key in keys[e]} for e in events), key=sorted)


def test_a_folder_of_articles_is_grouped_with_its_reasons(tmp_path, cache):
    folder = write_pieces(tmp_path / "articles")
    result = run_stories(str(folder))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("3 stories found among 10 articles.")
    assert "Shared passages:" in out and "3 outlets: “We were ready for it" in out
    assert "Ilse Brandt (3 outlets)" in out and "12,000 (3 outlets)" in out
    unassigned = out[out.index("Not part of any story (1):"):]
    assert "museum-gazette.txt" in unassigned and "storm-wire" not in unassigned


def test_json_has_the_documented_shape(tmp_path, cache):
    data = stories_json(run_stories("--format", "json", str(write_pieces(tmp_path / "articles"))))
    assert set(data) == {"stories", "unassigned", "errors", "notes"}
    story = data["stories"][0]
    assert set(story) == {"id", "title", "first_published", "outlets", "similarity", "articles", "evidence"}
    assert set(story["articles"][0]) == {"source", "outlet", "title", "published", "url"}
    assert {e["kind"] for s in data["stories"] for e in s["evidence"]} >= {"passage", "name", "number"}
    for evidence in story["evidence"]:
        assert set(evidence) == {"kind", "text", "outlets", "articles"}
        assert evidence["articles"] >= len(evidence["outlets"]) >= 2
    assert [set(u) for u in data["unassigned"]] == [{"source", "outlet", "title", "published", "url"}]
    assert data["errors"] == [] and data["notes"] == []
    # Files carry no date: no story has one, and each article belongs to at most one story.
    sources = [a["source"] for s in data["stories"] for a in s["articles"]] + [u["source"] for u in data["unassigned"]]
    assert len(sources) == len(set(sources)) == len(PIECES)
    assert all(s["first_published"] is None for s in data["stories"])


def test_feeds_over_http_group_their_items_newest_story_first(web, cache):
    feeds = outlet_feeds(web)
    data = stories_json(run_stories("--format", "json", *feeds.values()))
    assert sorted(grouped(data), key=sorted) == expected_links(web)
    assert [s["first_published"] for s in data["stories"]] == ["2024-03-12T10:00:00Z", "2024-03-05T22:30:00Z",
                                                                "2024-03-02T08:10:00Z"]
    assert data["stories"][0]["outlets"] == ["Kelvport Gazette", "Coastal Courier", "North Wire"]
    first = data["stories"][0]["articles"][0]
    assert first == {"source": web.link(PIECES[6]), "outlet": "Kelvport Gazette", "title": PIECES[6].title,
                     "published": "2024-03-12T10:00:00Z", "url": web.link(PIECES[6])}
    assert data["unassigned"][0]["source"].endswith("/a/museum-gazette")


def test_atom_and_rss_feeds_mix(web, cache):
    storm = [p for p in PIECES if p.event == "storm"]
    rss_url = web.serve("/rss.xml", feed_of(web, storm[:2]), RSS_TYPE)
    atom_url = web.serve("/atom.xml", feed_of(web, storm[2:], fmt=atom), ATOM_TYPE)
    data = stories_json(run_stories("--format", "json", rss_url, atom_url))
    assert grouped(data) == [{web.link(p) for p in storm}]
    # Both feeds are one outlet's: what its articles share is still evidence, counted by article.
    assert data["stories"][0]["outlets"] == ["Test feed"]
    passage = data["stories"][0]["evidence"][0]
    assert passage["kind"] == "passage" and passage["articles"] == 3 and passage["outlets"] == ["Test feed"]
    assert "3 articles of 1 outlet: “We were ready for it" in run_stories(rss_url, atom_url).stdout


def test_a_list_of_urls_and_article_urls_and_files(web, tmp_path, cache):
    web.serve_pages()
    storm = [p for p in PIECES if p.event == "storm"]
    listing = tmp_path / "reading.txt"
    listing.write_text(f"# storm coverage\n{web.link(storm[0])}\n\n{web.link(storm[1])}\nnot an address\n")
    folder = write_pieces(tmp_path / "more", [PIECES[3], PIECES[4]])
    result = run_stories("--format", "json", str(listing), web.link(storm[2]), str(folder / "primary-gazette.txt"),
                         str(folder / "primary-courier.txt"))
    data = stories_json(result)
    assert sorted(grouped(data), key=sorted) == sorted(
        [{web.link(p) for p in storm}, {str(folder / "primary-gazette.txt"), str(folder / "primary-courier.txt")}],
        key=sorted)
    assert data["notes"] == [{"source": f"{listing}:5", "note": "not a web address ('not an address'); skipped"}]
    assert result.returncode == 0


def test_bad_feeds_are_each_named_and_the_good_one_is_still_grouped(web, cache):
    storm = [p for p in PIECES if p.event == "storm"]
    good = web.serve("/good.xml", feed_of(web, storm), RSS_TYPE)
    moved = web.redirect("/old.xml", good)
    not_xml = web.serve("/broken.xml", "<<< this is not a feed >>>", "text/xml")
    empty = web.serve("/empty.xml", rss([]), RSS_TYPE)
    missing = web.url("/gone.xml")
    undated = web.serve("/undated.xml", rss([(storm[0].title, web.link(storm[0]), None),
                                              ("No link", "", None)]), RSS_TYPE)
    result = run_stories("--format", "json", good, moved, not_xml, empty, missing, undated)
    assert result.returncode == 1
    data = stories_json(result)
    assert grouped(data) == [{web.link(p) for p in storm}]
    errors = {e["source"]: e["error"] for e in data["errors"]}
    assert errors == {not_xml: errors[not_xml], missing: "HTTP 404 Not Found"}
    assert errors[not_xml].startswith("not an RSS or Atom feed: not valid XML")
    notes = {(n["source"], n["note"]) for n in data["notes"]}
    assert (moved, f"moved to {good}; update the address") in notes
    assert (moved, f"3 items also found in {good}; each is counted once") in notes
    assert (empty, "the feed has no items") in notes
    assert (undated, "1 item without a web address left out (“No link”)") in notes
    assert (undated, "1 item without a date (or with one that cannot be read): grouped by their text alone") in notes
    assert (undated, f"1 item also found in {good}; each is counted once") in notes
    assert f"parallax: {missing}: HTTP 404 Not Found" in result.stderr


def test_an_item_whose_page_fails_is_named_and_the_rest_grouped(web, cache):
    storm = [p for p in PIECES if p.event == "storm"]
    url = web.serve("/f.xml", feed_of(web, storm), RSS_TYPE)
    web.serve(f"/a/{storm[2].key}", "gone", "text/plain", status=410)
    result = run_stories("--format", "json", url)
    data = stories_json(result)
    assert result.returncode == 1
    assert grouped(data) == [{web.link(p) for p in storm[:2]}]
    assert data["errors"] == [{"source": web.link(storm[2]), "error": "HTTP 410 Gone"}]


def test_feed_text_is_data_in_text_and_json(web, cache):
    storm = [p for p in PIECES if p.event == "storm"]
    web.serve_pages(storm)
    hostile = "[bold red]Storm[/] \x1b[2J\x1b]0;owned\x07 &lt;script&gt;x&lt;/script&gt;"
    body = rss([(p.title, web.link(p), p.published) for p in storm], title="[link=http://evil]Gazette[/link]")
    url = web.serve("/f.xml", body.replace(storm[0].title, hostile, 1), RSS_TYPE)
    text = run_stories(url).stdout
    assert "\x1b" not in text and "\x07" not in text
    assert "[link=http://evil]Gazette[/link]" in text
    data = stories_json(run_stories("--format", "json", url))
    titles = {a["title"] for a in data["stories"][0]["articles"]}
    assert "[bold red]Storm[/] x" in titles


def test_since_leaves_out_older_items_and_says_so(web, cache):
    feeds = outlet_feeds(web)
    data = stories_json(run_stories("--format", "json", "--since", "2024-03-10", *feeds.values()))
    assert grouped(data) == expected_links(web, ("bid",))
    assert {n["note"] for n in data["notes"]} >= {"3 items published before 2024-03-10 left out"}


def test_a_date_that_is_not_one_is_a_usage_error():
    result = run_stories("--since", "last tuesday", "x")
    assert result.returncode == 2
    assert "parallax: --since: 'last tuesday' is not a date" in result.stderr


def test_missing_sources_are_named(tmp_path, cache):
    result = run_stories(str(tmp_path / "nowhere"), str(write_pieces(tmp_path / "a", PIECES[:3])))
    assert result.returncode == 1
    assert f"parallax: {tmp_path / 'nowhere'}: no such file or folder" in result.stderr
    assert result.stdout.startswith("1 story found among 3 articles")


def test_read_needs_a_terminal(tmp_path):
    result = run_stories("--read", str(tmp_path))
    assert result.returncode == 2 and "--read needs a terminal" in result.stderr


def test_progress_names_each_stage_and_the_source_under_way(web, cache):
    from tui.stories.collect import Source
    from tui.stories.command import find

    feeds = outlet_feeds(web)
    seen = []
    find([Source(url) for url in feeds.values()], on_progress=lambda *step: seen.append(step))
    stages = list(dict.fromkeys(stage for stage, *_ in seen))
    assert stages == ["reading sources", "downloading", "reading articles", "grouping 10 articles", ""]
    assert ("downloading", len(PIECES), len(PIECES)) in {step[:3] for step in seen}
    assert {step[3] for step in seen if step[0] == "reading articles"} == {web.link(p) for p in PIECES}


def test_an_enormous_feed_is_refused_by_size_and_the_others_still_grouped(web, tmp_path, cache, monkeypatch, capsys):
    from tui import cli
    from tui.stories import collect

    monkeypatch.setattr(collect, "MAX_FEED_BYTES", 2000)
    storm = [p for p in PIECES if p.event == "storm"]
    good = web.serve("/good.xml", feed_of(web, storm), RSS_TYPE)
    padding = "<!-- " + "x" * 5000 + " -->"
    huge_url = web.serve("/huge.xml", rss([], extra=padding), RSS_TYPE)
    huge_file = tmp_path / "huge.xml"
    huge_file.write_text(rss([], extra=padding))
    assert cli.main(["stories", "--format", "json", good, huge_url, str(huge_file)]) == 1
    out, err = capsys.readouterr()
    assert f"parallax: {huge_url}: page is 5 KB, larger than the 2 KB limit" in err
    assert f"parallax: {huge_file}: feed is 5 KB, larger than the 2 KB limit" in err
    assert '"source": "' + web.link(storm[0]) + '"' in out


def test_story_finding_never_imports_the_interface():
    import subprocess
    import sys

    code = ("import sys, tui.stories.command, tui.stories.find, tui.stories.loading, tui.stories.output, "
            "tui.stories.reader; tui.stories.command.stories_parser(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'sklearn', 'datasketch')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr
