"""Turn decoded article text into clean, inert text: encoding repair, control characters, Markdown markers."""

from __future__ import annotations

import re
from dataclasses import dataclass

import ftfy

# Escape sequences are removed whole: dropping only the ESC byte would leave "[31m" visible in the text.
_ANSI_CSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
_ANSI_OSC = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?")
_ANSI_OTHER = re.compile(r"\x1b[@-Z\\-_]?")
_C1_CSI = re.compile(r"\x9b[0-?]*[ -/]*[@-~]")
# C0 and C1 controls except tab and newline, DEL, bidirectional overrides and zero-width characters.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_MD_STRONG = re.compile(r"(?<![\w*])(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_MD_EMPH = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?://|/)[^)\s]*\)")


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters, keeping newlines."""
    for pattern in (_ANSI_OSC, _ANSI_CSI, _C1_CSI, _ANSI_OTHER):
        text = pattern.sub("", text)
    return CONTROL_CHARACTERS.sub("", text)


def repair(text: str) -> str:
    """Repair mojibake and normalise line endings and odd spaces, keeping curly quotes curly."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = strip_controls(text)
    # fix_encoding only undoes mis-decoding; ftfy's full fix_text would also straighten quotes.
    text = ftfy.fix_encoding(text)
    text = strip_controls(text)
    return _SPACES.sub(" ", text)


@dataclass(frozen=True)
class Line:
    """One cleaned line and whether Markdown marked it as a heading."""

    text: str
    heading: bool = False


def strip_markdown(line: str) -> Line:
    """Drop Markdown heading, emphasis and link markers from one line."""
    if _MD_RULE.match(line):
        return Line("")
    heading = bool(_MD_HEADING.match(line))
    text = _MD_HEADING.sub("", line)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_STRONG.sub(r"\2", text)
    text = _MD_EMPH.sub(r"\1", text)
    return Line(text.strip(), heading)


def clean_lines(text: str, *, markdown: bool = True) -> list[Line]:
    """Repaired text as lines, with Markdown markers removed when the text is plain text or Markdown."""
    lines = repair(text).split("\n")
    if not markdown:
        return [Line(line.strip()) for line in lines]
    return [strip_markdown(line) for line in lines]
