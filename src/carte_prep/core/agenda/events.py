"""An agenda event, and the collector that fills one member's events with shared fields."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from carte_prep.core.catalogue import Catalogue
from carte_prep.core.engine import Level, Result
from carte_prep.core.model import Household, Member

EventKind = Literal[
    "appointment",
    "filing",
    "window-opens",
    "late-fee-deadline",
    "card-expiry",
    "fetch-document",
    "ephoto-buy",
    "ephoto-active",
    "ephoto-expiry",
    "passport-expiry",
    "address-change",
    "vls-ts-validation",
    "wa-first-after-18",
    "first-card-after-18",
    "first-card-before-19",
    "after-filing-limit",
    "receipt-expiry",
    "extra-documents",
    "card-ready",
    "collection",
]

DEADLINE_REMINDERS = (30, 7, 1)
"""Days before a deadline at which calendar reminders go off."""


class AgendaEvent(Result):
    date: dt.date
    time: dt.time | None = None
    household_id: str
    member_id: str
    member_name: str
    kind: EventKind
    title: str
    detail: str
    level: Level
    deadline: bool
    """A date to act by (rather than a date from which something becomes possible)."""
    item_id: str | None = None
    reminders: tuple[int, ...] = ()
    sources: tuple[str, ...] = ()


def urgency(day: dt.date, today: dt.date) -> Level:
    """How loudly to show a date: overdue or within a week, within a month, later."""
    days = (day - today).days
    if days <= 7:
        return "danger"
    if days <= 30:
        return "warning"
    return "info"


class Collector:
    """Gathers one member's events with the shared fields filled in."""

    def __init__(
        self, household: Household, member: Member, today: dt.date, catalogue: Catalogue
    ) -> None:
        self.household, self.member, self.today = household, member, today
        self.catalogue = catalogue
        self.events: list[AgendaEvent] = []

    def add(
        self,
        day: dt.date,
        kind: EventKind,
        title: str,
        detail: str,
        *,
        deadline: bool = True,
        time: dt.time | None = None,
        item_id: str | None = None,
        sources: tuple[str, ...] = (),
        keep_if_past: bool = False,
        when_past: tuple[str, str] | None = None,
    ) -> None:
        """Add one event; a past one is kept only if asked, worded by ``when_past``.

        A kept past date is something still to do now (file late, renew a récépissé), so
        its words must say it has passed rather than ask to act "before this day".
        """
        overdue = day < self.today
        if overdue and not keep_if_past:
            return
        if overdue and when_past is not None:
            title, detail = when_past
        self.events.append(
            AgendaEvent(
                date=day,
                time=time,
                household_id=self.household.id,
                member_id=self.member.id,
                member_name=self.member.display_name,
                kind=kind,
                title=title,
                detail=detail,
                level=urgency(day, self.today) if deadline else "info",
                deadline=deadline,
                item_id=item_id,
                reminders=DEADLINE_REMINDERS if deadline else (1,),
                sources=sources,
            )
        )
