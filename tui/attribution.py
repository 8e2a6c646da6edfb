"""Who an outlet credits for each quotation, and how: the speaker, the verb and where the credit stands.

Rule-based on the quotation's sentence and its neighbours. A wrong speaker misleads more than none, so every
rule gives up (returns None) when the words around the quotation do not name a speaker plainly.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from tui.model import Article, Quote
from tui.speakers import (OPENERS, PERSON_PRONOUNS, THING_PRONOUNS, TIMES, forward_phrase, is_person, phrase_after,
                          phrase_before, people_named, surnames)

SPEECH_VERBS = (
    "said|says|say|told|added|adds|stated|wrote|writes|noted|asks|argues|insists|warns|recalls|explains|"
    "explained|insisted|argued|claimed|declared|warned|asked|replied|responded|announced|acknowledged|"
    "admitted|conceded|recalled|continued|tweeted|testified|accused|urged|called|described|reported|"
    "expressed|suggested|predicted|vowed|promised|complained|charged|contended|countered|cautioned|"
    "emphasized|stressed|observed|concluded|quipped|joked|remarked|maintained|conceded|pledged|boasted|"
    "went on"
)
_VERB = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
_AS_SAYING = re.compile(r"\bquoted\s+(.{1,80}?)\s+as\s+saying\b")
_WAS_QUOTED = re.compile(r"\b(?:was|were)\s+quoted\b")
_ACCORDING = re.compile(r"\baccording to\s+")
# The speaker after "according to" runs to the clause's end; the full stops of "U.S." or "Dr." do not end it.
_ACCORDING_SPEAKER = re.compile(
    r"(?:(?:[A-Z]\.){2,}|\b(?:Mrs|Mr|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Adm|St|Jr|Sr|Inc|Co|Corp|Ltd|Prof|Rev)\."
    r"|[^,.;:“”\"(])+")
# A relaying outlet ("..., TASS reported") gives way to a speaker named before the quotation.
RELAYS = {"reported"}
# Words after a quotation that may stand between it and its credit: ``," he said`` / ``, said the official``.
_LEAD = re.compile(r"^[\s,;:—–-]*")


@dataclass(frozen=True)
class Attribution:
    """Who an outlet credits for a quotation: the speaker as named (a pronoun resolved to its name), the
    verb as written, and the offsets of the credit ("CENTCOM said") in the article text."""

    speaker: str
    verb: str
    start: int
    end: int

    @property
    def key(self) -> str:
        """The speaker reduced for comparison across outlets ("the U.S. military" -> "us military")."""
        from tui.speaker_match import speaker_key

        return speaker_key(self.speaker)


def attribute(article: Article, quote: Quote) -> Attribution | None:
    """The credit the article gives a quotation, or None when the text does not name a speaker plainly."""
    finder = _Finder(article)
    return finder.find(quote)


def attribute_all(article: Article) -> list[Attribution | None]:
    """The credit of every quotation of an article, by quotation index."""
    finder = _Finder(article)
    return [finder.find(quote) for quote in article.quotes]


class _Finder:
    """Looks for a credit after the quotation, then before it, then in the sentences around it."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.starts = [s.start for s in article.sentences]
        self.found: dict[int, Attribution | None] = {}
        self.surnames = surnames(article.text)
        self.quote_starts = [q.outer_start for q in article.quotes]

    def find(self, quote: Quote) -> Attribution | None:
        if quote.index not in self.found:
            self.found[quote.index] = None  # a quotation continuing itself must not loop
            self.found[quote.index] = self._find(quote)
        return self.found[quote.index]

    def _find(self, quote: Quote) -> Attribution | None:
        if quote.depth or self._quote_around(quote.outer_start) is not None:
            return None  # a quotation inside a quotation: the outer speaker is quoting someone, leave it
        if _is_title(self.text[quote.start : quote.end]):
            return None  # “Charlie Rose”, “Fast and Furious”: a name in quotation marks, not words spoken
        after = self._after(quote)
        if after is not None and after.verb in RELAYS:
            return self._before(quote) or after  # ``X said ... “...,” TASS reported``: X spoke, TASS relayed
        return after or self._before(quote) or self._continued(quote)

    def sentence_span(self, offset: int) -> tuple[int, int]:
        index = max(0, bisect.bisect_right(self.starts, offset) - 1)
        sentence = self.article.sentences[index]
        return sentence.start, sentence.end

    def _after(self, quote: Quote) -> Attribution | None:
        """ ``“...,” CENTCOM said`` / ``“...,” said Col. Thomas`` / ``“...,” according to Reuters``."""
        _, end = self.sentence_span(quote.outer_end - 1)
        if not self.text[quote.outer_end : end].strip() and self.text[quote.end - 1 : quote.end] in "?!":
            # ``“Go!” Fox said.``: the splitter ends the sentence at the mark; its credit opens the next one.
            _, end = self.sentence_span(min(len(self.text) - 1, end + 1))
            if "\n" in self.text[quote.outer_end : end].strip():
                return None
        tail_end = self._next_quote_start(quote, end)
        tail = self.text[quote.outer_end : tail_end]
        lead = _LEAD.match(tail).end()
        if lead == 0 and tail[:1].isalnum():
            return None  # the quotation runs on into the sentence: a credit before it governs
        saying = _AS_SAYING.match(tail, lead) or _AS_SAYING.search(tail[: lead + 60], lead)
        if saying is not None and not _WAS_QUOTED.search(tail, lead, saying.end()):
            named = saying.group(1)
            start = quote.outer_end + saying.start(1)
            return self._credit(named, "quoted as saying", start, start + len(named), quote)
        found = phrase_after(tail, lead, _VERB)
        if found is None:
            return self._according(quote.outer_end, tail_end)
        speaker, verb, start, stop = found
        return self._credit(speaker, verb, quote.outer_end + start, quote.outer_end + stop, quote)

    def _before(self, quote: Quote) -> Attribution | None:
        """ ``CENTCOM said: “...”`` / ``Power accused Russia of “...”`` / ``X was quoted ... as saying “...”``."""
        start, _ = self.sentence_span(quote.outer_start)
        head = self.text[start : quote.outer_start]
        saying = self._as_saying(head, start, quote)
        if saying is not None:
            return saying
        verbs = list(_VERB.finditer(head))
        for verb in reversed(verbs[-2:]):
            if verb.group() in RELAYS:
                return None  # ``The Times reported that he was promised “dirt”``: the words are not the paper's
            if verb.group() == "told" and not head[verb.end():].strip():
                continue  # ``Mr. Vance told “two senior aides” about``: who was told, not what
            speaker = phrase_before(head, verb.start())
            if speaker is not None:
                return self._credit(speaker[0], verb.group(), start + speaker[1], start + verb.end(), quote)
        return self._according(quote.outer_end, self.sentence_span(quote.outer_end - 1)[1]) or self._according_in(
            head, start)

    def _as_saying(self, head: str, offset: int, quote: Quote) -> Attribution | None:
        """ ``TASS quoted the spokesman as saying`` names the spokesman; ``Zakharova was quoted ... as saying``."""
        match = _AS_SAYING.search(head)
        if match is None:
            return None
        passive = _WAS_QUOTED.search(head, 0, match.end())
        if passive is not None:
            speaker = phrase_before(head, passive.start())
            return speaker and self._credit(speaker[0], "quoted", offset + speaker[1], offset + match.end(), quote)
        named = match.group(1)
        return self._credit(named, "quoted as saying", offset + match.start(1), offset + match.end(), quote)

    def _according(self, begin: int, end: int) -> Attribution | None:
        return self._according_in(self.text[begin:end], begin)

    def _according_in(self, text: str, offset: int) -> Attribution | None:
        match = _ACCORDING.search(text)
        if match is None:
            return None
        words = _ACCORDING_SPEAKER.match(text, match.end())
        if words is None:
            return None
        speaker = words.group().strip()
        if not speaker or len(speaker.split()) > 10:
            return None
        return Attribution(speaker, "according to", offset + match.start(), offset + match.end() + len(speaker))

    def _continued(self, quote: Quote) -> Attribution | None:
        """A quotation that fills its sentence continues the speaker of the quotation just before it."""
        start, end = self.sentence_span(quote.outer_start)
        before = self.text[start : quote.outer_start].strip()
        if before or quote.index == 0:
            return None
        previous = self.article.quotes[quote.index - 1]
        earlier_sentence = bisect.bisect_right(self.starts, previous.outer_end - 1) - 1
        this_sentence = bisect.bisect_right(self.starts, quote.outer_start) - 1
        if previous.depth or this_sentence - earlier_sentence > 2:
            return None
        credit = self.find(previous)
        between = self.article.sentences[this_sentence - 1].start
        if this_sentence - earlier_sentence == 2 and (credit is None or credit.start < between):
            return None  # a sentence between them that is not the earlier quotation's own credit
        return credit

    def _quote_around(self, offset: int) -> int | None:
        """Where the quotation holding an offset opens, for a sentence that is quoted words throughout."""
        at = bisect.bisect_left(self.quote_starts, offset)
        # Quotations nest but do not cross, so the outermost holding the offset opens among the last few before it.
        for quote in reversed(self.article.quotes[max(0, at - 4) : at]):
            if quote.outer_start < offset < quote.outer_end:
                return quote.outer_start
        return None

    def _credit_of(self, start: int, end: int) -> str | None:
        """The speaker credited for the quotation that opens a sentence, if any."""
        at = bisect.bisect_left(self.quote_starts, start)
        quote = next((q for q in self.article.quotes[at : at + 3]
                      if start <= q.outer_start < max(end, start + 1) and not q.depth), None)
        credit = self.find(quote) if quote is not None else None
        return credit.speaker if credit is not None else None

    def _next_quote_start(self, quote: Quote, end: int) -> int:
        """Where the next quotation after this one opens, or the sentence's end if that comes first."""
        for later in self.article.quotes[quote.index + 1 :]:
            if later.outer_start >= end:
                break
            if later.outer_start >= quote.outer_end and not later.depth:
                return later.outer_start
        return end

    def _credit(self, speaker: str, verb: str, start: int, end: int, quote: Quote) -> Attribution | None:
        """The credit, with a pronoun resolved to the speaker it stands for, or None where that is unsafe."""
        word = speaker.lower()
        if word in PERSON_PRONOUNS or word in THING_PRONOUNS:
            speaker = self._resolve(word, start) or ""
        if not speaker or re.search(r"[’']s$", speaker):
            return None  # ``the president’s``: a possessive names whose something, not who spoke
        return Attribution(speaker, verb, start, end)

    def _resolve(self, pronoun: str, offset: int) -> str | None:
        """ "he" -> the person the nearest sentences are about, "it" -> the body or statement they are about;
        None where the nearest candidate is of the other kind (a body before "he"), which makes it unsafe."""
        index = bisect.bisect_right(self.starts, offset) - 1
        wanted_person = pronoun in PERSON_PRONOUNS
        for back in range(index, max(-1, index - 4), -1):
            sentence = self.article.sentences[back]
            words = self.text[sentence.start : min(sentence.end, offset)]
            inside = self._quote_around(sentence.start)
            if back < index and inside is None and _closes_unopened(self.text[sentence.start : sentence.end]):
                continue  # ``Not a Roger Stone.”``: the end of a quotation opened in an earlier paragraph
            if back < index and (inside is not None or words.lstrip()[:1] in "“\"'‘"):
                credited = self._credit_of(inside or sentence.start, sentence.end)  # ``“...,” Hunter said.``
                if credited is not None and is_person(credited, self.surnames) == wanted_person:
                    return credited
                continue
            # The pronoun's own sentence counts its opening name too ("Mr. Lee began ..., what he called"),
            # unless it opens on the quotation itself.
            opening = back < index or (inside is None and words.lstrip()[:1] not in "“\"'‘")
            subject = _subject(words, opening, self.surnames if wanted_person else None)
            if subject is not None and subject.lower() in PERSON_PRONOUNS:
                continue  # ``In a statement, she criticised the Lee administration``: still about the one before
            person = subject is not None and is_person(subject, self.surnames)
            if wanted_person and back < index and not person:
                named = people_named(words, self.surnames)  # the one person the sentence names, if only one
                if named:
                    return next(iter(named.values())) if len(named) == 1 else None
            if subject is None or subject.lower() in PERSON_PRONOUNS | THING_PRONOUNS:
                continue
            return subject if person == wanted_person else None
        return None


