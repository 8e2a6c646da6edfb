"""The HTML report: one file, no scripts and nothing fetched from elsewhere, readable offline and printable.

Every piece of outside text goes through html.escape after the one cleaning path, and the page's security
policy forbids scripts and outside resources, so an article holding markup shows it as text.
"""

from __future__ import annotations

import re
from html import escape
from typing import TextIO

from tui import __version__
from tui.clean import printable, strip_controls
from tui.report.walk import LEGEND, Conflict, NoteLine, Passage, Report, Version, counted, marked_words

# Where a palette lacks a colour (or holds something that is not one), these print well on paper.
FALLBACK = {"background": "#ffffff", "foreground": "#1a1a1a", "surface": "#f3f4f6", "panel": "#d0d4da",
            "primary": "#1f5fbf", "px-shared": "#e8eef8", "px-quote": "#0a4f75", "px-added": "#145c29",
            "px-removed": "#9c1c1c", "px-changed": "#744600", "px-figure": "#8c006b", "px-missing": "#5f6670"}
_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}")
POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'"
STATE_MARKS = {"carried": ("●", "carried"), "close": ("◐", "close"), "absent": ("·", "absent"), "unread": ("?", "absent")}

CSS = """
:root { %(variables)s }
body { background: var(--background); color: var(--foreground); font: 15px/1.5 system-ui, sans-serif;
       max-width: 70rem; margin: 1.5rem auto; padding: 0 1rem; }
h1, h2, h3 { line-height: 1.25; } h2 { border-bottom: 2px solid var(--primary); padding-bottom: .2rem; margin-top: 2rem; }
a { color: var(--primary); }
table { border-collapse: collapse; width: 100%%; } th, td { text-align: left; padding: .2rem .5rem; vertical-align: top; }
tr:nth-child(even) td { background: var(--surface); } th { border-bottom: 1px solid var(--panel); }
.map-wrap { overflow-x: auto; } td.date { white-space: nowrap; } .map td.state { text-align: center; }
.carried { color: var(--primary); } .close { color: var(--px-changed); } .absent { color: var(--px-missing); }
.passage { background: var(--surface); border-left: 4px solid var(--primary); padding: .4rem .8rem; margin: 1rem 0; }
.passage h3 { font-size: 1rem; margin: .2rem 0 .5rem; }
.versions { list-style: none; padding: 0; margin: 0; } .version { margin: .4rem 0; padding: .3rem .5rem; background: var(--px-shared); }
.outlet { font-weight: bold; } .link, .dim, .cite, .meta { color: var(--px-missing); font-size: .9em; }
.cite { white-space: pre-wrap; margin: .2rem 0 0; font-family: ui-monospace, monospace; font-size: .8em; }
ins { color: var(--px-added); text-decoration: underline; font-weight: bold; }
del { color: var(--px-removed); text-decoration: line-through; }
.changed { color: var(--px-changed); font-weight: bold; }
.figure { color: var(--px-figure); font-weight: bold; outline: 1px solid var(--px-figure); }
.notes { list-style: none; padding-left: 0; } .note { border-left: 3px solid var(--px-changed); padding-left: .5rem; margin: .3rem 0; }
.verdict { font-weight: bold; text-transform: uppercase; font-size: .85em; }
@media print {
  :root { --background: #ffffff; --foreground: #000000; --surface: #ffffff; --px-shared: #ffffff; }
  body { font-size: 10.5pt; max-width: none; margin: 0; }
  .passage, .version, tr { break-inside: avoid; } h2, h3 { break-after: avoid; }
  .passage { border-left: 2pt solid #000; } a { color: inherit; text-decoration: none; }
  ins, del, .changed, .figure { color: #000; }
}
"""


def text(value: object) -> str:
    """Outside text as HTML: cleaned onto one line, then escaped (quotes too, so it is safe in attributes)."""
    return escape(printable(value), quote=True)


def css_variables(palette: dict[str, str]) -> str:
    """The theme's colours as CSS variables; a value that is not a plain colour is replaced, never copied."""
    chosen = {name: palette.get(name, "") for name in FALLBACK}
    safe = {name: value if _COLOUR.fullmatch(value or "") else FALLBACK[name] for name, value in chosen.items()}
    return " ".join(f"--{name}: {value};" for name, value in safe.items())


