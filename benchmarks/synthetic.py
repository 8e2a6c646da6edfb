"""Synthetic stories for the benchmark: many outlets retelling one event, with shared, trimmed and own sentences."""

from __future__ import annotations

import random

from tui.model import Article, Outlet
from tui.text import build_article

_SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "de", "ga", "po", "ze", "ba", "fi", "ho", "ju"]
_FUNCTION = ["the", "a", "of", "to", "in", "and", "said", "on", "for", "that", "with", "was", "by", "at", "from"]


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _sentence(rng: random.Random, words: list[str]) -> list[str]:
    """Content words drawn with a long tail, as in news prose, with function words between them."""
    out = []
    for _ in range(rng.randint(12, 30)):
        if rng.random() < 0.4:
            out.append(rng.choice(_FUNCTION))
        else:
            out.append(words[min(len(words) - 1, int(rng.paretovariate(1.1)) * 7 + rng.randrange(7))])
    return out


def _retell(rng: random.Random, words: list[str], vocabulary: list[str]) -> list[str]:
    """An outlet's version of a shared sentence: a few words changed, sometimes trimmed."""
    version = [rng.choice(vocabulary) if rng.random() < 0.08 else w for w in words]
    if rng.random() < 0.2:
        cut = rng.randint(0, len(version) // 3)
        version = version[cut:]
    return version


def _render(words: list[str], quoted: bool) -> str:
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    return f"“{text},” an official said." if quoted else text + "."


def synthetic_articles(count: int, sentences: int = 60, seed: int = 7) -> list[Article]:
    """`count` articles of `sentences` sentences each; about 40 % of each article retells a shared pool."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng, 6000)
    pool = [_sentence(rng, vocabulary) for _ in range(300)]
    articles = []
    for number in range(count):
        lines = []
        for _ in range(sentences):
            if rng.random() < 0.4:
                lines.append(_render(_retell(rng, rng.choice(pool), vocabulary), quoted=rng.random() < 0.3))
            else:
                lines.append(_render(_sentence(rng, vocabulary), quoted=rng.random() < 0.1))
        paragraphs = [" ".join(lines[i : i + 3]) for i in range(0, len(lines), 3)]
        raw = f"Outlet {number} reports the event\n\n" + "\n\n".join(paragraphs)
        outlet = Outlet(f"o{number}", f"Outlet {number}")
        articles.append(build_article(outlet.id, f"synthetic-{number}", outlet, raw))
    return articles
