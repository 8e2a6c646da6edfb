"""Score who Parallax credits for each quotation against a human reading: precision and recall of the speaker.

Run: python benchmarks/eval_attribution.py [--show] ;  python benchmarks/eval_attribution.py quotes STORY
Annotations: benchmarks/annotations/attribution/*.yaml (one file per story; see README.md there). The sample
story ships with the package; the corpus stories need the development corpus ($PARALLAX_CORPUS), else skipped.

- A found speaker is right when the words of it and of one of the annotated names are one inside the other
  ("Thomas" and "Col. John Thomas", "the statement" and "the U.S. Central Command statement").
- Precision: right speakers / speakers found. Recall: right speakers / quotations the annotator credits to
  someone. A quotation annotated with no speaker (a nickname, a title) counts against precision when credited.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import OUTLETS, Ref, corpus_dir  # noqa: E402
from benchmarks.eval_alignment import SpanMap, load_story  # noqa: E402
from tui.attribution import attribute_all  # noqa: E402
from tui.model import Article  # noqa: E402
from tui.speaker_match import same_speaker  # noqa: E402

FOLDER = ROOT / "benchmarks" / "annotations" / "attribution"
SAMPLE = "sample"


def sample_articles() -> list[Article]:
    from tui.pipeline import load_articles
    from tui.sources import load_catalog, sample_sources_path

    catalog = load_catalog(sample_sources_path())
    return load_articles(catalog.stories[0], catalog.outlets)


def story_articles(story: str) -> tuple[list[Article], SpanMap | None]:
    if story == SAMPLE:
        return sample_articles(), None
    articles = load_story(story)
    return articles, SpanMap(story, articles)


def quote_at(articles: list[Article], spans: SpanMap | None, where: str) -> tuple[int, int] | None:
    """(article, quote) of an annotation's place: `ARTICLE:OFFSET` (sample) or `outlet:line:start` (corpus)."""
    if spans is None:
        name, offset = where.rsplit(":", 1)
        article = next(i for i, a in enumerate(articles) if a.id == name)
        at = int(offset)
    else:
        outlet, line, start = where.split(":")
        article, at, _ = spans.span(Ref(outlet, int(line), int(start), int(start)))
    holding = [q for q in articles[article].quotes if q.start <= at < q.end]
    quote = max(holding, key=lambda q: q.start, default=None)  # the innermost: a quotation inside another
    return None if quote is None else (article, quote.index)


def evaluate(story: str, show: bool) -> tuple[int, int, int, int]:
    """Right, found and annotated-with-speaker counts, and annotations that matched no quotation."""
    data = yaml.safe_load((FOLDER / f"{story}.yaml").read_text(encoding="utf-8"))
    articles, spans = story_articles(story)
    found_by = {i: attribute_all(a) for i, a in enumerate(articles)}
    right = found = credited = lost = 0
    for entry in data["quotes"]:
        place = quote_at(articles, spans, entry["at"])
        if place is None:
            lost += 1
            continue
        names = entry.get("speaker") or []
        credit = found_by[place[0]][place[1]]
        credited += bool(names)
        if credit is None:
            if names and show:
                print(f"  miss   {story} {entry['at']}: {names[0]}")
            continue
        found += 1
        ok = any(same_speaker(credit.speaker, name) for name in names)
        right += ok
        if not ok and show:
            print(f"  wrong  {story} {entry['at']}: found {credit.speaker!r} ({credit.verb}), annotated {names or 'nobody'}")
    return right, found, credited, lost


def show_quotes(story: str) -> None:
    """Every quotation of a story with its place, its sentence and the sentences around it, to annotate from."""
    articles, spans = story_articles(story)
    for index, article in enumerate(articles):
        for quote in article.quotes:
            where = f"{article.id}:{quote.start}" if spans is None else _corpus_place(spans, index, quote.start)
            sentence = article.sentences[quote.sentence]
            before = article.sentences[quote.sentence - 1] if quote.sentence else sentence
            print(f"{where}  q{quote.index}")
            print(f"    before: {article.text[before.start : before.end]}")
            print(f"    here:   {article.text[sentence.start : min(sentence.end + 200, len(article.text))]}")


def _corpus_place(spans: SpanMap, article: int, offset: int) -> str:
    outlet = OUTLETS[article]
    lines = sorted((base, line) for (name, line), base in spans.offsets.items() if name == outlet and base <= offset)
    base, line = lines[-1]
    return f"{outlet}:{line}:{offset - base}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", default="score", choices=("score", "quotes"))
    parser.add_argument("story", nargs="?", default="")
    parser.add_argument("--show", action="store_true", help="list every miss and wrong speaker")
    args = parser.parse_args()
    if args.command == "quotes":
        show_quotes(args.story or SAMPLE)
        return
    totals = [0, 0, 0, 0]
    print(f"{'story':34} {'annotated':>9} {'found':>6} {'right':>6}")
    for path in sorted(FOLDER.glob("*.yaml")):
        if path.stem != SAMPLE and corpus_dir() is None:
            print(f"{path.stem:34} skipped: the development corpus is not here")
            continue
        right, found, credited, lost = evaluate(path.stem, args.show)
        print(f"{path.stem:34} {credited:9} {found:6} {right:6}" + (f"  ({lost} annotations match no quotation)" if lost else ""))
        totals = [t + n for t, n in zip(totals, (right, found, credited, lost))]
    right, found, credited, _ = totals
    print(f"\nspeaker precision: {right}/{found} = {right / max(found, 1):.2f}")
    print(f"speaker recall:    {right}/{credited} = {right / max(credited, 1):.2f}")


if __name__ == "__main__":
    main()
