"""Whole stories from web pages and odd files, served and written by the tests themselves."""

from __future__ import annotations

import json

from tests.test_load import article_page, cache, reply, server  # noqa: F401 - pytest fixtures
from tui.cli import main


def outlet_page(site: str, lead: str) -> str:
    page = article_page(canonical=f"https://{site.lower().replace(' ', '')}.example/storm")
    return page.replace("Example Gazette", site).replace("<main><article>", f"<main><article><p>{lead}</p>", 1)


def test_urls_open_as_a_story_named_after_each_site(server, cache, monkeypatch, capsys):  # noqa: F811
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(cache))
    server.routes["/a"] = reply(200, outlet_page("Northern Herald", "Our reporter was on the pier all night."))
    server.routes["/b"] = reply(200, outlet_page("Coast Weekly", "Fishermen counted the damage at dawn on Sunday."))
    server.routes["/gone"] = reply(404, "no such page")
    status = main(["align", "--format", "json", server.url("/a"), server.url("/gone"), server.url("/b")])
    captured = capsys.readouterr()
    assert status == 1
    assert f"{server.url('/gone')}: HTTP 404" in captured.err
    data = json.loads(captured.out)
    assert [a["outlet"] for a in data["articles"]] == ["Northern Herald", "127.0.0.1", "Coast Weekly"]
    assert data["articles"][0]["url"] == "https://northernherald.example/storm"
    assert data["articles"][1]["error"]
    shared = [g for g in data["groups"] if g["kind"] == "sentence"]
    assert shared and all({m["article"] for m in g["members"]} == {"127.0.0.1", "127.0.0.1-3"} for g in shared)


def test_a_second_run_reads_the_pages_from_the_cache(server, cache, monkeypatch, capsys):  # noqa: F811
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(cache))
    server.routes["/a"] = reply(200, outlet_page("Northern Herald", "Our reporter was on the pier all night."))
    server.routes["/b"] = reply(200, outlet_page("Coast Weekly", "Fishermen counted the damage at dawn."))
    urls = [server.url("/a"), server.url("/b")]
    assert main(["align", "--format", "json", *urls]) == 0
    first = capsys.readouterr().out
    server.routes.clear()  # every page now answers 404
    assert main(["align", "--format", "json", *urls]) == 0
    assert capsys.readouterr().out == first
    assert main(["align", "--format", "json", "--refresh", *urls]) == 1
    assert "HTTP 404" in capsys.readouterr().err


def test_files_in_other_encodings_and_formats_open_side_by_side(tmp_path, capsys):
    sentence = "“The coalition airstrike was halted immediately when coalition officials were informed,” Centcom said — on Saturday."
    (tmp_path / "a.txt").write_bytes(f"Headline A\r\n\r\n{sentence}\r\n".encode("cp1252"))
    (tmp_path / "b.md").write_bytes(f"# **Headline B**\n\n{sentence}\n".encode("utf-16"))
    (tmp_path / "c.html").write_text(
        f"<html><head><title>Headline C</title></head><body><article><p>{sentence}</p>"
        "<p>More words follow here so that the page has enough text to be an article.</p></article></body></html>",
        encoding="utf-8")
    assert main(["align", "--format", "json", *(str(tmp_path / n) for n in ("a.txt", "b.md", "c.html"))]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["title"] for a in data["articles"]] == ["Headline A", "Headline B", "Headline C"]
    group = next(g for g in data["groups"] if g["kind"] == "sentence")
    assert len(group["members"]) == 3
    assert {m["text"] for m in group["members"]} == {sentence}
