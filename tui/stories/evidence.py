"""Why articles were grouped: the passages, names and numbers they share, and how many outlets share each."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tui.clean import strip_controls
from tui.model import Alignment, Article, BlockKind, GroupKind
from tui.stories.similarity import STOPWORDS

MAX_PASSAGES = 3
MAX_NAMES = 5
MAX_NUMBERS = 3
COMMON_NAME_SHARE = 0.2

# One to four capitalised words ("Nancy Pelosi", "House Judiciary Committee", "Cesar Sayoc").
_NAME = re.compile(r"\b(?:[A-Z][\w’'-]*[\w]|[A-Z]\.)(?:\s+(?:[A-Z][\w’'-]*[\w]|[A-Z]\.|Jr\.)){0,3}")
_POSSESSIVE = re.compile(r"[’']s$")
_BREAKS = STOPWORDS - {"new"}  # "New York" is a name
_PARTY_STATE = re.compile(r"[DRI]-[A-Z][a-z]*\.?|I['’][a-z]+")
# Words that start or sit inside capitalised runs without being part of anyone's or anything's name.
_NOT_NAMES = frozenset(
    """president vice speaker leader majority minority sen senator rep representative gov governor congressman
    congresswoman general gen col lt sgt adm sheriff secretary minister prime chancellor mayor judge justice attorney
    former outgoing acting chief director chairman chairwoman sir lord king queen prince pope reverend rev
    monday tuesday wednesday thursday friday saturday sunday january february march april june july august
    september october november december jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<cur>[$€£]\s?)?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?"
    r"(?:\s?(?P<scale>%|percent|per cent|million|billion|trillion))?(?![\w,]|\.\d)",
    re.IGNORECASE,
)
_MONTH_BEFORE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s$")


@dataclass(frozen=True)
class Evidence:
    """Something the articles of a story share: a passage, a quotation, a name or a number."""

    kind: str  # "passage", "quote", "name" or "number"
    text: str
    outlets: tuple[str, ...]  # the outlets (names) whose articles carry it
    articles: int  # how many of the story's articles carry it


def gather(
    alignment: Alignment, outlets: Sequence[str], names: Sequence[set[str]], rarity: dict[str, int]
) -> list[Evidence]:
    """Evidence for one story: `outlets` and `names` (see names_in) belong to each aligned article in turn,
    `rarity` counts the articles of the whole collection that carry each name (see name_rarity)."""
    found = passages(alignment, outlets)
    found += shared_names(names, outlets, rarity)
    found += shared_numbers(alignment.articles, outlets)
    return found


def passages(alignment: Alignment, outlets: Sequence[str]) -> list[Evidence]:
    """The shared sentences and quotations carried by most outlets, longest first among equals."""
    candidates = []
    for group in alignment.groups:
        sharing = _ordered({outlets[m.article] for m in group.members}, outlets)
        first = group.members[0]
        text = _inert(alignment.articles[first.article].text[first.start : first.end])
        kind = "quote" if group.kind is GroupKind.QUOTE else "passage"
        candidates.append(Evidence(kind, text, sharing, len(group.articles)))
    candidates.sort(key=lambda e: (-len(e.outlets), -e.articles, -len(e.text.split()), e.kind))
    chosen: list[Evidence] = []
    for evidence in candidates:
        if not any(_folded(evidence.text) in _folded(c.text) for c in chosen):
            chosen.append(evidence)
        if len(chosen) == MAX_PASSAGES:
            break
    return chosen


def names_in(article: Article) -> set[str]:
    """Proper names in the body (headlines are often in title case); a lone word opening a sentence is not one."""
    found: set[str] = set()
    lone_openers: set[str] = set()
    # "State" in "State of the Union" is no name when the article also writes "state".
    lower_words = set(re.findall(r"\b[a-z]+\b", article.text))
    for start, end in _readable_spans(article):
        text = article.text[start:end]
        for match in _NAME.finditer(text):
            before = text[: match.start()].rstrip()
            opening = not before or before[-1] in ".!?\"“:"
            for name in _names_from(match.group(0).split()):
                (lone_openers if opening and " " not in name and match.group(0).startswith(name) else found).add(name)
    names = found | {w for w in lone_openers if w in found}
    return {n for n in names if " " in n or n.lower() not in lower_words}


