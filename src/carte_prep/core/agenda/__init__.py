"""Every date a household must act by, in order, with what to do.

Built from the same checklist the rest of the app shows, so the agenda, the warnings and
the PDF never disagree. Dates are planned backwards from the day the file is handed in:
a proof of address must be less than 3 months old *on that day*, so the agenda says from
which day to fetch a new one.
"""

from __future__ import annotations

import datetime as dt

from carte_prep.core.agenda.after import after_filing, card_dates, turning_18
from carte_prep.core.agenda.before import before_filing, passport_date
from carte_prep.core.agenda.events import (
    DEADLINE_REMINDERS,
    AgendaEvent,
    Collector,
    EventKind,
    urgency,
)
from carte_prep.core.catalogue import Catalogue, load_catalogue
from carte_prep.core.engine import Checklist, build_checklist
from carte_prep.core.model import Household, within_plausible_days

__all__ = [
    "DEADLINE_REMINDERS",
    "AgendaEvent",
    "EventKind",
    "household_agenda",
    "member_agenda",
    "next_deadline",
    "urgency",
]


def member_agenda(
    household: Household,
    member_id: str,
    today: dt.date,
    catalogue: Catalogue | None = None,
    *,
    checklist: Checklist | None = None,
) -> list[AgendaEvent]:
    """One member's upcoming dates, soonest first.

    Pass the member's checklist when it is already built (listing many households) so it
    is not built twice.
    """
    catalogue = catalogue or load_catalogue()
    household = within_plausible_days(household)
    member = household.member(member_id)
    collector = Collector(household, member, today, catalogue)
    application = member.application
    turning_18(collector, application)
    if checklist is None:
        checklist = build_checklist(household, member_id, today, catalogue)
    if checklist is not None and application is not None:
        if application.after_filing.filed_on is None:
            before_filing(collector, checklist, application)
        passport_date(collector, checklist)
        card_dates(collector, checklist, application)
        after_filing(collector, application, catalogue)
    return sorted(collector.events, key=_order)


def next_deadline(
    household: Household,
    member_id: str,
    today: dt.date,
    catalogue: Catalogue | None = None,
    *,
    checklist: Checklist | None = None,
) -> AgendaEvent | None:
    """The first date the member must act by (an overdue one comes first)."""
    events = member_agenda(household, member_id, today, catalogue, checklist=checklist)
    deadlines = [e for e in events if e.deadline]
    return deadlines[0] if deadlines else None


def household_agenda(
    households: list[Household], today: dt.date, catalogue: Catalogue | None = None
) -> list[AgendaEvent]:
    """Every member's dates across households, soonest first."""
    events = [
        event
        for household in households
        for member in household.members
        for event in member_agenda(household, member.id, today, catalogue)
    ]
    return sorted(events, key=_order)


def _order(event: AgendaEvent) -> tuple[dt.date, dt.time, str, str]:
    return (event.date, event.time or dt.time.min, event.household_id, event.member_id)
