"""How much of each outlet's text reuses a reference text, and what it does with the reference's passages.

Reuse is what the alignment shows: an outlet's words that lie in a passage, quotation or run of shared wording
it has in common with the reference. The share says how much of the outlet's body that is, by characters and
by sentences; it says nothing of who took from whom, only that the words are the same or nearly so.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.clean import printable
from tui.model import Alignment, Article, BlockKind, Group, GroupKind, Member
from tui.published import relation_of
from tui.wording import DiffOptions

# A sentence of an outlet counts as reusing the reference when at least this share of it lies in shared text.
SENTENCE_SHARE = 0.5
STATES = ("carried", "trimmed", "altered", "left out")


@dataclass(frozen=True)
class ReferencePassage:
    """One body sentence of the reference and what an outlet does with it."""

    sentence: int
    state: str  # one of STATES
    group: int | None = None
    version: Member | None = None  # the outlet's version, where it has one


@dataclass(frozen=True)
class Reuse:
    """One outlet against the reference."""

    article: int
    share_chars: float  # 0-1: characters of the outlet's body inside text shared with the reference
    share_sentences: float  # 0-1: body sentences at least half inside such text
    passages: tuple[ReferencePassage, ...]
    own: tuple[int, ...]  # body sentences with nothing from the reference


def reference_reuse(alignment: Alignment, reference: int, options: DiffOptions | None = None) -> list[Reuse]:
    """Every other readable outlet's reuse of the reference, in article order."""
    return [_reuse(alignment, reference, index, options) for index, article in enumerate(alignment.articles)
            if index != reference and article.ok]


def _reuse(alignment: Alignment, reference: int, index: int, options: DiffOptions | None) -> Reuse:
    article = alignment.articles[index]
    shared = [g for g in alignment.groups if reference in g.articles and index in g.articles]
    spans = _merged([(m.start, m.end) for g in shared for m in g.members_of(index)])
    body = [s for s in article.sentences if s.kind is BlockKind.BODY]
    total = sum(s.end - s.start for s in body)
    inside = sum(_covered(spans, s.start, s.end) for s in body)
    reusing = [s.index for s in body if s.end > s.start and _covered(spans, s.start, s.end) / (s.end - s.start) >= SENTENCE_SHARE]
    own = tuple(s.index for s in body if s.index not in set(reusing))
    passages = tuple(_passage(alignment, reference, index, s, shared, options)
                     for s in alignment.articles[reference].sentences if s.kind is BlockKind.BODY)
    return Reuse(index, inside / total if total else 0.0, len(reusing) / len(body) if body else 0.0, passages, own)


def _passage(alignment: Alignment, reference: int, index: int, sentence, shared: list[Group],
             options: DiffOptions | None) -> ReferencePassage:
    """The outlet's best version of one reference sentence: its sentence group first, else a quotation of it."""
    ref_article = alignment.articles[reference]
    for kind in (GroupKind.SENTENCE, GroupKind.QUOTE, GroupKind.PHRASE):
        for group in shared:
            mine = [m for m in group.members_of(reference) if sentence.index in m.spans or
                    sentence.start <= m.start < sentence.end] if group.kind is kind else []
            if mine:
                version = group.members_of(index)[0]
                texts = _versions(alignment.articles[index], version)
                best = min((_state(_text(ref_article, mine[0]), t, kind, options) for t in texts), key=STATES.index)
                return ReferencePassage(sentence.index, best, group.id, version)
    return ReferencePassage(sentence.index, "left out")


def _state(reference: str, text: str, kind: GroupKind, options: DiffOptions | None) -> str:
    """carried (the same words, perhaps with words around them: ``“...,” CENTCOM said``), trimmed (words left
    out only) or altered (anything else)."""
    relation = relation_of(reference, text, options)
    if kind is GroupKind.PHRASE and relation == "same":
        return "trimmed"  # only a run of its words is shared
    return {"same": "carried", "extended": "carried", "trimmed": "trimmed"}.get(relation, "altered")


def _versions(article: Article, member: Member) -> list[str]:
    """A version's text, and the quotations inside it: an outlet that quotes the reference and adds its own
    lead-in ("..., the statement said") carries or trims the quoted words."""
    inside = [article.text[q.start : q.end] for q in article.quotes if member.start <= q.start and q.end <= member.end]
    return [_text(article, member), *inside]


def _text(article: Article, member: Member) -> str:
    return article.text[member.start : member.end]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(max(0, min(end, b) - max(start, a)) for a, b in spans)


def reuse_json(alignment: Alignment, reference: int, reuses: list[Reuse]) -> dict:
    """{"article": ID, "reuse": [{"article", "share_chars", "share_sentences", "passages", "own"}]}."""
    articles = alignment.articles

    def passage(p: ReferencePassage) -> dict:
        version = p.version
        found = {"sentence": version.sentence, "start": version.start, "end": version.end} if version else None
        return {"sentence": p.sentence, "state": p.state, "group": p.group, "version": found}

    return {"article": printable(articles[reference].id), "reuse": [
        {"article": printable(articles[r.article].id), "share_chars": round(r.share_chars, 3),
         "share_sentences": round(r.share_sentences, 3), "passages": [passage(p) for p in r.passages],
         "own": list(r.own)} for r in reuses]}


def reuse_lines(alignment: Alignment, reference: int, reuses: list[Reuse]) -> list[str]:
    """One line per outlet: "CNN: 42% of its body by characters, 7 of 20 sentences (35%) reuse the reference;
    reference passages: 3 carried, 2 trimmed, 1 altered, 4 left out; own text: 13 sentences"."""
    lines = []
    for r in reuses:
        article = alignment.articles[r.article]
        body = sum(1 for s in article.sentences if s.kind is BlockKind.BODY)
        counts = {state: sum(p.state == state for p in r.passages) for state in STATES}
        states = ", ".join(f"{n} {state}" for state, n in counts.items())
        lines.append(f"{article.outlet.short}: {r.share_chars:.0%} of its body by characters, "
                     f"{body - len(r.own)} of {body} sentences ({r.share_sentences:.0%}) reuse the reference; "
                     f"reference passages: {states}; own text: {len(r.own)} sentences")
    return lines
