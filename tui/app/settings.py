"""Theme and citation style: from the command line, the command palette, or remembered from last time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import partial

from textual.app import App, SystemCommand
from textual.theme import Theme

from tui.app import theming
from tui.app.reading import Reading
from tui.cite import STYLES, cite_many
from tui.clean import printable
from tui.model import Member
from tui.prefs import read_prefs, save_prefs

DEFAULT_THEME = "parallax-dark"
# A notification is a glance, not a reader: long citations are cut here (the clipboard holds all of it).
NOTICE_CHARS = 600


class Settings:
    """Loads theme files, applies the chosen theme and citation style, and remembers changes."""

    def __init__(self, app: App, *, theme: str | None, cite_style: str | None, errors: list[str]) -> None:
        self.app = app
        self.prefs, problem = read_prefs()
        errors += [problem] if problem else []
        self.cite_style = cite_style if cite_style in STYLES else self.prefs.cite_style
        if cite_style in STYLES and cite_style != self.prefs.cite_style:
            self.prefs.cite_style = cite_style  # a style chosen on the command line is remembered too
            self._save_later = True
        self.wanted_theme = theme or self.prefs.theme
        self.errors = errors
        if cite_style and cite_style not in STYLES:
            errors.append(f"Unknown citation style {cite_style!r}; choose one of: {', '.join(STYLES)}.")
        self._register_themes()

    def _register_themes(self) -> None:
        result = theming.load_theme_files(theming.theme_dirs())
        for theme in result.themes:
            self.app.register_theme(theme)
        self.errors += result.errors

    _save_later = False

    def start_theme(self) -> None:
        """Start in the wanted theme, before the app reads its styles (call right after making the app).

        Set once the app runs, Textual parses every style sheet again for the new theme's colours and restyles
        every widget: about a tenth of the CPU of opening the sample story. `apply` reports an unknown theme.
        """
        wanted = self.wanted_theme or DEFAULT_THEME
        if wanted not in self.app.available_themes:
            return
        app = self.app
        app.set_reactive(App.theme, wanted)
        dark = app.current_theme.dark
        app.update_classes({**{name: False for name in app.classes if name.startswith("-theme-")},
                            f"-theme-{wanted}": True, "-dark-mode": dark, "-light-mode": not dark}, update=False)
        app.stylesheet.set_variables(app.get_css_variables())
        app._refresh_truecolor_filter(app.ansi_theme)  # what Textual does on a change of theme, for ANSI colours

    def apply(self) -> None:
        """Report load problems and switch to the wanted theme (called once the app is mounted)."""
        if self._save_later:
            self._save()
        for error in self.errors:
            # Theme and preference files are outside text: their problems quote them.
            self.app.notify(printable(error, lines=True), severity="error", timeout=20, markup=False)
        wanted = self.wanted_theme or DEFAULT_THEME
        if wanted in self.app.available_themes:
            self.app.theme = wanted
        elif self.wanted_theme:
            known = ", ".join(sorted(self.app.available_themes))
            self.app.notify(printable(f"Unknown theme {wanted!r}; known themes: {known}."), severity="error", markup=False)
        self.app.theme_changed_signal.subscribe(self.app, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self.prefs.theme:
            self.prefs.theme = theme.name
            self._save()

    def set_cite_style(self, style: str) -> None:
        self.cite_style = self.prefs.cite_style = style
        self._save()
        self.app.notify(f"Citations will be copied in {style} style.", timeout=3)

    def _save(self) -> None:
        problem = save_prefs(self.prefs)
        if problem:
            self.app.notify(problem, severity="warning", markup=False)

    def commands(self) -> Iterator[SystemCommand]:
        for style in STYLES:
            current = " (current)" if style == self.cite_style else ""
            help_text = f"Copy citations as {style}{current}; remembered between runs"
            yield SystemCommand(f"Citation style: {style}", help_text, partial(self.set_cite_style, style))

    def copy_citations(self, reading: Reading, members: list[Member], today: date) -> str:
        """Copy citations of the members and show what was copied, since some terminals ignore OSC 52."""
        text = cite_many([reading.citation_source(m, today) for m in members], self.cite_style)
        self.app.copy_to_clipboard(text)
        shown = text if len(text) <= NOTICE_CHARS else text[:NOTICE_CHARS] + " …"
        count = f"{len(members)} citations" if len(members) > 1 else "Citation"
        self.app.notify(shown, title=f"{count} copied ({self.cite_style})", timeout=8, markup=False)
        return text
