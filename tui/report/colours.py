"""The colours of a theme as plain CSS colours, for the HTML report (Textual computes them as the reader does)."""

from __future__ import annotations

from textual.color import Color, ColorParseError

WANTED = ("background", "foreground", "surface", "panel", "primary", "px-shared", "px-quote", "px-added",
          "px-removed", "px-changed", "px-figure", "px-missing")  # fmt: skip


def palette_of(variables: dict[str, str]) -> dict[str, str]:
    """The report's colours from a theme's variables (such as the reader's `theme_variables`), as #rrggbb(aa)."""
    found = {}
    for name in WANTED:
        try:
            found[name] = Color.parse(variables[name]).hex
        except (KeyError, ColorParseError, ValueError, TypeError):
            continue
    return found


def theme_palette(name: str) -> tuple[dict[str, str], list[str]]:
    """The colours of a shipped, user or built-in theme by name, and any problems met loading theme files."""
    from textual.theme import BUILTIN_THEMES

    from tui.app.theming import load_theme_files, theme_dirs, variable_defaults

    result = load_theme_files(theme_dirs())
    themes = {**BUILTIN_THEMES, **{t.name: t for t in result.themes}}
    theme = themes.get(name)
    if theme is None:
        known = ", ".join(sorted(themes))
        return {}, [*result.errors, f"unknown theme {name!r}; known themes: {known}"]
    variables = {**variable_defaults(theme.dark), **theme.to_color_system().generate(), **theme.variables}
    return palette_of(variables), result.errors
