"""Sentence boundaries inside one paragraph, with abbreviations that do not end a sentence."""

from __future__ import annotations

import re

# Titles and abbreviations that are followed by a name or a number: never a sentence end.
_ALWAYS_JOIN = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "maj", "lt", "col", "capt", "cmdr", "cdr", "sgt", "cpl", "pvt",
    "adm", "brig", "gov", "sen", "rep", "rev", "st", "mt", "ft", "jr", "sr", "no", "nos", "vs", "v", "fig",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est",
    "dept", "univ", "assn", "ave", "blvd", "rd", "pres", "supt", "atty", "hon", "messrs", "mme", "mlle",
}
# Abbreviations that often end a sentence too ("... to the U.S. The next day"): only a typical
# sentence opener after them counts as a new sentence.
_MAYBE_END = {"us", "un", "uk", "eu", "am", "pm", "inc", "corp", "co", "ltd", "llc", "etc", "al", "eg", "ie"}
_OPENERS = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "there",
    "but", "and", "so", "yet", "in", "on", "at", "after", "before", "when", "while", "if", "as", "its", "his",
    "her", "their", "our", "no", "one", "some", "many", "most", "officials", "however", "meanwhile", "still",
}
_CANDIDATE = re.compile(r"(?:[.!?]+|…)[\"”’')\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([^\s(\"“‘'\[]+)$")
_NEXT_WORD = re.compile(r"\s+[\"“‘'(\[]*([^\s\"”’')\].,;:!?]*)")


def _is_boundary(text: str, match: re.Match[str], limit: int) -> bool:
    """Whether the punctuation in `match` closes a sentence."""
    mark = match.group(0).rstrip("\"”’')]")
    following = _NEXT_WORD.match(text, match.end(), limit)
    if following is None:
        return True
    next_word = following.group(1)
    if not next_word or not (next_word[0].isupper() or next_word[0].isdigit()):
        return bool(next_word) and not next_word[0].isalpha() and not next_word[0].isdigit()
    if not mark.startswith(".") or mark.startswith(".."):
        return True
    # The word the period belongs to, including the period itself ("U.S." -> "U.S").
    before = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start() + 1)
    if before is None:
        return True
    word = before.group(1).rstrip(".").lower()
    bare = word.replace(".", "")
    if bare in _ALWAYS_JOIN or (len(word) == 1 and word.isalpha()):
        return False
    if bare in _MAYBE_END or "." in word:
        return next_word.lower() in _OPENERS
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of text[start:end], trimmed of surrounding white space."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _CANDIDATE.finditer(text, start, end):
        if _is_boundary(text, match, end):
            spans.append((begin, match.end()))
            begin = match.end()
    spans.append((begin, end))
    return [trimmed for span in spans if (trimmed := _trim(text, *span))]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
