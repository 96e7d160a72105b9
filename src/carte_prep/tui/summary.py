"""One line per member for the households list: card, route, progress, next deadline.

Pure functions over the engine's checklists, so the list can be computed in a worker
thread when many households load, and on the main thread after a single change. The
deadline is the agenda's own :func:`~carte_prep.core.agenda.next_deadline`, so the list,
the member screen, the agenda and the PDF always name the same date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from carte_prep.core import Checklist, Household, Progress, build_checklist, household_progress
from carte_prep.core.agenda import AgendaEvent, next_deadline


@dataclass(frozen=True)
class MemberSummary:
    """What the households list shows for one member."""

    member_id: str
    name: str
    card: str
    procedure: str
    route: str
    progress: Progress | None
    deadline: AgendaEvent | None
    warnings: int


@dataclass(frozen=True)
class HouseholdSummary:
    """One household and its members, as the households list shows them."""

    household_id: str
    name: str
    members: list[MemberSummary]
    progress: Progress
    deadline: AgendaEvent | None
    warnings: int


def _serious(checklist: Checklist) -> int:
    return sum(1 for w in checklist.warnings if w.level != "info")


def _soonest(events: list[AgendaEvent]) -> AgendaEvent | None:
    """The earliest of the members' deadlines (an overdue one is earliest of all)."""
    return min(events, key=lambda e: (e.date, e.time or dt.time.min), default=None)


def summarise(household: Household, today: dt.date) -> HouseholdSummary:
    """The households-list lines of one household."""
    members: list[MemberSummary] = []
    checklists: list[Checklist] = []
    for member in household.members:
        checklist = build_checklist(household, member.id, today)
        if checklist is None:
            deadline = next_deadline(household, member.id, today)
            members.append(
                MemberSummary(
                    member.id, member.display_name, "no card needed", "", "", None, deadline, 0
                )
            )
            continue
        checklists.append(checklist)
        route = checklist.route
        members.append(
            MemberSummary(
                member_id=member.id,
                name=member.display_name,
                card=checklist.card_name_en,
                procedure=checklist.procedure_label,
                route=(
                    "not covered"
                    if route is None
                    else "ANEF"
                    if route.route == "anef"
                    else "prefecture"
                ),
                progress=checklist.progress,
                deadline=next_deadline(household, member.id, today, checklist=checklist),
                warnings=_serious(checklist),
            )
        )
    return HouseholdSummary(
        household_id=household.id,
        name=household.name,
        members=members,
        progress=household_progress(checklists),
        deadline=_soonest([m.deadline for m in members if m.deadline is not None]),
        warnings=sum(m.warnings for m in members),
    )
