"""The one walk over the JSON document that every report format maps to its own markup.

The report is read off the document `parallax align --format json` writes (tui.render_json.json_document),
so every count it gives is the length of a list in that document. Keys added to the document by other parts
of the program (reference reuse, attribution, publication order) are shown when they are there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tui.cite import CitationSource, cite
from tui.clean import printable
from tui.model import LinkKind
from tui.render import LINK_WORDS
from tui.report.provenance import order_of as _order, provenance as _provenance
from tui.wording import DiffOptions, Piece, diff_versions, pieces


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    label: str
    title: str
    published: str
    author: str
    url: str
    source: str
    error: str


@dataclass(frozen=True)
class Version:
    """One outlet's version of a shared passage: its words walked against the first version, and a citation."""

    article: str
    label: str
    link: str
    pieces: tuple[Piece, ...]
    citation: str
    similarity: float | None = None
    attribution: str = ""


@dataclass(frozen=True)
class NoteLine:
    verdict: str
    text: str
    created: str
    opens: str = ""
    where: str = ""  # "passage #3", "figure conflict 1 (killed · soldiers)" or "no longer found"


@dataclass
class Passage:
    id: int
    kind: str
    coverage: str
    versions: list[Version]
    closest: list[str] = field(default_factory=list)
    quotes_inside: list[int] = field(default_factory=list)
    notes: list[NoteLine] = field(default_factory=list)
    order: list[str] = field(default_factory=list)  # publication order, earliest first, when the document gives it


@dataclass
class Conflict:
    id: int
    label: str
    evidence: str
    figures: list[tuple[str, str, str, str]]  # article id, outlet label, the figure as written (with its qualifier), its sentence
    notes: list[NoteLine] = field(default_factory=list)


@dataclass
class Report:
    title: str
    date: str
    outlets: list[Outlet]
    counts: dict[str, int]
    sentences: list[Passage]
    quotes: list[Passage]
    wording: list[Passage]
    conflicts: list[Conflict]
    map_rows: list[tuple[str, str, list[str]]]  # anchor, row label, a state per outlet: carried, close, absent, unread
    notes: list[NoteLine]
    corrections: list[str]
    attribution_conflicts: list[str] | None = None
    reference: tuple[str, list[tuple[str, str, str, str]]] | None = None  # reference outlet; rows per outlet
    generated: str = ""


def counted(number: int, word: str) -> str:
    """ "1 note", "2 notes": the word in the singular where there is one."""
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


LEGEND = "● carries it, ◐ has something close, · has nothing close, ? could not be read"


def walk(document: dict, *, options: DiffOptions | None = None, cite_style: str = "plain",
         accessed: date | None = None) -> Report:
    """The report of a JSON document: every list read once, in the document's order."""
    accessed = accessed or date.today()
    articles = list(document["articles"])
    by_id = {a["id"]: a for a in articles}
    labels = {a["id"]: a["label"] for a in articles}
    groups = list(document["groups"])
    notes = list(document.get("notes", []))
    raw_conflicts = list(document["figure_conflicts"])
    sentences = _sentences_of(raw_conflicts, by_id)
    conflicts = [_conflict(c, sentences, labels) for c in raw_conflicts]
    _attach_notes(notes, conflicts)
    passages = {g["id"]: _passage(g, by_id, labels, options, cite_style, accessed, notes) for g in groups}
    kinds = {kind: [passages[g["id"]] for g in groups if g["kind"] == kind] for kind in ("sentence", "quote", "phrase")}
    story = document.get("story", {})
    inside = {g["id"] for g in groups if "inside" in g}
    report = Report(
        title=printable(story.get("title") or story.get("id") or "Parallax report"), date=printable(story.get("date", "")),
        outlets=[_outlet(a) for a in articles],
        counts={"articles": len(articles), "read": sum(not a["error"] for a in articles),
                "sentences": len(kinds["sentence"]), "quotes": len(kinds["quote"]), "wording": len(kinds["phrase"]),
                "figure_conflicts": len(conflicts), "notes": len(notes), "corrections": len(document.get("corrections", []))},
        sentences=kinds["sentence"], quotes=[p for p in kinds["quote"] if p.id not in inside],
        wording=kinds["phrase"], conflicts=conflicts,
        map_rows=_map_rows(groups, conflicts, articles, passages),
        notes=[_note_line(n, where=True) for n in notes],
        corrections=[_correction(c, labels) for c in document.get("corrections", [])],
    )
    report.counts["quotes_inside"] = report.counts["quotes"] - len(report.quotes)
    _provenance(report, document, labels)
    return report


