"""Noun phrases that can be credited with a quotation: names, bodies, "the official", "the statement"."""

from __future__ import annotations

import re

PERSON_PRONOUNS = {"he", "she"}
THING_PRONOUNS = {"it"}
# Lower-case words that may stand in a speaker's noun phrase ("a senior administration official").
NOUNS = set(
    "spokesman spokeswoman spokesperson spokesmen official officials statement statements source sources aide aides "
    "senior top former administration military government ministry minister ambassador envoy analyst officer "
    "commander president senator report release press agency news state-run state media foreign defense defence "
    "security campaign lawyer attorney representative director chief head leader chairman chairwoman secretary "
    "adviser advisor expert experts police prosecutor prosecutors judge witness residents authorities army "
    "written joint new local federal county city his her its their of for the a an at in on white house office "
    "to department group coalition u.s. us general staff member members spokespeople correspondent reporter "
    "economist researcher researchers professor scientist doctor governor mayor candidate strategist".split()
)
# Lower-case words that make a phrase a speaker on their own (not "the" or "of" alone).
HEADS = NOUNS - set("of for the a an at in on his her its their written joint new local federal county city "
                    "senior top former foreign state-run state u.s. us".split())
PERSON_HEADS = set(
    "spokesman spokeswoman spokesperson official aide minister ambassador envoy analyst officer commander president "
    "senator lawyer attorney representative director chief head leader chairman chairwoman secretary adviser advisor "
    "expert prosecutor judge witness general member correspondent reporter economist researcher professor "
    "scientist doctor governor mayor candidate strategist".split()
)
ORGS = set(
    "command ministry department military government agency news statement council committee office house party "
    "administration army police court congress senate reuters ap afp tass sputnik centcom pentagon kremlin "
    "observatory foundation association university times post journal network campaign coalition group union "
    "bank fund commission authority service forces force navy corps bureau institute center centre company "
    "corporation inc newsmax cnn fox bbc nbc abc cbs msnbc report release".split()
)
# Capitalised words that open a sentence or clause without being part of a name.
OPENERS = set("but and then earlier however in on at after before during when while also still yet so meanwhile later "
              "asked speaking as if though although because since".split())
ADVERBS = set("also later then earlier previously again has had have was is would will publicly repeatedly "
              "quickly first recently once separately further simply flatly".split())
MAX_WORDS = 12
TIMES = set("monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
            "august september october november december".split())
# A party and state after a politician's name: "(R-Ohio)", ", D-Vt.,".
_PARTY = re.compile(r"\s*[(,]\s*[RDI]-[A-Z][\w. ]{0,14}[),]?\s*$")
_WORD = re.compile(r"[\w.’'&-]+")
WORD = _WORD  # a word as the speaker rules see it ("U.S.", "Russia’s", "47-page")


def _is_name_word(word: str) -> bool:
    """A capitalised word, or a name with a lower-case particle glued on ("diGenova", "deBlasio")."""
    return word[:1].isupper() or bool(re.match(r"[a-z]{1,3}[A-Z]\w", word))


def np_word(word: str) -> bool:
    """Whether a word can stand inside a speaker's noun phrase ("47-page" in "the 47-page indictment")."""
    bare = re.sub(r"[’']s$", "", word)
    return _is_name_word(bare) or bare.lower() in NOUNS or bool(re.match(r"\d[\d,.]*-[a-z]+$", bare))


def _plausible(words: list[str]) -> bool:
    """A speaker names someone: a capitalised word, or a head noun such as "official" or "statement"."""
    return any(_is_name_word(w) or re.sub(r"[’']s$", "", w).lower() in HEADS for w in words)


def _trim(words: list[str]) -> list[str]:
    """Drop connectors and sentence openers at the start ("But the official" -> "the official")."""
    while words and (words[0].lower() in OPENERS or words[0].lower() in {"of", "for", "at", "in", "on", "to"}):
        words = words[1:]
    return words


def phrase_before(text: str, end: int) -> tuple[str, int] | None:
    """The speaker phrase that ends just before `end` (a verb), and where it starts; None when there is none."""
    tag = _PARTY.search(text, 0, end)
    if tag is not None:
        return phrase_before(text, tag.start())  # ``Sen. Lindsey Graham (R-S.C.) called``: the tag is no name
    words = list(_WORD.finditer(text, 0, end))
    while words and words[-1].group().lower() in ADVERBS:
        words.pop()
    if not words:
        return None
    gap = text[words[-1].end() : end]
    if gap.strip() == ",":
        if _is_name_word(words[-1].group()):
            return _apposed_name(text, words)  # ``Samantha Power's opposite number, Vitaliy Churkin, said``
        taken = _walk_back(text, words)  # ``Susan Rice, the national security adviser, said``
        return _name_before_apposition(text, taken[0].start()) if taken else None
    if re.sub(r"[\w\s]", "", gap) or not all(w.lower() in ADVERBS for w in _WORD.findall(gap)):
        return None  # punctuation between the phrase and its verb
    last = words[-1].group().lower()
    if last in PERSON_PRONOUNS or last in THING_PRONOUNS:
        return words[-1].group(), words[-1].start()
    return _phrase_ending(text, _walk_back(text, words))


