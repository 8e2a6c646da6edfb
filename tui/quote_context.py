"""Whether two short quotations are one: the sentences around them are grouped, or tell of the same thing."""

from __future__ import annotations

from itertools import groupby

from tui.linking import Unit, weighted_overlap

# Sentences around two short quotations tell the same thing when they share this many meaningful words and
# this weighted share of their words.
CONTEXT_WORDS = 3
CONTEXT_SCORE = 35.0


class QuoteContext:
    """Whether the sentences holding two quotations are grouped, or tell of the same thing in other words."""

    def __init__(self, groups: list, sentences: list[Unit], discount: dict[str, float]):
        self.group_of = {(m.article, s): g.id or id(g) for g in groups for m in g.members for s in m.spans}
        self.sentence = {(u.article, u.sentence): u for u in sentences}
        self.discount = discount
        # The meaningful words some article uses in two of its sentences or more (one article at a time: a
        # corpus's every article's words at once would take a hundred megabytes).
        self.repeated: set[str] = set()
        by_article = sorted(range(len(sentences)), key=lambda n: sentences[n].article)
        for _, numbers in groupby(by_article, key=lambda n: sentences[n].article):
            seen: set[str] = set()
            for n in numbers:
                content = sentences[n].content
                self.repeated.update(content.intersection(seen))
                seen.update(content)

    def __call__(self, a: Unit, b: Unit, *, same_words: bool = True) -> bool:
        # A word the outlets use nowhere else than in this quotation ("malarkey"; no article uses it in two
        # sentences) is the same quotation; it says nothing where the two quotations differ by a word
        # (`same_words` False).
        if same_words and not a.content <= self.repeated:
            return True
        ka, kb = (a.article, a.sentence), (b.article, b.sentence)
        if self._grouped(ka, kb):
            return True
        # A quotation printed as a sentence of its own ("We reject his visit.") is placed by its neighbours:
        # the sentence before both, or after both, is one passage.
        if any(self._grouped((a.article, a.sentence + step), (b.article, b.sentence + step)) for step in (-1, 1)):
            return True
        sa, sb = self.sentence.get(ka), self.sentence.get(kb)
        if sa is None or sb is None or len(sa.content & sb.content) < CONTEXT_WORDS:
            return False
        return weighted_overlap(sa, sb, self.discount) >= CONTEXT_SCORE


    def _grouped(self, ka: tuple[int, int], kb: tuple[int, int]) -> bool:
        return ka in self.group_of and self.group_of.get(ka) == self.group_of.get(kb)
