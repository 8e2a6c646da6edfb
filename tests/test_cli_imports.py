"""The command line imports only what the command asked for needs: `--help` nothing heavy, each format its own."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from tui import cli
from tui.align import AlignSettings
from tui.cite import STYLES
from tui.render import FORMATS

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("yaml", "rapidfuzz", "ftfy", "httpx", "trafilatura", "textual", "rich", "charset_normalizer",
         "platformdirs", "lxml")
SHARED = "The minister said the bridge would reopen on Monday after repairs costing 40 million."


def heavy_imports(argv: list[str], cwd: Path = ROOT) -> set[str]:
    """The heavy packages a run of `parallax ARGV` imported."""
    code = ("import sys; from tui.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            f"sys.stderr.write('\\nIMPORTED ' + ' '.join(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r})))")
    result = subprocess.run([sys.executable, "-c", code, *argv], cwd=cwd, capture_output=True, text=True, timeout=60)
    line = result.stderr.rsplit("IMPORTED", 1)[-1]
    return set(line.split())


@pytest.mark.parametrize("argv", [["--help"], ["align", "--help"], ["--version"]])
def test_help_and_version_import_nothing_heavy(argv):
    assert heavy_imports(argv) == set()


@pytest.fixture
def plain_files(tmp_path) -> list[str]:
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"Bridge news {name}\n\n{SHARED} “We will reopen,” he said.\n", "utf-8")
    return [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


# The tests' own PARALLAX_DATA_DIR says where corrections are, so platformdirs is not needed to find them.
@pytest.mark.parametrize(("fmt", "needed"), [("json", {"rapidfuzz"}), ("markdown", {"rapidfuzz"}),
                                             ("text", {"rapidfuzz", "rich"})])
def test_align_on_clean_files_imports_only_what_the_format_needs(plain_files, fmt, needed):
    assert heavy_imports(["align", "--format", fmt, *plain_files]) == needed


def test_mojibake_in_an_article_brings_in_ftfy_and_a_stories_file_brings_in_yaml(tmp_path):
    (tmp_path / "a.txt").write_text(f"News\n\nItâ€™s here. {SHARED}\n", "utf-8")
    (tmp_path / "b.txt").write_text(f"News\n\n{SHARED}\n", "utf-8")
    assert "ftfy" in heavy_imports(["align", "--format", "json", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert "yaml" in heavy_imports(["align", "--format", "json"])


def test_the_command_lines_copies_of_engine_values_agree_with_the_engine():
    assert cli.FORMATS == FORMATS and cli.CITE_STYLES == STYLES
    defaults = dataclasses.asdict(AlignSettings())
    assert cli.ALIGN_DEFAULTS == {key: defaults[key] for key in cli.ALIGN_DEFAULTS}
    assert set(cli.ALIGN_DEFAULTS) == {f.name for f in dataclasses.fields(AlignSettings)} - {"exact_score"}
