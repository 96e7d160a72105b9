"""One line per member for the lists of households (``carte-prep list`` and the app).

Pure functions over the engine's checklists, so the list can be computed in a worker
thread when many households load, and on the main thread after a single change. The
deadline is the agenda's own :func:`~carte_prep.core.agenda.next_deadline`, so the list,
the member screen, the agenda and the PDF always name the same date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from carte_prep.core.agenda import AgendaEvent, next_deadline
from carte_prep.core.engine import Checklist, Progress, build_checklist, household_progress
from carte_prep.core.model import Household
from carte_prep.core.rows import DeadlineRow, HouseholdRow, MemberRow
from carte_prep.core.vocab import Route


@dataclass(frozen=True)
class MemberSummary:
    """What the lists show for one member."""

    member_id: str
    name: str
    checklist: Checklist | None
    """None when the member needs no card."""
    deadline: AgendaEvent | None

    @property
    def route(self) -> Route | None:
        """Where the file goes; None for no card or a path not covered."""
        route = self.checklist.route if self.checklist else None
        return route.route if route else None

    @property
    def progress(self) -> Progress | None:
        return self.checklist.progress if self.checklist else None

    @property
    def warnings(self) -> int:
        return len(self.checklist.serious_warnings) if self.checklist else 0


@dataclass(frozen=True)
class HouseholdSummary:
    """One household and its members, as the lists show them."""

    household_id: str
    name: str
    members: list[MemberSummary]
    progress: Progress
    deadline: AgendaEvent | None
    warnings: int


def _soonest(events: list[AgendaEvent]) -> AgendaEvent | None:
    """The earliest of the members' deadlines (an overdue one is earliest of all)."""
    return min(events, key=lambda e: (e.date, e.time or dt.time.min), default=None)


def summarise(household: Household, today: dt.date) -> HouseholdSummary:
    """The list lines of one household."""
    members: list[MemberSummary] = []
    for member in household.members:
        checklist = build_checklist(household, member.id, today)
        deadline = next_deadline(household, member.id, today, checklist=checklist)
        members.append(MemberSummary(member.id, member.display_name, checklist, deadline))
    checklists = [m.checklist for m in members if m.checklist is not None]
    return HouseholdSummary(
        household_id=household.id,
        name=household.name,
        members=members,
        progress=household_progress(checklists),
        deadline=_soonest([m.deadline for m in members if m.deadline is not None]),
        warnings=sum(m.warnings for m in members),
    )


def _deadline_row(event: AgendaEvent | None) -> DeadlineRow | None:
    if event is None:
        return None
    return {
        "date": event.date.isoformat(),
        "time": event.time.strftime("%H:%M") if event.time else None,
        "what": event.title,
        "level": event.level,
    }


def _card_short(checklist: Checklist | None) -> str | None:
    if checklist is None:
        return None
    return checklist.card.short_en if checklist.card else checklist.card_type


def member_row(member: MemberSummary) -> MemberRow:
    """One member's line, as ``list --json`` prints it and the index keeps it."""
    checklist = member.checklist
    return {
        "id": member.member_id,
        "name": member.name,
        "card": checklist.card_type if checklist else None,
        "card_short": _card_short(checklist),
        "procedure": checklist.procedure if checklist else None,
        "procedure_label": checklist.procedure_label if checklist else None,
        "covered": checklist.covered if checklist else None,
        "route": member.route,
        "done": checklist.progress.done if checklist else 0,
        "total": checklist.progress.total if checklist else 0,
        "warnings": member.warnings,
        "next_deadline": _deadline_row(member.deadline),
    }


def household_row(summary: HouseholdSummary) -> HouseholdRow:
    """A household's line and its members'."""
    return {
        "id": summary.household_id,
        "name": summary.name,
        "done": summary.progress.done,
        "total": summary.progress.total,
        "warnings": summary.warnings,
        "next_deadline": _deadline_row(summary.deadline),
        "members": [member_row(m) for m in summary.members],
    }
