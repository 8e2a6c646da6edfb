"""Paragraphs of an article and what each one is: headline, dateline, heading, body or page boilerplate."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.clean import Line
from tui.model import BlockKind, Span

_TERMINAL = tuple(".!?:;\"”’')…")
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    r"^(?:(?:posted|published|updated|last updated|and last updated)\b"
    r"|\d{1,2}/\d{1,2}/\d{2,4}\b"
    rf"|{_MONTHS} \d{{1,2}},? \d{{4}}\b"
    r"|\d{4}-\d{2}-\d{2}\b"
    r"|by [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}$)",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"^(?:©|\(c\) |copyright\b|photo(?: credit)?s?:|image(?: credit)?s?:|picture:|file photo\b|credit:"
    r"|representational image$|advertisement$|read more\b|related:|sign up\b|subscribe\b|share this\b"
    r"|click here\b|\(with [^)]{1,40} inputs?\)$|follow us\b)",
    re.IGNORECASE,
)
_COMMENT_POLICY = re.compile(r"\b(?:commenting|comments? (?:section|policy)|community (?:guidelines|experience))\b", re.I)
_CREDIT_TAIL = re.compile(r"(?:getty images|afp|reuters|ap photo|shutterstock)\s*$", re.IGNORECASE)
# "Beirut:" or "WASHINGTON (AP) —" opening the first body paragraph.
_INLINE_DATELINE = re.compile(r"^([A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){0,2}(?:, [A-Z][A-Za-z.]+)?(?: \([A-Za-z]+\))?)(?::| —| –| --) ")


@dataclass(frozen=True)
class Block:
    """A paragraph of the cleaned text, before segmentation."""

    start: int
    end: int
    kind: BlockKind


def _continues(line: str, following: Line) -> bool:
    """Whether a hard-wrapped line runs on into the next one."""
    if not following.text or following.heading or line.endswith(_TERMINAL):
        return False
    first = following.text[0]
    return first.islower() or (len(line) >= 60 and first.isalpha())


def join_lines(lines: list[Line]) -> tuple[str, list[tuple[int, int, bool]]]:
    """Lay lines out as text with paragraphs separated by blank lines; return text and paragraph spans."""
    parts: list[str] = []
    spans: list[tuple[int, int, bool]] = []
    pos, i = 0, 0
    while i < len(lines):
        if not lines[i].text:
            i += 1
            continue
        para, heading = [lines[i].text], lines[i].heading
        if parts:
            parts.append("\n\n")
            pos += 2
        # The first line is the headline and never runs on.
        while spans and i + 1 < len(lines) and not heading and _continues(para[-1], lines[i + 1]):
            i += 1
            para.append(lines[i].text)
        body = "\n".join(para)
        parts.append(body)
        spans.append((pos, pos + len(body), heading))
        pos += len(body)
        i += 1
    return "".join(parts), spans


def classify(text: str, spans: list[tuple[int, int, bool]]) -> list[Block]:
    """Give every paragraph its kind."""
    blocks: list[Block] = []
    headline = ""
    for number, (start, end, heading) in enumerate(spans):
        para = text[start:end]
        if number == 0:
            headline = para.casefold()
            kind = BlockKind.HEADLINE
        else:
            kind = _kind_of(para, heading, headline)
        blocks.append(Block(start, end, kind))
    return blocks


def _kind_of(para: str, heading: bool, headline: str) -> BlockKind:
    if para.casefold() == headline or _is_boilerplate(para):
        return BlockKind.BOILERPLATE
    if _DATELINE.match(para) and len(para) < 120:
        return BlockKind.DATELINE
    words = para.split()
    if heading or (len(words) <= 8 and not para.endswith(_TERMINAL) and "\n" not in para):
        return BlockKind.HEADING
    return BlockKind.BODY


def _is_boilerplate(para: str) -> bool:
    if _BOILERPLATE.match(para) or _COMMENT_POLICY.search(para):
        return True
    return len(para) < 80 and bool(_CREDIT_TAIL.search(para)) and not para.endswith(".")


def inline_dateline(text: str, blocks: list[Block]) -> Span | None:
    """The "Beirut:" that opens the first body paragraph, if there is one."""
    first = next((b for b in blocks if b.kind is BlockKind.BODY), None)
    if first is None:
        return None
    match = _INLINE_DATELINE.match(text[first.start : first.end])
    if match is None or len(match.group(1).split()) > 4:
        return None
    return Span(first.start, first.start + match.end())