def write_html(report: Report, out: TextIO, *, palette: dict[str, str]) -> None:
    """Write the whole report as one HTML page."""
    out.write('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    out.write(f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n')
    out.write('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    out.write(f"<title>{text(report.title)} · Parallax report</title>\n")
    out.write(f"<style>{CSS % {'variables': css_variables(palette)}}</style>\n</head>\n<body>\n")
    for part in (_header, _outlets, _map, _passages, _conflicts, _attribution, _reference, _notes, _corrections):
        out.write(part(report))
    out.write(f'<footer class="meta"><p>Made by Parallax {escape(__version__)}{_generated(report)}.</p></footer>\n')
    out.write("</body>\n</html>\n")


def _generated(report: Report) -> str:
    return f" on {text(report.generated)}" if report.generated else ""


def _header(report: Report) -> str:
    c = report.counts
    words = {"sentences": "shared sentence", "quotes": "shared quotation", "wording": "shared wording",
             "figure_conflicts": "figure conflict", "notes": "note"}
    counts = f'{_count(c, "read")} of {_counted(c, "articles", "article")} read · ' + " · ".join(
        _counted(c, name, word) for name, word in words.items())
    date = f'<p class="meta">{text(report.date)}</p>' if report.date else ""
    return f'<header>\n<h1 id="story">{text(report.title)}</h1>{date}\n<p id="counts">{counts}</p>\n</header>\n'


def _count(counts: dict[str, int], name: str) -> str:
    return f'<data id="count-{name}" value="{counts[name]}">{counts[name]}</data>'


def _counted(counts: dict[str, int], name: str, word: str) -> str:
    return _count(counts, name) + counted(counts[name], word)[len(str(counts[name])):]


def _outlets(report: Report) -> str:
    rows = []
    for outlet in report.outlets:
        link = f'<a href="{text(outlet.url)}">{text(outlet.url)}</a>' if _is_web(outlet.url) else text(outlet.url or outlet.source)
        headline = text(outlet.title) if not outlet.error else f"<em>could not be read: {text(outlet.error)}</em>"
        rows.append(f'<tr data-article="{text(outlet.id)}"><td class="outlet">{text(outlet.name)}</td><td>{headline}</td>'
                    f"<td class=\"date\">{text(outlet.published) or '—'}</td><td>{link}</td></tr>")
    head = "<tr><th>Outlet</th><th>Headline</th><th>Date</th><th>Link</th></tr>"
    return _section("outlets", "Outlets", len(report.outlets), f"<table>{head}{''.join(rows)}</table>")


def _is_web(url: str) -> bool:
    return url.startswith(("https://", "http://"))


def _map(report: Report) -> str:
    head = "<tr><th>Passage</th>" + "".join(f"<th>{text(o.label)}</th>" for o in report.outlets) + "</tr>"
    rows = []
    for anchor, label, states in report.map_rows:
        cells = "".join(f'<td class="state {STATE_MARKS[s][1]}" title="{s}">{STATE_MARKS[s][0]}</td>' for s in states)
        rows.append(f'<tr><td><a href="#{anchor}">{text(label)}</a></td>{cells}</tr>')
    legend = f'<p class="meta">{LEGEND}</p>'
    body = f'{legend}<div class="map-wrap"><table class="map">{head}{"".join(rows)}</table></div>'
    return _section("map", "Coverage map", len(report.map_rows), body)


def _passages(report: Report) -> str:
    inside = f", {report.counts['quotes_inside']} of them shown inside the shared sentences" if report.counts["quotes_inside"] else ""
    return (_section("sentences", "Shared sentences", len(report.sentences), "".join(map(_passage, report.sentences)))
            + _section("quotes", f"Shared quotations ({report.counts['quotes']}{inside})", report.counts["quotes"],
                       "".join(map(_passage, report.quotes)), count_in_title=False)
            + _section("wording", "Shared wording inside different sentences", len(report.wording),
                       "".join(map(_passage, report.wording))))


def _passage(passage: Passage) -> str:
    versions = "".join(_version(v) for v in passage.versions)
    extra = "".join(f'<p class="dim">{text(line)}</p>' for line in passage.closest)
    if passage.quotes_inside:
        extra += f'<p class="dim">quotations inside: {", ".join(f"#{q}" for q in passage.quotes_inside)}</p>'
    if passage.order:
        extra += f'<p class="dim">published: {" → ".join(text(o) for o in passage.order)}</p>'
    return (f'<article class="passage" id="passage-{passage.id}" data-group="{passage.id}" data-kind="{text(passage.kind)}">'
            f"<h3>#{passage.id} {text(passage.coverage)}</h3><ol class=\"versions\">{versions}</ol>{extra}"
            f"{_note_list(passage.notes)}</article>\n")


def _version(version: Version) -> str:
    similarity = f", {version.similarity:.0f} % alike" if version.similarity is not None else ""
    credit = f' <span class="dim">{text(version.attribution)}</span>' if version.attribution else ""
    return (f'<li class="version" data-article="{text(version.article)}"><span class="outlet">{text(version.label)}</span> '
            f'<span class="link">({text(version.link)}{similarity})</span>{credit}<br>'
            f'<span class="words">{words(version)}</span>'
            f'<p class="cite">{escape(strip_controls(version.citation), quote=True)}</p></li>')


def words(version: Version) -> str:
    """The version's words with its differences from the first version marked."""
    return marked_words(version, _text, lambda figure: f'<strong class="figure">{_text(figure)}</strong>', PIECE_TAGS)


def _text(words: str) -> str:
    return escape(strip_controls(words))


PIECE_TAGS = {"same": "{}", "removed": "<del>{}</del>", "added": "<ins>{}</ins>", "changed": '<span class="changed">{}</span>'}


def _conflicts(report: Report) -> str:
    return _section("figure-conflicts", "Figure conflicts", len(report.conflicts), "".join(map(_conflict, report.conflicts)))


def _conflict(conflict: Conflict) -> str:
    rows = "".join(f'<tr data-article="{text(a)}"><td class="outlet">{text(label)}</td><td class="figure-value">{text(value)}</td>'
                   f'<td class="dim">{text(sentence)}</td></tr>' for a, label, value, sentence in conflict.figures)
    return (f'<article class="passage conflict" id="conflict-{conflict.id}"><h3>{text(conflict.label)} '
            f'<span class="dim">({text(conflict.evidence)})</span></h3><table>{rows}</table>{_note_list(conflict.notes)}</article>\n')


def _attribution(report: Report) -> str:
    if report.attribution_conflicts is None:
        return ""
    items = "".join(f"<li>{text(line)}</li>" for line in report.attribution_conflicts)
    return _section("attribution-conflicts", "Attribution conflicts", len(report.attribution_conflicts), f"<ul>{items}</ul>")


def _reference(report: Report) -> str:
    if report.reference is None:
        return ""
    name, rows = report.reference
    head = "<tr><th>Outlet</th><th>Share of its text (characters)</th><th>Share of its sentences</th><th>Reference passages</th></tr>"
    body = "".join("<tr>" + "".join(f"<td>{text(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    lead = f'<p>Reference text: <span class="outlet">{text(name)}</span>. The shares say how much of each outlet\'s text has the reference\'s wording.</p>'
    return _section("reference", "Reuse of the reference", len(rows), f"{lead}<table>{head}{body}</table>")


def _notes(report: Report) -> str:
    return _section("notes", "Notes", len(report.notes), _note_list(report.notes, where=True) or "<p>No notes.</p>")


def _note_list(notes: list[NoteLine], where: bool = False) -> str:
    if not notes:
        return ""
    items = []
    for note in notes:
        verdict = f'<span class="verdict">{text(note.verdict)}</span> ' if note.verdict else ""
        place = f'<span class="dim">{text(note.where)}: {text(note.opens)}</span><br>' if where else ""
        items.append(f'<li class="note">{place}{verdict}{text(note.text)} <span class="dim">{text(note.created)}</span></li>')
    return f'<ul class="notes">{"".join(items)}</ul>'


def _corrections(report: Report) -> str:
    if not report.corrections:
        return ""
    items = "".join(f"<li>{text(line)}</li>" for line in report.corrections)
    return _section("corrections", "Your corrections", len(report.corrections), f"<ul>{items}</ul>")


def _section(anchor: str, title: str, count: int, body: str, *, count_in_title: bool = True) -> str:
    heading = f"{title} ({count})" if count_in_title else title
    return f'<section id="{anchor}" data-count="{count}">\n<h2>{text(heading)}</h2>\n{body}\n</section>\n'
