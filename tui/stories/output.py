"""`parallax stories` output: JSON for programs, plain text for people; every outside string made inert."""

from __future__ import annotations

import json
import textwrap

from tui.clean import strip_controls
from tui.stories.evidence import Evidence
from tui.stories.model import Entry, Findings, FoundStory, iso, shown_date

PASSAGE_CHARS = 160


def to_json(findings: Findings) -> str:
    data = {
        "stories": [_story_json(story) for story in findings.stories],
        "unassigned": [_entry_json(entry) for entry in findings.unassigned],
        "errors": [{"source": p.source, "error": p.message} for p in findings.errors],
        "notes": [{"source": p.source, "note": p.message} for p in findings.notes],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def _story_json(story: FoundStory) -> dict:
    return {
        "id": story.id,
        "title": _inert(story.title),
        "first_published": iso(story.first_published),
        "outlets": [_inert(name) for name in story.outlets],
        "similarity": round(100 * story.similarity, 1),
        "articles": [_entry_json(entry) for entry in story.entries],
        "evidence": [_evidence_json(e) for e in story.evidence],
    }


def _entry_json(entry: Entry) -> dict:
    return {
        "source": _inert(entry.source),
        "outlet": _inert(entry.outlet.name),
        "title": _inert(entry.title),
        "published": iso(entry.published),
        "url": _inert(entry.url),
    }


def _evidence_json(evidence: Evidence) -> dict:
    return {"kind": evidence.kind, "text": evidence.text, "outlets": list(evidence.outlets),
            "articles": evidence.articles}


def to_text(findings: Findings) -> str:
    """Each story with its articles and why they were grouped; then the articles that matched nothing."""
    lines = [_summary(findings), ""]
    for number, story in enumerate(findings.stories, start=1):
        lines += _story_lines(number, story)
    if findings.unassigned:
        lines.append(f"Not part of any story ({len(findings.unassigned)}):")
        lines += [line for entry in findings.unassigned for line in _entry_lines(entry)]
        lines.append("")
    return "\n".join(lines)


def _summary(findings: Findings) -> str:
    stories = _plural(len(findings.stories), "story", "stories")
    read = len(findings.unassigned) + sum(len(s.entries) for s in findings.stories)
    summary = f"{stories} found among {_plural(read, 'article', 'articles')}"
    if findings.errors:
        failed = _plural(len(findings.errors), "source", "sources")
        summary += f"; {failed} could not be read (listed on standard error)"
    return summary + "."


def _story_lines(number: int, story: FoundStory) -> list[str]:
    when = shown_date(story.first_published) or "no date"
    outlets = _plural(len(story.outlets), "outlet", "outlets")
    lines = [f"{number}. {_inert(story.title)}", f"   {outlets} · first published {when} · id {story.id}"]
    for entry in story.entries:
        lines += _entry_lines(entry)
    lines += _evidence_lines(story.evidence)
    return lines + [""]


def _entry_lines(entry: Entry) -> list[str]:
    when = shown_date(entry.published)[:10] or "no date"
    head = f"   - {_inert(entry.outlet.name)} · {when} · {_inert(entry.title) or '(no headline)'}"
    return [head, f"     {_inert(entry.source)}"]


def _evidence_lines(evidence: list[Evidence]) -> list[str]:
    passages = [e for e in evidence if e.kind in ("passage", "quote")]
    lines = ["   Shared passages:" if passages else "   Shared passages: none found"]
    for item in passages:
        text = textwrap.shorten(item.text, PASSAGE_CHARS, placeholder=" …")
        lines.append(f"     {_spread(item)}: {text}")
    for kind, label in (("name", "Shared names"), ("number", "Shared numbers")):
        shared = [e for e in evidence if e.kind == kind]
        if shared:
            lines.append(f"   {label}: " + "; ".join(f"{e.text} ({_spread(e)})" for e in shared))
    return lines


def _spread(evidence: Evidence) -> str:
    """'3 outlets', or '2 articles of 1 outlet' when one outlet's articles share it."""
    if len(evidence.outlets) > 1:
        return _plural(len(evidence.outlets), "outlet", "outlets")
    return f"{evidence.articles} articles of 1 outlet"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _inert(text: str) -> str:
    return " ".join(strip_controls(text).split())
