"""Word-level differences between two versions of a passage, with numbers compared on their own."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel, Levenshtein

# A word is letters or digits joined by inner apostrophes, hyphens or periods ("Da’esh", "F-16s",
# "3.5"); a comma joins digits only ("1,200") so that "Syria,Iraq" stays three tokens.
_WORD = re.compile(r"[^\W_]+(?:(?:['’‘\-.]|(?<=\d),(?=\d))[^\W_]+)*")
# "U.S" followed by "." is the abbreviation "U.S.", not a word before a full stop.
_INITIALISM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_DOUBLE_MARKS = "“”„‟\"«»"
_SINGLE_MARKS = "‘’‚‛'‹›"
_QUOTE_KEYS = str.maketrans({**dict.fromkeys(_DOUBLE_MARKS, '"'), **dict.fromkeys(_SINGLE_MARKS, "'")})
_SPACE_RUN = re.compile(r"\s+")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    key: str


@dataclass(frozen=True)
class Edit:
    """One step of the edit script, as character offsets into a and b; an empty side marks a position."""

    tag: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True)
class FigureChange:
    a_value: str
    b_value: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True)
class WordDiff:
    edits: tuple[Edit, ...]
    figures: tuple[FigureChange, ...]
    similarity: float


def tokenize(text: str, *, ignore_case: bool = False, ignore_quotes: bool = False) -> list[Token]:
    """Split text into words and single punctuation marks, keeping offsets into text."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        end = _word_end(text, pos) or pos + 1
        piece = text[pos:end]
        tokens.append(Token(piece, pos, end, _key(piece, ignore_case, ignore_quotes)))
        pos = end
    return tokens


def _word_end(text: str, pos: int) -> int:
    match = _WORD.match(text, pos)
    if not match:
        return 0
    end = match.end()
    if end < len(text) and text[end] == "." and _INITIALISM.fullmatch(match.group()):
        end += 1
    return end


def _key(piece: str, ignore_case: bool, ignore_quotes: bool) -> str:
    if ignore_quotes:
        piece = piece.translate(_QUOTE_KEYS)
    return piece.lower() if ignore_case else piece


def numbers_in(text: str) -> list[tuple[str, float, int, int]]:
    """Return every token of text that is a plain figure ("62", "1,200", "3.5") with its value and offsets."""
    found = []
    for token in tokenize(text):
        if _NUMBER.fullmatch(token.text):
            found.append((token.text, float(token.text.replace(",", "")), token.start, token.end))
    return found


@dataclass(frozen=True)
class DiffOptions:
    """How the reader and `parallax align` compare two versions; quote style and punctuation are ignored unless asked."""

    ignore_case: bool = False
    ignore_quotes: bool = True
    ignore_punctuation: bool = True


def diff_versions(a: str, b: str, options: DiffOptions | None = None) -> WordDiff:
    """diff_words with the user's options."""
    options = options or DiffOptions()
    return diff_words(a, b, ignore_case=options.ignore_case, ignore_quotes=options.ignore_quotes,
                      ignore_punctuation=options.ignore_punctuation)


def is_punctuation(token: Token) -> bool:
    """A full stop, comma, dash or bracket on its own; quotation marks are not (whether a passage is quoted matters)."""
    return all(unicodedata.category(ch).startswith("P") and ch not in _DOUBLE_MARKS + _SINGLE_MARKS for ch in token.text)


@lru_cache(maxsize=4096)
def _compared(text: str, ignore_case: bool, ignore_quotes: bool, ignore_punctuation: bool):
    """The tokens of text that take part in a comparison, and their keys: one version of a passage is compared
    with each of the others, and its words are read once."""
    tokens = tokenize(text, ignore_case=ignore_case, ignore_quotes=ignore_quotes)
    if ignore_punctuation:
        tokens = [t for t in tokens if not is_punctuation(t)]
    return tuple(tokens), tuple(t.key for t in tokens)


def diff_words(
    a: str, b: str, *, ignore_case: bool = False, ignore_quotes: bool = False, ignore_punctuation: bool = False
) -> WordDiff:
    """Compare a and b word by word and list the figures whose values differ.

    With ignore_punctuation, punctuation marks take no part: "serve.”" and "serve”." are the same wording.
    """
    tokens_a, keys_a = _compared(a, ignore_case, ignore_quotes, ignore_punctuation)
    tokens_b, keys_b = _compared(b, ignore_case, ignore_quotes, ignore_punctuation)
    blocks = _merged_blocks(Levenshtein.opcodes(keys_a, keys_b))
    edits = tuple(_to_chars(block, tokens_a, tokens_b) for block in blocks)
    figures = tuple(
        change
        for tag, i1, i2, j1, j2 in blocks
        if tag == "replace"
        for change in _figure_changes(tokens_a[i1:i2], tokens_b[j1:j2])
    )
    similarity = 100.0 * Indel.normalized_similarity(keys_a, keys_b)
    return WordDiff(edits, figures, similarity)


def replaced(a: str, b: str, *, ignore_case: bool = False, ignore_quotes: bool = False) -> list[Edit]:
    """The "replace" edits of `diff_words(a, b, ...)` alone, without the figures and similarity it also works
    out (figure conflicts ask for these only, for every two versions of a shared passage)."""
    tokens_a, keys_a = _compared(a, ignore_case, ignore_quotes, False)
    tokens_b, keys_b = _compared(b, ignore_case, ignore_quotes, False)
    return [_to_chars(block, tokens_a, tokens_b) for block in _merged_blocks(Levenshtein.opcodes(keys_a, keys_b))
            if block[0] == "replace"]


