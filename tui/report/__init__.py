"""The report of a comparison: one self-contained file, HTML or Markdown, made from the JSON document.

One writer per format behind a small protocol, looked up by name; every writer maps the one walk of the
document (tui.report.walk) to its own markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, TextIO

class Writer(Protocol):
    def __call__(self, report, out: TextIO, *, palette: dict[str, str]) -> None: ...


@dataclass(frozen=True)
class Format:
    writer: Writer
    suffix: str


# Format name -> (module, writer, suffix); a writer's module is imported only when its format is asked for.
_TABLE = {"html": ("tui.report.html", "write_html", ".html"),
          "markdown": ("tui.report.markdown", "write_markdown", ".md")}
FORMATS = tuple(_TABLE)


def format_for(name: str) -> Format:
    """The writer of a format and the file suffix it takes."""
    from importlib import import_module

    if name not in _TABLE:
        raise ValueError(f"unknown report format {name!r}; choose one of: {', '.join(FORMATS)}")
    module, writer, suffix = _TABLE[name]
    return Format(getattr(import_module(module), writer), suffix)
