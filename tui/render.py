"""`parallax align` output: text for a terminal, Markdown for pasting, JSON for programs."""

from __future__ import annotations

import re

from tui.clean import printable, strip_controls
from tui.model import Alignment, Article, Group, GroupKind, LinkKind, Member
from tui.render_json import to_json
from tui.wording import DiffOptions, diff_versions, pieces

FORMATS = ("text", "markdown", "json")

__all__ = ["FORMATS", "to_json", "to_markdown", "md_escape", "member_text", "outlet_label", "coverage", "quotes_inside",
           "quote_note", "quotations_heading", "closest_notes", "coverage_phrase", "link_phrase", "conflict_label",
           "published_note", "reference_sections", "credit_note"]


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
    """Labels of the outlets that carry the group, and of those that have nothing close to it."""
    present = group.articles
    have = [outlet_label(a) for i, a in enumerate(alignment.articles) if i in present]
    lack = [outlet_label(a) for i, a in enumerate(alignment.articles) if group.state(i) == "absent" and a.ok]
    return have, lack


def closest_notes(alignment: Alignment, group: Group) -> list[str]:
    """One note per outlet that lacks the passage but has something close: "closest in Beirut (score 32): ..."."""
    notes = []
    for article, closest in sorted(group.closest.items()):
        text = " ".join(alignment.articles[article].text[closest.start : closest.end].split())
        notes.append(f"closest in {outlet_label(alignment.articles[article])} (score {closest.score:.0f}): {text}")
    return notes


def coverage_phrase(alignment: Alignment, group: Group) -> str:
    """ "in 3 outlets: CNN, Aggregator, Beirut · close in Wash. pol. · not in Def. mag." """
    have, lack = coverage(alignment, group)
    close = [outlet_label(alignment.articles[a]) for a in sorted(group.closest)]
    phrase = f"in {len(have)} outlets: {', '.join(have)}"
    if close:
        phrase += f" · close in {', '.join(close)}"
    if lack:
        phrase += f" · not in {', '.join(lack)}"
    return phrase


LINK_WORDS = {
    LinkKind.WHOLE: "whole",
    LinkKind.FRAGMENT: "part of a longer passage",
    LinkKind.MERGED: "run of sentences",
    LinkKind.REORDERED: "reordered",
    LinkKind.QUOTATION: "through a shared quotation",
    LinkKind.USER: "joined by you",
}


def link_phrase(alignment: Alignment, member: Member) -> str:
    """How a member was linked, in a few words: "whole 96", "part of a longer passage 100", "joined by you"."""
    reason = member.reason
    if reason is None:
        return f"{member.score:.0f}"
    if reason.kind is LinkKind.USER:
        return LINK_WORDS[reason.kind]
    if reason.kind is LinkKind.MERGED:
        words = f"run of {len(member.spans)} sentences" if len(member.spans) > 1 else "one sentence for a run"
        return f"{words} {reason.score:.0f}"
    return f"{LINK_WORDS[reason.kind]} {reason.score:.0f}"


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
    for heading, reuse in reference_sections(alignment, options):
        lines += ["", f"## {md_escape(heading)}", ""] + [f"- {md_escape(line)}" for line in reuse]
    sentences = [g for g in alignment.groups if g.kind is GroupKind.SENTENCE]
    quotes = [g for g in alignment.groups if g.kind is GroupKind.QUOTE]
    lines += ["", f"## Shared sentences ({len(sentences)})"]
    from tui.credits import Credits

    credits = Credits(alignment)
    for group in sentences:
        lines += _md_group(alignment, group, options)
        for quote in (q for q in quotes if inside.get(q.id) == group.id):
            lines.append(f"- *{md_escape(quote_note(alignment, quote))}*")
            lines += [f"- *{md_escape(note)}*" for note in [credit_note(alignment, quote, credits)] if note]
    lines += ["", f"## Shared quotations ({quotations_heading(len(quotes), len(inside))})"]
    for group in quotes:
        if group.id not in inside:
            lines += _md_group(alignment, group, options)
            lines += [f"- *{md_escape(note)}*" for note in [credit_note(alignment, group, credits)] if note]
    phrases = [g for g in alignment.groups if g.kind is GroupKind.PHRASE]
    lines += ["", f"## Shared wording inside different sentences ({len(phrases)})"]
    for group in phrases:
        lines += _md_group(alignment, group, options)
    lines += ["", f"## Figure conflicts ({len(alignment.conflicts)})", ""]
    for conflict in alignment.conflicts:
        values = "; ".join(_figure_phrase(alignment, f) for f in conflict.figures)
        lines.append(f"- **{md_escape(conflict_label(conflict))}** ({conflict.evidence}): {values}")
    lines += _md_attribution(alignment)
    lines += _md_corrections(alignment)
    return "\n".join(lines) + "\n"


