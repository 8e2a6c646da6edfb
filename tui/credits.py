"""Attribution across outlets: each shared quotation's credit per outlet, and where outlets credit differently."""

from __future__ import annotations

from dataclasses import dataclass

from tui.attribution import Attribution, attribute_all
from tui.clean import printable
from tui.model import Alignment, Group, GroupKind, Member
from tui.speaker_match import same_speaker


@dataclass(frozen=True)
class AttributionConflict:
    """A shared quotation that outlets credit to different speakers: (member, credit) for each credited member."""

    group: int
    credits: tuple[tuple[Member, Attribution], ...]


class Credits:
    """Every quotation's credit, worked out once per article when first asked for."""

    def __init__(self, alignment: Alignment) -> None:
        self.alignment = alignment
        self._by_article: dict[int, list[Attribution | None]] = {}

    def of(self, article: int, quote: int | None) -> Attribution | None:
        """The credit the article gives one of its quotations (None for no quotation or no plain credit)."""
        if quote is None:
            return None
        if article not in self._by_article:
            self._by_article[article] = attribute_all(self.alignment.articles[article])
        found = self._by_article[article]
        return found[quote] if 0 <= quote < len(found) else None

    def of_member(self, member: Member) -> Attribution | None:
        return self.of(member.article, member.quote)

    def conflicts(self) -> list[AttributionConflict]:
        """Shared quotations whose outlets name speakers that are not one another ("CENTCOM", "the statement");
        outlets whose credit was not found are left out, never counted as crediting nobody."""
        found = []
        for group in self.alignment.groups:
            conflict = self._conflict(group)
            if conflict is not None:
                found.append(conflict)
        return found

    def _conflict(self, group: Group) -> AttributionConflict | None:
        if group.kind is not GroupKind.QUOTE:
            return None
        credited = [(m, c) for m in group.members if (c := self.of_member(m)) is not None]
        speakers: list[str] = []
        for _, credit in credited:
            if not any(same_speaker(credit.speaker, known) for known in speakers):
                speakers.append(credit.speaker)
        return AttributionConflict(group.id, tuple(credited)) if len(speakers) > 1 else None


def conflict_phrase(alignment: Alignment, conflict: AttributionConflict) -> str:
    """ "attribution: CNN CENTCOM · Beirut the U.S. military statement" (each outlet once)."""
    parts: dict[int, str] = {}
    for member, credit in conflict.credits:
        parts.setdefault(member.article, f"{alignment.articles[member.article].outlet.short} {credit.speaker}")
    return printable("attribution: " + " · ".join(parts.values()))


def attribution_json(credit: Attribution | None) -> dict | None:
    """The JSON of a credit: {"speaker", "verb", "start", "end"}, offsets into the article's text."""
    if credit is None:
        return None
    return {"speaker": printable(credit.speaker), "verb": credit.verb, "start": credit.start, "end": credit.end}


def conflicts_json(alignment: Alignment, conflicts: list[AttributionConflict]) -> list[dict]:
    """The JSON of attribution conflicts: the quotation group and each outlet's credit."""
    return [
        {"group": conflict.group,
         "attributions": [{"article": printable(alignment.articles[m.article].id), "quote": m.quote,
                           **attribution_json(credit)} for m, credit in conflict.credits]}
        for conflict in conflicts
    ]
