"""Figures in article text: each number with what kind of quantity it is, what it measures and of what.

An age is not a duration, an ordinal or the two sides of a vote tally are not counts, a share belongs to what
it is a share of, and a year or a date is not a figure at all. Conflicts between outlets are found in
`tui.conflicts`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tui.figure_context import FIRST_YEAR_IN_OFFICE, LAST_YEAR_IN_OFFICE, TENURE, holder, range_end
from tui.model import Article, BlockKind, Figure

_NUMBER = re.compile(
    r"(?<![\w.,:/-])(?P<cur>\$|US\$|£|€)?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<hyphen>-(?P<joined>[A-Za-z]+))?(?![\w:/]|[.,]\d)"
)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
          "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12}
_WORD_NUMBER = re.compile(
    r"(?<![\w-])(?:(?P<a>a) )?(?P<w>" + "|".join(_SMALL) + r")(?:(?P<dozen> dozen)|(?P<hyphen>-(?P<joined>[A-Za-z]+)))?(?![\w-])",
    re.IGNORECASE,
)
# "Cesar Sayoc Jr., 56, of Aventura": an age set off by commas after a name.
_AGE_AFTER_NAME = re.compile(r"[A-Z][\w.’'-]*,\s\d{1,3}$")
_SCALE = {"million": 1e6, "billion": 1e9, "trillion": 1e12, "thousand": 1e3}
_SCALE_WORD = re.compile(r"\s+(?:million|billion|trillion|thousand)\b", re.IGNORECASE)
_NAME = re.compile(r"(?<![\w’'-])[A-Z][A-Za-z’'-]+")
_CLAUSE = re.compile(r"[,;:()—–]")
# "voted 51 to 49", "a 5-4 vote", "by a margin of 220-210": the two sides of a tally.
_TALLY = re.compile(r"\b(?:voted?|votes?|by|margin of|tally of|split)\s+(?:a\s+)?\d+\s*(?:to|-|–)\s*\d+|\d+\s*(?:-|–|to)\s*\d+\s+(?:vote|votes|decision|ruling|majority)\b", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'.-]*|\d[\d,.]*|[;:%$]")
_MONTH = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$", re.IGNORECASE)
_TIME_AFTER = re.compile(r"\s*(?:[ap]\.?\s?m\b\.?|o'clock|(?:gmt|utc|est|edt|bst)\b)", re.IGNORECASE)
_QUALIFIERS = ("at least", "more than", "over", "about", "around", "an estimated", "estimated", "nearly",
               "almost", "up to", "some", "roughly", "approximately", "fewer than", "less than", "under")
_MEASURES = {
    "killed": ("killed", "dead", "deaths", "died", "death", "toll", "killing", "fatalities"),
    "wounded": ("wounded", "injured", "injuries", "hurt"),
}
_DURATION_UNITS = {"year": "years", "years": "years", "month": "months", "months": "months", "week": "weeks",
                   "weeks": "weeks", "day": "days", "days": "days", "hour": "hours", "hours": "hours",
                   "minute": "minutes", "minutes": "minutes"}
# Nouns that count the same kind of thing: a reporter's "measures" passed by a chamber are its bills, and the
# border patrol's "apprehensions" are what other outlets call arrests.
_UNITS = {"strike": "strikes", "airstrikes": "strikes", "aircraft": "planes", "warplanes": "planes",
          "troops": "soldiers", "soldier": "soldiers", "page": "pages", "bill": "bills", "vote": "votes",
          "measure": "bills", "measures": "bills", "arrest": "arrests", "apprehension": "arrests",
          "apprehensions": "arrests"}
# "harbour apprehensions have fallen this year, to 30,000": the thing counted stands before a
# verb of change, with the words that say what kind of it before that.
_COUNTED_BEFORE = re.compile(
    r"(?:(?P<modifier>[a-z][a-z-]+)\s+)?(?P<noun>(?!(?:have|has|had)\b)[a-z]{3,})\s+(?:have|has|had)?\s*(?:\w+ly\s+)?"
    r"(?:fallen|fell|dropped|declined|risen|rose|climbed|grown|grew|increased|decreased|jumped)\b"
    r"[^.;:]{0,40}?\bto\s*$",
    re.IGNORECASE,
)
# "1-in-3", "two-thirds", "three-fold": a proportion, not a count.
_PROPORTION = {"in", "to", "thirds", "fold", "way"}
_GOVERNING = {"in", "from", "across", "at", "on", "of", "during", "since", "for", "by", "with", "into", "among"}
_PREPOSITIONS = {"in", "from", "since", "during", "at", "on", "by", "for", "over", "last", "this", "a", "the"}
_SKIP = {"the", "a", "an", "of", "its", "his", "her", "their", "other", "more", "additional", "new", "u.s.", "us",
         "in", "for", "on", "to", "and", "or", "that", "than", "who", "which", "were", "was", "are", "is", "had",
         "have", "has", "people's", "men's", "women's", "house-passed", "last", "first", "next", "about"}
_NOT_SUBJECT = {"million", "billion", "trillion", "thousand", "percent", "worth", "with", "from", "by", "at", "as",
                "said", "says", "was", "be", "been", "nearly", "almost", "over", "more", "than", "least", "about",
                "around", "some", "up", "roughly", "approximately", "estimated", "%", "$", ";", ":", "but", "it",
                "they", "he", "she", "we", "this", "those", "these", "after", "before", "while", "there"}
_VICTIMS = {"soldiers", "civilians", "people", "children", "troops", "police", "officers", "fighters", "militants",
            "students", "women", "men", "workers", "migrants", "refugees", "passengers"}


def find_figures(article: Article, index: int) -> list[Figure]:
    """Numbers in the headline and body sentences with what they are; dates, times, ordinals and tallies are
    left out (a headline is a claim too)."""
    figures = []
    for sentence in article.sentences:
        if not sentence.aligned and sentence.kind is not BlockKind.HEADLINE:
            continue
        for match in _NUMBER.finditer(article.text, sentence.start, sentence.end):
            figure = _digit_figure(article.text, sentence, match, index)
            if figure is not None:
                figures.append(figure)
        for match in _WORD_NUMBER.finditer(article.text, sentence.start, sentence.end):
            figure = _word_figure(article.text, sentence, match, index)
            if figure is not None:
                figures.append(figure)
    figures.sort(key=lambda f: f.start)
    return figures


def _names(text: str, sentence) -> set[str]:
    """Words of the sentence written with a capital letter other than at its start, lower-cased; none in a
    headline in title case, where a capital tells nothing."""
    words = _NAME.findall(text, sentence.start, sentence.end)
    if sentence.kind is BlockKind.HEADLINE and _title_case(text[sentence.start : sentence.end]):
        return set()
    return {w.lower() for w in words[1:]} if words and text[sentence.start].isupper() else {w.lower() for w in words}


def _title_case(headline: str) -> bool:
    longer = [w for w in re.findall(r"[A-Za-z][\w’'-]*", headline) if len(w) > 3]
    return bool(longer) and sum(w[0].isupper() for w in longer) >= 0.7 * len(longer)


def _context(text: str, sentence, start: int, end: int, *, clause: bool = True) -> tuple[list[str], list[str]]:
    """Words before and after a number (within its clause unless told otherwise); full stops dropped but
    in "no."."""
    before_text = text[max(sentence.start, start - 80) : start]
    after_text = text[end : min(sentence.end, end + 80)]
    if clause:
        before_text, after_text = _CLAUSE.split(before_text)[-1], _CLAUSE.split(after_text)[0]
    return _words(before_text), _words(after_text)


def _words(text: str) -> list[str]:
    return [t if t == "no." else t.rstrip(".") for t in _TOKEN.findall(text.lower())]


def _digit_figure(text: str, sentence, match: re.Match[str], index: int) -> Figure | None:
    raw = match.group("num")
    value = float(raw.replace(",", ""))
    start, end = match.start("cur") if match.group("cur") else match.start("num"), match.end()
    before, after = _context(text, sentence, start, end)
    wide_before, wide_after = _context(text, sentence, start, end, clause=False)
    if _TIME_AFTER.match(text, match.end()) or _is_date_or_time(value, wide_before, wide_after, raw):
        return None
    joined = (match.group("joined") or "").lower()
    if joined in _PROPORTION or _is_ordinal(text, match, wide_before, joined) or _in_tally(text, sentence, match.start("num")):
        return None
    if joined in _SCALE:  # "$12.5-million" is $12.5 million
        value, joined = value * _SCALE[joined], ""
    if _AGE_AFTER_NAME.search(text, max(0, start - 40), start + 1) and text[end : end + 1] == "," and value < 120:
        return Figure(index, sentence.index, start, end, value, "", "age", "age", _name_before(before), raw)
    year = raw.isdigit() and len(raw) == 4 and 1800 <= value <= 2100 and not match.group("cur")
    tenure = TENURE.search(" ".join(wide_before)) if year else None
    if tenure:  # "who served from 1982 to 1990": a person's first and last year in office
        return Figure(index, sentence.index, start, end, value, "", LAST_YEAR_IN_OFFICE if tenure.group("start")
                      else FIRST_YEAR_IN_OFFICE, "year", holder(text, sentence, start), raw)
    if " ".join(before[-4:]) == "to the tune of":
        # "... the military construction budget, to the tune of $3.5 billion": the sum is of what comes before.
        before = [w for w in wide_before[:-4] if w not in {",", ";"}]
    bound, scale = range_end(text, sentence, start, end)
    figure = _classify(index, sentence, start, end, value, before, [*scale, *after], joined,
                       money={"US$": "$"}.get(match.group("cur"), match.group("cur") or ""), year=year, written=raw, names=_names(text, sentence),
                       counted=_counted_before(wide_before))
    written_scale = _SCALE_WORD.match(text, end, sentence.end)
    if figure is not None and written_scale:
        # The figure as a reader quotes it: "$3.5 billion", not "$3.5".
        figure = replace(figure, end=written_scale.end())
    if figure is not None and bound and not figure.qualifier and figure.kind != "year":
        figure = replace(figure, qualifier=bound)
    return figure


def _word_figure(text: str, sentence, match: re.Match[str], index: int) -> Figure | None:
    word = match.group("w").lower()
    value = float(_SMALL[word])
    if match.group("dozen"):
        value *= 12
    elif word == "dozen" and not match.group("a"):
        return None  # "dozens", "dozen of" are not a figure
    start, end = match.start(), match.end()
    before, after = _context(text, sentence, start, end)
    joined = (match.group("joined") or "").lower()
    if joined in _PROPORTION or (after and after[0] in {"of", "to", "or", "and"}):
        return None  # "two-in-three", "two of them", "two to three": proportions and ranges, not counts
    return _classify(index, sentence, start, end, value, before, after, joined, money="", year=False,
                     written=word, names=_names(text, sentence))


def _classify(index, sentence, start, end, value, before, after, joined, *, money: str, year: bool,
              written: str, names: set[str], counted: tuple[str, str] | None = None) -> Figure | None:
    qualifier = next((q for q in _QUALIFIERS if " ".join(before[-len(q.split()) :]) == q), "")
    if after and after[0] in _SCALE:
        value *= _SCALE[after[0]]
        after = after[1:]
    kind, measure, subject = _what(before, after, joined, money=money, year=year, counted=counted)
    if kind is None:
        return None
    # Names keep their capital ("Rolex"), so a subject can tell a name from a common word.
    subject = " ".join(w.capitalize() if w in names else w for w in subject.split())
    return Figure(index, sentence.index, start, end, value, qualifier, measure, kind, subject, written)


def _what(before: list[str], after: list[str], joined: str, *, money: str, year: bool, counted=None):
    """(kind, measure, subject) of a number from the words around it; kind None when it is not a figure."""
    if joined in ("year-old", "years-old") or (before and before[-1] in {"aged", "age"}):
        return "age", "age", _name_before(before)
    if after[:2] in (["years", "old"], ["year", "old"]):
        return "age", "age", _name_before(before)
    if year:
        return "year", "year", _about(before, after)
    if money:
        return "money", money, _about(before, after)
    if joined in _DURATION_UNITS or (after and after[0] in _DURATION_UNITS):
        unit = _DURATION_UNITS[joined or after[0]]
        return "duration", unit, _noun_after(after if joined else after[1:]) if joined else ""
    if joined:
        return "count", _UNITS.get(joined + "s", joined + "s"), _about([], after)
    if after and (after[0] in {"percent", "%"} or after[:2] == ["per", "cent"]):
        return "percent", "percent", _share_of(before, after)
    # "elephants were killed in two national parks", "killed by 2 gunmen": a number after a preposition counts
    # what the preposition governs, not the dead.
    governed = bool(before) and before[-1] in _GOVERNING and before[-2:-1] != ["toll"]  # "the toll at 83" is the dead
    nearby = ([] if governed else _until_number(before[::-1][:6])) + _until_number(after[:6])
    for name, words in _MEASURES.items():
        if any(w in words for w in nearby):
            return "count", name, next((w for w in after[:3] if w in _VICTIMS), "")
    if counted and (not after or after[0] in _PREPOSITIONS):
        # "apprehensions have fallen to 30,000 in the last year": what follows is when, not what.
        return "count", counted[0], " ".join(filter(None, (counted[1], _about(before, after))))
    noun = _noun_after(after)
    return ("count", noun, _about(before, after[1:])) if noun else (None, "", "")


def _counted_before(before: list[str]) -> tuple[str, str] | None:
    """(measure, kind of it) named before a verb of change that ends on "to" just before the number."""
    if not before or not before[-1].endswith("to"):
        return None  # the pattern ends on "to": most numbers are not worth searching the words before them
    text = " ".join(before[-14:])
    found = _COUNTED_BEFORE.search(text)
    if not found or found.group("noun") in _SKIP or found.group("noun") in _NOT_SUBJECT:
        return None
    if {*text[: found.start()].split()[-1:], found.group("modifier")} & _PREPOSITIONS:
        return None  # "crossings at the river have dropped": the noun before the verb is not what is counted
    modifier = found.group("modifier") or ""
    modifier = "" if modifier in _SKIP or modifier in _NOT_SUBJECT else modifier
    noun = found.group("noun")
    return _UNITS.get(noun, noun), modifier


def _is_date_or_time(value: float, before: list[str], after: list[str], raw: str) -> bool:
    if after and after[0] in {"gmt", "utc", "hrs"} and len(raw) == 4:
        return True  # "1400 GMT"
    if len(before) >= 2 and before[-1].rstrip(",").isdigit() and len(before[-1].rstrip(",")) <= 2 and _MONTH.match(before[-2]):
        return True  # "March 3, 2016"
    return bool((before and _MONTH.match(before[-1])) or (after and _MONTH.match(after[0])))


def _is_ordinal(text: str, match: re.Match[str], before: list[str], joined: str) -> bool:
    if before and before[-1] in {"no.", "no", "number", "#"}:
        return True  # "No. 4"
    return joined in {"st", "nd", "rd", "th"}


def _in_tally(text: str, sentence, position: int) -> bool:
    return any(m.start() <= position < m.end() for m in _TALLY.finditer(text, sentence.start, sentence.end))


def _until_number(words: list[str]) -> list[str]:
    """Words up to the next figure or clause break, which belong to that figure instead."""
    kept = []
    for word in words:
        if word[0].isdigit() or word in {";", ":", "and"}:
            break
        kept.append(word)
    return kept


def _noun_after(after: list[str]) -> str:
    for word in after[:4]:
        if word[0].isdigit() or word in {";", ":", "%", "$"}:
            return ""
        if word not in _SKIP:
            word = word.strip(".’'")
            return _UNITS.get(word, word)
    return ""


def _word_before(before: list[str]) -> str:
    for word in reversed(before[-3:]):
        if word not in _SKIP and not word[0].isdigit() and word not in {";", ":", "%", "$"}:
            return word.strip(".’'")
    return ""


def _about(before: list[str], after: list[str]) -> str:
    """The words around a figure that say what it is of ("gold-plated rolex watch"), as a phrase."""
    words = [w.strip("’'") for w in before[-3:] + after[:5]]
    kept = [w for w in words if w and not w[0].isdigit() and w not in _SKIP and w not in _NOT_SUBJECT and w not in _SMALL]
    return " ".join(dict.fromkeys(kept))


def _share_of(before: list[str], after: list[str]) -> str:
    """Whose share a percentage is: "of the vote", "of voters", or the name just before it."""
    rest = after[2:] if after[:2] == ["per", "cent"] else after[1:]
    if rest and rest[0] == "of":
        return _noun_after(rest[1:])
    return _word_before(before)


def _name_before(before: list[str]) -> str:
    return _word_before([w for w in before if w not in {",", "aged", "age"}])