# A clause a sentence opens on, up to the comma that ends it (a closing quotation mark may stand after the
# comma): its subject is not the sentence's.
_OPENING_CLAUSE = re.compile(r"\s*(?:When|While|After|Before|As|Although|Though|Because|Since|If|Once|Until)\s"
                             r"[^,;:!?]*?\s(?:\w+ed|went|was|were|had|did|said|spoke|made|took|came|told|gave|got)\b"
                             r"[^;:!?]*?,[”\"’']?\s+")


# A sentence whose main clause, after an opening phrase or clause, is about "he" or "she" ("In a statement
# released Monday, she criticised ...").
_PRONOUN_AFTER_OPENING = re.compile(r"\s*(\w+)\b[^;:!?]{0,120}?,[”\"’']?\s+([Hh]e|[Ss]he)\s+[a-z]")


_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")


def _closes_unopened(sentence: str) -> bool:
    """Whether a sentence ends a quotation it does not open (the rest of it is in an earlier paragraph)."""
    close = sentence.find("”")
    return close >= 0 and "“" not in sentence[:close]


def _is_title(words: str) -> bool:
    """A short quotation whose every longer word is capitalised names a show, a book or an operation."""
    found = re.findall(r"[\w’'-]+", words)
    # A day or a month is capitalised in any sentence ("We will vote on Monday"): it makes no title.
    long = [w for w in found if len(w) >= 5 and w.lower() not in TIMES]
    if re.search(r"[.!?,;:]\s", words) or not 1 < len(found) <= 8 or not found[0][:1].isupper():
        return False
    return bool(long) and all(w[:1].isupper() for w in long)


