"""Theme files (YAML) turned into Textual themes, with every problem reported by file name."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from textual.color import Color, ColorParseError
from textual.theme import Theme

from tui import yamlfile
from tui.prefs import config_dir

PX_VARIABLES = ("px-shared", "px-cursor", "px-quote", "px-added", "px-removed", "px-changed", "px-figure",
                "px-missing", "px-boilerplate", "px-match")  # fmt: skip
COLOUR_KEYS = ("primary", "secondary", "warning", "error", "success", "accent", "foreground", "background",
               "surface", "panel", "boost")  # fmt: skip
THEME_KEYS = tuple(f.name for f in fields(Theme))
_FLAG_KEYS = ("dark", "ansi")
_NUMBER_KEYS = ("luminosity_spread", "text_alpha")
_NO_VALUE = "no value (a '#' starts a YAML comment, so write colours in quotes: \"#1e90ff\")"

# Built-in Textual themes know nothing of the reader's colours. The tints carry alpha so that they
# shade whatever background the theme has; text colours were checked against every built-in theme.
_DARK_DEFAULTS = dict(zip(PX_VARIABLES, ("#6495ed1a", "#6495ed33", "#9adcec", "#8ae6a3", "#ffa3ab", "#f7d27e",
                                         "#ff9ef2", "#9aa3b5", "#808898", "#e0a04026")))  # fmt: skip
_LIGHT_DEFAULTS = dict(zip(PX_VARIABLES, ("#3a6fd814", "#3a6fd82b", "#0a4f75", "#145c29", "#9c1c1c", "#744600",
                                          "#8c006b", "#5f6670", "#6f7680", "#f0b0204d")))  # fmt: skip


@dataclass
class ThemeLoadResult:
    themes: list[Theme] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def variable_defaults(dark: bool) -> dict[str, str]:
    """The reader's px-* colours for a theme that does not set them, such as Textual's own."""
    return dict(_DARK_DEFAULTS if dark else _LIGHT_DEFAULTS)


def theme_dirs() -> list[Path]:
    """The shipped theme folder, then the user's, so that a user theme can replace a shipped one by name."""
    shipped = Path(str(resources.files("tui.themes")))
    return [shipped, config_dir() / "themes"]


def load_theme_files(dirs: list[Path]) -> ThemeLoadResult:
    """Load every *.yaml theme in dirs; a broken file is reported and skipped, and later names win."""
    result = ThemeLoadResult()
    by_name: dict[str, Theme] = {}
    for directory in dirs:
        if not directory.is_dir():
            continue
        for path in sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]):
            theme, problems = load_theme_file(path)
            result.errors += [f"{path.name}: {problem}" for problem in problems]
            if theme is not None:
                by_name[theme.name] = theme
    result.themes = list(by_name.values())
    return result


def load_theme_file(path: Path) -> tuple[Theme | None, list[str]]:
    """Read one theme file; the theme is None when the file cannot be used."""
    try:
        data = yamlfile.safe_load(path.read_text(encoding="utf-8"))  # deep nesting is a YAMLError there too
    except yaml.YAMLError as error:
        return None, [f"not valid YAML ({_yaml_problem(error)})"]
    except (OSError, UnicodeDecodeError) as error:
        return None, [f"cannot be read ({error})"]
    if not isinstance(data, dict):
        return None, ["expected a mapping of theme settings such as 'name: ...' and 'primary: ...'"]
    try:
        return theme_from_mapping(data)
    except RecursionError:  # values nested a thousand levels deep
        return None, ["values are nested too deeply"]


def _short(value: Any) -> str:
    """A wrong value as messages quote it: its repr, cut short (a file may hold anything)."""
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:39] + "…"


def _yaml_problem(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    return f"line {mark.line + 1}, column {mark.column + 1}: {problem}" if mark else problem


def theme_from_mapping(data: dict[Any, Any]) -> tuple[Theme | None, list[str]]:
    """Build a theme from parsed YAML; unknown keys are reported but do not stop the theme."""
    fatal: list[str] = []
    notes = [_unknown(key, THEME_KEYS) for key in data if key not in THEME_KEYS]
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        fatal.append("name: missing (every theme needs a name)")
    if "primary" not in data:
        fatal.append("primary: missing (every theme needs a primary colour)")
    fatal += [f"{key}: {_NO_VALUE}" for key in COLOUR_KEYS if key in data and data[key] is None]
    fatal += [p for key in COLOUR_KEYS if data.get(key) is not None and (p := _colour_problem(key, data[key]))]
    fatal += [f"{key}: {_short(data[key])} is not true or false" for key in _FLAG_KEYS
              if key in data and not isinstance(data[key], bool)]  # fmt: skip
    fatal += [f"{key}: {_short(data[key])} is not a number" for key in _NUMBER_KEYS
              if key in data and (isinstance(data[key], bool) or not isinstance(data[key], (int, float)))]  # fmt: skip
    variables, problems = _variables(data.get("variables", {}))
    fatal += problems[0]
    notes += problems[1]
    if fatal:
        return None, fatal + notes
    settings = {key: data[key] for key in THEME_KEYS if key in data and key != "variables"}
    dark = bool(data.get("dark", True))
    theme = Theme(**{**settings, "name": name.strip(), "variables": {**variable_defaults(dark), **variables}})
    return theme, notes


def _colour_problem(key: str, value: Any) -> str:
    if not isinstance(value, str):
        return f"{key}: {_short(value)} is not a colour (write colours in quotes, such as \"#1e90ff\")"
    try:
        Color.parse(value)
    except ColorParseError as error:
        hint = f"; did you mean {error.suggested_color!r}?" if error.suggested_color else ""
        return f"{key}: {value!r} is not a colour{hint}"
    return ""


def _variables(raw: Any) -> tuple[dict[str, str], tuple[list[str], list[str]]]:
    """Check the variables mapping: px-* values must be colours, and misspelt px-* names are reported."""
    if raw is None:
        return {}, ([], [])
    if not isinstance(raw, dict):
        return {}, (["variables: expected a mapping of variable names to values"], [])
    fatal: list[str] = []
    notes: list[str] = []
    for key, value in raw.items():
        where = f"variables: {key}"
        if value is None:
            fatal.append(f"{where}: {_NO_VALUE}")
        elif str(key) in PX_VARIABLES:
            fatal += [p for p in [_colour_problem(where, value)] if p]
        elif str(key).startswith("px-"):
            notes.append(_unknown(key, PX_VARIABLES, where="variables: ", effect="not used by Parallax"))
    values = {str(k): str(v) for k, v in raw.items() if v is not None}
    return values, (fatal, notes)


def _unknown(key: Any, known: tuple[str, ...], where: str = "", effect: str = "unknown setting, ignored") -> str:
    close = difflib.get_close_matches(str(key), known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{where}{key}: {effect}{hint}"
