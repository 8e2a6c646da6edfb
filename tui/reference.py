"""Reference texts (a press release, a statement, a transcript) in a story: given with --reference or marked
`reference: true` in sources.yaml, they come first, so the reader shows them in the first pane as the base."""

from __future__ import annotations

from dataclasses import replace

from tui.model import Outlet, Story


def with_references(story: Story, outlets: dict[str, Outlet], paths: list[str]) -> tuple[Story, dict[str, Outlet]]:
    """The story with the reference texts given on the command line added, and every reference first."""
    from tui.sources import story_from_paths

    outlets = dict(outlets)
    added = []
    if paths:
        given, made = story_from_paths(paths)
        for number, ref in enumerate(given.articles, 1):
            outlet = made[ref.outlet]
            outlet_id = _free(f"{outlet.id}-reference" if outlet.id in outlets else outlet.id, outlets)
            label = "Reference" if len(paths) == 1 else f"Reference {number}"  # the pane heading says what it is
            outlets[outlet_id] = Outlet(outlet_id, outlet.name, label)
            added.append(replace(ref, outlet=outlet_id, reference=True))
    articles = [*added, *story.articles]
    ordered = [a for a in articles if a.reference] + [a for a in articles if not a.reference]
    return replace(story, articles=tuple(ordered)), outlets


def _free(wanted: str, taken: dict[str, Outlet]) -> str:
    candidate, number = wanted, 2
    while candidate in taken:
        candidate, number = f"{wanted}-{number}", number + 1
    return candidate
