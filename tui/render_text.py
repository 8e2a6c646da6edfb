"""The terminal format of `parallax align`: groups with each outlet's version, differences in colour."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, Group as RichGroup
from rich.text import Text

from tui.clean import printable
from tui.model import Alignment, Article, Group, GroupKind
from tui.render import (closest_notes, conflict_label, correction_phrase, coverage_phrase, link_phrase, member_text,
                         outlet_label, published_note, quotations_heading, credit_note, quote_note, quotes_inside,
                         reference_sections)
from tui.wording import DiffOptions, diff_versions, pieces

STYLE_ADDED = "green"
STYLE_CHANGED = "yellow"
STYLE_REMOVED = "red strike"
STYLE_FIGURE = "bold white on red"


def render_text(
    alignment: Alignment, console: Console, *, title: str = "", colour: bool = True, options: DiffOptions | None = None,
    notes: list = (),
) -> None:
    """Print the comparison; Text objects only, so article text can never act as markup.

    Without colour, differences are written as `git diff --word-diff=plain` does: [-removed-]{+added+}.
    """
    articles = alignment.articles
    loaded = sum(a.ok for a in articles)
    sentence_groups = [g for g in alignment.groups if g.kind is GroupKind.SENTENCE]
    quote_groups = [g for g in alignment.groups if g.kind is GroupKind.QUOTE]
    phrase_groups = [g for g in alignment.groups if g.kind is GroupKind.PHRASE]
    console.print(Text(title or "Parallax alignment", style="bold"))
    console.print(Text(
        f"{loaded} of {len(articles)} articles read · {_count(len(sentence_groups), 'shared sentence')} · "
        f"{_count(len(quote_groups), 'shared quotation')} · {_count(len(phrase_groups), 'shared wording')} · "
        f"{_count(len(alignment.conflicts), 'figure conflict')}",
        style="dim",
    ))
    console.print()
    width = max((cell_len(outlet_label(a)) for a in articles), default=8)
    for number, article in enumerate(articles, 1):
        console.print(_article_line(number, article, width))
    inside = quotes_inside(alignment)
    for heading, lines in reference_sections(alignment, options):
        console.print()
        console.print(Text(heading, style="bold underline"))
        for line in lines:
            console.print(Text(f"  {line}"))
    console.print()
    console.print(Text(f"Shared sentences ({len(sentence_groups)})", style="bold underline"))
    from tui.credits import Credits

    credits = Credits(alignment)
    for group in sentence_groups:
        console.print(_group_block(alignment, group, width, colour, options))
        _print_notes(console, [n for n in notes if n.group == group.id])
        for quote in (q for q in quote_groups if inside.get(q.id) == group.id):
            console.print(Text(f"  {quote_note(alignment, quote)}", style="dim"))
            _print_credits(console, credit_note(alignment, quote, credits))
    console.print()
    heading = f"Shared quotations ({quotations_heading(len(quote_groups), len(inside))})"
    console.print(Text(heading, style="bold underline"))
    for group in (q for q in quote_groups if q.id not in inside):
        console.print(_group_block(alignment, group, width, colour, options))
        _print_credits(console, credit_note(alignment, group, credits))
        _print_notes(console, [n for n in notes if n.group == group.id])
    console.print()
    console.print(Text(f"Shared wording inside different sentences ({len(phrase_groups)})", style="bold underline"))
    for group in phrase_groups:
        console.print(_group_block(alignment, group, width, colour, options))
        _print_notes(console, [n for n in notes if n.group == group.id])
    _print_conflicts(alignment, console, width)
    _print_attribution(alignment, console)
    if notes:
        console.print()
        console.print(Text(f"Your notes ({len(notes)})", style="bold underline"))
        _print_notes(console, notes, where=True)
    if alignment.corrections:
        console.print()
        console.print(Text(f"Your corrections ({len(alignment.corrections)})", style="bold underline"))
        for applied in alignment.corrections:
            console.print(Text(f"  {printable(correction_phrase(alignment, applied))}"))


def _print_notes(console: Console, notes: list, *, where: bool = False) -> None:
    from tui.notes import note_phrase

    for placed in notes:
        console.print(Text(f"  {note_phrase(placed, where=where)}", style="italic"))


def _padded(label: str, width: int) -> str:
    """A label padded to a width in terminal cells: wide characters take two."""
    return label + " " * max(0, width - cell_len(label))


def _article_line(number: int, article: Article, width: int) -> Text:
    line = Text(f"{number:>2}. ")
    line.append(_padded(outlet_label(article), width), style="bold")
    if not article.ok:
        line.append("  could not be read: ", style="red")
        line.append(printable(article.error))
        return line
    line.append(f"  {printable(article.title)}")
    if article.published:
        line.append(f"  {printable(article.published)}", style="dim")
    line.append(f"  {printable(article.source)}", style="dim")
    return line


def _group_block(
    alignment: Alignment, group: Group, width: int, colour: bool, options: DiffOptions | None
) -> RichGroup:
    header = Text(f"\n#{group.id} ", style="bold cyan")
    header.append(coverage_phrase(alignment, group), style="cyan")
    lines = [header]
    base = member_text(alignment, group.members[0])
    for member in group.members:
        text = member_text(alignment, member)
        line = Text("  ")
        line.append(f"{_padded(outlet_label(alignment.articles[member.article]), width)} ", style="bold")
        line.append(f"({link_phrase(alignment, member)})  ", style="dim")
        line.append_text(Text(" ".join(text.split())) if member is group.members[0] else diff_text(base, text, options, colour=colour))
        lines.append(line)
    lines += [Text(f"  {printable(note)}", style="dim") for note in closest_notes(alignment, group)]
    order = published_note(alignment, group, options)
    lines += [Text(f"  {order}", style="dim")] if order else []
    return RichGroup(*lines)


PLAIN_MARKS = {"same": "{}", "removed": "[-{}-]", "added": "{{+{}+}}", "changed": "{{+{}+}}"}
STYLES = {"same": "", "removed": STYLE_REMOVED, "added": STYLE_ADDED, "changed": STYLE_CHANGED}


def diff_text(base: str, text: str, options: DiffOptions | None = None, *, colour: bool = True) -> Text:
    """`text` against `base`: in colour, added and changed words coloured and removed ones struck through;
    without colour, in git's plain word-diff notation."""
    out = Text()
    previous = ""
    for piece in pieces(base, text, diff_versions(base, text, options)):
        if not colour:
            out.append(PLAIN_MARKS[piece.kind].format(piece.text))
            continue
        if piece.kind == "changed" and previous == "removed":
            out.append(" ")
        start = len(out.plain)
        out.append(piece.text, style=STYLES[piece.kind])
        for f_start, f_end in piece.figures:
            out.stylize(STYLE_FIGURE, start + f_start, start + f_end)
        previous = piece.kind
    return out