def _phrase_ending(text: str, taken: list[re.Match]) -> tuple[str, int] | None:
    """The speaker among the noun-phrase words before a verb: the name before an apposition, openers and a
    trailing day left out."""
    if not taken:
        return None
    phrase = [m.group() for m in taken]
    apposition = _name_before_apposition(text, taken[0].start()) if not _is_name_word(phrase[0]) else None
    if apposition is not None:
        return apposition
    trimmed = _trim(phrase)
    while len(trimmed) > 2 and trimmed[-2].lower() in {"on", "in", "at"} and trimmed[-1].lower() in TIMES:
        trimmed, taken = trimmed[:-2], taken[:-2]  # ``Stone on Friday said``: the day is no part of the name
    if not trimmed or not _plausible(trimmed):
        return None
    first = taken[len(taken) - len(trimmed)]
    return text[first.start() : taken[-1].end()], first.start()


def _walk_back(text: str, words: list[re.Match]) -> list[re.Match]:
    """The longest run of noun-phrase words ending with the last one, unbroken by punctuation."""
    taken: list[re.Match] = []
    for word in reversed(words):
        if not np_word(word.group()) or len(taken) >= MAX_WORDS:
            break
        if taken and text[word.end() : taken[0].start()].strip():
            break  # a comma, a quotation mark: the phrase ends there
        taken.insert(0, word)
    return taken


def _apposed_name(text: str, words: list[re.Match]) -> tuple[str, int] | None:
    """A name set off by commas just before its verb: all capitalised words between two commas."""
    taken = _walk_back(text, words)
    trimmed = _trim([m.group() for m in taken])
    if not trimmed or not all(_is_name_word(w) for w in trimmed):
        return None
    first = taken[len(taken) - len(trimmed)]
    if not text[: first.start()].rstrip().endswith(",") and first.start() > 0:
        return None
    return text[first.start() : taken[-1].end()], first.start()


def _name_before_apposition(text: str, start: int) -> tuple[str, int] | None:
    """ ``John Smith, a spokesman for the agency, said``: the name before the apposition is the speaker."""
    before = text[:start].rstrip()
    if not before.endswith(","):
        return None
    words = list(_WORD.finditer(before, 0, len(before) - 1))
    taken = _walk_back(before[: len(before) - 1], words)
    names = [m for m in taken if _is_name_word(m.group())]
    if not taken or not names or not _is_name_word(taken[-1].group()):
        return None
    trimmed = _trim([m.group() for m in taken])
    if not trimmed:
        return None
    first = taken[len(taken) - len(trimmed)]
    return before[first.start() : taken[-1].end()], first.start()


def phrase_after(tail: str, lead: int, verb: re.Pattern) -> tuple[str, str, int, int] | None:
    """A credit right after a quotation: ``CENTCOM said`` or ``said Col. John Thomas``, with its offsets in tail."""
    inverted = verb.match(tail, lead)
    if inverted is not None:
        words = forward_phrase(tail, inverted.end())
        trimmed = _trim([m.group() for m in words])
        if trimmed and _plausible(trimmed) and len(trimmed) == len(words):
            return tail[words[0].start() : words[-1].end()], inverted.group(), lead, words[-1].end()
        return None
    words = forward_phrase(tail, lead)
    found = _verb_after(tail, words, verb)
    plain = found is None  # ``the Mexican-born journalist told``: a determiner and a verb frame the speaker
    if plain:
        words = _described(tail, lead, verb)
        found = _verb_after(tail, words, verb)
    if found is None:
        return None
    speaker = tail[words[0].start() : words[-1].end()]
    if not plain and speaker.lower() not in PERSON_PRONOUNS | THING_PRONOUNS and not _plausible([m.group() for m in words]):
        return None
    return speaker, found.group(), words[0].start(), found.end()


_ADVERB = re.compile(r"\s*(?:(?:also|later|then|again)\s+)?")
# ``“...,” diGenova, who has advised the president, said``: a clause about the speaker before the verb.
_RELATIVE = re.compile(r",\s+(?:who|whose)\b[^,;:“”\"]{1,160},\s*")


def _verb_after(tail: str, words: list[re.Match], verb: re.Pattern) -> re.Match | None:
    """The speech verb right after a phrase, an adverb ("also", "later") or a clause on who they are between."""
    if not words:
        return None
    at = words[-1].end()
    relative = _RELATIVE.match(tail, at)
    if relative is not None:
        at = relative.end()
    return verb.match(tail, _ADVERB.match(tail, at).end())


def _described(tail: str, lead: int, verb: re.Pattern) -> list[re.Match]:
    """ ``, the Mexican-born journalist told``: a determiner and a few plain words right before a speech verb."""
    words = list(_WORD.finditer(tail, lead))[:6]
    if not words or words[0].group().lower() not in {"the", "a", "an"} or words[0].start() != lead:
        return []
    for number, word in enumerate(words[1:5], 1):
        if tail[words[number - 1].end() : word.start()].strip():
            return []
        if verb.fullmatch(word.group().rstrip(".")):
            return words[:number] if number > 1 else []
    return []


