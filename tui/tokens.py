"""Normalised word tokens, encoded one character per word so rapidfuzz compares whole words."""

from __future__ import annotations

import re
import sys
from array import array

_WORD = re.compile(r"[^\W_]+(?:[’'.\-][^\W_]+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"[’']s$")
_JOINERS = str.maketrans("", "", "’'.-")
_NORMAL: dict[str, str] = {}  # a word as written -> its normalised word (see `_normal`)
_NORMAL_LIMIT = 1 << 16

STOPWORDS = frozenset(
    """a an the and or but if of in on at to for from by with as into about after before over under than that
    this these those it its is was were be been being are has have had do does did not no so such there their
    they them he she his her we our you your i me my who whom which what when where while also said says say
    told according would will could can may might must should""".split()
)

# How much a shared word says about two passages carrying the same content (see `weights`).
FUNCTION_WEIGHT = 0.1
NAME_WEIGHT = 1.5
NUMBER_WEIGHT = 2.0


def normalise(text: str) -> list[str]:
    """Lower-cased words with punctuation dropped and plurals folded: "U.S." -> "us", "cease-fire" ->
    "ceasefire", "increases" -> "increase"."""
    return [word for word, _ in _words(text)]


def _fold(word: str) -> str:
    """A plural or third-person "s" is not a change of wording ("increases" / "increase")."""
    # Not "isis", "texas", "bonus", "chaos", "congress": only an "s" after a consonant, "e" or "y" is a plural.
    if len(word) <= 3 or not word[-1] == "s" or word[-2] in "siuao'" or word in STOPWORDS or word[0].isdigit():
        return word
    return word[:-3] + "y" if word.endswith("ies") else word[:-1]


def _words(text: str) -> list[tuple[str, bool]]:
    """Normalised words, each with whether it is written capitalised inside the text (a name)."""
    return [(word, number > 0 and capital) for number, (word, capital) in enumerate(capitalised(text))]


def word_spans(text: str) -> list[tuple[int, int]]:
    """Character offsets of the words `normalise` returns, one for one."""
    spans = []
    for match in _WORD.finditer(text):
        if _POSSESSIVE.sub("", match.group(0).lower()).translate(_JOINERS):
            spans.append(match.span())
    return spans


def capitalised(text: str) -> list[tuple[str, bool]]:
    """Normalised words, each with whether it is written with a capital letter."""
    normal = _NORMAL
    words = []
    for raw in _WORD.findall(text):
        word = normal.get(raw) or _normal(raw)
        if word:
            words.append((word, raw[0].isupper()))
    return words


def coded_words(text: str, start: int, end: int) -> tuple[list[str], int] | None:
    """The words `capitalised` finds in text[start:end], and which are capitalised (bit n: the n-th word);
    None when a match gave no word, so that the matches of `word_places` would not be the words."""
    normal = _NORMAL
    written = _WORD.findall(text, start, end)
    words = [normal.get(raw) or _normal(raw) for raw in written]
    if not all(words):
        return None
    capitals = 0
    for number, raw in enumerate(written):
        if raw[0].isupper():
            capitals |= 1 << number
    return words, capitals


def word_places(text: str, start: int, end: int) -> tuple[array, array]:
    """Where each word that `coded_words` finds in text[start:end] starts, and where it ends."""
    starts, ends = array("q"), array("q")
    for match in _WORD.finditer(text, start, end):
        starts.append(match.start())
        ends.append(match.end())
    return starts, ends


def _normal(raw: str) -> str:
    """The normalised word of one match ("" if none); the same few thousand spellings recur, so each is
    worked out once and kept."""
    word = _POSSESSIVE.sub("", raw.lower()).translate(_JOINERS)
    # Interned: a corpus repeats its words millions of times, and each unit would keep its own copies.
    word = sys.intern(_fold(word)) if word else ""
    if len(_NORMAL) >= _NORMAL_LIMIT:
        _NORMAL.clear()
    _NORMAL[raw] = word
    return word


def weights(text: str) -> dict[str, float]:
    """Each distinct word of the text with its weight: numbers and names most, function words least."""
    found: dict[str, float] = {}
    for word, capitalised in _words(text):
        if word in STOPWORDS:
            weight = FUNCTION_WEIGHT
        elif word[0].isdigit():
            weight = NUMBER_WEIGHT
        elif capitalised:
            weight = NAME_WEIGHT
        else:
            weight = 1.0
        found[word] = max(found.get(word, 0.0), weight)
    return found


def content_words(words: list[str]) -> set[str]:
    return {w for w in words if w not in STOPWORDS}


class Vocabulary:
    """Maps each distinct word to one character, so that a sentence becomes a short string of words; it also
    knows each character's word and kind, so a unit can keep only its string and work the rest out."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}
        self.word_of: dict[str, str] = {}  # character -> word
        self.stop: set[str] = set()  # characters of function words
        self.base_weight: dict[str, float] = {}  # character -> weight of its word when not written as a name
        self.loosen: dict[int, str] = {}  # for `str.translate`: every function word's character -> `function`
        self.function: str | None = None  # the character standing for any function word in a loose code
        self.recent: dict[str, frozenset[str]] = {}  # a unit's code -> its meaningful words (see `Unit.content`)

    def encode(self, words: list[str]) -> str:
        codes = self._codes
        out = []
        for word in words:
            code = codes.get(word)
            if code is None:
                code = self._add(word)
            out.append(code)
        return "".join(out)

    def _add(self, word: str) -> str:
        code = self._codes[word] = _char(len(self._codes))
        self.word_of[code] = word
        if word in STOPWORDS:
            self.stop.add(code)
            self.base_weight[code] = FUNCTION_WEIGHT
            if self.function is not None:
                self.loosen[ord(code)] = self.function
        else:
            self.base_weight[code] = NUMBER_WEIGHT if word[0].isdigit() else 1.0
        return code

    def add_function(self, word: str) -> None:
        """Give the stand-in for any function word its character (once, where the first loose code is made)."""
        if self.function is None:
            self.function = self.encode([word])
            self.loosen.update((ord(code), self.function) for code in self.stop)


def _char(number: int) -> str:
    code = number + 0x100
    if code >= 0xD800:
        code += 0x800  # surrogates are not characters
    return chr(code)
