"""How alike two articles' wording is: weighted word vectors, their cosine, and the pairs worth comparing.

Headline and lead carry the event, so their words count more than the rest of the body. Word weights are
TF-IDF over the articles at hand; a few imaginary background articles that contain none of the words keep a
small collection (two or three articles) from weighting every shared word at zero.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tui.model import Article, BlockKind

_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
_JOINERS = str.maketrans("", "", "’'.-")

# Function words and the verbs of reporting: every article has them, whatever it reports.
STOPWORDS = frozenset(
    """a an the and or but if of in on at to for from by with as into about after before over under than that
    this these those it its is was were be been being are has have had do does did not no nor so such there
    their theirs they them he she his her hers him we our ours you your yours i me my mine who whom whose
    which what when where why how while also said says say saying told tell according would will could can
    may might must should shall just than then thus very more most much many some any all each every both
    either neither other others another one ones only own same too out up down off again further once here
    now new news via per mr mrs ms dr its it's got get gets getting make made makes like well even still
    yet ago among around against between through during without within upon across along toward towards
    because since until unless although though whether""".split()
)

HEADLINE_WEIGHT = 3
LEAD_WEIGHT = 2
LEAD_PARAGRAPHS = 2
BACKGROUND_DOCS = 20
# Words in more than this share of the articles (and more than COMMON_MIN of them) find no candidates.
COMMON_SHARE = 0.05
COMMON_MIN = 12
# A candidate's less common words must give it this share of the floor; the benchmark checks what is lost.
CANDIDATE_SHARE = 0.3


@dataclass(frozen=True)
class TimeWindow:
    """Articles published within `hours` of each other compare in full; beyond, similarity halves per day."""

    hours: float = 48.0

    def factor(self, a: datetime | None, b: datetime | None) -> float:
        if a is None or b is None:
            return 1.0
        gap = abs((a - b).total_seconds()) / 3600
        return 1.0 if gap <= self.hours else 0.5 ** ((gap - self.hours) / 24)


def words(text: str) -> list[str]:
    """Lower-cased content words: stop words and one- or two-letter words left out, numbers kept."""
    out = []
    for match in _WORD.finditer(text.lower()):
        word = _POSSESSIVE.sub("", match.group(0)).translate(_JOINERS)
        if word and word not in STOPWORDS and (len(word) > 2 or word.isdigit()):
            out.append(word)
    return out


def article_terms(article: Article) -> Counter[str]:
    """Weighted word counts: headline words thrice, the first two body paragraphs twice, the rest once."""
    counts: Counter[str] = Counter()
    counts.update({w: HEADLINE_WEIGHT * n for w, n in Counter(words(article.title)).items()})
    body = [p for p in article.paragraphs if p.kind is BlockKind.BODY]
    for number, paragraph in enumerate(body):
        weight = LEAD_WEIGHT if number < LEAD_PARAGRAPHS else 1
        for word in words(article.text[paragraph.start : paragraph.end]):
            counts[word] += weight
    return counts


def tfidf(counts: Sequence[Counter[str]]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors with sublinear term frequency."""
    frequency: Counter[str] = Counter()
    for terms in counts:
        frequency.update(terms.keys())
    total = len(counts) + BACKGROUND_DOCS
    idf = {term: math.log((total + 1) / (df + 1)) for term, df in frequency.items()}
    vectors = []
    for terms in counts:
        weights = {t: (1 + math.log(n)) * idf[t] for t, n in terms.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({t: w / norm for t, w in weights.items()})
    return vectors


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(term, 0.0) for term, weight in a.items())


def candidate_pairs(vectors: Sequence[dict[str, float]], floor: float) -> set[tuple[int, int]]:
    """Pairs whose less common words alone give them a good part of `floor`.

    Words found in more than a few per cent of the articles are skipped here: they would make nearly every
    pair a candidate while adding little to any one cosine. Each candidate's cosine is then computed in full.
    """
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for term, weight in vector.items():
            postings[term].append((index, weight))
    limit = max(COMMON_MIN, COMMON_SHARE * len(vectors))
    partial: dict[tuple[int, int], float] = defaultdict(float)
    for members in postings.values():
        if 1 < len(members) <= limit:
            for position, (a, weight_a) in enumerate(members):
                for b, weight_b in members[position + 1 :]:
                    partial[(a, b)] += weight_a * weight_b
    needed = CANDIDATE_SHARE * floor
    return {pair for pair, value in partial.items() if value >= needed}


def similarities(
    vectors: Sequence[dict[str, float]], published: Sequence[datetime | None], floor: float, window: TimeWindow
) -> dict[tuple[int, int], float]:
    """Cosine of every candidate pair, scaled down by the time between them, where it reaches `floor`."""
    found = {}
    for a, b in candidate_pairs(vectors, floor):
        score = cosine(vectors[a], vectors[b]) * window.factor(published[a], published[b])
        if score >= floor:
            found[(a, b)] = score
    return found