def _subject(sentence: str, opening: bool, people: set[str] | None = None) -> str | None:
    """The speaker of the sentence's first speech verb, or (in an earlier sentence) the name it opens with;
    when looking for a person (`people` given), a person it opens with comes first. A sentence opening on a
    clause of its own ("When Mr. Adams went after ..., Ms. Baker reminded ...") opens after that clause."""
    start = len(sentence) - len(sentence.lstrip())
    clause = _OPENING_CLAUSE.match(sentence) if opening else None
    if clause is not None:
        start = clause.end()
    first = forward_phrase(sentence, start) if opening else []
    while first and first[0].group().lower() in OPENERS:
        first = first[1:]
    pronoun = _PRONOUN_AFTER_OPENING.match(sentence) if opening else None
    if pronoun is not None and pronoun.group(1).lower() in OPENERS:
        return pronoun.group(2)  # the main clause's subject is "he": the sentence is about whom it stands for
    if people is not None and first and is_person(sentence[first[0].start() : first[-1].end()], people):
        if first[0].group().lower() not in {"the", "a", "an"} | PERSON_PRONOUNS and first[0].start() < start + 3:
            return sentence[first[0].start() : first[-1].end()]
    # A speech verb inside a quotation is the quoted speaker's words ("“President Lee has said ...,” she
    # said"): only the sentence's own words are read for one.
    own = _QUOTED.sub(lambda quoted: " " * len(quoted.group()), sentence)
    for verb in _VERB.finditer(own):
        found = phrase_before(own, verb.start())
        if found is not None:
            return found[0]
    if first and first[0].group()[:1].isupper() and first[0].group().lower() not in {"the", "a", "an"}:
        return sentence[first[0].start() : first[-1].end()]
    return None
