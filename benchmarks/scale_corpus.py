"""A realistic corpus for the scale benchmark: many stories, each told by 3 to 12 outlets, with the reuse recorded.

Each story has its own names, figures and words, and a pool of passages (some of them quotations). Every outlet
covering the story retells part of the pool in its own order (words changed, sentences trimmed, quotations
attributed differently), adds sentences of its own, and ends with the boilerplate it prints under every
article. Which article carries which passage is recorded, so the benchmark can count the reuse it finds.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass, field

from benchmarks.synthetic import _SYLLABLES
from tui.model import Article, Outlet
from tui.text import build_article

_FUNCTION = ["the", "a", "of", "to", "in", "and", "on", "for", "that", "with", "was", "by", "at", "from", "is",
             "it", "as", "after", "has", "had", "were", "their", "its", "an", "this", "be", "have", "but"]
_SPEECH = ["said", "told reporters", "said in a statement", "wrote on social media", "told a news conference"]


@dataclass
class Planted:
    """One retold passage in one article: the story's passage number and the text the article printed."""

    passage: int
    text: str


@dataclass
class ScaleCorpus:
    """The articles, and for each article the story it tells and the passages it retells."""

    articles: list[Article]
    stories: list[int]
    planted: list[list[Planted]] = field(default_factory=list)

    def planted_pairs(self) -> set[tuple[int, int, int, int]]:
        """Every (article, sentence, article, sentence) pair that carries one passage of one story, a < b."""
        where: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for number, article in enumerate(self.articles):
            starts = [s.start for s in article.sentences]
            cursor = 0
            for planted in self.planted[number]:
                offset = article.text.find(planted.text, cursor)
                if offset < 0:
                    continue
                cursor = offset + len(planted.text)
                sentence = bisect.bisect_right(starts, offset) - 1
                where.setdefault((self.stories[number], planted.passage), []).append((number, sentence))
        pairs = set()
        for versions in where.values():
            for i, (a, s) in enumerate(versions):
                pairs.update((a, s, b, t) for b, t in versions[i + 1 :] if a != b)
        return pairs


def _words(rng: random.Random, count: int, capital: bool = False) -> list[str]:
    out: set[str] = set()
    while len(out) < count:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        out.add(word.capitalize() if capital else word)
    return sorted(out)


class _Writer:
    """Draws words as news prose does: function words between a story's own words and a long tail of others."""

    def __init__(self, rng: random.Random, general: list[str]):
        self.rng, self.general = rng, general

    def word(self, names: list[str], own: list[str]) -> str:
        rng, roll = self.rng, self.rng.random()
        if roll < 0.4:
            return rng.choice(_FUNCTION)
        if roll < 0.5:
            return rng.choice(names)
        if roll < 0.53:
            return str(rng.randint(2, 950))
        if roll < 0.75:
            return rng.choice(own)
        return self.general[min(len(self.general) - 1, int(rng.paretovariate(0.9)) - 1 + rng.randrange(40))]

    def sentence(self, names: list[str], own: list[str], low: int = 10, high: int = 28) -> list[str]:
        return [self.word(names, own) for _ in range(self.rng.randint(low, high))]

    def retell(self, words: list[str], names: list[str], own: list[str]) -> list[str]:
        """An outlet's version: about one word in twelve changed, one sentence in five trimmed at either end."""
        rng = self.rng
        version = [self.word(names, own) if rng.random() < 0.08 else w for w in words]
        if rng.random() < 0.2 and len(version) > 12:
            cut = rng.randint(1, len(version) // 4)
            version = version[cut:] if rng.random() < 0.5 else version[:-cut]
        return version


def _sentence_text(words: list[str]) -> str:
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _quotation(rng: random.Random, words: list[str], speaker: str) -> str:
    """The same quotation attributed in one of several ways, to the speaker or to a spokesman."""
    said = rng.choice(_SPEECH)
    who = speaker if rng.random() < 0.7 else "a spokesman"
    quoted = words[0].capitalize() + " " + " ".join(words[1:])
    if rng.random() < 0.6:
        return f"“{quoted},” {who} {said}."
    return f"{who[0].upper()}{who[1:]} {said}: “{quoted}.”"


def scale_corpus(count: int, seed: int = 3) -> ScaleCorpus:
    """`count` articles in stories of 3 to 12 outlets from a pool of count/25 outlets (at least 12)."""
    rng = random.Random(seed)
    writer = _Writer(rng, _words(rng, 20000))
    outlets = [Outlet(f"o{n}", f"Outlet {n}", f"O{n}") for n in range(max(12, count // 25))]
    boilerplate = {o.id: _boilerplate(writer, o) for o in outlets}
    corpus = ScaleCorpus([], [], [])
    story = 0
    while len(corpus.articles) < count:
        names, own = _words(rng, 8, capital=True), _words(rng, 40)
        pool = [(writer.sentence(names, own), rng.random() < 0.25) for _ in range(rng.randint(16, 40))]
        for outlet in rng.sample(outlets, min(count - len(corpus.articles), rng.randint(3, 12))):
            text, planted = _article(rng, writer, pool, names, own, boilerplate[outlet.id])
            number = len(corpus.articles)
            corpus.articles.append(build_article(f"a{number}", f"scale-{number}", outlet, text))
            corpus.stories.append(story)
            corpus.planted.append(planted)
        story += 1
    return corpus


def _boilerplate(writer: _Writer, outlet: Outlet) -> list[str]:
    """The lines an outlet prints under every article, in its own words."""
    names, own = [outlet.name], _words(writer.rng, 12)
    return [_sentence_text(writer.sentence(names, own, 10, 16)) for _ in range(2)]


def _article(rng, writer: _Writer, pool, names, own, boilerplate: list[str]) -> tuple[str, list[Planted]]:
    """One outlet's article: a share of the pool in its own order, its own sentences, its boilerplate."""
    chosen = rng.sample(range(len(pool)), max(2, int(len(pool) * rng.uniform(0.3, 0.7))))
    lines: list[tuple[str, int | None]] = []
    for passage in chosen:
        words, quoted = pool[passage]
        version = writer.retell(words, names, own)
        lines.append((_quotation(rng, version, rng.choice(names)) if quoted else _sentence_text(version), passage))
    for _ in range(int(len(chosen) * rng.uniform(0.5, 1.2))):
        lines.insert(rng.randrange(len(lines) + 1), (_sentence_text(writer.sentence(names, own)), None))
    paragraphs, planted, current = [], [], []
    for text, passage in lines:
        current.append(text)
        if passage is not None:
            planted.append(Planted(passage, text))
        if len(current) >= rng.randint(1, 3):
            paragraphs.append(" ".join(current))
            current = []
    paragraphs += [" ".join(current)] if current else []
    headline = " ".join(writer.sentence(names, own, 6, 10)).capitalize()
    return "\n\n".join([headline, *paragraphs, *boilerplate]), planted
