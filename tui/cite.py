"""Citations of a quoted passage in plain text, Markdown, APA 7, MLA 9, Chicago and BibTeX.

The clipboard holds plain text, so only the Markdown style marks italics; the other styles name the outlet plainly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from tui.clean import printable

STYLES = ("plain", "markdown", "apa", "mla", "chicago", "bibtex")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip
MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
# Bylines that name a role or a content system rather than a person.
NOT_AUTHORS = {"admin", "administrator", "staff", "editor", "editors", "staff writer", "web desk", "desk",
               "newsroom", "anonymous", "unknown", "webmaster", "editorial staff", "none", "null"}  # fmt: skip

_BIBTEX_SPECIAL = re.compile(r"[\\{}%&$#_~^]")
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_TRAILING_PUNCTUATION = re.compile(r"[\s,;:]+$")
_KEY_STOPWORDS = {"a", "an", "the", "of", "on", "in", "to", "and", "for", "at", "by", "as"}


@dataclass(frozen=True)
class CitationSource:
    quote: str
    outlet: str
    headline: str
    author: str
    published: str
    url: str
    accessed: date
    speaker: str = ""  # who the outlet credits for the quotation, where the text says plainly


def cite(source: CitationSource, style: str) -> str:
    """Return one citation of source's quotation in the given style."""
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; choose one of: {', '.join(STYLES)}")
    if style == "bibtex":
        return _bibtex(source, _bibtex_key(source))
    return _FORMATTERS[style](source)


def cite_many(sources: list[CitationSource], style: str) -> str:
    """Return one citation per source separated by blank lines, with distinct BibTeX keys."""
    if style != "bibtex":
        return "\n\n".join(cite(source, style) for source in sources)
    used: set[str] = set()
    entries = []
    for source in sources:
        key = base = _bibtex_key(source)
        suffix = ord("b")
        while key in used:
            key, suffix = f"{base}{chr(suffix)}", suffix + 1
        used.add(key)
        entries.append(_bibtex(source, key))
    return "\n\n".join(entries)


_STRAIGHT_OPENING = re.compile(r'(?:^|(?<=[\s(\[{—–/-]))"')


def clean(text: str) -> str:
    """Outside text through the one cleaning path, on one line."""
    return printable(text or "")


def _quote(source: CitationSource) -> str:
    """The quotation as clean text, with its own outer marks dropped and inner double marks made single."""
    text = clean(source.quote)
    inner = text[1:-1]
    if len(text) > 1 and text[0] in "“\"" and text[-1] in "”\"" and not any(m in inner for m in "“”\""):
        text = text[1:-1].strip()
    # "…new ways to serve," — the comma belonged to the outlet's sentence, not to the words quoted.
    text = _TRAILING_PUNCTUATION.sub("", text)
    return _nested(text)


def _nested(text: str) -> str:
    """Text set inside double quotation marks, its own double marks made single. A straight mark opens where a
    word starts after it and closes where one ends before it: a passage may start inside a quotation, so
    taking them in turns would turn its first closing mark into an opening one."""
    text = text.replace("“", "‘").replace("”", "’")
    return _STRAIGHT_OPENING.sub("‘", text).replace('"', "’")


def _credit(source: CitationSource) -> str:
    """ "CENTCOM: " before a quotation whose speaker is known, so the citation says whose words they are."""
    speaker = clean(source.speaker)
    return f"{speaker}: " if speaker else ""


def authors(source: CitationSource) -> list[str]:
    """The people named in the byline, in order; roles such as "admin" or "staff" name nobody."""
    byline = re.sub(r"^by\s+", "", clean(source.author), flags=re.IGNORECASE)
    names = [n.strip() for n in re.split(r"\s*(?:,|;|&|\band\b)\s*", byline) if n.strip()]
    return [n for n in names if n.lower() not in NOT_AUTHORS]


