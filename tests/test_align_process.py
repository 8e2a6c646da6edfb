"""`parallax align` as a process of its own: it loads only what a few articles need, and prints what the same
command run in-process prints; called in-process, it leaves the garbage collector as it found it."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHARED = "The minister said the bridge would reopen on Monday after repairs costing 40 million."
# A pool of worker processes is started only for many articles, and dates in the RFC 2822 form are rare:
# neither should cost a few articles' comparison its import.
NOT_NEEDED = ("multiprocessing", "concurrent.futures", "email.utils")


def _files(tmp_path: Path) -> list[str]:
    paths = []
    for name in ("a", "b", "c"):
        path = tmp_path / f"{name}.txt"
        path.write_text(f"Bridge news {name}\n\n{SHARED} “We will reopen,” he said. Repairs began {name}.\n", "utf-8")
        paths.append(str(path))
    return paths


def test_align_run_as_a_program_prints_what_it_prints_in_process_and_imports_no_pool(tmp_path, capsys):
    files = _files(tmp_path)
    code = ("import sys, runpy\nsys.argv = ['parallax', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('tui', run_name='__main__')\nexcept SystemExit as end:\n    status = end.code\n"
            f"sys.stderr.write('LOADED ' + ' '.join(m for m in {NOT_NEEDED!r} if m in sys.modules) + f' STATUS {{status}}')")
    ran = subprocess.run([sys.executable, "-c", code, "align", "--format", "json", "--no-cache", *files], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert ran.stderr.rsplit("LOADED", 1)[-1].split() == ["STATUS", "0"]
    assert main(["align", "--format", "json", "--no-cache", *files]) == 0
    in_process = capsys.readouterr().out
    assert json.loads(ran.stdout) == json.loads(in_process) and ran.stdout == in_process
    assert json.loads(in_process)["groups"]


def test_align_called_in_process_leaves_the_collector_on_and_nothing_frozen(tmp_path, capsys):
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    assert main(["align", "--format", "json", *_files(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out)["groups"]
    assert gc.isenabled() and gc.get_freeze_count() == frozen
