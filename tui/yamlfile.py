"""YAML read fast and safely: PyYAML's C loader where it is built with libyaml, nesting too deep reported."""

from __future__ import annotations

import yaml

# libyaml parses several times faster than PyYAML's Python loader, keeps every node's line, and refuses nesting
# deeper than 1000 levels with a syntax error; the Python loader recurses and can exhaust the stack instead.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TooDeep(yaml.YAMLError):
    """Lists or mappings nested deeper than the Python loader can follow."""

    def __init__(self) -> None:
        super().__init__("lists or mappings are nested too deeply")


def compose(text: str) -> yaml.Node | None:
    """The node tree of a YAML document, every node with its line; raises yaml.YAMLError."""
    try:
        return yaml.compose(text, Loader=SAFE_LOADER)
    except RecursionError:
        raise TooDeep() from None


def safe_load(text: str) -> object:
    """The plain Python value of a YAML document; raises yaml.YAMLError."""
    try:
        return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader, chosen above
    except RecursionError:
        raise TooDeep() from None


def problem(error: yaml.YAMLError) -> str:
    """What is wrong, with line and column when the parser knows them."""
    mark = getattr(error, "problem_mark", None)
    text = getattr(error, "problem", None) or str(error)
    return f"line {mark.line + 1}, column {mark.column + 1}: {text}" if mark else text
