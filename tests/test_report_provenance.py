"""The report's provenance sections (reference reuse, attribution, publication order), shown from the JSON
document's keys when it has them: here the real pipeline's document of the sample story, with the keys added in
the documented shapes."""

from __future__ import annotations

import io

from tests.report_support import ACCESSED, HOSTILE, Tags, sample_alignment, settings_dict, story_info
from tests.test_outside_text import assert_inert
from tui.render_json import json_document
from tui.report.make import write_report
from tui.report.walk import walk


def document_with_provenance() -> dict:
    story, alignment = sample_alignment()
    document = json_document(alignment, story=story_info(story), settings=settings_dict())
    document["articles"] = [dict(a, sentences=list(a["sentences"])) for a in document["articles"]]
    groups = [dict(g) for g in document["groups"]]
    quote = next(g for g in groups if g["kind"] == "quote" and "inside" not in g)
    quote["members"] = [dict(m, attribution={"speaker": f"CENTCOM {HOSTILE}", "verb": "said", "start": 0, "end": 7})
                        if m["article"] == "cnn-local" else m for m in quote["members"]]
    first = groups[0]
    first["published_order"] = {"base": "earliest dated", "versions": [
        {"article": "cnn-local", "sentence": 0, "published": "2016-09-17T20:21:41-04:00", "relation": None},
        {"article": "beirut-wire", "sentence": 0, "published": "2016-09-19", "relation": "altered"},
        {"article": "aggregator", "sentence": 0, "published": None, "relation": "trimmed"}]}
    document["groups"] = groups
    document["reference"] = {"article": "cnn-local", "reuse": [
        {"article": "aggregator", "share_chars": 0.42, "share_sentences": 0.375,
         "passages": [{"group": 1, "state": "carried"}, {"group": 2, "state": "trimmed"}, {"group": 3, "state": "trimmed"}]},
        {"article": "defence-mag", "share_chars": 0.0, "share_sentences": 0.0, "passages": []}]}
    document["attribution_conflicts"] = [{"group": quote["id"], "attributions": [
        {"article": "cnn-local", "speaker": "CENTCOM", "verb": "said"},
        {"article": "beirut-wire", "speaker": "the statement", "verb": ""}]}]
    return document, quote["id"]


def rendered(fmt: str, document: dict) -> str:
    out = io.StringIO()
    write_report(walk(document, accessed=ACCESSED), fmt, out, {})
    return out.getvalue()


def test_reference_reuse_attribution_and_publication_order_are_shown_in_the_html_report():
    document, quote = document_with_provenance()
    html = rendered("html", document)
    assert_inert(html)
    tags = Tags(html)
    counts = tags.counts()
    assert counts["section:reference"] == 2 and counts["section:attribution-conflicts"] == 1
    shown = " ".join("".join(tags.text).split())
    assert "Reference text: CNN." in shown
    assert "<tr><td>Aggregator</td><td>42 %</td><td>38 %</td><td>1 carried, 2 trimmed</td></tr>" in html
    assert "<tr><td>Def. mag.</td><td>0 %</td><td>0 %</td><td>none</td></tr>" in html
    assert f"passage #{quote}: CNN CENTCOM (said) · Beirut the statement" in shown
    assert ("published: CNN (2016-09-17T20:21:41-04:00) → Beirut (2016-09-19, altered) → "
            "Aggregator (time unknown, trimmed)") in shown
    assert "credited to CENTCOM <script>" in shown and "<script" not in html


def test_the_markdown_report_shows_them_too():
    document, quote = document_with_provenance()
    markdown = rendered("markdown", document)
    assert "## Reuse of the reference (2)" in markdown and "| Aggregator | 42 % | 38 % | 1 carried, 2 trimmed |" in markdown
    assert "## Attribution conflicts (1)" in markdown and f"passage \\#{quote}: CNN CENTCOM \\(said\\)" in markdown
    assert "— credited to CENTCOM \\<script\\>" in markdown


def test_without_a_reference_or_publication_times_those_sections_are_left_out_and_no_attribution_differs():
    story, alignment = sample_alignment()
    document = json_document(alignment, story=story_info(story), settings=settings_dict())
    document["attribution_conflicts"] = []
    document["groups"] = [dict(g, published_order={"base": "unknown", "versions": []}) for g in document["groups"]]
    assert document["reference"] is None
    html = rendered("html", document)
    assert 'id="reference"' not in html and "published:" not in html
    assert Tags(html).counts()["section:attribution-conflicts"] == 0


def test_the_sample_report_shows_the_real_attribution_differences_and_publication_order():
    story, alignment = sample_alignment()
    document = json_document(alignment, story=story_info(story), settings=settings_dict())
    conflicts = list(document["attribution_conflicts"])
    html = rendered("html", document)
    assert conflicts and Tags(html).counts()["section:attribution-conflicts"] == len(conflicts)
    shown = " ".join("".join(Tags(html).text).split())
    assert "published: CNN (2016-09-17" in shown and "Beirut (2016-09-19" in shown
