"""The one cleaning path: what it removes (anything that drives a terminal or deceives), and what it keeps."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tui.cite import CitationSource, cite
from tui.clean import printable, repair
from tui.model import Outlet
from tui.text import build_article

ROOT = Path(__file__).resolve().parent.parent
PERSIAN = "می\u200cخواهم"  # "I want": the non-joiner keeps the prefix apart, as the outlet printed it
TECHNOLOGIST = "\U0001f469\u200d\U0001f4bb"  # woman technologist: two emoji joined by a zero-width joiner
HEART = "\u2764\ufe0f"  # a heart with the variation selector that asks for its emoji form


def test_zero_width_joiners_non_joiners_and_variation_selectors_survive_cleaning():
    raw = f"Headline\n\nThe minister wrote “{PERSIAN} {TECHNOLOGIST} {HEART}” in a post on Monday evening.\n"
    article = build_article("a", "a.txt", Outlet("a", "A"), raw)
    assert PERSIAN in article.text and TECHNOLOGIST in article.text and HEART in article.text
    assert f"{PERSIAN} {TECHNOLOGIST} {HEART}" in article.quote_text(0)
    assert printable(PERSIAN) == PERSIAN and repair(TECHNOLOGIST) == TECHNOLOGIST


def test_citations_quote_persian_and_emoji_as_printed():
    source = CitationSource(f"{PERSIAN} {TECHNOLOGIST}", "Outlet", "Headline", "", "2024-01-02", "", None)
    assert f"{PERSIAN} {TECHNOLOGIST}" in cite(source, "plain")


def test_everything_that_drives_a_terminal_or_reorders_text_is_removed():
    hostile = ("a\x1b]52;c;aGk=\x07b \x1b[2Jc \x1b]0;title\x1b\\d \x9b31me \u202egnp.exe\u202c "
               "\u2066iso\u2069 \x00\x08\x7f\x85 \ud800z")
    assert printable(hostile) == "ab c d e gnp.exe iso z"


def test_printable_puts_outside_text_on_one_line_unless_asked_for_lines():
    assert printable("two\nlines\u2028and\tmore  spaces") == "two lines and more spaces"
    assert printable("first\nsecond\x1b[31m", lines=True) == "first\nsecond"
    assert printable(None) == "None" and printable(3) == "3"


def test_right_to_left_marks_stay_but_overrides_and_isolates_go():
    hebrew = "שלום\u200f 2024"
    assert printable(hebrew) == hebrew
    assert printable("\u202bembedded\u202c \u2067isolated\u2069") == "embedded isolated"


def test_text_without_mojibake_is_not_handed_to_ftfy():
    code = ("import sys; from tui.clean import repair; "
            "assert repair('Café “déjà vu” — naïve') == 'Café “déjà vu” — naïve'; "
            "print('ftfy' in sys.modules); print(repair('Itâ€™s a caféâ€”yes')); print('ftfy' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.split("\n")[:3] == ["False", "It’s a café—yes", "True"], result.stderr
