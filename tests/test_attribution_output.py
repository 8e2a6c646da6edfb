"""Attribution as the user meets it: in `parallax align` output, the reader's map and strip, and citations."""

from __future__ import annotations

import json

from tests.conftest import run
from tests.test_align_output import run as align


def sample_json() -> dict:
    result = align("--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_quotation_members_say_who_is_credited_with_offsets_into_the_text():
    document = sample_json()
    texts = {a["id"]: a["text"] for a in document["articles"]}
    credited = [m["attribution"] for g in document["groups"] if g["kind"] == "quote" for m in g["members"]]
    assert credited and all(c is None or set(c) == {"speaker", "verb", "start", "end"} for c in credited)
    centcom = next(m for g in document["groups"] if g["kind"] == "quote" for m in g["members"]
                   if m["article"] == "cnn-local" and m["attribution"] and m["attribution"]["speaker"] == "CENTCOM")
    credit = centcom["attribution"]
    assert texts["cnn-local"][credit["start"] : credit["end"]] == "CENTCOM said"
    assert "attribution" not in next(g for g in document["groups"] if g["kind"] == "sentence")["members"][0]


def test_json_lists_quotations_that_outlets_credit_differently():
    document = sample_json()
    conflicts = document["attribution_conflicts"]
    halted = next(c for c in conflicts if any(a["speaker"] == "the U.S. military statement" for a in c["attributions"]))
    speakers = {a["article"]: a["speaker"] for a in halted["attributions"]}
    assert speakers["cnn-local"] == "CENTCOM" and speakers["dc-politics"] == "the statement"
    group = next(g for g in document["groups"] if g["id"] == halted["group"])
    assert group["kind"] == "quote"


def test_text_and_markdown_list_attribution_differences_beside_figure_conflicts():
    text = align("--color", "never").stdout
    section = text[text.index("Attribution differences (") :]
    assert "attribution: CNN CENTCOM · " in section and "Beirut the U.S. military statement" in section
    assert text.index("Figure conflicts (") < text.index("Attribution differences (")
    markdown = align("--format", "markdown").stdout
    assert "## Attribution differences (" in markdown and "Beirut the U\\.S\\. military statement" in markdown


def test_the_map_lists_attribution_differences_and_jumps_to_the_quotation(open_reader):
    async def scenario():
        async with open_reader() as reader:
            await reader.press("m")
            box = reader.part("#map-box")
            assert "attribution differences" in box[0]
            rows = [line for line in box if line.strip().startswith(("text", "quote", "figure", "credit"))]
            credit = next(i for i, line in enumerate(rows) if line.strip().startswith("credit"))
            assert rows[-1].strip().startswith("figure")  # figure conflicts stay last
            shown = await reader.press(*["down"] * credit, "enter")
            assert "unintentional loss of life" in shown.pane("CNN").cursor_text

    run(scenario())


def test_the_detail_strip_shows_how_outlets_credit_the_quotation(open_reader):
    async def scenario():
        async with open_reader(size=(200, 50)) as reader:
            await reader.press("]", "]", "s")
            strip = " ".join(reader.part("#detail"))
            assert "attribution: CNN CENTCOM · " in strip

    run(scenario())


def test_text_and_markdown_say_who_each_outlet_credits_under_each_shared_quotation():
    text = align("--color", "never").stdout
    assert "  credited: CNN: CENTCOM (said) · Aggregator: The US Central Command statement (said) · " in text
    markdown = align("--format", "markdown").stdout
    assert "- *credited: CNN: CENTCOM \\(said\\) · " in markdown


def test_the_detail_strip_says_who_is_credited_where_outlets_agree(open_reader):
    async def scenario():
        async with open_reader(size=(200, 50)) as reader:
            await reader.press("s", "tab")  # the aggregator quotes Churkin, as Beirut does
            strips = []
            for _ in range(8):
                await reader.press("]")
                strips.append(" ".join(reader.part("#detail")))
            agreeing = [strip for strip in strips if "credited: " in strip]
            assert agreeing and all("attribution: " not in strip for strip in agreeing)
            assert any("Aggregator: Vitaliy Churkin (said)" in strip for strip in agreeing)

    run(scenario())
