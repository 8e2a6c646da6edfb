"""Normalised word tokens, encoded one character per word so rapidfuzz compares whole words."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+(?:[’'.\-][^\W_]+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"[’']s$")
_JOINERS = str.maketrans("", "", "’'.-")

STOPWORDS = frozenset(
    """a an the and or but if of in on at to for from by with as into about after before over under than that
    this these those it its is was were be been being are has have had do does did not no so such there their
    they them he she his her we our you your i me my who whom which what when where while also said says say
    told according would will could can may might must should""".split()
)


def normalise(text: str) -> list[str]:
    """Lower-cased words with punctuation dropped: "U.S." -> "us", "cease-fire" -> "ceasefire"."""
    words = []
    for match in _WORD.finditer(text.lower()):
        word = _POSSESSIVE.sub("", match.group(0)).translate(_JOINERS)
        if word:
            words.append(word)
    return words


class Vocabulary:
    """Maps each distinct word to one character, so that a sentence becomes a short string of words."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}

    def encode(self, words: list[str]) -> str:
        codes = self._codes
        out = []
        for word in words:
            code = codes.get(word)
            if code is None:
                code = codes[word] = _char(len(codes))
            out.append(code)
        return "".join(out)

    def content(self, words: list[str]) -> frozenset[str]:
        """The encoded words that carry meaning (stop words left out)."""
        return frozenset(self._codes[w] for w in words if w not in STOPWORDS and w in self._codes)


def _char(number: int) -> str:
    code = number + 0x100
    if code >= 0xD800:
        code += 0x800  # surrogates are not characters
    return chr(code)
