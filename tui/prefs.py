"""Preferences remembered between runs: the chosen theme and citation style."""

from __future__ import annotations

import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs
import yaml

from tui import yamlfile
from tui.cite import STYLES

CONFIG_DIR_ENV = "PARALLAX_CONFIG_DIR"


@dataclass
class Prefs:
    theme: str = ""
    cite_style: str = "plain"


def config_dir() -> Path:
    """The directory holding prefs.yaml and user themes; PARALLAX_CONFIG_DIR overrides it."""
    override = os.environ.get(CONFIG_DIR_ENV, "").strip()
    return Path(override) if override else Path(platformdirs.user_config_dir("parallax"))


def prefs_path() -> Path:
    """Where preferences are kept."""
    return config_dir() / "prefs.yaml"


def load_prefs(path: Path | None = None) -> Prefs:
    """Read preferences, falling back to the default for anything missing, unreadable or invalid."""
    return read_prefs(path)[0]


def read_prefs(path: Path | None = None) -> tuple[Prefs, str | None]:
    """Preferences and, when the file exists but cannot be used, a message saying why (the defaults apply)."""
    target = path or prefs_path()
    try:
        data = yamlfile.safe_load(target.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Prefs(), None
    except (OSError, UnicodeDecodeError) as error:
        return Prefs(), f"{target}: cannot be read ({getattr(error, 'strerror', None) or error}); using the defaults"
    except yaml.YAMLError as error:
        return Prefs(), f"{target}: not valid YAML ({yamlfile.problem(error)}); using the defaults"
    if data is None:
        return Prefs(), None
    if not isinstance(data, dict):
        return Prefs(), f"{target}: expected settings such as 'theme: ...'; using the defaults"
    return _prefs_from(data), None


def _prefs_from(data: dict) -> Prefs:
    known = {f.name for f in fields(Prefs)}
    values = {key: value for key, value in data.items() if key in known and isinstance(value, str)}
    prefs = Prefs(**values)
    if prefs.cite_style not in STYLES:
        prefs.cite_style = Prefs.cite_style
    return prefs


def save_prefs(prefs: Prefs, path: Path | None = None) -> str | None:
    """Write preferences atomically; return a message saying what went wrong, or None."""
    target = path or prefs_path()
    temp_name = ""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=target.parent, prefix=".prefs-", suffix=".tmp", delete=False
        ) as handle:
            temp_name = handle.name
            yaml.safe_dump(asdict(prefs), handle, sort_keys=False, allow_unicode=True)
        # A crash mid-write leaves the old file whole, since replace is atomic on one file system.
        os.replace(temp_name, target)
    except OSError as error:
        if temp_name:
            Path(temp_name).unlink(missing_ok=True)
        return f"Could not save preferences to {target}: {error.strerror or error}"
    return None
