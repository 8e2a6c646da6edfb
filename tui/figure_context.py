"""What the words around a number say of it beyond its measure: the years a person held an office, and
which end of a range it is. Used by `tui.figures`."""

from __future__ import annotations

import re

_SCALE_AFTER = re.compile(r"\s+(?:million|billion|trillion|thousand)\b", re.IGNORECASE)
# "Maria Ruiz Soto, who served from 1982 to 1990", "held the post from 1981 to 1990": the years a person held
# an office, which outlets give as facts about that person.
TENURE = re.compile(r"\b(?:served|held (?:the|his|her|that) (?:seat|office|post)|in office) from"
                    r"(?: (?P<start>\d{4}) (?:to|until|through))?$")
FIRST_YEAR_IN_OFFICE, LAST_YEAR_IN_OFFICE = "first year in office", "last year in office"
# A person's name: two or more capitalised words, perhaps with an initial ("Maria R. Soto").
_FULL_NAME = re.compile(r"[A-Z][a-z’'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z’'-]+)+")
_TITLES = {"republican", "democrat", "independent", "senator", "governor", "president", "mayor", "congressman",
           "congresswoman", "representative", "secretary", "minister", "judge", "justice", "chairman", "speaker"}
_AMOUNT = r"(?:\$|US\$|£|€)?\s?\d[\d,.]*(?:\s+(?P<scale>million|billion|trillion|thousand))?"
_RANGE_END = re.compile(r"\bbetween\s+" + _AMOUNT + r"(?:\s+[a-z]+)?\s+and\s+$", re.IGNORECASE)
_RANGE_START = re.compile(r"(?:\s+(?:million|billion|trillion|thousand))?(?:\s+[a-z]+)?\s+and\s+" + _AMOUNT, re.I)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)


def holder(text: str, sentence, start: int) -> str:
    """The surname of the last person named before a tenure in the sentence, "" when none is."""
    names = _FULL_NAME.findall(text, sentence.start, start)
    surname = names[-1].split()[-1] if names else ""
    return "" if surname.lower() in _TITLES else surname  # "the Ohio Republican, who served from" names no one


def range_end(text: str, sentence, start: int, end: int) -> tuple[str, list[str]]:
    """Which end of a range a number is ("between" its lower, "up to" its upper: bounds, not values, so
    "between $5.2 billion and $5.5 billion" holds $5.3 billion), and the scale a first end takes from the
    second ("between $18 and $21 million": $18 million)."""
    if _RANGE_END.search(text, sentence.start, start):
        return "up to", []
    if not _BETWEEN.search(text, sentence.start, start):
        return "", []
    lower = _RANGE_START.match(text, end, sentence.end)
    if not lower:
        return "", []
    scale = lower.group("scale") and not _SCALE_AFTER.match(text, end, sentence.end)
    return "between", [lower.group("scale").lower()] if scale else []
