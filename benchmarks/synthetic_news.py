"""Synthetic feed items for the story benchmark: many events, several outlets each, neighbouring events alike.

Each event belongs to a topic (a running subject: its people and words recur across the topic's events) and
has its own people, words and a pool of sentences outlets retell; about a third of the events are covered
by one outlet only. Articles carry a publication time within a day and a half of their event.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from benchmarks.synthetic import _SYLLABLES

_FUNCTION = ["the", "a", "of", "to", "in", "and", "said", "on", "for", "that", "with", "was", "by", "at", "from",
             "is", "it", "as", "his", "her", "their", "after", "he", "she", "they", "were", "has", "had", "not"]
START = datetime(2024, 3, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Item:
    """One synthetic article as a feed would list it, with the event it reports (the ground truth)."""

    event: int
    outlet: str
    title: str
    text: str
    published: datetime
    link: str


def _words(rng: random.Random, count: int, capital: bool = False) -> list[str]:
    out = set()
    while len(out) < count:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        out.add(word.capitalize() if capital else word)
    return sorted(out)


def _sentence(rng: random.Random, pools: list[tuple[list[str], float]]) -> str:
    """12 to 28 words: function words between words drawn from the pools by weight."""
    words = []
    for _ in range(rng.randint(12, 28)):
        if rng.random() < 0.4:
            words.append(rng.choice(_FUNCTION))
            continue
        roll, chosen = rng.random(), pools[-1][0]
        for pool, share in pools:
            if roll < share:
                chosen = pool
                break
            roll -= share
        words.append(chosen[min(len(chosen) - 1, int(rng.paretovariate(1.2)) - 1 + rng.randrange(3))])
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _retell(rng: random.Random, sentence: str, general: list[str]) -> str:
    words = [rng.choice(general) if rng.random() < 0.1 else w for w in sentence.rstrip(".").split()]
    return " ".join(words) + "."


def synthetic_items(count: int = 1000, seed: int = 11) -> list[Item]:
    """`count` items about count/3 events of 40 topics, with 1 to 8 outlets per event."""
    rng = random.Random(seed)
    general, outlets = _words(rng, 8000), [f"Outlet {n}" for n in range(40)]
    topics = [(_words(rng, 60), _words(rng, 6, capital=True)) for _ in range(40)]
    items: list[Item] = []
    event = 0
    while len(items) < count:
        topic_words, topic_names = topics[rng.randrange(len(topics))]
        own_words, own_names = _words(rng, 25), _words(rng, 4, capital=True)
        pools = [(own_names, 0.08), (topic_names, 0.06), (own_words, 0.2), (topic_words, 0.16), (general, 0.5)]
        shared = [_sentence(rng, pools) for _ in range(12)]
        when = START + timedelta(hours=rng.uniform(0, 24 * 30))
        covering = 1 if rng.random() < 0.35 else rng.randint(2, 8)
        for outlet in rng.sample(outlets, covering):
            items.append(_article(rng, event, outlet, pools, shared, general, when))
            if len(items) == count:
                break
        event += 1
    return items


def _article(rng, event, outlet, pools, shared, general, when) -> Item:
    sentences = []
    for _ in range(rng.randint(14, 30)):
        roll = rng.random()
        if roll < 0.25:
            sentences.append(_retell(rng, rng.choice(shared), general))
        elif roll < 0.7:
            sentences.append(_sentence(rng, pools))
        else:
            sentences.append(_sentence(rng, [(general, 1.0)]))
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    title = " ".join(_sentence(rng, pools[:4]).rstrip(".").split()[:9])
    published = when + timedelta(hours=rng.uniform(0, 36))
    link = f"https://news{outlet.split()[-1]}.example/{event}/{rng.randrange(10**6)}"
    return Item(event, outlet, title, title + "\n\n" + "\n\n".join(paragraphs), published, link)


def rss(items: list[Item], title: str = "Synthetic wire") -> bytes:
    """An RSS 2.0 feed listing the items."""
    from email.utils import format_datetime
    from xml.sax.saxutils import escape

    entries = "".join(
        f"<item><title>{escape(i.title)}</title><link>{escape(i.link)}</link>"
        f"<description>{escape(i.text.split(chr(10))[2][:200])}</description>"
        f"<pubDate>{format_datetime(i.published)}</pubDate><guid>{escape(i.link)}</guid></item>\n"
        for i in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>{title}</title>'
            f"<link>https://wire.example/</link>\n{entries}</channel></rss>\n").encode("utf-8")


def page(item: Item) -> bytes:
    """The item's article as a small web page with navigation and a footer around it."""
    from html import escape

    body = "".join(f"<p>{escape(p)}</p>\n" for p in item.text.split("\n\n")[1:])
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(item.title)}</title>"
            f"<meta property='og:site_name' content='{escape(item.outlet)}'></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{escape(item.title)}</h1>"
            f"{body}</article><footer>Copyright {escape(item.outlet)}</footer></body></html>").encode("utf-8")
