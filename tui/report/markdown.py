"""The Markdown report: the same sections as the HTML one, every piece of outside text escaped."""

from __future__ import annotations

import re
from typing import TextIO

from tui.clean import strip_controls
from tui.render import MARKDOWN_MARKS, md_escape
from tui.report.walk import LEGEND, Conflict, NoteLine, Passage, Report, Version, counted, marked_words

STATE_MARKS = {"carried": "●", "close": "◐", "absent": "·", "unread": "?"}
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~&])")


def esc(value: object) -> str:
    """Outside text made inert for Markdown, "&" included (so an entity stays as written)."""
    return md_escape(str(value)).replace("&", "\\&")


def write_markdown(report: Report, out: TextIO, *, palette: dict[str, str]) -> None:
    """Write the whole report as Markdown (the palette is not used: Markdown has no colours)."""
    for part in (_header, _outlets, _map, _passages, _conflicts, _attribution, _reference, _notes, _corrections):
        out.write("\n".join(part(report)) + "\n")


def _header(report: Report) -> list[str]:
    c = report.counts
    lines = [f"# {esc(report.title)}", ""]
    if report.date:
        lines += [esc(report.date), ""]
    words = {"sentences": "shared sentence", "quotes": "shared quotation", "wording": "shared wording",
             "figure_conflicts": "figure conflict", "notes": "note"}
    summary = " · ".join(counted(c[name], word) for name, word in words.items())
    lines += [f"{c['read']} of {counted(c['articles'], 'article')} read · {summary}", ""]
    return lines


def _outlets(report: Report) -> list[str]:
    lines = [f"## Outlets ({len(report.outlets)})", "", "| Outlet | Headline | Date | Link |", "| --- | --- | --- | --- |"]
    for outlet in report.outlets:
        headline = esc(outlet.title) if not outlet.error else f"*could not be read: {esc(outlet.error)}*"
        link = _url(outlet.url) if outlet.url.startswith(("https://", "http://")) else esc(outlet.url or outlet.source)
        lines.append(f"| **{esc(outlet.name)}** | {headline} | {esc(outlet.published) or '—'} | {link} |")
    return lines + [""]


def _url(url: str) -> str:
    """An autolink: characters that would end it or break the table are percent-encoded."""
    cleaned = strip_controls(url).replace("<", "%3C").replace(">", "%3E").replace(" ", "%20").replace("|", "%7C")
    return f"<{cleaned}>"


def _map(report: Report) -> list[str]:
    head = "| Passage | " + " | ".join(esc(o.label) for o in report.outlets) + " |"
    rule = "| --- |" + " :-: |" * len(report.outlets)
    rows = [f"| {esc(label)} | " + " | ".join(STATE_MARKS[s] for s in states) + " |" for _, label, states in report.map_rows]
    legend = LEGEND
    return [f"## Coverage map ({len(report.map_rows)})", "", legend, "", head, rule, *rows, ""]


def _passages(report: Report) -> list[str]:
    inside = report.counts["quotes_inside"]
    quotes = f"{report.counts['quotes']}, {inside} of them shown inside the shared sentences" if inside else str(report.counts["quotes"])
    lines = [f"## Shared sentences ({len(report.sentences)})", ""]
    for passage in report.sentences:
        lines += _passage(passage)
    lines += [f"## Shared quotations ({quotes})", ""]
    for passage in report.quotes:
        lines += _passage(passage)
    lines += [f"## Shared wording inside different sentences ({len(report.wording)})", ""]
    for passage in report.wording:
        lines += _passage(passage)
    return lines


def _passage(passage: Passage) -> list[str]:
    lines = [f"### #{passage.id} {esc(passage.coverage)}", ""]
    for version in passage.versions:
        lines += _version(version)
    lines += [f"- *{esc(line)}*" for line in passage.closest]
    if passage.quotes_inside:
        numbers = ", ".join("\\#" + str(q) for q in passage.quotes_inside)
        lines.append(f"- *quotations inside: {numbers}*")
    if passage.order:
        lines.append(f"- *published: {' → '.join(esc(o) for o in passage.order)}*")
    return lines + _note_list(passage.notes) + [""]


def _version(version: Version) -> list[str]:
    similarity = f", {version.similarity:.0f} % alike" if version.similarity is not None else ""
    credit = f" — {esc(version.attribution)}" if version.attribution else ""
    citation = [f"  > {esc(line)}" if line else "  >" for line in strip_controls(version.citation).split("\n")]
    return [f"- **{esc(version.label)}** ({esc(version.link)}{similarity}){credit}: {words(version)}", "", *citation, ""]


def words(version: Version) -> str:
    """The version's words: additions and changes in bold, removals struck through, changed figures in code."""
    return marked_words(version, lambda text: _SPECIAL.sub(r"\\\1", strip_controls(text)),
                        lambda figure: f"`{_code(figure)}`", MARKDOWN_MARKS)


def _code(figure: str) -> str:
    return strip_controls(figure).replace("`", "'")


def _conflicts(report: Report) -> list[str]:
    lines = [f"## Figure conflicts ({len(report.conflicts)})", ""]
    for conflict in report.conflicts:
        lines += _conflict(conflict)
    return lines


def _conflict(conflict: Conflict) -> list[str]:
    lines = [f"### {esc(conflict.label)} ({esc(conflict.evidence)})", ""]
    lines += [f"- **{esc(label)}** {esc(value)}: {esc(sentence)}" for _, label, value, sentence in conflict.figures]
    return lines + _note_list(conflict.notes) + [""]


def _attribution(report: Report) -> list[str]:
    if report.attribution_conflicts is None:
        return []
    return [f"## Attribution conflicts ({len(report.attribution_conflicts)})", "",
            *(f"- {esc(line)}" for line in report.attribution_conflicts), ""]


def _reference(report: Report) -> list[str]:
    if report.reference is None:
        return []
    name, rows = report.reference
    lines = [f"## Reuse of the reference ({len(rows)})", "",
             f"Reference text: **{esc(name)}**. The shares say how much of each outlet's text has the reference's wording.", "",
             "| Outlet | Share of its text (characters) | Share of its sentences | Reference passages |",
             "| --- | --- | --- | --- |"]
    return lines + ["| " + " | ".join(esc(cell) for cell in row) + " |" for row in rows] + [""]


def _notes(report: Report) -> list[str]:
    return [f"## Notes ({len(report.notes)})", "", *(_note_list(report.notes, where=True) or ["No notes."]), ""]


def _note_list(notes: list[NoteLine], where: bool = False) -> list[str]:
    lines = []
    for note in notes:
        verdict = f"**{esc(note.verdict.upper())}** " if note.verdict else ""
        place = f"{esc(note.where)}: *{esc(note.opens)}*: " if where else ""
        lines.append(f"- Note: {place}{verdict}{esc(note.text)} ({esc(note.created)})")
    return lines


def _corrections(report: Report) -> list[str]:
    if not report.corrections:
        return []
    return [f"## Your corrections ({len(report.corrections)})", "", *(f"- {esc(line)}" for line in report.corrections), ""]
