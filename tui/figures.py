"""Figures compared on their own: the same count given with different values by different outlets."""

from __future__ import annotations

import re
from collections import defaultdict

from tui.model import Article, Figure, FigureConflict

_NUMBER = re.compile(r"(?<![\w.,:/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w:/-]|[.,]\d)")
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*|\d[\d,.]*|[;:]")
_MONTH = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)
_TIME_AFTER = re.compile(r"\s*(?:[ap]\.?\s?m\b\.?|o'clock|(?:gmt|utc|est|edt|bst)\b)", re.IGNORECASE)
_QUALIFIERS = ("at least", "more than", "over", "about", "around", "an estimated", "estimated", "nearly",
               "almost", "up to", "some", "roughly", "approximately", "fewer than", "less than", "under")
_MEASURES = {
    "killed": ("killed", "dead", "deaths", "died", "death", "toll", "killing", "fatalities"),
    "wounded": ("wounded", "injured", "injuries", "hurt"),
}
# Nouns that count the same kind of thing.
_UNITS = {"minute": "minutes", "hour": "hours", "day": "days", "strike": "strikes", "airstrikes": "strikes",
          "aircraft": "planes", "warplanes": "planes", "troops": "soldiers", "soldier": "soldiers"}
_SKIP_BEFORE = {"the", "a", "an", "syrian", "russian", "american", "us", "of", "its", "his", "their", "other",
                "government", "regime", "army", "aid", "more", "additional", "u.s."}


def find_figures(article: Article, index: int) -> list[Figure]:
    """Numbers in the body sentences with what they count; dates, times and years are left out."""
    figures = []
    for sentence in article.sentences:
        if not sentence.aligned:
            continue
        for match in _NUMBER.finditer(article.text, sentence.start, sentence.end):
            figure = _figure(article.text, sentence, match, index)
            if figure is not None:
                figures.append(figure)
    return figures


def _figure(text: str, sentence, match: re.Match[str], index: int) -> Figure | None:
    before = _WORD.findall(text[max(sentence.start, match.start() - 60) : match.start()].lower())
    after = _WORD.findall(text[match.end() : min(sentence.end, match.end() + 60)].lower())
    value = float(match.group(1).replace(",", ""))
    if _TIME_AFTER.match(text, match.end()) or _is_date_or_time(value, before, after, match.group(1)):
        return None
    qualifier = next((q for q in _QUALIFIERS if " ".join(before[-len(q.split()) :]) == q), "")
    return Figure(index, sentence.index, match.start(), match.end(), value, qualifier, _measure(before, after))


def _is_date_or_time(value: float, before: list[str], after: list[str], raw: str) -> bool:
    if after and after[0] in {"gmt", "utc", "hrs", "hours"} and len(raw) == 4:
        return True  # "1400 GMT"
    if (before and _MONTH.match(before[-1])) or (after and _MONTH.match(after[0])):
        return True
    return raw.isdigit() and len(raw) == 4 and 1800 <= value <= 2100


def _measure(before: list[str], after: list[str]) -> str:
    """What the number counts: deaths, wounded, or the noun that follows it."""
    nearby = _until_number(before[::-1][:6]) + _until_number(after[:6])
    for name, words in _MEASURES.items():
        if any(w in words for w in nearby):
            return name
    return _noun_after(after)


def _until_number(words: list[str]) -> list[str]:
    """Words up to the next figure or clause break, which belong to that figure instead."""
    kept = []
    for word in words:
        if word[0].isdigit() or word in {";", ":", "and"}:
            break
        kept.append(word)
    return kept


def _noun_after(after: list[str]) -> str:
    for word in after[:3]:
        if word not in _SKIP_BEFORE and not word[0].isdigit():
            return _UNITS.get(word, word)
    return ""


def find_conflicts(articles: list[Article], groups: list | None = None) -> list[FigureConflict]:
    """Figures of one measure and one order of size, from two or more outlets, that do not all agree.

    Troop counts (62) and war totals (430,000) both count the dead; their sizes keep them apart.
    """
    figures = [f for i, article in enumerate(articles) for f in find_figures(article, i)]
    by_measure: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        by_measure[figure.measure].append(figure)
    conflicts = []
    for measure, candidates in by_measure.items():
        if not measure:
            continue
        for cluster in _clusters(candidates):
            if len({f.article for f in cluster}) > 1 and len({f.value for f in cluster}) > 1:
                conflicts.append(FigureConflict(len(conflicts) + 1, measure, cluster))
    return conflicts


def _clusters(figures: list[Figure]) -> list[list[Figure]]:
    """Runs of figures, by size, that stay within a factor of two of the run's smallest value."""
    clusters: list[list[Figure]] = []
    for figure in sorted(figures, key=lambda f: f.value):
        if figure.value <= 0:
            continue
        if clusters and figure.value <= 2 * clusters[-1][0].value:
            clusters[-1].append(figure)
        else:
            clusters.append([figure])
    return [sorted(c, key=lambda f: (f.article, f.start)) for c in clusters]
