"""One cleaning path for text from outside: escape sequences and controls removed, mojibake repaired, Markdown dropped.

Everything that came from a file, a page, a stories file or the command line goes through `printable` (or
`strip_controls`, which keeps line breaks) before it is printed, drawn, copied or written as a display string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Escape sequences are removed whole: dropping only the ESC byte would leave "[31m" visible in the text.
_ANSI_CSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
_ANSI_OSC = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?")
_ANSI_OTHER = re.compile(r"\x1b[@-Z\\-_]?")
_C1_CSI = re.compile(r"\x9b[0-?]*[ -/]*[@-~]")
# What can drive a terminal or make text read other than it is: C0 and C1 controls except tab and newline, DEL,
# bidirectional embeddings, overrides and isolates, invisible separators, stray byte order marks and lone
# surrogates (which cannot even be written out). Zero-width joiners and non-joiners (U+200C, U+200D),
# variation selectors and left-to-right/right-to-left marks stay: Persian words and emoji sequences need them.
CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]"
)
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# UTF-8 read as Windows-1252 or Latin-1: a lead byte (Â to ô) followed by what a continuation byte becomes.
# Only text with such a pair is handed to ftfy, which is slow to import and to run.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)

_MD_MARKS = re.compile(r"[#*_\[-]")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_MD_STRONG = re.compile(r"(?<![\w*])(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_MD_EMPH = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?://|/)[^)\s]*\)")


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters, keeping tabs and newlines."""
    for pattern in (_ANSI_OSC, _ANSI_CSI, _C1_CSI, _ANSI_OTHER):
        text = pattern.sub("", text)
    return CONTROL_CHARACTERS.sub("", text)


def printable(text: object, *, lines: bool = False) -> str:
    """Outside text made safe to print or draw: no escapes or controls, and on one line unless `lines`."""
    cleaned = strip_controls(str(text))
    if lines:
        return cleaned.replace("\u2028", "\n").replace("\u2029", "\n")
    return " ".join(cleaned.split())


def looks_like_mojibake(text: str) -> bool:
    """Whether text holds the character pairs that UTF-8 misread as a Western encoding leaves behind."""
    return _MOJIBAKE.search(text) is not None


def repair_encoding(text: str) -> str:
    """Undo mis-decoding line by line, on the lines that show its traces only."""
    if not looks_like_mojibake(text):
        return text
    import ftfy  # a tenth of a second to import; most text never needs it

    # fix_encoding only undoes mis-decoding; ftfy's full fix_text would also straighten quotes.
    return "\n".join(ftfy.fix_encoding(line) if looks_like_mojibake(line) else line for line in text.split("\n"))


def repair(text: str) -> str:
    """Repair mojibake and normalise line endings and odd spaces, keeping curly quotes curly."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = repair_encoding(strip_controls(text))
    return _SPACES.sub(" ", strip_controls(text))


@dataclass(frozen=True)
class Line:
    """One cleaned line and whether Markdown marked it as a heading."""

    text: str
    heading: bool = False


def strip_markdown(line: str) -> Line:
    """Drop Markdown heading, emphasis and link markers from one line."""
    if not _MD_MARKS.search(line):
        return Line(line.strip())
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
