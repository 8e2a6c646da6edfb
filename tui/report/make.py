"""A report from an alignment, written to a file whole or not at all: shared by `parallax report` and the reader."""

from __future__ import annotations

import os
import tempfile
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TextIO

from tui.model import Alignment
from tui.render_json import json_document
from tui.report import format_for
from tui.report.walk import Report, walk
from tui.wording import DiffOptions


def make_report(alignment: Alignment, *, story: dict[str, str], settings: dict, options: DiffOptions | None,
                notes: list, cite_style: str = "plain", accessed: date | None = None,
                generated: str | None = None) -> Report:
    """The report of an alignment, read off the very document the JSON output writes (made now, unless told)."""
    document = json_document(alignment, story=story, settings=settings, options=options, notes=notes)
    report = walk(document, options=options, cite_style=cite_style, accessed=accessed)
    report.generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if generated is None else generated
    return report


def write_report(report: Report, fmt: str, out: TextIO, palette: dict[str, str]) -> None:
    format_for(fmt).writer(report, out, palette=palette)


def save_report(report: Report, fmt: str, path: Path, palette: dict[str, str]) -> Path:
    """Write the report to path through a temporary file beside it, so a failure leaves no half-written report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".parallax-report-", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            write_report(report, fmt, out, palette)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; a report is a file like any other
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def free_path(folder: Path, stem: str, suffix: str) -> Path:
    """folder/stem.suffix, or stem-2.suffix, stem-3.suffix, ...: an earlier report is never overwritten."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in stem)[:60].strip(".-") or "story"
    candidate, number = folder / f"parallax-{safe}{suffix}", 2
    while candidate.exists():
        candidate, number = folder / f"parallax-{safe}-{number}{suffix}", number + 1
    return candidate
