"""Score Parallax's alignment and figure conflicts on real text against a human reading.

Run: python benchmarks/eval_alignment.py [--show misses,false,figures] [--stories ID,...]
Needs the development corpus (../shared/corpus, or $PARALLAX_CORPUS); skips what is absent.

- Annotated stories (benchmarks/annotations/*.yaml): recall of `verbatim` passage pairs, and precision of
  every link Parallax makes (a link is right when it matches a `verbatim` or `reworded` annotation).
- Labelled pairs (msrp-train): share of same-meaning pairs linked, and of different-meaning pairs linked.
- Figures: a reported conflict is right when all its figures are mentions of one annotated conflict; an
  annotated conflict is found when a reported one holds two of its mentions, from two outlets, that differ.
  Conflicts between two outlets' articles of different stories are counted too: every one is false.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import OUTLETS, NAMES, Ref, corpus_dir, read_lines, story_dir  # noqa: E402
from tui.align import AlignSettings, align  # noqa: E402
from tui.conflicts import find_conflicts  # noqa: E402
from tui.model import Alignment, Article, Outlet  # noqa: E402
from tui.text import build_article  # noqa: E402

ANNOTATIONS = ROOT / "benchmarks" / "annotations"
POSITIVE = {"verbatim", "reworded"}


def load_story(story: str) -> list[Article]:
    articles = []
    for outlet in OUTLETS:
        raw = (story_dir(story) / f"{outlet}.txt").read_text(encoding="utf-8")
        articles.append(build_article(outlet, f"{story}/{outlet}.txt", Outlet(outlet, NAMES[outlet], outlet), raw))
    return articles


class SpanMap:
    """Turns `outlet:line:start:end` references into offsets of the cleaned article text."""

    def __init__(self, story: str, articles: list[Article]):
        self.offsets: dict[tuple[str, int], int] = {}
        for outlet, article in zip(OUTLETS, articles):
            cursor = 0
            for number, line in enumerate(read_lines(story, outlet)):
                if not line.strip():
                    continue
                at = article.text.find(line.strip(), cursor)
                if at >= 0:
                    self.offsets[(outlet, number)] = at - (len(line) - len(line.lstrip()))
                    cursor = at + len(line.strip())

    def span(self, ref: Ref) -> tuple[int, int, int]:
        base = self.offsets[(ref.outlet, ref.line)]
        return OUTLETS.index(ref.outlet), base + ref.start, base + ref.end


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _touches(member: tuple[int, int], span: tuple[int, int]) -> bool:
    """The member and the span are mostly the same text, or one mostly holds the other."""
    return _overlap(member, span) >= 0.5 * min(member[1] - member[0], span[1] - span[0])


def _inside(member: tuple[int, int], span: tuple[int, int]) -> bool:
    return _overlap(member, span) >= 0.5 * (member[1] - member[0])


@dataclass
class Annotation:
    a: tuple[int, int, int]
    b: tuple[int, int, int]
    label: str
    refs: tuple[str, str]
    reason: str


@dataclass
class StoryScore:
    story: str
    verbatim: int = 0
    found: int = 0
    short: int = 0  # verbatim pairs of quotations under four words, scored apart
    short_found: int = 0
    headlines: int = 0  # headlines are shown in the pane headers, not aligned
    headlines_found: int = 0
    links: int = 0
    right: int = 0
    misses: list = field(default_factory=list)
    false: list = field(default_factory=list)
    heldout: bool = False  # annotated after the rules were settled, to check they hold on unseen stories
    absent: int = 0  # "not in this outlet" claims made
    absent_false: int = 0  # ... where the annotations show the outlet has the passage (in any wording)
    conflicts_reported: int = 0
    conflicts_right: int = 0
    conflicts_real: int = 0
    conflicts_found: int = 0
    figure_notes: list = field(default_factory=list)


def read_annotation(story: str, spans: SpanMap) -> tuple[list[Annotation], dict]:
    data = yaml.safe_load((ANNOTATIONS / f"{story}.yaml").read_text(encoding="utf-8"))
    links = []
    for entry in data.get("links") or []:
        ref_a, ref_b, label = entry[0], entry[1], entry[2]
        reason = entry[3] if len(entry) > 3 else ""
        links.append(Annotation(spans.span(Ref.parse(ref_a)), spans.span(Ref.parse(ref_b)), label, (ref_a, ref_b), reason))
    return links, data.get("figures") or {}


def member_pairs(alignment: Alignment):
    """Every link Parallax makes: pairs of members of one group from two different articles."""
    for group in alignment.groups:
        for i, x in enumerate(group.members):
            for y in group.members[i + 1 :]:
                if x.article != y.article:
                    yield group, x, y


def _matches(x, y, note: Annotation) -> bool:
    for first, second in ((x, y), (y, x)):
        if (first.article, second.article) != (note.a[0], note.b[0]):
            continue
        sa, sb = note.a[1:], note.b[1:]
        mx, my = (first.start, first.end), (second.start, second.end)
        if _touches(mx, sa) and _touches(my, sb) and (_inside(mx, sa) or _inside(my, sb)):
            return True
    return False


def _category(note: Annotation, alignment: Alignment) -> str:
    """"headline", "short" (a quotation of one to three words) or "passage"."""
    if note.refs[0].split(":")[1] == "0" or note.refs[1].split(":")[1] == "0":
        return "headline"
    words = min(len(alignment.articles[span[0]].text[span[1] : span[2]].split()) for span in (note.a, note.b))
    return "short" if words < 4 else "passage"


def _state(group, article: int) -> str:
    """carried, close or absent; versions without closest passages claimed absence for every other outlet."""
    if hasattr(group, "state"):
        return group.state(article)
    return "carried" if article in group.articles else "absent"


def score_links(story: str, alignment: Alignment, notes: list[Annotation], result: StoryScore) -> None:
    for note in notes:
        if note.label != "verbatim":
            continue
        linked = any(
            any(m.article == note.a[0] and _touches((m.start, m.end), note.a[1:]) for m in g.members)
            and any(m.article == note.b[0] and _touches((m.start, m.end), note.b[1:]) for m in g.members)
            for g in alignment.groups
        )
        category = _category(note, alignment)
        if category == "headline":
            result.headlines += 1
            result.headlines_found += linked
        elif category == "short":
            result.short += 1
            result.short_found += linked
        else:
            result.verbatim += 1
            result.found += linked
        if not linked:
            result.misses.append((category, note))
    for group in alignment.groups:
        for article, _ in enumerate(alignment.articles):
            if _state(group, article) != "absent" or not alignment.articles[article].ok:
                continue
            result.absent += 1
            has_it = any(
                n.label in POSITIVE and any(
                    (m.article, article) == (first[0], second[0]) and _touches((m.start, m.end), first[1:])
                    for m in group.members
                    for first, second in ((n.a, n.b), (n.b, n.a)))
                for n in notes)
            result.absent_false += has_it
    for group, x, y in member_pairs(alignment):
        result.links += 1
        matched = [n for n in notes if _matches(x, y, n)]
        if any(n.label in POSITIVE for n in matched):
            result.right += 1
        else:
            result.false.append((group, x, y, [n.label for n in matched]))


def score_figures(story: str, alignment: Alignment, figures: dict, spans: SpanMap, result: StoryScore) -> None:
    real = []
    for conflict in figures.get("conflicts") or []:
        mentions = {spans.span(Ref.parse(r)) for r in conflict.get("mentions") or []}
        real.append((conflict.get("subject", ""), mentions))
    result.conflicts_real += len(real)
    reported = alignment.conflicts
    result.conflicts_reported += len(reported)

    def mention_of(figure, mentions) -> bool:
        return any(m[0] == figure.article and _overlap((figure.start, figure.end), m[1:]) > 0 for m in mentions)

    for conflict in reported:
        ok = any(all(mention_of(f, mentions) for f in conflict.figures) for _, mentions in real)
        result.conflicts_right += ok
        values = " · ".join(f"{OUTLETS[f.article]} {_figure_text(alignment, f)}" for f in conflict.figures)
        result.figure_notes.append(f"{'right' if ok else 'WRONG'}  [{conflict.label}] ({conflict.evidence}) {values}")
    for subject, mentions in real:
        found = any(
            any(
                mention_of(f, mentions) and mention_of(g, mentions) and f.article != g.article and f.value != g.value
                for f in c.figures
                for g in c.figures
            )
            for c in reported
        )
        result.conflicts_found += found
        if not found:
            result.figure_notes.append(f"MISSED [{subject}]")


def _figure_text(alignment: Alignment, figure) -> str:
    """The figure as written, marked when it stands in a headline."""
    article = alignment.articles[figure.article]
    headline = article.sentences[figure.sentence].kind.value == "headline"
    return article.text[figure.start : figure.end] + (" (headline)" if headline else "")


def evaluate_story(story: str, settings: AlignSettings) -> StoryScore:
    articles = load_story(story)
    alignment = align(articles, settings)
    spans = SpanMap(story, articles)
    notes, figures = read_annotation(story, spans)
    result = StoryScore(story, heldout=bool(yaml.safe_load((ANNOTATIONS / f"{story}.yaml").read_text(encoding="utf-8")).get("heldout")))
    score_links(story, alignment, notes, result)
    score_figures(story, alignment, figures, spans, result)
    result.alignment = alignment  # type: ignore[attr-defined]
    return result


def msrp(settings: AlignSettings, limit: int | None = None) -> tuple[Counter, Counter]:
    """Linked and total counts of the labelled pairs, by label."""
    path = corpus_dir() / "msrp-train" / "msr_paraphrase_train.txt"
    linked, total = Counter(), Counter()
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    for row in rows[:limit]:
        label, first, second = row[0], row[3], row[4]
        a = build_article("a", "a", Outlet("a", "a"), f"Headline\n\n{first}")
        b = build_article("b", "b", Outlet("b", "b"), f"Headline\n\n{second}")
        alignment = align([a, b], settings)
        total[label] += 1
        linked[label] += any(len(g.articles) == 2 for g in alignment.groups if g.kind.value == "sentence")
    return linked, total


def cross_story_conflicts(stories: list[str]) -> tuple[int, int, list[str]]:
    """Figure conflicts between two outlets' articles of different stories, every one false by construction:
    (pairs read, conflicts, what they are). Figures only, without alignment, which such pairs barely have."""
    articles = {story: load_story(story) for story in stories}
    pairs, found = 0, []
    for first in stories:
        for second in stories:
            for a, b in ((0, 1), (1, 2), (2, 0)) if first != second else ():
                pairs += 1
                both = [articles[first][a], articles[second][b]]
                found += [f"{first} {OUTLETS[a]} ~ {second} {OUTLETS[b]} [{c.label}] " + " · ".join(
                    both[f.article].text[f.start : f.end] for f in c.figures) for c in find_conflicts(both)]
    return pairs, len(found), found


def sample_cross_conflicts(stories: list[str]) -> tuple[int, int, list[str]]:
    """Figure conflicts between an article of the sample story (an airstrike and its death toll) and one of a
    corpus story, every one false: the corpus's political stories seldom count the dead, the sample does."""
    from tui.pipeline import load_articles
    from tui.sources import load_catalog, sample_sources_path

    catalog = load_catalog(sample_sources_path())
    sample = load_articles(catalog.stories[0], catalog.outlets)
    pairs, found = 0, []
    for story in stories:
        for outlet, article in zip(OUTLETS, load_story(story)):
            for own in sample:
                pairs += 1
                both = [own, article]
                found += [f"sample {own.outlet.id} ~ {story} {outlet} [{c.label}] " + " · ".join(
                    both[f.article].text[f.start : f.end] for f in c.figures) for c in find_conflicts(both)]
    return pairs, len(found), found


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "n/a"


