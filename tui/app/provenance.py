"""Lines the detail strip adds under a passage's versions: how outlets credit it and who published it first."""

from __future__ import annotations

from tui.app.reading import Focus, Passage, Reading


def strip_notes(reading: Reading, focus: Focus | None) -> list[str]:
    """How outlets credit the passage under the cursor differently, and who published it first (where known)."""
    if not isinstance(focus, Passage):
        return []
    from tui.render import credit_note, published_note

    notes = []
    phrase = reading.attribution_conflicts.get(focus.group)  # outlets credit different speakers
    phrase = phrase or credit_note(reading.alignment, reading.groups[focus.group], reading.credits)
    if phrase:
        notes.append(phrase)

    order = published_note(reading.alignment, reading.groups[focus.group], reading.options)
    return notes + ([order] if order else [])


def published_panes(reading: Reading, focus: Focus | None) -> list[int]:
    """Panes in the order they published the passage, earliest first, then those without it; pane order when
    fewer than two versions have a known time (no order is claimed then)."""
    panes = list(range(len(reading.articles)))
    if not isinstance(focus, Passage):
        return panes
    from tui.published import publication_order, reference_index

    order = publication_order(reading.alignment, reading.groups[focus.group], reference_index(reading.alignment),
                              relations=False)
    if order.base == "unknown":
        return panes
    first = list(dict.fromkeys(v.member.article for v in order.versions))
    return first + [pane for pane in panes if pane not in first]


def reuse_notes(reading: Reading) -> dict[int, str]:
    """For each outlet when a reference text is compared: the share of its body (by characters) that reuses it,
    for the pane header ("reuse 31%")."""
    if not any(article.reference and article.ok for article in reading.articles):
        return {}  # most stories have no reference text: the pane headers are drawn without these modules
    from tui.published import reference_index
    from tui.reuse import reference_reuse

    reference = reference_index(reading.alignment)
    if reference is None:
        return {}
    return {reuse.article: f"reuse {reuse.share_chars:.0%}"
            for reuse in reference_reuse(reading.alignment, reference, reading.options)}