def _sentences_of(conflicts: list[dict], by_id: dict) -> dict[tuple[str, int], str]:
    """The text of each sentence holding a conflicting figure; each article's sentences are walked once, if at all."""
    wanted: dict[str, set[int]] = {}
    for conflict in conflicts:
        for figure in conflict["figures"]:
            wanted.setdefault(figure["article"], set()).add(figure["sentence"])
    found = {}
    for article, indexes in wanted.items():
        for sentence in by_id[article]["sentences"]:
            if sentence["index"] in indexes:
                found[(article, sentence["index"])] = sentence["text"]
    return found


def _outlet(article: dict) -> Outlet:
    keys = ("id", "outlet", "label", "title", "published", "author", "url", "source")
    values = [printable(article.get(k) or "") for k in keys]
    return Outlet(*values, error=printable(article.get("error") or ""))


def _passage(group: dict, by_id: dict, labels: dict, options, cite_style: str, accessed: date, notes: list) -> Passage:
    members = group["members"]
    base = members[0]["text"] if members else ""
    versions = [_version(m, base, m is members[0], by_id, labels, options, cite_style, accessed) for m in members]
    carried = [labels[o["article"]] for o in group["outlets"] if o["state"] == "carried"]
    close = [labels[o["article"]] for o in group["outlets"] if o["state"] == "close"]
    absent = [labels[o["article"]] for o in group["outlets"] if o["state"] == "absent"]
    coverage = f"in {len(carried)} outlets: {', '.join(carried)}"
    coverage += f" · close in {', '.join(close)}" if close else ""
    coverage += f" · not in {', '.join(absent)}" if absent else ""
    closest = [f"closest in {labels[o['article']]} (score {o['closest']['score']:.0f}): "
               f"{printable(o['closest']['text'])}" for o in group["outlets"] if o.get("closest")]
    passage = Passage(group["id"], group["kind"], printable(coverage), versions, closest, list(group.get("quotes", [])))
    passage.notes = [_note_line(n) for n in notes if n.get("on") == "passage" and n.get("group") == group["id"]]
    passage.order = _order(group, labels)
    return passage


def _version(member: dict, base: str, first: bool, by_id: dict, labels: dict, options, cite_style: str,
             accessed: date) -> Version:
    text = member["text"]
    walked = (Piece("same", " ".join(text.split())),) if first else tuple(pieces(base, text, diff_versions(base, text, options)))
    article = by_id[member["article"]]
    source = CitationSource(quote=" ".join(text.split()), outlet=article["outlet"], headline=article["title"],
                            author=article["author"], published=article["published"], url=article["url"],
                            accessed=accessed)
    similarity = member.get("changes", {}).get("similarity")
    return Version(member["article"], labels[member["article"]], _link(member), walked, cite(source, cite_style),
                   similarity, _attribution(member.get("attribution")))


def _link(member: dict) -> str:
    """How the member was linked, in the words of `parallax align` ("whole 96", "joined by you")."""
    link = member.get("link")
    if not link:
        return f"{member['score']:.0f}"
    kind = LinkKind(link["kind"])
    if kind is LinkKind.USER:
        return LINK_WORDS[kind]
    if kind is LinkKind.MERGED:
        count = len(member.get("sentences", []))
        return f"{f'run of {count} sentences' if count > 1 else 'one sentence for a run'} {link['score']:.0f}"
    return f"{LINK_WORDS[kind]} {link['score']:.0f}"