def forward_phrase(tail: str, start: int) -> list[re.Match]:
    """Noun-phrase words from start on (or one pronoun), unbroken by punctuation."""
    taken: list[re.Match] = []
    for word in _WORD.finditer(tail, start):
        gap = tail[taken[-1].end() if taken else start : word.start()]
        if gap.strip() or len(taken) >= MAX_WORDS:
            break
        if not taken and word.group().lower() in PERSON_PRONOUNS | THING_PRONOUNS:
            return [word]
        if taken and word.group().lower() in _AFTER_NAME and _says_where(tail, word.end(), taken):
            break  # ``said Romney in a statement``: what follows the name says where or when, not who
        ended = word.group().endswith(".") and not _ABBREVIATION.fullmatch(word.group())
        if ended:
            word = _BARE_WORD.match(tail, word.start(), word.end() - 1)  # ``says Perry.``: the sentence ends
            if word is None:
                break
        if not np_word(word.group()):
            break
        taken.append(word)
        if ended:
            break
    return taken


def _says_where(tail: str, end: int, taken: list[re.Match]) -> bool:
    """Whether a preposition after a name opens a place or time ("in a statement", "on Monday") rather than
    going on with the name ("Ambassador to the United Nations")."""
    following = _WORD.match(tail, end + 1)
    if following is None or not any(_is_name_word(w.group()) for w in taken):
        return False
    nxt = following.group().rstrip(".")
    if nxt.lower() in {"the"}:
        after = _WORD.match(tail, following.end() + 1)
        return after is None or not _is_name_word(after.group())
    return not _is_name_word(nxt) or nxt.lower() in TIMES


# Words that end a speaker phrase once it holds a name, and words whose full stop is not a sentence's end.
_AFTER_NAME = {"in", "at", "on", "to", "for", "during", "after", "before", "while", "with"}
_ABBREVIATION = re.compile(r"(?:[A-Za-z]\.){2,}|(?:Mrs|Mr|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Maj|Capt|Adm|St|Jr|Sr|"
                           r"Inc|Co|Corp|Ltd|Prof|Rev|No)\.")
_BARE_WORD = re.compile(r"[\w’'&-]+")


TITLES = set("mr mrs ms dr col gen lt sen rep gov president ambassador minister secretary judge rev sgt maj capt "
             "adm prof".split())


def is_person(phrase: str, surnames: set[str] = frozenset()) -> bool:
    """Whether a speaker phrase names a person ("Col. John Thomas", "the official"), not a body or a text.

    A lone capitalised word ("Russia", "Trump") is a person only where the article also names someone with
    it as a surname ("Donald Trump").
    """
    raw = _WORD.findall(phrase)
    words = [re.sub(r"[’']s$", "", w).lower().strip(".") for w in raw]
    if not words or words[-1] in TIMES:
        return False
    if len(raw) == 1 and re.sub(r"[’']s$", "", raw[-1]) in surnames and phrase[:1].isupper():
        return True  # "Fox" where the article names Vicente Fox
    if words[-1] in ORGS:
        return False
    if words[-1] in PERSON_HEADS:
        return True
    names = [w for w in raw if _is_name_word(w)]
    if not _is_name_word(raw[-1]):
        return False
    return len(names) >= 2 or any(w in TITLES for w in words) or raw[-1] in surnames


def surnames(text: str) -> set[str]:
    """Last words of the multi-word names in a text ("Donald Trump" -> "Trump"; "Central Command" -> "Command"
    too, which is why only a speaker of one word is looked up here)."""
    found = set()
    for match in re.finditer(r"\b[A-Z][\w’'.-]+(?:[ \t]+[A-Z][\w’'.-]+)+", text):
        words = match.group().split()
        while words and words[0].lower() in OPENERS | {"the", "a", "an"}:
            words = words[1:]  # "The Syrian", "On Friday": no one's name
        if len(words) >= 2:
            found.add(re.sub(r"[’']s$", "", words[-1]))
    return found


_NAME_RUN = re.compile(r"(?:\b(?:[A-Z][\w’'.-]*|[a-z]{1,3}[A-Z][\w’'-]*)(?:[ \t]+|$))+")


def people_named(text: str, surnames: set[str]) -> dict[str, str]:
    """The people a text names, by surname: {"Stone": "Mr. Stone"} (the longest form of each)."""
    found: dict[str, str] = {}
    for match in _NAME_RUN.finditer(text):
        words = match.group().split()
        while words and words[0].lower() in OPENERS | {"the", "a", "an"}:
            words = words[1:]
        name = re.sub(r"[’']s$", "", " ".join(words)).rstrip(".,")
        if name and is_person(name, surnames):
            last = name.split()[-1]
            if len(name) > len(found.get(last, "")):
                found[last] = name
    return found