def _merged_blocks(opcodes) -> list[tuple[str, int, int, int, int]]:
    """Join runs of equal steps, and runs of unequal steps into one insert, delete or replace."""
    blocks: list[list] = []
    for op in opcodes:
        kind = "equal" if op.tag == "equal" else "change"
        if blocks and blocks[-1][0] == kind:
            blocks[-1][2], blocks[-1][4] = op.src_end, op.dest_end
        else:
            blocks.append([kind, op.src_start, op.src_end, op.dest_start, op.dest_end])
    return [(_tag(*block), *block[1:]) for block in blocks]


def _tag(kind: str, i1: int, i2: int, j1: int, j2: int) -> str:
    if kind == "equal":
        return "equal"
    if i1 == i2:
        return "insert"
    return "delete" if j1 == j2 else "replace"


def _to_chars(block, tokens_a: list[Token], tokens_b: list[Token]) -> Edit:
    tag, i1, i2, j1, j2 = block
    a_start, a_end = _char_range(tokens_a, i1, i2)
    b_start, b_end = _char_range(tokens_b, j1, j2)
    return Edit(tag, a_start, a_end, b_start, b_end)


def _char_range(tokens: list[Token], first: int, stop: int) -> tuple[int, int]:
    if first < stop:
        return tokens[first].start, tokens[stop - 1].end
    # An empty side sits right after the previous token, so positions stay in order.
    position = tokens[first - 1].end if first > 0 else 0
    return position, position


def _figure_changes(side_a: list[Token], side_b: list[Token]) -> list[FigureChange]:
    """Pair, in order, the figures of a replaced span whose values the other side does not also give."""
    numbers_a = [(t, _value(t)) for t in side_a if _NUMBER.fullmatch(t.text)]
    numbers_b = [(t, _value(t)) for t in side_b if _NUMBER.fullmatch(t.text)]
    values_a = {value for _, value in numbers_a}
    values_b = {value for _, value in numbers_b}
    only_a = [t for t, value in numbers_a if value not in values_b]
    only_b = [t for t, value in numbers_b if value not in values_a]
    return [FigureChange(x.text, y.text, x.start, x.end, y.start, y.end) for x, y in zip(only_a, only_b)]


def _value(token: Token) -> float:
    return float(token.text.replace(",", ""))


@dataclass(frozen=True)
class Piece:
    """A run of a version as writers show it against the base: same, added, removed, or changed (a replacement's
    new words, right after the removed ones); figures are the (start, end) of changed numbers in the text."""

    kind: str
    text: str
    figures: tuple[tuple[int, int], ...] = ()


def pieces(a: str, b: str, diff: WordDiff) -> list[Piece]:
    """b walked against a on one line: b's words and punctuation in order, with a's removed words where they went."""
    out: list[Piece] = []
    position = 0
    for edit in diff.edits:
        _add(out, Piece("same", b[position : edit.b_start]))
        if edit.tag in ("delete", "replace"):
            if out and not out[-1].text.endswith(" "):
                _add(out, Piece("same", " "))
            _add(out, Piece("removed", a[edit.a_start : edit.a_end]))
        kind = {"insert": "added", "replace": "changed"}.get(edit.tag, "same")
        _add(out, _marked(kind, b, edit.b_start, edit.b_end, diff.figures))
        position = max(position, edit.b_end)
    _add(out, Piece("same", b[position:]))
    return out


def _marked(kind: str, b: str, start: int, end: int, figures: tuple[FigureChange, ...]) -> Piece:
    """b[start:end] as one piece, with the changed figures inside it located in its spaced-out text."""
    text, marks = "", []
    for figure in (f for f in figures if kind != "same" and start <= f.b_start < end):
        text += _SPACE_RUN.sub(" ", b[start : figure.b_start])
        number = b[figure.b_start : figure.b_end]
        marks.append((len(text), len(text) + len(number)))
        text, start = text + number, figure.b_end
    return Piece(kind, text + _SPACE_RUN.sub(" ", b[start:end]), tuple(marks))


def _add(out: list[Piece], piece: Piece) -> None:
    """Append a piece with its white space made single spaces, joined to a neighbour of the same kind."""
    text = _SPACE_RUN.sub(" ", piece.text)
    text = text.lstrip() if not out and piece.kind == "same" else text
    if not text:
        return
    if out and out[-1].kind == piece.kind:
        shift = len(out[-1].text)
        out[-1] = Piece(piece.kind, out[-1].text + text, out[-1].figures + tuple((x + shift, y + shift) for x, y in piece.figures))
    else:
        out.append(Piece(piece.kind, text, piece.figures))


def apply_edits(a: str, b: str, diff: WordDiff) -> str:
    """Rebuild b from a's equal words, b's new words and b's spacing; equals b when no option was ignored."""
    pieces: list[str] = []
    cursor = 0
    for edit in diff.edits:
        pieces.append(b[cursor : edit.b_start])
        if edit.tag == "equal":
            pieces.append(_equal_piece(a[edit.a_start : edit.a_end], b[edit.b_start : edit.b_end]))
        elif edit.tag != "delete":
            pieces.append(b[edit.b_start : edit.b_end])
        cursor = edit.b_end
    pieces.append(b[cursor:])
    return "".join(pieces)


def _equal_piece(span_a: str, span_b: str) -> str:
    """Spell span_b with span_a's tokens, keeping span_b's spacing."""
    words_a = tokenize(span_a)
    words_b = tokenize(span_b)
    out: list[str] = []
    cursor = 0
    for word_a, word_b in zip(words_a, words_b):
        out.append(span_b[cursor : word_b.start])
        out.append(word_a.text)
        cursor = word_b.end
    out.append(span_b[cursor:])
    return "".join(out)
