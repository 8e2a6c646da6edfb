"""Figures compared on their own: the same count given with different values by different outlets."""

from __future__ import annotations

import re
from collections import defaultdict

from tui.model import Article, Figure, FigureConflict

_NUMBER = re.compile(r"(?<![\w.,:/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w:/-]|[.,]\d)")
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*|\d[\d,.]*|[;:]")
_MONTH = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)
_QUALIFIERS = ("at least", "more than", "over", "about", "around", "an estimated", "estimated", "nearly",
               "almost", "up to", "some", "roughly", "approximately", "fewer than", "less than", "under")
_MEASURES = {
    "killed": ("killed", "dead", "deaths", "died", "death", "toll", "killing", "fatalities"),
    "wounded": ("wounded", "injured", "injuries", "hurt"),
}
# Nouns that count the same kind of thing.
_UNITS = {"troops": "soldiers", "soldier": "soldiers", "personnel": "soldiers", "servicemen": "soldiers",
          "people": "people", "civilians": "people", "persons": "people", "minute": "minutes", "hour": "hours",
          "day": "days", "strike": "strikes", "airstrikes": "strikes", "aircraft": "planes", "warplanes": "planes"}
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
    if _is_date_or_time(value, before, after, match.group(1)):
        return None
    qualifier = next((q for q in _QUALIFIERS if " ".join(before[-len(q.split()) :]) == q), "")
    return Figure(index, sentence.index, match.start(), match.end(), value, qualifier, _measure(before, after))


def _is_date_or_time(value: float, before: list[str], after: list[str], raw: str) -> bool:
    if after and after[0] in {"a.m", "p.m", "am", "pm", "a.m.", "p.m.", "gmt", "utc", "percent"}:
        return after[0] != "percent"
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


def _unit_after(text: str, figure: Figure) -> str:
    words = _WORD.findall(text[figure.end : figure.end + 40].lower())
    return _noun_after(words)


def _comparable(a: Figure, b: Figure, texts: list[str]) -> bool:
    """Two figures count the same thing when their measure matches and their size is of one order."""
    if a.measure != b.measure or not a.measure or a.value <= 0 or b.value <= 0:
        return False
    if a.measure in _MEASURES:
        units = {_unit_after(texts[a.article], a), _unit_after(texts[b.article], b)}
        if {"soldiers", "people"} <= units:
            return False
    return max(a.value, b.value) / min(a.value, b.value) <= 2.0


def find_conflicts(articles: list[Article]) -> list[FigureConflict]:
    """Sets of comparable figures from two or more outlets that do not all agree."""
    figures = [f for i, article in enumerate(articles) for f in find_figures(article, i)]
    texts = [a.text for a in articles]
    by_measure: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        by_measure[figure.measure].append(figure)
    conflicts = []
    for measure, candidates in by_measure.items():
        for cluster in _clusters(candidates, texts):
            if len({f.article for f in cluster}) > 1 and len({f.value for f in cluster}) > 1:
                conflicts.append(FigureConflict(len(conflicts) + 1, measure, cluster))
    return conflicts


def _clusters(figures: list[Figure], texts: list[str]) -> list[list[Figure]]:
    clusters: list[list[Figure]] = []
    for figure in sorted(figures, key=lambda f: f.value):
        home = next((c for c in clusters if all(_comparable(figure, other, texts) for other in c)), None)
        if home is None:
            clusters.append([figure])
        else:
            home.append(figure)
    return [sorted(c, key=lambda f: (f.article, f.start)) for c in clusters]
