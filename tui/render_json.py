"""The JSON format of `parallax align`: written piece by piece, so that a long article is never held as JSON whole."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

from tui.clean import printable
from tui.model import Alignment, Article, Group
from tui.published import published_iso
from tui.wording import DiffOptions, diff_versions

_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=2)


class Items:
    """A JSON list whose items are made one at a time while it is written."""

    def __init__(self, make: Callable[[], Iterable[object]]) -> None:
        self.make = make

    def __iter__(self) -> Iterator[object]:
        return iter(self.make())


def to_json(
    alignment: Alignment, *, story: dict[str, str] | None = None, settings: dict | None = None,
    options: DiffOptions | None = None, notes: list | None = None,
) -> str:
    """The documented JSON shape (see README, "JSON output") as one string."""
    buffer = io.StringIO()
    write_json(alignment, buffer, story=story, settings=settings, options=options, notes=notes)
    return buffer.getvalue()


def write_json(
    alignment: Alignment, out: TextIO, *, story: dict[str, str] | None = None, settings: dict | None = None,
    options: DiffOptions | None = None, notes: list | None = None,
) -> None:
    """Write the documented JSON shape to out, exactly as json.dumps(..., indent=2) would lay it out."""
    _write(out, json_document(alignment, story=story, settings=settings, options=options, notes=notes), 0)


def json_document(
    alignment: Alignment, *, story: dict[str, str] | None = None, settings: dict | None = None,
    options: DiffOptions | None = None, notes: list | None = None,
) -> dict:
    """The documented JSON shape as values, its long lists made as they are walked (the report walks it too)."""
    from tui.credits import Credits, conflicts_json
    from tui.notes import note_json
    from tui.render import quotes_inside

    inside = quotes_inside(alignment)
    credits = Credits(alignment)
    return {
        "story": {key: printable(value) for key, value in (story or {}).items()},
        "settings": settings or {},
        "articles": Items(lambda: map(_article_json, alignment.articles)),
        "groups": Items(lambda: (_group_json(alignment, g, options, inside, credits) for g in alignment.groups)),
        "figure_conflicts": Items(lambda: (_conflict_json(alignment, c) for c in alignment.conflicts)),
        "attribution_conflicts": Items(lambda: conflicts_json(alignment, credits.conflicts())),
        **_reference_json(alignment, options),
        "corrections": [_correction_json(alignment, c) for c in alignment.corrections],
        "notes": [note_json(placed) for placed in notes or ()],
    }


def _reference_json(alignment: Alignment, options: DiffOptions | None) -> dict:
    """"reference": the first reference text and each outlet's reuse of it (null without one); "references"
    too when several were given."""
    from tui.reuse import reference_reuse, reuse_json

    found = [reuse_json(alignment, i, reference_reuse(alignment, i, options))
             for i, article in enumerate(alignment.articles) if article.reference and article.ok]
    return {"reference": found[0] if found else None, **({"references": found} if len(found) > 1 else {})}


def _write(out: TextIO, value: object, level: int) -> None:
    """Write value; dicts holding Items and Items themselves are written part by part, the rest encoded whole."""
    indent = "\n" + "  " * level
    if isinstance(value, Items):
        first = True
        for item in value:
            out.write(("[" if first else ",") + indent + "  ")
            _write(out, item, level + 1)
            first = False
        out.write("[]" if first else indent + "]")
    elif isinstance(value, dict) and any(isinstance(v, Items) for v in value.values()):
        for number, (key, item) in enumerate(value.items()):
            out.write(("{" if number == 0 else ",") + indent + "  " + json.dumps(key) + ": ")
            _write(out, item, level + 1)
        out.write(indent + "}")
    else:
        # Strings escape their line breaks, so every line break here is layout and takes the nesting indent.
        out.write(_ENCODER.encode(value).replace("\n", indent))


def _article_json(article: Article) -> dict:
    # Names and metadata are display strings: cleaned like everything printed (ids too, consistently everywhere).
    # The text is the cleaned text that every offset points into.
    text = article.text
    return {
        "id": printable(article.id),
        "source": printable(article.source),
        "outlet": printable(article.outlet.name),
        "outlet_id": printable(article.outlet.id),
        "label": printable(article.outlet.short),
        "title": printable(article.title),
        "published": published_iso(article.published),  # ISO 8601, or null when unknown
        "author": printable(article.author),
        "url": printable(article.url),
        "error": printable(article.error) or None,
        "text": text,
        "sentences": Items(lambda: (
            {"index": s.index, "text": text[s.start : s.end], "start": s.start, "end": s.end, "kind": s.kind.value}
            for s in article.sentences)),
        "quotes": Items(lambda: (
            {"index": q.index, "text": text[q.start : q.end], "start": q.start, "end": q.end, "sentence": q.sentence}
            for q in article.quotes)),
    }


def _group_json(alignment: Alignment, group: Group, options: DiffOptions | None, inside: dict[int, int],
                credits=None) -> dict:
    base = group.members[0]
    base_text = alignment.articles[base.article].text[base.start : base.end]
    members = []
    for member in group.members:
        text = alignment.articles[member.article].text[member.start : member.end]
        entry = {"article": printable(alignment.articles[member.article].id), "sentence": member.sentence,
                 "sentences": list(member.spans), "start": member.start, "end": member.end, "text": text,
                 "score": member.score}
        if member.quote is not None:
            entry["quote"] = member.quote
            if credits is not None:
                from tui.credits import attribution_json

                entry["attribution"] = attribution_json(credits.of_member(member))  # who the outlet credits
        if member.reason is not None:
            entry["link"] = _link_json(alignment, member)
        if member is not base:
            entry["changes"] = _changes(base_text, text, options)
        members.append(entry)
    links: dict[str, object] = {}
    if group.id in inside:
        links["inside"] = inside[group.id]  # the sentence group that carries this quotation whole
    nested = [quote for quote, sentence in inside.items() if sentence == group.id]
    if nested:
        links["quotes"] = nested
    from tui.published import order_json, publication_order, reference_index

    order = publication_order(alignment, group, reference_index(alignment), options)
    return {"id": group.id, "kind": group.kind.value, **links, "members": members,
            "outlets": [_state_json(alignment, group, a) for a, article in enumerate(alignment.articles) if article.ok],
            "published_order": order_json(alignment, order)}


def _link_json(alignment: Alignment, member) -> dict:
    reason = member.reason
    return {"kind": reason.kind.value, "score": reason.score, "with": printable(alignment.articles[reason.partner].id),
            "with_sentence": reason.partner_sentence, "shared": list(reason.shared)}


def _state_json(alignment: Alignment, group: Group, article: int) -> dict:
    """carried, close (with the outlet's closest passage and its score) or absent."""
    entry: dict[str, object] = {"article": printable(alignment.articles[article].id), "state": group.state(article)}
    closest = group.closest.get(article)
    if closest is not None:
        text = alignment.articles[article].text
        entry["closest"] = {"sentence": closest.sentence, "start": closest.start, "end": closest.end,
                            "text": text[closest.start : closest.end], "score": closest.score}
    return entry


def _correction_json(alignment: Alignment, applied) -> dict:
    correction = applied.correction

    def side(passage, found) -> dict:
        where = {"sentence": found[1]} if found else {}
        return {"article": printable(passage.article), "opens": printable(passage.preview), **where}

    return {"action": correction.action, "applied": applied.applied,
            "a": side(correction.a, applied.a), "b": side(correction.b, applied.b)}


def _changes(base: str, text: str, options: DiffOptions | None) -> dict:
    diff = diff_versions(base, text, options)
    edits = [
        {"op": e.tag, "base": base[e.a_start : e.a_end], "text": text[e.b_start : e.b_end]}
        for e in diff.edits
        if e.tag != "equal"
    ]
    figures = [{"base": f.a_value, "text": f.b_value} for f in diff.figures]
    return {"similarity": round(diff.similarity, 1), "edits": edits, "figures": figures}


def _conflict_json(alignment: Alignment, conflict) -> dict:
    articles = alignment.articles
    return {
        "id": conflict.id,
        "measure": conflict.measure,
        "subject": printable(conflict.subject),
        "evidence": conflict.evidence,
        "figures": [
            {"article": printable(articles[f.article].id), "sentence": f.sentence, "start": f.start, "end": f.end,
             "text": articles[f.article].text[f.start : f.end], "value": f.value, "qualifier": f.qualifier,
             "kind": f.kind, "subject": printable(f.subject)}
            for f in conflict.figures
        ],
    }
