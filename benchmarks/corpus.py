"""The development corpus (real articles kept outside the repository) and span references into it.

Annotations never copy corpus text: they point into it as `outlet:line:start:end`, a 0-based line of the
article file and character offsets inside that line. `python benchmarks/corpus.py show STORY` prints each
outlet's lines cut into sentences with those references, to annotate from.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUTLETS = ("fox", "nyt", "hpo")
NAMES = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}


def corpus_dir() -> Path | None:
    """Where the corpus is: $PARALLAX_CORPUS, else ../shared/corpus beside the project; None when absent."""
    candidates = [os.environ.get("PARALLAX_CORPUS", ""), str(ROOT.parent / "shared" / "corpus")]
    for candidate in candidates:
        if candidate and Path(candidate, "basil-dev").is_dir():
            return Path(candidate)
    return None


def story_dir(story: str) -> Path:
    root = corpus_dir()
    if root is None:
        raise SystemExit("the development corpus is not here (set PARALLAX_CORPUS to the folder holding basil-dev/)")
    return root / "basil-dev" / story


def read_lines(story: str, outlet: str) -> list[str]:
    return (story_dir(story) / f"{outlet}.txt").read_text(encoding="utf-8").split("\n")


@dataclass(frozen=True)
class Ref:
    """A span of one outlet's article: a line of its file and offsets inside that line."""

    outlet: str
    line: int
    start: int
    end: int

    @classmethod
    def parse(cls, text: str) -> "Ref":
        outlet, line, start, end = text.split(":")
        return cls(outlet, int(line), int(start), int(end))

    def __str__(self) -> str:
        return f"{self.outlet}:{self.line}:{self.start}:{self.end}"

    def text(self, lines: list[str]) -> str:
        return lines[self.line][self.start : self.end]


def sentence_refs(story: str, outlet: str) -> list[tuple[Ref, str]]:
    """Every sentence of one article with its reference, cut by Parallax's own splitter (for display only)."""
    from tui.sentences import split_sentences

    refs = []
    for number, line in enumerate(read_lines(story, outlet)):
        for start, end in split_sentences(line):
            refs.append((Ref(outlet, number, start, end), line[start:end]))
    return refs


def _show(story: str) -> None:
    for outlet in OUTLETS:
        print(f"===== {outlet} ({NAMES[outlet]}) =====")
        for ref, text in sentence_refs(story, outlet):
            print(f"{ref}  {text}")
        print()


def _find(story: str, outlet: str, phrase: str) -> None:
    for number, line in enumerate(read_lines(story, outlet)):
        at = line.find(phrase)
        while at >= 0:
            print(Ref(outlet, number, at, at + len(phrase)))
            at = line.find(phrase, at + 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="the stories of basil-dev")
    show = sub.add_parser("show", help="one story's sentences with their references")
    show.add_argument("story")
    find = sub.add_parser("find", help="references of an exact phrase in one outlet's article")
    find.add_argument("story")
    find.add_argument("outlet", choices=OUTLETS)
    find.add_argument("phrase")
    text = sub.add_parser("text", help="the text a reference points at")
    text.add_argument("story")
    text.add_argument("ref", nargs="+")
    args = parser.parse_args()
    if args.command == "list":
        root = corpus_dir()
        print("\n".join(sorted(p.name for p in (root / "basil-dev").iterdir())) if root else "(no corpus here)")
    elif args.command == "show":
        _show(args.story)
    elif args.command == "find":
        _find(args.story, args.outlet, args.phrase)
    else:
        for raw in args.ref:
            ref = Ref.parse(raw)
            print(f"{ref}  {ref.text(read_lines(args.story, ref.outlet))!r}")


if __name__ == "__main__":
    main()
