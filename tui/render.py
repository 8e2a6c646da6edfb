"""`parallax align` output: text for a terminal, Markdown for pasting, JSON for programs."""

from __future__ import annotations

import re

from tui.clean import printable, strip_controls
from tui.model import Alignment, Article, Group, GroupKind, Member
from tui.render_json import to_json
from tui.wording import DiffOptions, diff_versions, pieces

FORMATS = ("text", "markdown", "json")

__all__ = ["FORMATS", "to_json", "to_markdown", "md_escape", "member_text", "outlet_label", "coverage", "quotes_inside",
           "quote_note", "quotations_heading"]


def member_text(alignment: Alignment, member: Member) -> str:
    return alignment.articles[member.article].text[member.start : member.end]


def outlet_label(article: Article) -> str:
    return printable(article.outlet.short)


def quotes_inside(alignment: Alignment) -> dict[int, int]:
    """Quotation groups whose every member lies in a member sentence of one sentence group: quote id -> sentence id.

    Such a quotation is the same passage as that sentence group, already shown there with its differences.
    """
    owner = {(m.article, m.sentence): g.id for g in alignment.groups if g.kind is GroupKind.SENTENCE for m in g.members}
    inside = {}
    for group in alignment.groups:
        if group.kind is GroupKind.QUOTE:
            owners = {owner.get((m.article, m.sentence)) for m in group.members}
            if len(owners) == 1 and None not in owners:
                inside[group.id] = owners.pop()
    return inside


def quote_note(alignment: Alignment, quote: Group) -> str:
    """The line a sentence group gets for a quotation inside it."""
    return f"quotation #{quote.id} inside, quoted in {len(quote.articles)} outlets: {', '.join(coverage(alignment, quote)[0])}"


def coverage(alignment: Alignment, group: Group) -> tuple[list[str], list[str]]:
    """Labels of the outlets that carry the group, and of those that do not."""
    present = group.articles
    have = [outlet_label(a) for i, a in enumerate(alignment.articles) if i in present]
    lack = [outlet_label(a) for i, a in enumerate(alignment.articles) if i not in present and a.ok]
    return have, lack


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def md_escape(text: str) -> str:
    """Article text made inert for Markdown: every special character escaped, line breaks flattened."""
    return _MD_SPECIAL.sub(r"\\\1", printable(text))


def to_markdown(alignment: Alignment, *, title: str = "", options: DiffOptions | None = None) -> str:
    """Markdown for notes and reports: one section per group, additions in bold, removals struck through."""
    lines = [f"# {md_escape(title) if title else 'Parallax alignment'}", "", "## Articles", ""]
    for number, article in enumerate(alignment.articles, 1):
        lines.append(_md_article(number, article))
    inside = quotes_inside(alignment)
    sentences = [g for g in alignment.groups if g.kind is GroupKind.SENTENCE]
    quotes = [g for g in alignment.groups if g.kind is GroupKind.QUOTE]
    lines += ["", f"## Shared sentences ({len(sentences)})"]
    for group in sentences:
        lines += _md_group(alignment, group, options)
        lines += [f"- *{md_escape(quote_note(alignment, q))}*" for q in quotes if inside.get(q.id) == group.id]
    lines += ["", f"## Shared quotations ({quotations_heading(len(quotes), len(inside))})"]
    for group in quotes:
        if group.id not in inside:
            lines += _md_group(alignment, group, options)
    lines += ["", f"## Figure conflicts ({len(alignment.conflicts)})", ""]
    for conflict in alignment.conflicts:
        values = "; ".join(_figure_phrase(alignment, f) for f in conflict.figures)
        lines.append(f"- **{md_escape(conflict.measure)}**: {values}")
    return "\n".join(lines) + "\n"


def quotations_heading(total: int, inside: int) -> str:
    """"5" or "5, 4 of them shown inside the shared sentences above"."""
    return f"{total}, {inside} of them shown inside the shared sentences above" if inside else str(total)


def _md_article(number: int, article: Article) -> str:
    if not article.ok:
        return f"{number}. {md_escape(article.outlet.short)}: **could not be read**: {md_escape(article.error)}"
    date = f" ({md_escape(article.published)})" if article.published else ""
    return f"{number}. **{md_escape(article.outlet.name)}**: {md_escape(article.title)}{date}"


def _md_group(alignment: Alignment, group: Group, options: DiffOptions | None) -> list[str]:
    have, lack = coverage(alignment, group)
    missing = f"; not in {md_escape(', '.join(lack))}" if lack else ""
    lines = ["", f"### {group.id}. In {len(have)} outlets: {md_escape(', '.join(have))}{missing}", ""]
    base = member_text(alignment, group.members[0])
    for member in group.members:
        label = md_escape(outlet_label(alignment.articles[member.article]))
        text = member_text(alignment, member)
        body = md_escape(text) if member is group.members[0] else _md_diff(base, text, options)
        lines.append(f"- **{label}** ({member.score:.0f}): {body}")
    return lines


def _md_diff(base: str, text: str, options: DiffOptions | None) -> str:
    out, previous = [], ""
    for piece in pieces(base, text, diff_versions(base, text, options)):
        escaped = _MD_SPECIAL.sub(r"\\\1", strip_controls(piece.text))  # pieces are already on one line
        if piece.kind == "changed" and previous == "removed":
            out.append(" ")
        out.append(MARKDOWN_MARKS[piece.kind].format(escaped))
        previous = piece.kind
    return "".join(out)


MARKDOWN_MARKS = {"same": "{}", "removed": "~~{}~~", "added": "**{}**", "changed": "**{}**"}


def _figure_phrase(alignment: Alignment, figure) -> str:
    article = alignment.articles[figure.article]
    number = article.text[figure.start : figure.end]
    qualifier = f"{figure.qualifier} " if figure.qualifier else ""
    return f"{md_escape(outlet_label(article))} {md_escape(qualifier + number)}"
