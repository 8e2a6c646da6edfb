"""The article inside an HTML page: body text without the page furniture, plus title, author, date and address."""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

import trafilatura

from .model import Document

# Extraction libraries log warnings about odd markup; unhandled, those would be printed over the terminal UI.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

HEAD_LIMIT = 300_000
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# What the extractor falls back to on a page without an article (a menu, a consent wall) is shorter than this.
MIN_WORDS = 12


def extract_article(html: str, url: str = "") -> Document | None:
    """The page's article, or None when no body text can be found."""
    result = _bare_extraction(html, url)
    text = as_paragraphs(_field(result, "text"))
    if len(text.split()) < MIN_WORDS:
        return None
    head = head_metadata(html)
    return Document(
        text=text,
        title=_first(_field(result, "title"), head.get("og:title"), head.get("twitter:title"), head.get("title")),
        author=_first(_field(result, "author"), *map(_not_a_link, (head.get("author"), head.get("article:author")))),
        published=_published(_field(result, "date"), head.get("article:published_time"), head.get("date")),
        url=_page_url(_field(result, "url"), head, url),
        site_name=_first(_field(result, "sitename"), head.get("og:site_name"), head.get("application-name")),
    )


def _bare_extraction(html: str, url: str) -> Any:
    # lxml drops some elements (lists) of a str page that starts with an XML declaration.
    html = XML_DECLARATION.sub("", html, count=1)
    try:
        return trafilatura.bare_extraction(
            html, url=url or None, with_metadata=True, include_comments=False,
            include_images=False, include_links=False, include_formatting=False,
        )
    # Broken markup can make lxml or the extractors fail in many ways; any of them means "no article found".
    except Exception:  # noqa: BLE001
        return None


def _field(result: Any, name: str) -> str:
    value = result.get(name) if isinstance(result, dict) else getattr(result, name, None)
    return value.strip() if isinstance(value, str) else ""


def as_paragraphs(text: str) -> str:
    """One paragraph per extracted line, separated by blank lines as the segmenter expects."""
    lines = (line.strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _first(*values: str | None) -> str:
    return next((v.strip() for v in values if v and v.strip()), "")


def _not_a_link(value: str | None) -> str:
    return "" if not value or value.startswith(("http://", "https://")) else value


def _published(extracted: str, meta_time: str | None, meta_date: str | None) -> str:
    """The page's publication time: its article:published_time with the time of day where it gives one (who
    published first needs more than the day), else the ISO day of the date found."""
    from tui.published import published_iso

    timed = published_iso(meta_time or "")
    if timed and "T" in timed:
        return timed
    return _date(_first(extracted, meta_time, meta_date))


def _date(value: str) -> str:
    """The ISO day of a timestamp ('2016-09-17T10:00Z' -> '2016-09-17'); other forms stay as given."""
    found = ISO_DATE.match(value)
    return found.group(0) if found else value


def _page_url(extracted: str, head: dict[str, str], url: str) -> str:
    """The canonical address when the page gives one, else the address it was fetched from."""
    for candidate in (extracted, head.get("canonical"), head.get("og:url")):
        if candidate:
            absolute = urljoin(url, candidate) if url else candidate
            if absolute.startswith(("http://", "https://")):
                return absolute
    return url


class _HeadParser(HTMLParser):
    """Collects <title>, <meta> values and the canonical link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}
        self._title: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key.lower(): (value or "").strip() for key, value in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key and values.get("content"):
                self.found.setdefault(key, values["content"])
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.found.setdefault("canonical", values.get("href", ""))
        elif tag == "title" and "title" not in self.found:
            self._title = []

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title is not None:
            self.found["title"] = " ".join("".join(self._title).split())
            self._title = None


def head_metadata(html: str) -> dict[str, str]:
    """Metadata from the page head: 'title', 'canonical' and meta names/properties in lower case."""
    end = html.lower().find("</head>", 0, HEAD_LIMIT)
    parser = _HeadParser()
    try:
        parser.feed(html[: end if end >= 0 else HEAD_LIMIT])
        parser.close()
    except Exception:  # noqa: BLE001 -- a malformed head still yields what was read before the fault
        pass
    return parser.found