def _show(result: StoryScore, what: set[str]) -> None:
    articles = result.alignment.articles  # type: ignore[attr-defined]

    def text(index: int, start: int, end: int) -> str:
        return " ".join(articles[index].text[start:end].split())

    if "misses" in what:
        for category, note in result.misses:
            print(f"  MISS {category} {note.refs[0]} ~ {note.refs[1]}  ({note.reason})")
            print(f"     {OUTLETS[note.a[0]]}: {text(*note.a)}")
            print(f"     {OUTLETS[note.b[0]]}: {text(*note.b)}")
    if "false" in what:
        for group, x, y, labels in result.false:
            print(f"  FALSE group {group.id} ({group.kind.value}) {labels or 'unannotated'}  {x.score:.0f}/{y.score:.0f}")
            print(f"     {OUTLETS[x.article]}: {text(x.article, x.start, x.end)}")
            print(f"     {OUTLETS[y.article]}: {text(y.article, y.start, y.end)}")
    if "figures" in what:
        for line in result.figure_notes:
            print(f"  {line}")


_COUNTS = ("absent", "absent_false", "verbatim", "found", "short", "short_found", "headlines", "headlines_found",
           "links", "right", "conflicts_reported", "conflicts_right", "conflicts_real", "conflicts_found")


def _summary(name: str, total: StoryScore) -> None:
    print(f"\n{name} stories")
    print(f"passage recall (verbatim pairs linked): {total.found}/{total.verbatim} = {_pct(total.found, total.verbatim)}")
    print(f"short quotations (1-3 words) linked:    {total.short_found}/{total.short} = {_pct(total.short_found, total.short)}")
    print(f"headline pairs linked (not aligned):    {total.headlines_found}/{total.headlines}")
    print(f"link precision (links right):           {total.right}/{total.links} = {_pct(total.right, total.links)}")
    print(f"'not in this outlet' contradicted:      {total.absent_false}/{total.absent} = {_pct(total.absent_false, total.absent)}")
    print(f"figure conflicts right:                 {total.conflicts_right}/{total.conflicts_reported} = "
          f"{_pct(total.conflicts_right, total.conflicts_reported)}")
    print(f"real figure conflicts found:            {total.conflicts_found}/{total.conflicts_real} = "
          f"{_pct(total.conflicts_found, total.conflicts_real)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", default="", help="comma-separated: misses, false, figures")
    parser.add_argument("--stories", default="", help="comma-separated story ids (default: every annotated one)")
    parser.add_argument("--msrp-limit", type=int, default=None, help="score only the first N labelled pairs")
    parser.add_argument("--no-msrp", action="store_true")
    parser.add_argument("--no-cross", action="store_true", help="skip figure conflicts across different stories")
    args = parser.parse_args()
    if corpus_dir() is None:
        print("the development corpus is not here; nothing to evaluate (set PARALLAX_CORPUS)")
        return
    settings = AlignSettings()
    what = {w for w in args.show.split(",") if w}
    stories = args.stories.split(",") if args.stories else sorted(p.stem for p in ANNOTATIONS.glob("*.yaml"))
    totals = {"development": StoryScore("development"), "held out": StoryScore("held out")}
    print(f"{'story':34} {'verbatim':>9} {'found':>6} {'links':>6} {'right':>6} {'conflicts':>10} {'right':>6} {'real':>5} {'found':>6}")
    for story in stories:
        result = evaluate_story(story, settings)
        held = " (held out)" if result.heldout else ""
        print(f"{story + held:34} {result.verbatim:9} {result.found:6} {result.links:6} {result.right:6} "
              f"{result.conflicts_reported:10} {result.conflicts_right:6} {result.conflicts_real:5} {result.conflicts_found:6}")
        _show(result, what)
        total = totals["held out" if result.heldout else "development"]
        for name in _COUNTS:
            setattr(total, name, getattr(total, name) + getattr(result, name))
    for name, total in totals.items():
        if total.verbatim or total.links:
            _summary(name, total)
    if not args.no_cross:
        pairs, count, found = cross_story_conflicts(stories)
        print(f"figure conflicts across stories (false): {count} in {pairs} article pairs")
        for line in found if "figures" in what else []:
            print(f"  {line}")
        pairs, count, found = sample_cross_conflicts(stories)
        print(f"... the sample story against them (false): {count} in {pairs} article pairs")
        for line in found if "figures" in what else []:
            print(f"  {line}")
    if not args.no_msrp:
        linked, counts = msrp(settings, args.msrp_limit)
        print(f"labelled pairs, same meaning linked:    {linked['1']}/{counts['1']} = {_pct(linked['1'], counts['1'])}")
        print(f"labelled pairs, different linked:       {linked['0']}/{counts['0']} = {_pct(linked['0'], counts['0'])}")


if __name__ == "__main__":
    main()
