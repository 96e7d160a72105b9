"""One line per member for the households list: card, route, progress, next deadline.

Pure functions over the engine's checklists, so the list can be computed in a worker
thread when many households load, and on the main thread after a single change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from carte_prep.core import Checklist, Household, Progress, build_checklist, household_progress
from carte_prep.core.vocab import PROCEDURE_LABELS


@dataclass(frozen=True)
class Deadline:
    """The next date that matters for a member, and what it is."""

    day: dt.date
    what: str
    overdue: bool = False


@dataclass(frozen=True)
class MemberSummary:
    """What the households list shows for one member."""

    member_id: str
    name: str
    card: str
    procedure: str
    route: str
    progress: Progress | None
    deadline: Deadline | None
    warnings: int


@dataclass(frozen=True)
class HouseholdSummary:
    """One household and its members, as the households list shows them."""

    household_id: str
    name: str
    members: list[MemberSummary]
    progress: Progress
    deadline: Deadline | None
    warnings: int


def next_deadline(checklist: Checklist, today: dt.date) -> Deadline | None:
    """The earliest date still ahead (or a missed filing deadline, which comes first)."""
    window = checklist.renewal_window
    if window is not None and today > window.deadline:
        return Deadline(window.deadline, "last day to file", overdue=True)
    candidates: list[Deadline] = []
    if window is not None:
        candidates.append(Deadline(window.deadline, "last day to file"))
    if checklist.judged_on > today:
        candidates.append(Deadline(checklist.judged_on, "filing day"))
    photos = checklist.photos
    if photos.ephoto_expires_on is not None:
        candidates.append(Deadline(photos.ephoto_expires_on, "e-photo code expires"))
    ahead = [d for d in candidates if d.day >= today]
    return min(ahead, key=lambda d: d.day) if ahead else None


def _serious(checklist: Checklist) -> int:
    return sum(1 for w in checklist.warnings if w.level != "info")


def summarise(household: Household, today: dt.date) -> HouseholdSummary:
    """The households-list lines of one household."""
    members: list[MemberSummary] = []
    checklists: list[Checklist] = []
    for member in household.members:
        checklist = build_checklist(household, member.id, today)
        if checklist is None:
            members.append(
                MemberSummary(
                    member.id, member.display_name, "no card needed", "", "", None, None, 0
                )
            )
            continue
        checklists.append(checklist)
        members.append(
            MemberSummary(
                member_id=member.id,
                name=member.display_name,
                card=checklist.card.name_en,
                procedure=PROCEDURE_LABELS[checklist.procedure],
                route="ANEF" if checklist.route.route == "anef" else "prefecture",
                progress=checklist.progress,
                deadline=next_deadline(checklist, today),
                warnings=_serious(checklist),
            )
        )
    deadlines = [m.deadline for m in members if m.deadline is not None]
    return HouseholdSummary(
        household_id=household.id,
        name=household.name,
        members=members,
        progress=household_progress(checklists),
        deadline=min(deadlines, key=lambda d: (not d.overdue, d.day)) if deadlines else None,
        warnings=sum(m.warnings for m in members),
    )
