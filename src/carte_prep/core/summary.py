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