def _attribution(value) -> str:
    """ "credited to CENTCOM (said)" from a member's attribution, when the document gives one."""
    if not isinstance(value, dict) or not value.get("speaker"):
        return ""
    verb = f" ({printable(value['verb'])})" if value.get("verb") else ""
    return f"credited to {printable(value['speaker'])}{verb}"


def _conflict(conflict: dict, sentences: dict[tuple[str, int], str], labels: dict) -> Conflict:
    figures = []
    for figure in conflict["figures"]:
        sentence = sentences.get((figure["article"], figure["sentence"]), "")
        written = f"{figure['qualifier']} {figure['text']}".strip()
        figures.append((figure["article"], labels[figure["article"]], printable(written), printable(sentence)))
    label = conflict["measure"] if not conflict["subject"] or conflict["subject"] == conflict["measure"] else \
        f"{conflict['measure']} · {conflict['subject']}"
    return Conflict(conflict["id"], printable(label), printable(conflict["evidence"]), figures)


def _attach_notes(notes: list, conflicts: list[Conflict]) -> None:
    for conflict in conflicts:
        conflict.notes = [_note_line(n) for n in notes if n.get("on") == "figure_conflict" and n.get("conflict") == conflict.id]


def _note_line(note: dict, *, where: bool = False) -> NoteLine:
    """A note as the report shows it; with `where`, what it is on (for the list of every note)."""
    on = ""
    if where:
        if note.get("on") == "passage" and note.get("group") is not None:
            on = f"passage #{note['group']}"
        elif note.get("conflict") is not None:
            on = f"figure conflict {note['conflict']}"  # its opening words are the conflict's label
        else:
            on = "no longer found in these articles"
    return NoteLine(printable(note.get("verdict", "")), printable(note.get("text", "")), printable(note.get("created", "")),
                    printable(note.get("opens", "")), on)


def _map_rows(groups: list, conflicts: list[Conflict], articles: list, passages: dict) -> list:
    """One row per shared passage (a quotation shown inside its sentence is left to that sentence's row), then
    one per figure conflict."""
    ids = [a["id"] for a in articles]
    rows = []
    unread = {a["id"] for a in articles if a["error"]}
    for group in groups:
        if "inside" in group:
            continue
        states = {o["article"]: o["state"] for o in group["outlets"]} | dict.fromkeys(unread, "unread")
        first = passages[group["id"]].versions[0].pieces[0].text if passages[group["id"]].versions else ""
        label = f"#{group['id']} {group['kind']}: {' '.join(first.split()[:8])}"
        rows.append((f"passage-{group['id']}", label, [states.get(i, "") for i in ids]))
    for conflict in conflicts:
        holding = {f[0] for f in conflict.figures}
        states = ["carried" if i in holding else "unread" if i in unread else "absent" for i in ids]
        rows.append((f"conflict-{conflict.id}", f"figures: {conflict.label}", states))
    return rows


def _correction(correction: dict, labels: dict) -> str:
    verb = "kept apart" if correction["action"] == "split" else "joined"
    a, b = correction["a"], correction["b"]
    names = [labels.get(side["article"], side["article"]) for side in (a, b)]
    applied = "" if correction["applied"] else " (not applied: a passage is no longer in its article)"
    return printable(f"{verb}{applied}: {names[0]} “{a['opens']} ...” and {names[1]} “{b['opens']} ...”")


def marked_words(version: "Version", text, figure, marks: dict[str, str]) -> str:
    """The version's words with its differences from the first version marked, the one walk every format
    maps to its own styling: `text` escapes plain words, `figure` marks a changed figure, `marks` wraps each
    kind of piece ("same", "removed", "added", "changed")."""
    out, previous = [], ""
    for piece in version.pieces:
        body, position = [], 0
        for start, end in piece.figures:
            body += [text(piece.text[position:start]), figure(piece.text[start:end])]
            position = end
        body.append(text(piece.text[position:]))
        if piece.kind in ("changed", "added") and previous == "removed":
            out.append(" ")
        out.append(marks[piece.kind].format("".join(body)))
        previous = piece.kind
    return "".join(out)
