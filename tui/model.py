"""Plain data passed between the stages: sources, articles, segments and alignments."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True)
class Outlet:
    """A publisher as described in sources.yaml."""

    id: str
    name: str
    label: str = ""
    homepage: str = ""

    @property
    def short(self) -> str:
        return self.label or self.name


@dataclass(frozen=True)
class ArticleRef:
    """Where one article of a story comes from, and what is known about it before reading it."""

    outlet: str
    file: str = ""
    url: str = ""
    title: str = ""
    published: str = ""
    author: str = ""
    canonical_url: str = ""
    base_dir: str = ""
    reference: bool = False  # the original (a press release, a transcript) the outlets' texts are held against

    @property
    def source(self) -> str:
        """The path or URL as the user gave it."""
        return self.file or self.url


@dataclass(frozen=True)
class Story:
    """One event told by several outlets."""

    id: str
    title: str
    date: str = ""
    articles: tuple[ArticleRef, ...] = ()


@dataclass(frozen=True)
class Catalog:
    """Everything a sources.yaml file describes."""

    path: str
    outlets: dict[str, Outlet]
    stories: tuple[Story, ...]

    def story(self, story_id: str) -> Story | None:
        return next((s for s in self.stories if s.id == story_id), None)


@dataclass
class Document:
    """An article's raw text, as read from a file or page, and whatever metadata its source carries."""

    text: str
    title: str = ""
    author: str = ""
    published: str = ""
    url: str = ""
    site_name: str = ""
    from_cache: bool = False


class BlockKind(str, Enum):
    """What a paragraph of an article is; only BODY takes part in alignment."""

    HEADLINE = "headline"
    HEADING = "heading"
    DATELINE = "dateline"
    BODY = "body"
    BOILERPLATE = "boilerplate"


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int
    kind: BlockKind


@dataclass(frozen=True)
class Sentence:
    """A sentence, with offsets into Article.text."""

    index: int
    start: int
    end: int
    paragraph: int
    kind: BlockKind

    @property
    def aligned(self) -> bool:
        return self.kind is BlockKind.BODY


@dataclass(frozen=True)
class Quote:
    """A quotation: start/end cover the words inside the marks, outer_* include the marks."""

    index: int
    start: int
    end: int
    outer_start: int
    outer_end: int
    sentence: int
    depth: int = 0


@dataclass
class Article:
    """A loaded, cleaned article; every offset in the program points into `text`."""

    id: str
    source: str
    outlet: Outlet
    text: str
    title: str = ""
    published: str = ""
    author: str = ""
    url: str = ""
    error: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dateline: Span | None = None
    reference: bool = False  # the original the outlets are compared against (--reference, `reference: true`)

    def sentence_text(self, index: int) -> str:
        sentence = self.sentences[index]
        return self.text[sentence.start : sentence.end]

    def quote_text(self, index: int) -> str:
        quote = self.quotes[index]
        return self.text[quote.start : quote.end]

    @property
    def ok(self) -> bool:
        return not self.error


class GroupKind(str, Enum):
    SENTENCE = "sentence"
    QUOTE = "quote"
    PHRASE = "phrase"  # the same run of words inside sentences that otherwise say different things


class LinkKind(str, Enum):
    """How a member was linked to its group."""

    WHOLE = "whole"  # the whole passage matches, word for word in order
    FRAGMENT = "fragment"  # the shorter passage is part of the longer one
    MERGED = "merged"  # a run of adjacent sentences matches one sentence of another outlet
    REORDERED = "reordered"  # the same content words in another order, a clause added or dropped
    QUOTATION = "quotation"  # the sentences carry the same quotation
    USER = "user"  # joined by the user


@dataclass(frozen=True)
class Reason:
    """Why a member belongs to its group: its best link, to which passage, sharing which words."""

    kind: LinkKind
    score: float
    partner: int  # article index of the member it was linked to
    partner_sentence: int
    shared: tuple[str, ...] = ()


@dataclass(frozen=True)
class Member:
    """One outlet's version of a shared passage; a merged run spans several sentences."""

    article: int
    sentence: int
    start: int
    end: int
    score: float
    quote: int | None = None
    sentences: tuple[int, ...] = ()
    reason: Reason | None = None

    @property
    def spans(self) -> tuple[int, ...]:
        """Every sentence the member covers."""
        return self.sentences or (self.sentence,)


@dataclass(frozen=True)
class Closest:
    """An outlet's nearest passage to a group it does not carry, with its similarity (0-100)."""

    article: int
    sentence: int
    start: int
    end: int
    score: float


@dataclass
class Group:
    """Passages that carry the same wording across outlets."""

    id: int
    kind: GroupKind
    members: list[Member]
    # Outlets (article indexes) that do not carry the group but have something close to it.
    closest: dict[int, Closest] = field(default_factory=dict)

    @property
    def articles(self) -> set[int]:
        return {m.article for m in self.members}

    def members_of(self, article: int) -> list[Member]:
        return [m for m in self.members if m.article == article]

    def state(self, article: int) -> str:
        """What an outlet does with the passage: "carried", "close" (a weaker match only) or "absent"."""
        if article in self.articles:
            return "carried"
        return "close" if article in self.closest else "absent"


@dataclass(frozen=True)
class Figure:
    """A number in an article with what it counts."""

    article: int
    sentence: int
    start: int
    end: int
    value: float
    qualifier: str
    measure: str  # what is counted: "killed", "$", "percent", "age", "years", or the noun after the number
    kind: str = "count"  # count, money, percent, age, duration or year
    subject: str = ""  # of what or whom: "rolex", "romney", "sentence"; empty when the text does not say
    written: str = ""  # the number as the outlet wrote it ("17.2", "51,704,286", "eight"), for its precision


@dataclass
class FigureConflict:
    """Outlets give different values for the same measure of the same subject."""

    id: int
    measure: str
    figures: list[Figure]
    subject: str = ""
    # "aligned passage" when the figures stand in the same place of passages the outlets share (the strongest
    # evidence), "same measure" when they are found apart with the same measure and subject.
    evidence: str = "same measure"

    @property
    def label(self) -> str:
        """The measure and its subject, as shown to the reader ("$ · rolex", "killed · soldiers")."""
        return f"{self.measure} · {self.subject}" if self.subject and self.subject != self.measure else self.measure


@dataclass(frozen=True)
class AppliedCorrection:
    """A user's correction and the two sentences it names in this run: (article, sentence), or None when
    one of them is no longer there (the correction is kept, and applies again if it comes back)."""

    correction: object  # tui.corrections.Correction
    a: tuple[int, int] | None
    b: tuple[int, int] | None

    @property
    def applied(self) -> bool:
        return self.a is not None and self.b is not None


@dataclass
class Alignment:
    articles: list[Article]
    groups: list[Group]
    conflicts: list[FigureConflict] = field(default_factory=list)
    corrections: list[AppliedCorrection] = field(default_factory=list)
