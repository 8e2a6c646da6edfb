"""Whether two outlets' credits name the same speaker ("Thomas" and "Col. John Thomas", "CENTCOM" and
"U.S. Central Command")."""

from __future__ import annotations

import unicodedata

from tui.speakers import ORGS, WORD


def speaker_key(speaker: str) -> str:
    """A speaker reduced for comparison: lower case, no articles or punctuation, "U.S." as "us"."""
    # Accents folded: one outlet's "Calderón" is another's "Calderon".
    plain = "".join(c for c in unicodedata.normalize("NFKD", speaker) if not unicodedata.combining(c))
    words = [w.lower().replace(".", "").replace("’s", "").replace("'s", "") for w in WORD.findall(plain)]
    return " ".join(w for w in words if w and w not in _LEFT_OUT)


# Articles and courtesy titles say nothing about who is named ("Mr. Calderón", "Felipe Calderon").
_LEFT_OUT = {"the", "a", "an", "mr", "mrs", "ms", "dr"}


def same_speaker(a: str, b: str) -> bool:
    """Two credits name the same speaker when the words of one are all in the other ("Thomas", "Col. John
    Thomas"), or one is a contraction of the other's last words ("CENTCOM", "U.S. Central Command")."""
    x, y = speaker_key(a).split(), speaker_key(b).split()
    if not x or not y:
        return False
    if set(x) <= set(y) or set(y) <= set(x):
        return True
    last_a, last_b = a.split()[-1], b.split()[-1]
    if last_a[:1].isupper() and last_a == last_b and len(last_a) > 3 and last_a.lower() not in ORGS:
        return True  # "Vitaliy Churkin" and "Russian Ambassador Vitaly Churkin": one surname, two spellings
    return (len(x) == 1 and _contracts(x[0], y)) or (len(y) == 1 and _contracts(y[0], x))


def _contracts(short: str, words: list[str]) -> bool:
    """Whether `short` is made of the starts of the last words, in order ("centcom": central command)."""
    if len(short) < 3:
        return False
    return any(_prefixes(short, words[start:]) for start in range(len(words)))


def _prefixes(short: str, words: list[str]) -> bool:
    if not short:
        return not words
    if not words:
        return False
    if words[0] in {"of", "for", "and"} and _prefixes(short, words[1:]):
        return True
    return any(short.startswith(words[0][:n]) and _prefixes(short[n:], words[1:])
               for n in range(1, len(words[0]) + 1))