def _print_credits(console: Console, note: str) -> None:
    if note:
        console.print(Text(f"  {note}", style="dim"))


def _print_attribution(alignment: Alignment, console: Console) -> None:
    """Shared quotations that outlets credit to different speakers, beside the figure conflicts."""
    from tui.credits import Credits, conflict_phrase

    conflicts = Credits(alignment).conflicts()
    console.print()
    console.print(Text(f"Attribution differences ({len(conflicts)})", style="bold underline"))
    for conflict in conflicts:
        console.print(Text(f"  #{conflict.group} {conflict_phrase(alignment, conflict)}"))


def _print_conflicts(alignment: Alignment, console: Console, width: int) -> None:
    console.print()
    console.print(Text(f"Figure conflicts ({len(alignment.conflicts)})", style="bold underline"))
    for conflict in alignment.conflicts:
        heading = Text(f"\n{conflict_label(conflict)}", style="bold red")
        heading.append(f"  ({conflict.evidence})", style="dim")
        console.print(heading)
        for figure in conflict.figures:
            article = alignment.articles[figure.article]
            sentence = article.sentences[figure.sentence]
            line = Text("  ")
            line.append(f"{_padded(outlet_label(article), width)} ", style="bold")
            qualifier = f"{figure.qualifier} " if figure.qualifier else ""
            line.append(f"{qualifier}{article.text[figure.start:figure.end]}".rjust(14), style="bold red")
            line.append("  ")
            line.append(" ".join(article.text[sentence.start : sentence.end].split()), style="dim")
            console.print(line)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
