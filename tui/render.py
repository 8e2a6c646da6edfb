"""`parallax align` output: text for a terminal, Markdown for pasting, JSON for programs."""

from __future__ import annotations

import json
import re

from tui.clean import printable, strip_controls
from tui.model import Alignment, Article, Group, GroupKind, Member
from tui.wording import DiffOptions, diff_versions, pieces

FORMATS = ("text", "markdown", "json")


def member_text(alignment: Alignment, member: Member) -> str:
    return alignment.articles[member.article].text[member.start : member.end]


def outlet_label(article: Article) -> str:
    return printable(article.outlet.short)


def coverage(alignment: Alignment, group: Group) -> tuple[list[str], list[str]]:
    """Labels of the outlets that carry the group, and of those that do not."""
    present = group.articles
    have = [outlet_label(a) for i, a in enumerate(alignment.articles) if i in present]
    lack = [outlet_label(a) for i, a in enumerate(alignment.articles) if i not in present and a.ok]
    return have, lack


def to_json(
    alignment: Alignment, *, story: dict[str, str] | None = None, settings: dict | None = None,
    options: DiffOptions | None = None,
) -> str:
    """The documented JSON shape (see README, "JSON output")."""
    articles = alignment.articles
    data = {
        "story": {key: printable(value) for key, value in (story or {}).items()},
        "settings": settings or {},
        "articles": [_article_json(a) for a in articles],
        "groups": [_group_json(alignment, g, options) for g in alignment.groups],
        "figure_conflicts": [
            {
                "id": c.id,
                "measure": c.measure,
                "figures": [
                    {"article": printable(articles[f.article].id), "sentence": f.sentence, "start": f.start, "end": f.end,
                     "text": articles[f.article].text[f.start : f.end], "value": f.value, "qualifier": f.qualifier}
                    for f in c.figures
                ],
            }
            for c in alignment.conflicts
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _article_json(article: Article) -> dict:
    # Names and metadata are display strings: cleaned like everything printed (ids too, consistently everywhere).
    return {
        "id": printable(article.id),
        "source": printable(article.source),
        "outlet": printable(article.outlet.name),
        "outlet_id": printable(article.outlet.id),
        "label": printable(article.outlet.short),
        "title": printable(article.title),
        "published": printable(article.published),
        "author": printable(article.author),
        "url": printable(article.url),
        "error": printable(article.error) or None,
        "sentences": [
            {"index": s.index, "text": article.text[s.start : s.end], "start": s.start, "end": s.end,
             "kind": s.kind.value}
            for s in article.sentences
        ],
        "quotes": [
            {"index": q.index, "text": article.text[q.start : q.end], "start": q.start, "end": q.end,
             "sentence": q.sentence}
            for q in article.quotes
        ],
    }


def _group_json(alignment: Alignment, group: Group, options: DiffOptions | None) -> dict:
    base = group.members[0]
    members = []
    for member in group.members:
        entry = {
            "article": printable(alignment.articles[member.article].id),
            "sentence": member.sentence,
            "start": member.start,
            "end": member.end,
            "text": member_text(alignment, member),
            "score": member.score,
        }
        if member.quote is not None:
            entry["quote"] = member.quote
        if member is not base:
            entry["changes"] = _changes(member_text(alignment, base), entry["text"], options)
        members.append(entry)
    return {"id": group.id, "kind": group.kind.value, "members": members}


def _changes(base: str, text: str, options: DiffOptions | None) -> dict:
    diff = diff_versions(base, text, options)
    edits = [
        {"op": e.tag, "base": base[e.a_start : e.a_end], "text": text[e.b_start : e.b_end]}
        for e in diff.edits
        if e.tag != "equal"
    ]
    figures = [{"base": f.a_value, "text": f.b_value} for f in diff.figures]
    return {"similarity": round(diff.similarity, 1), "edits": edits, "figures": figures}


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def md_escape(text: str) -> str:
    """Article text made inert for Markdown: every special character escaped, line breaks flattened."""
    return _MD_SPECIAL.sub(r"\\\1", printable(text))


def to_markdown(alignment: Alignment, *, title: str = "", options: DiffOptions | None = None) -> str:
    """Markdown for notes and reports: one section per group, additions in bold, removals struck through."""
    lines = [f"# {md_escape(title) if title else 'Parallax alignment'}", "", "## Articles", ""]
    for number, article in enumerate(alignment.articles, 1):
        lines.append(_md_article(number, article))
    for kind, heading in ((GroupKind.SENTENCE, "Shared sentences"), (GroupKind.QUOTE, "Shared quotations")):
        groups = [g for g in alignment.groups if g.kind is kind]
        lines += ["", f"## {heading} ({len(groups)})"]
        for group in groups:
            lines += _md_group(alignment, group, options)
    lines += ["", f"## Figure conflicts ({len(alignment.conflicts)})", ""]
    for conflict in alignment.conflicts:
        values = "; ".join(_figure_phrase(alignment, f) for f in conflict.figures)
        lines.append(f"- **{md_escape(conflict.measure)}**: {values}")
    return "\n".join(lines) + "\n"


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
