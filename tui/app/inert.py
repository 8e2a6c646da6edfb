"""Text from outside (articles, page metadata, file names) made safe to draw: never markup, no control codes."""

from __future__ import annotations

from tui.clean import CONTROL_CHARACTERS


def inert(text: str) -> str:
    """Text with control characters blanked, same length, so offsets into it stay true."""
    return CONTROL_CHARACTERS.sub(" ", text)