def _names_from(words: list[str]) -> list[str]:
    """A run of capitalised words cut at titles, weekdays and months: "House Speaker Nancy Pelosi" -> "Nancy Pelosi"."""
    names, current = [], []
    for word in words + [""]:
        bare = _POSSESSIVE.sub("", word).rstrip(".").lower()
        if not word or bare in _NOT_NAMES or bare in _BREAKS or _PARTY_STATE.fullmatch(word):
            if current:
                names.append(_POSSESSIVE.sub("", " ".join(current)))
            current = []
        else:
            current.append(word)
    return [n for n in names if len(n) > 1]


def shared_names(names: Sequence[set[str]], outlets: Sequence[str], rarity: dict[str, int]) -> list[Evidence]:
    """Names found in two or more of the articles: most outlets first, then the rarest.

    `rarity` counts the articles of the whole collection that carry each name; a name in more than a fifth
    of them ("Congress" among political news) explains nothing and is left out.
    """
    carriers: dict[str, set[int]] = {}
    for number, found in enumerate(names):
        for name in found:
            carriers.setdefault(name, set()).add(number)
    common = max(3, COMMON_NAME_SHARE * rarity.get("", 0))
    spread = {name: len({outlets[i] for i in where}) for name, where in carriers.items()}
    ranked = sorted(
        (name for name, where in carriers.items() if len(where) >= 2 and rarity.get(name, 0) <= common),
        key=lambda n: (-spread[n], -len(carriers[n]), rarity.get(n, 0), -len(n), n),
    )
    chosen: list[str] = []
    for name in ranked:
        if any(_within(name, c) for c in chosen):
            continue
        chosen = [c for c in chosen if not _within(c, name) or len(carriers[c]) > len(carriers[name])]
        chosen.append(name)
        if len(chosen) == MAX_NAMES:
            break
    return [_shared("name", n, carriers[n], outlets) for n in chosen]


def name_rarity(names: Sequence[set[str]]) -> dict[str, int]:
    """How many articles carry each name, from each article's names; the key "" holds the number of articles."""
    counts: dict[str, int] = {"": len(names)}
    for found in names:
        for name in found:
            counts[name] = counts.get(name, 0) + 1
    return counts


def _within(short: str, long: str) -> bool:
    return f" {short} " in f" {long} "


def numbers_in(article: Article) -> dict[str, str]:
    """Figures in the body (normalised value -> as first written); years, dates and digits under 10 left out."""
    found: dict[str, str] = {}
    for start, end in _readable_spans(article):
        text = article.text[start:end]
        for match in _NUMBER.finditer(text):
            key = _number_key(match, text)
            if key:
                found.setdefault(key, match.group(0))
    return found


def _number_key(match: re.Match, text: str) -> str:
    digits = match.group("num").replace(",", "")
    marked = bool(match.group("cur") or match.group("scale"))
    if not marked and (int(digits) < 10 or (len(digits) == 4 and 1800 <= int(digits) <= 2100)):
        return ""
    if not marked and _MONTH_BEFORE.search(text[: match.start()]):
        return ""
    scale = (match.group("scale") or "").lower().replace("per cent", "percent").replace("%", "percent")
    currency = (match.group("cur") or "").strip()
    return f"{currency}{digits}{match.group('dec') or ''} {scale}".strip()


def shared_numbers(articles: Sequence[Article], outlets: Sequence[str]) -> list[Evidence]:
    """Figures given by two or more of the articles: most outlets first, amounts and percentages before counts."""
    carriers: dict[str, set[int]] = {}
    shown: dict[str, str] = {}
    for number, article in enumerate(articles):
        for key, text in numbers_in(article).items():
            carriers.setdefault(key, set()).add(number)
            shown.setdefault(key, text)
    spread = {key: len({outlets[i] for i in where}) for key, where in carriers.items()}
    ranked = sorted(
        (k for k, where in carriers.items() if len(where) >= 2),
        key=lambda k: (-spread[k], -len(carriers[k]), not (" " in k or not k[0].isdigit()), -len(k), k),
    )
    return [_shared("number", shown[k], carriers[k], outlets) for k in ranked[:MAX_NUMBERS]]


def _shared(kind: str, text: str, carriers: set[int], outlets: Sequence[str]) -> Evidence:
    return Evidence(kind, _inert(text), _ordered({outlets[i] for i in carriers}, outlets), len(carriers))


def _readable_spans(article: Article) -> list[tuple[int, int]]:
    return [(p.start, p.end) for p in article.paragraphs if p.kind is BlockKind.BODY]


def _ordered(names: set[str], order: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in order if n in names))


def _folded(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _inert(text: str) -> str:
    return " ".join(strip_controls(text).split())
