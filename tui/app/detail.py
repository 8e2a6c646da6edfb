"""The detail strip: every outlet's version of the current passage, stacked, with the word diff inline.

When the versions need more rows than the strip has, each is cut to fit (ending in "…"), and outlets that
cannot get a row at all are named on a last row, so none goes missing without a sign.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.style import Style
from textual.widget import Widget

from tui.app.inert import inert
from tui.app.layout import Reflowed, styled
from tui.app.position import Position
from tui.app.reading import Figures, Reading

NAME, SCORE = 14, 5
# The strip takes at most this share of the screen's height.
SHARE = 0.35


class DetailStrip(Widget, can_focus=False):
    """Stacked versions of the passage under the cursor, each with its similarity to the base."""

    COMPONENT_CLASSES = {"detail--outlet", "detail--added", "detail--changed", "detail--removed",
                         "detail--figure", "detail--missing"}  # fmt: skip

    def __init__(self, reading: Reading) -> None:
        super().__init__(id="detail")
        self.reading = reading
        self.position: Position | None = None
        self.show_diff = True
        self.display = False
        self._lines: tuple[tuple, list[Content]] | None = None

    def show(self, position: Position | None, show_diff: bool) -> None:
        """Show the versions of the passage under the cursor at a position (kept for when the strip opens)."""
        self.position, self.show_diff = position, show_diff
        if self.display:
            self.refresh(layout=True)

    def style_of(self, component: str) -> Style:
        return self.get_visual_style(f"detail--{component}", partial=True)

    def limit(self) -> int:
        return max(3, int(self.app.size.height * SHARE) - 1)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_size.width))

    def lines(self, width: int) -> list[Content]:
        """The strip's rows at a width (worked out once for both measuring and drawing)."""
        notes = getattr(self.screen, "notes", None)
        key = (self.position, self.show_diff, width, self.limit(), self.app.theme, id(notes), len(getattr(notes, "placed", ())))
        if self._lines is None or self._lines[0] != key:
            self._lines = (key, self._rows(width))
        return self._lines[1]

    def _rows(self, width: int) -> list[Content]:
        """Each outlet's version wrapped under its name and score, cut to fit."""
        pos = self.position
        if pos is None or pos.focus is None:
            return [Content("No shared passage under the cursor.").stylize(self.style_of("missing"))]
        room, limit, count = max(10, width - NAME - SCORE - 2), self.limit(), len(self.reading.articles)
        # More outlets than rows: only those that get a row are worked out (a passage of 300 outlets).
        why = self._provenance(pos, width) + self._why(pos, width) + self._notes(pos, width)
        limit -= len(why)
        panes = self._pane_order(pos)
        versions = [self._version(pos, pane, room) for pane in panes[: min(count, limit - 1 if count >= limit else count)]]
        if len(versions) == count and sum(len(v) for v in versions) <= limit:
            return [line for version in versions for line in version] + why
        return self._cut(versions, panes, limit + len(why), width)  # no room to say why

    def _pane_order(self, pos) -> list[int]:
        """Outlets in the order they published the passage (earliest first) where that is known, else as the panes."""
        from tui.app.provenance import published_panes

        return published_panes(self.reading, pos.focus)

    def _why(self, pos, width: int) -> list[Content]:
        """How the version under the cursor was linked: its kind of match, score and the words it shares."""
        member = pos.version(pos.active)
        if isinstance(pos.focus, Figures) or member is None or member.reason is None:
            return []
        from tui.render import link_phrase

        reason = member.reason
        partner = inert(self.reading.articles[reason.partner].outlet.short)
        shared = ", ".join(reason.shared[:6])
        text = f"{inert(self.reading.articles[pos.active].outlet.short)}: {link_phrase(self.reading.alignment, member)}"
        if reason.kind.value != "user":
            text += f" with {partner}" + (f" · shares {shared}" if shared else "")
        return [Content(text[: max(10, width - 1)]).stylize(self.style_of("missing"))]

    def _notes(self, pos, width: int) -> list[Content]:
        """The user's notes on the passage or figure conflict under the cursor, one row each."""
        notes = getattr(self.screen, "notes", None)
        lines = notes.on(pos.focus) if notes is not None else []
        return [Content(inert(line)[: max(10, width - 1)]).stylize(self.style_of("outlet")) for line in lines]

    def _provenance(self, pos, width: int) -> list[Content]:
        """How outlets credit the passage differently, and the order they published it in."""
        from tui.app.provenance import strip_notes

        return [Content(inert(text)[: max(10, width - 1)]).stylize(self.style_of("missing"))
                for text in strip_notes(self.reading, pos.focus)]

    def _cut(self, versions: list[list[Content]], panes: list[int], limit: int, width: int) -> list[Content]:
        """As many versions as fit, each cut to an equal share of rows; the outlets left out named last."""
        fitting = min(len(versions), limit - 1)
        share = max(1, (limit - 1) // fitting)
        lines = []
        for version in versions[:fitting]:
            kept = version[:share]
            if len(version) > share:
                kept[-1] = kept[-1].truncate(width - 2) + Content(" …")
            lines += kept
        left_out = [inert(self.reading.articles[p].outlet.short) for p in panes[fitting:]]
        named = ", ".join(left_out[:12]) + (", …" if len(left_out) > 12 else "")
        note = f"+ {len(left_out)} more: {named}" if left_out else "versions cut to fit: s closes, a taller terminal shows more"
        return lines[: limit - 1] + [Content(note).stylize(self.style_of("missing"))]

    def _version(self, pos: Position, pane: int, room: int) -> list[Content]:
        """One outlet's rows: its name, its score against the base, and its words with their differences."""
        article = self.reading.articles[pane]
        name = Content(f"{inert(article.outlet.short)[:NAME]:<{NAME}} ").stylize(self.style_of("outlet"))
        member = pos.version(pane)
        if member is None:
            closest = self.reading.closest(pos.focus, pane)
            if closest is not None:
                # One row: the passage cut to what is left of the row after "closest: ".
                words = " ".join(article.text[closest.start : closest.end].split())
                words = words if len(words) <= room - 9 else words[: max(1, room - 10)] + "…"
                return [name + Content(f"{closest.score:>{SCORE - 1}.0f}~ closest: {inert(words)}").stylize(self.style_of("missing"))]
            return [name + Content(f"{'—':<{SCORE}} not in this outlet").stylize(self.style_of("missing"))]
        diff = None if isinstance(pos.focus, Figures) else self.reading.diff(pos.focus.group, pos.base, member)
        score = "base" if pane == pos.base and not isinstance(pos.focus, Figures) else (f"{diff.similarity:3.0f}%" if diff else "—")
        overlay = self.reading.overlay(pos.focus, pos.base, member) if self.show_diff else None
        flat = Reflowed(article.text, member.start, member.end, overlay.removed if overlay else [], room)
        spans = overlay.spans if overlay else []
        rows = []
        for index in range(len(flat.line_starts)):
            pieces = styled(flat.line(index), spans)
            words = Content.assemble(*((inert(t).replace("\n", " "), self._kinds(kinds)) for t, kinds in pieces))
            lead = name + Content(f"{score:>{SCORE}} ") if index == 0 else Content(" " * (NAME + SCORE + 2))
            rows.append((lead + words).rstrip())  # a row ending in the space it wrapped at is one cell too wide
        return rows

    def _kinds(self, kinds: tuple[str, ...]) -> Style:
        style = Style()
        for kind in kinds:
            style += self.style_of(kind)
        return style
