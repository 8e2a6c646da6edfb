"""Reading sources.yaml into a Catalog, and ad-hoc stories from paths and URLs given on the command line."""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from .model import ArticleRef, Catalog, Outlet, Story

if TYPE_CHECKING:
    import yaml

    from .sources_schema import FeedRef

# PyYAML is imported only when a stories file is read: articles given as paths need none of it.

__all__ = [
    "Problem", "SourcesError", "load_catalog", "load_sources", "sample_sources_path",
    "default_sources_path", "story_from_paths", "resolve_file", "is_url", "LabelError", "auto_name", "short_label",
    "COMMAND_LINE_STORY",
]

LABEL_WIDTH = 10


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a sources file; line is 1-based, None when the file as a whole is at fault."""

    line: int | None
    message: str


class SourcesError(Exception):
    """A sources file that cannot be used; str() gives one 'path:LINE: message' line per problem."""

    def __init__(self, path: str, problems: list[Problem]):
        self.path = path
        self.problems = list(problems)
        super().__init__(self._render())

    def _render(self) -> str:
        return "\n".join(
            f"{self.path}:{p.line}: {p.message}" if p.line is not None else f"{self.path}: {p.message}"
            for p in self.problems
        )

    def __str__(self) -> str:
        return self._render()


def load_catalog(path: str | Path) -> Catalog:
    """Read and check a sources file; every problem is reported at once in a SourcesError."""
    return load_sources(path)[0]


def load_sources(path: str | Path) -> tuple[Catalog, tuple["FeedRef", ...]]:
    """The catalog of a sources file and the feeds it lists; every problem is reported at once."""
    shown = str(path)
    try:
        file = Path(path).expanduser()
    except RuntimeError:  # "~nobody/...": there is no such home directory
        raise SourcesError(shown, [Problem(None, "cannot expand '~': no such user's home directory")]) from None
    from .batch import collector_paused
    from .sources_schema import build_sources_parts

    text = _read_text(file, shown)
    with collector_paused():
        root = _compose(text, shown)
        outlets, stories, feeds, problems = build_sources_parts(root, str(file.absolute().parent))
    if problems:
        raise SourcesError(shown, sorted(problems, key=lambda p: p.line or 0))
    return Catalog(path=shown, outlets=outlets, stories=stories), feeds


def _read_text(file: Path, shown: str) -> str:
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise SourcesError(shown, [Problem(None, "file not found")]) from None
    except IsADirectoryError:
        raise SourcesError(shown, [Problem(None, "is a directory, expected a YAML file")]) from None
    except OSError as error:
        raise SourcesError(shown, [Problem(None, f"cannot read the file: {error.strerror or error}")]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        raise SourcesError(shown, [Problem(line, message)]) from None


def _compose(text: str, shown: str) -> yaml.Node:
    """The YAML node tree, which keeps the line of every value; syntax errors become a SourcesError."""
    import yaml

    from . import yamlfile

    try:
        root = yamlfile.compose(text)
    except yamlfile.TooDeep as error:
        raise SourcesError(shown, [Problem(None, f"{error}; a stories file needs only a few levels")]) from None
    except yaml.MarkedYAMLError as error:
        raise SourcesError(shown, [_syntax_problem(error)]) from None
    except yaml.YAMLError as error:
        raise SourcesError(shown, [Problem(None, f"YAML syntax error: {error}")]) from None
    if root is None:
        raise SourcesError(shown, [Problem(None, "the file is empty; expected a mapping with 'outlets' and 'stories'")])
    return root


def _syntax_problem(error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    where = f" at column {mark.column + 1}" if mark else ""
    context = f" ({error.context})" if error.context else ""
    return Problem(mark.line + 1 if mark else None, f"YAML syntax error: {error.problem}{where}{context}")


def sample_sources_path() -> Path:
    """The sources file of the sample story shipped with the package."""
    return Path(str(importlib.resources.files("tui").joinpath("data", "sample", "sources.yaml")))


def default_sources_path(cwd: Path | None = None) -> Path:
    """./sources.yaml when there is one, else the packaged sample."""
    local = (cwd or Path.cwd()) / "sources.yaml"
    return local if local.is_file() else sample_sources_path()


def is_url(text: str) -> bool:
    return text.strip().lower().startswith(("http://", "https://"))


COMMAND_LINE_STORY = "command-line"


class LabelError(ValueError):
    """A --label value that names no article given, or names it badly; the message says which and why."""


def story_from_paths(paths: list[str], labels: list[str] = ()) -> tuple[Story, dict[str, Outlet]]:
    """A story of the given files and URLs, one outlet each, named as labels say, else after the file or host.

    A label is "PATH=NAME" (PATH as given, or the outlet id made for it). An outlet named after its file or host
    takes the site's own name when the page gives one (see tui.pipeline).
    """
    outlets: dict[str, Outlet] = {}
    refs: list[ArticleRef] = []
    taken: set[str] = set()
    for given in paths:
        name = auto_name(given)
        outlet_id = _unique(name, outlets)
        label = short_label(outlet_id, taken)
        taken.add(label)
        outlets[outlet_id] = Outlet(id=outlet_id, name=name, label=label)
        ref = ArticleRef(outlet=outlet_id, url=given) if is_url(given) else ArticleRef(outlet=outlet_id, file=given)
        refs.append(ref)
    for value in labels:
        outlet_id, name = _labelled(value, paths, [ref.outlet for ref in refs])
        outlets[outlet_id] = Outlet(id=outlet_id, name=name, label=name)
    count = len(refs)
    title = f"{count} article" if count == 1 else f"{count} articles"
    return Story(id=COMMAND_LINE_STORY, title=title, articles=tuple(refs)), outlets


def _labelled(value: str, paths: list[str], ids: list[str]) -> tuple[str, str]:
    """The outlet id a "PATH=NAME" label is for, and the name; paths and URLs may hold "=" themselves."""
    for given, outlet_id in sorted(zip([*paths, *ids], [*ids, *ids]), key=lambda pair: -len(pair[0])):
        if value.startswith(given + "="):
            name = " ".join(value[len(given) + 1 :].split())
            if not name:
                raise LabelError(f"'{value}': the name after '=' is empty")
            return outlet_id, name
    if "=" not in value:
        raise LabelError(f"'{value}': write it as PATH=NAME, such as --label \"fox.txt=Fox News\"")
    known = ", ".join(paths)
    raise LabelError(f"'{value}': '{value.rsplit('=', 1)[0]}' is not one of the articles given ({known})")


def auto_name(given: str) -> str:
    """The name a file or URL given on the command line goes by until its page says otherwise."""
    if is_url(given):
        host = urlparse(given.strip()).hostname or "web"
        return host.removeprefix("www.")
    return Path(given).stem or given


def _unique(name: str, taken: dict[str, Outlet]) -> str:
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name}-{number}", number + 1
    return candidate


def short_label(name: str, taken: set[str]) -> str:
    """A pane heading of at most LABEL_WIDTH characters, different from the headings already taken."""
    label = name if len(name) <= LABEL_WIDTH else name[: LABEL_WIDTH - 1].rstrip() + "…"
    number = 2
    while label in taken:
        suffix = f"…{number}"
        label, number = name[: LABEL_WIDTH - len(suffix)] + suffix, number + 1
    return label


def resolve_file(ref: ArticleRef) -> Path:
    """The article's file: relative paths are taken from the sources file's folder, ~ is expanded."""
    path = Path(ref.file).expanduser()
    if path.is_absolute() or not ref.base_dir:
        return path
    return Path(ref.base_dir) / path