def conflict_label(conflict) -> str:
    """ "killed · soldiers", "$ · Rolex": the measure, and its subject where the texts name one."""
    return printable(conflict.label)


def _md_attribution(alignment: Alignment) -> list[str]:
    from tui.credits import Credits, conflict_phrase

    conflicts = Credits(alignment).conflicts()
    lines = ["", f"## Attribution differences ({len(conflicts)})", ""]
    return lines + [f"- quotation {c.group}: {md_escape(conflict_phrase(alignment, c))}" for c in conflicts]


def _md_corrections(alignment: Alignment) -> list[str]:
    if not alignment.corrections:
        return []
    lines = ["", f"## Your corrections ({len(alignment.corrections)})", ""]
    for applied in alignment.corrections:
        lines.append(f"- {md_escape(correction_phrase(alignment, applied))}")
    return lines


def correction_phrase(alignment: Alignment, applied) -> str:
    """ "joined: CNN “The coalition ...” and Beirut “...”", or why a correction did not apply."""
    correction = applied.correction
    verb = "kept apart" if correction.action == "split" else "joined"
    if not applied.applied:
        return f"{verb} (not applied: a passage is no longer in its article): {correction.a.preview} / {correction.b.preview}"
    names = [outlet_label(alignment.articles[a]) for a, _ in (applied.a, applied.b)]
    return f"{verb}: {names[0]} “{correction.a.preview} ...” and {names[1]} “{correction.b.preview} ...”"


def quotations_heading(total: int, inside: int) -> str:
    """"5" or "5, 4 of them shown inside the shared sentences above"."""
    return f"{total}, {inside} of them shown inside the shared sentences above" if inside else str(total)


def _md_article(number: int, article: Article) -> str:
    if not article.ok:
        return f"{number}. {md_escape(article.outlet.short)}: **could not be read**: {md_escape(article.error)}"
    date = f" ({md_escape(article.published)})" if article.published else ""
    return f"{number}. **{md_escape(article.outlet.name)}**: {md_escape(article.title)}{date}"


def _md_group(alignment: Alignment, group: Group, options: DiffOptions | None) -> list[str]:
    lines = ["", f"### {group.id}. {md_escape(coverage_phrase(alignment, group)[:1].upper() + coverage_phrase(alignment, group)[1:])}", ""]
    base = member_text(alignment, group.members[0])
    for member in group.members:
        label = md_escape(outlet_label(alignment.articles[member.article]))
        text = member_text(alignment, member)
        body = md_escape(text) if member is group.members[0] else _md_diff(base, text, options)
        lines.append(f"- **{label}** ({md_escape(link_phrase(alignment, member))}): {body}")
    lines += [f"- *{md_escape(note)}*" for note in closest_notes(alignment, group)]
    order = published_note(alignment, group, options)
    return lines + ([f"- *{md_escape(order)}*"] if order else [])


def credit_note(alignment: Alignment, group: Group, credits) -> str:
    """Who each outlet credits for a shared quotation: "credited: CNN: CENTCOM (said) · Beirut: ..."; "" when
    no outlet's credit was found."""
    parts = {}
    for member in group.members:
        credit = credits.of_member(member) if group.kind is GroupKind.QUOTE else None
        if credit is not None and member.article not in parts:
            parts[member.article] = f"{outlet_label(alignment.articles[member.article])}: {credit.speaker} ({credit.verb})"
    return printable("credited: " + " · ".join(parts.values())) if parts else ""


def reference_sections(alignment: Alignment, options: DiffOptions | None = None) -> list[tuple[str, list[str]]]:
    """For each reference text: a heading and one line per outlet on how much of its body reuses it."""
    from tui.reuse import reference_reuse, reuse_lines

    sections = []
    for index, article in enumerate(alignment.articles):
        if article.reference and article.ok:
            lines = reuse_lines(alignment, index, reference_reuse(alignment, index, options))
            sections.append((f"Reuse of the reference text {printable(article.outlet.name)}", [printable(line) for line in lines]))
    return sections


def published_note(alignment: Alignment, group: Group, options: DiffOptions | None = None) -> str:
    """Who published the passage first and how the later versions stand to it; "" when that is not known."""
    from tui.published import order_phrase, publication_order, reference_index

    order = publication_order(alignment, group, reference_index(alignment), options)
    return "" if order.base == "unknown" else printable(order_phrase(alignment, order))


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
