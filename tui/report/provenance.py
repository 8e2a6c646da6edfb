"""Reference reuse, attribution conflicts and publication order, read from the JSON document when it has them.

These keys are written by the provenance part of the program; the report shows whatever of them a document
holds, and nothing when it holds none. Shapes assumed (documented in the README's JSON section):
`reference: {article, reuse: [{article, share_chars, share_sentences, passages}]}` with shares from 0 to 1,
`attribution_conflicts: [{group, attributions: [{article, speaker, verb}]}]`, and per group `published_order:
{base, versions: [{article, published, relation}]}`, earliest first.
"""

from __future__ import annotations

from tui.clean import printable


def provenance(report, document: dict, labels: dict[str, str]) -> None:
    """Fill the report's provenance sections from the document's keys, where present."""
    if "attribution_conflicts" in document:
        report.attribution_conflicts = [_attribution_line(c, labels) for c in document["attribution_conflicts"]]
    reference = document.get("reference")
    if isinstance(reference, dict) and reference.get("article"):
        rows = [_reuse_row(r, labels) for r in reference.get("reuse", []) if isinstance(r, dict)]
        report.reference = (_name(reference["article"], labels), rows)
    report.counts["attribution_conflicts"] = len(report.attribution_conflicts or [])


def _name(article, labels: dict[str, str]) -> str:
    return printable(labels.get(article, article))


def share(value) -> str:
    """A share from 0 to 1 as a percentage ("42 %"); anything else as given."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value * 100:.0f} %" if 0 <= value <= 1 else f"{value:g}"
    return printable(value if value is not None else "—")


def _reuse_row(row: dict, labels: dict[str, str]) -> tuple[str, str, str, str]:
    passages = row.get("passages")
    if isinstance(passages, list):
        states: dict[str, int] = {}
        for passage in passages:
            state = (passage.get("state") or passage.get("relation")) if isinstance(passage, dict) else None
            states[str(state or "passages")] = states.get(str(state or "passages"), 0) + 1
        shown = ", ".join(f"{count} {state}" for state, count in states.items()) or "none"
    else:
        shown = printable(passages if passages is not None else "—")
    return (_name(row.get("article", ""), labels), share(row.get("share_chars")), share(row.get("share_sentences")),
            printable(shown))


def _attribution_line(conflict, labels: dict[str, str]) -> str:
    """ "passage #9: CNN CENTCOM (said) · Beirut the statement" """
    if not isinstance(conflict, dict):
        return printable(conflict)
    where = next((f"passage #{conflict[k]}" for k in ("group", "passage", "quote") if conflict.get(k) is not None), "")
    credits = next((v for v in conflict.values() if isinstance(v, list) and v and isinstance(v[0], dict)), [])
    parts = []
    for credit in credits:
        verb = f" ({credit['verb']})" if credit.get("verb") else ""
        parts.append(f"{_name(credit.get('article', ''), labels)} {credit.get('speaker') or 'no one named'}{verb}")
    return printable(f"{where}: {' · '.join(parts)}" if where else " · ".join(parts))


def order_of(group: dict, labels: dict[str, str]) -> list[str]:
    """The group's versions in order of publication, where the document claims one ("published_order" with a
    base other than "unknown"): "CNN (2016-09-17)", "Beirut (2016-09-19, altered)"."""
    order = group.get("published_order")
    if not isinstance(order, dict) or order.get("base") in (None, "unknown"):
        return []
    lines = []
    for entry in order.get("versions") or []:
        if isinstance(entry, dict):
            when = entry.get("published") or "time unknown"
            relation = f", {entry['relation']}" if entry.get("relation") else ""
            lines.append(printable(f"{_name(entry.get('article', ''), labels)} ({when}{relation})"))
    return lines