def _date_parts(published: str) -> tuple[int, int, int] | None:
    """Year, month and day (0 when not given) of an ISO date, or None when there is no usable year."""
    match = re.match(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", published or "")
    if not match:
        return None
    year, month, day = (int(g) if g else 0 for g in match.groups())
    if not 1 <= month <= 12:
        month, day = 0, 0
    return year, month, day if 1 <= day <= 31 else 0


def _day_month_year(parts: tuple[int, int, int] | None, months=MONTHS) -> str:
    if not parts:
        return ""
    year, month, day = parts
    return " ".join(str(p) for p in (day or "", months[month - 1] if month else "", year) if p)


def _month_day_year(parts: tuple[int, int, int] | None) -> str:
    if not parts:
        return ""
    year, month, day = parts
    if not month:
        return str(year)
    return f"{MONTHS[month - 1]} {day}, {year}" if day else f"{MONTHS[month - 1]} {year}"


def _join(parts: list[str], sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


def _plain(source: CitationSource) -> str:
    date_text = _day_month_year(_date_parts(source.published))
    byline = _join(authors(source), " and ")
    headline = _nested(clean(source.headline))
    line = _join([clean(source.outlet), f"“{headline}”" if headline else "", f"by {byline}" if byline else "",
                  date_text])  # fmt: skip
    tail = f" {clean(source.url)} (accessed {_day_month_year(_accessed(source))})" if source.url.strip() else ""
    return f"{_credit(source)}“{_quote(source)}”\n— {line}.{tail}"


def _markdown(source: CitationSource) -> str:
    escape = lambda text: _MARKDOWN_SPECIAL.sub(r"\\\1", text)  # noqa: E731
    quote = re.sub(r"^([#+\-]|\d+\.)", r"\\\1", escape(_quote(source)))
    byline = _join(authors(source), " and ")
    headline = escape(clean(source.headline))
    line = _join([escape(clean(source.outlet)), f"*{headline}*" if headline else "",
                  f"by {escape(byline)}" if byline else "", _day_month_year(_date_parts(source.published))])  # fmt: skip
    url = clean(source.url).replace(">", "%3E").replace("<", "%3C").replace(" ", "%20")
    tail = f" <{url}> (accessed {_day_month_year(_accessed(source))})" if url else ""
    return f"> {escape(_credit(source))}{quote}\n>\n> — {line}.{tail}"


def _accessed(source: CitationSource) -> tuple[int, int, int]:
    return source.accessed.year, source.accessed.month, source.accessed.day


def _apa_name(name: str) -> str:
    words = name.split()
    if len(words) == 1:
        return name
    initials = " ".join("-".join(f"{part[0]}." for part in w.split("-") if part) for w in words[:-1])
    return f"{words[-1]}, {initials}"


def _apa(source: CitationSource) -> str:
    names = [_apa_name(n) for n in authors(source)]
    who = _join_names(names, ", & ", ", &")
    when = _apa_date(_date_parts(source.published)) + "."
    headline = _sentence_end(clean(source.headline))
    lead = [who, when, headline] if who else [headline, when]
    outlet = clean(source.outlet)
    reference = _join([*lead, f"{outlet}." if outlet else "", clean(source.url)], " ")
    return f"{_credit(source)}“{_quote(source)}”\n{reference}"


def _apa_date(parts: tuple[int, int, int] | None) -> str:
    if not parts:
        return "(n.d.)"
    year, month, day = parts
    if not month:
        return f"({year})"
    return f"({year}, {MONTHS[month - 1]}{f' {day}' if day else ''})"


def _join_names(names: list[str], last_of_many: str, last_of_two: str) -> str:
    """Join names as a list whose last name follows its own separator, as each style wants."""
    if len(names) < 2:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]}{last_of_two} {names[1]}"
    return ", ".join(names[:-1]) + f"{last_of_many} {names[-1]}"


def _sentence_end(text: str) -> str:
    return text if not text or text[-1] in ".?!" else f"{text}."


def _invert_first(names: list[str]) -> list[str]:
    if not names:
        return []
    first = names[0].split()
    return [f"{first[-1]}, {' '.join(first[:-1])}" if len(first) > 1 else names[0], *names[1:]]


def _mla(source: CitationSource) -> str:
    names = _invert_first(authors(source))
    who = f"{names[0]}, et al." if len(names) > 2 else _join_names(names, ", and", ", and")
    headline = _nested(clean(source.headline))
    container = _join([clean(source.outlet), _day_month_year(_date_parts(source.published), MLA_MONTHS),
                       re.sub(r"^https?://", "", clean(source.url))])  # fmt: skip
    accessed = f"Accessed {_day_month_year(_accessed(source), MLA_MONTHS)}." if source.url.strip() else ""
    pieces = [_sentence_end(who), f"“{_sentence_end(headline)}”" if headline else "",
              _sentence_end(container), accessed]  # fmt: skip
    return f"{_credit(source)}“{_quote(source)}”\n{_join(pieces, ' ')}"


def _chicago(source: CitationSource) -> str:
    names = _invert_first(authors(source))
    who = _join_names(names, ", and", ", and")
    headline = _nested(clean(source.headline))
    when = _month_day_year(_date_parts(source.published))
    url = clean(source.url)
    # Chicago gives an access date only when the source itself carries no date.
    accessed = f"accessed {_month_day_year(_accessed(source))}" if url and not when else ""
    container = _join([clean(source.outlet), when, accessed])
    pieces = [_sentence_end(who), f"“{_sentence_end(headline)}”" if headline else "",
              _sentence_end(container), _sentence_end(url)]  # fmt: skip
    return f"{_credit(source)}“{_quote(source)}”\n{_join(pieces, ' ')}"


def _bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES.get(m.group(), "\\" + m.group()), text)


def _ascii_word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower())


def _bibtex_key(source: CitationSource) -> str:
    """A key such as cnn2016coalition: outlet, year and the first telling word of the headline."""
    parts = _date_parts(source.published)
    words = [_ascii_word(w) for w in clean(source.headline).split()]
    word = next((w for w in words if w and w not in _KEY_STOPWORDS), "")
    outlet = _ascii_word(source.outlet)
    if len(outlet) > 16:
        outlet = next((w for w in map(_ascii_word, source.outlet.split()) if w and w not in _KEY_STOPWORDS), "")
    key = f"{outlet[:16]}{parts[0] if parts else ''}{word}"
    return key or "source"


def _bibtex(source: CitationSource, key: str) -> str:
    parts = _date_parts(source.published)
    iso_date = "-".join(f"{p:02d}" for p in parts if p) if parts else ""
    # biblatex reads url verbatim, so only characters that break the entry are percent-encoded.
    url = clean(source.url).replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")
    fields = [
        ("title", _bibtex_escape(clean(source.headline))),
        ("author", _bibtex_escape(" and ".join(authors(source)))),
        ("organization", _bibtex_escape(clean(source.outlet))),
        ("date", iso_date),
        ("url", url),
        ("urldate", source.accessed.isoformat() if url else ""),
        ("note", f"Quoted{_bibtex_escape(f' ({clean(source.speaker)})' if clean(source.speaker) else '')}: "
                 f"{_bibtex_escape(_quote(source))}"),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@online{{{key},\n{body}\n}}"


_FORMATTERS = {"plain": _plain, "markdown": _markdown, "apa": _apa, "mla": _mla, "chicago": _chicago}
