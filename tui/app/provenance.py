"""Lines the detail strip adds under a passage's versions: how outlets credit it and who published it first."""

from __future__ import annotations

from tui.app.reading import Focus, Passage, Reading


def strip_notes(reading: Reading, focus: Focus | None) -> list[str]:
    """The attribution difference of the passage under the cursor, if outlets credit it differently."""
    if not isinstance(focus, Passage):
        return []
    notes = []
    phrase = reading.attribution_conflicts.get(focus.group)
    if phrase:
        notes.append(phrase)
    return notes
