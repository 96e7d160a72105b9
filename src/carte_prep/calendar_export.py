"""The agenda as an iCalendar file, with reminders, for any calendar application."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from carte_prep import __version__
from carte_prep.core.agenda import AgendaEvent
from carte_prep.core.redact import Redactor

PARIS = ZoneInfo("Europe/Paris")
"""Appointments are at French local time, whatever the machine's zone."""


def _uids(events: list[AgendaEvent]) -> list[str]:
    """Ids that stay the same across exports (no dates in them: dates move as plans change),
    so re-importing a newer file updates its events instead of doubling them."""
    seen: dict[str, int] = {}
    uids = []
    for event in events:
        base = f"{event.household_id}.{event.member_id}.{event.kind}.{event.item_id or 'x'}"
        seen[base] = seen.get(base, 0) + 1
        uids.append(f"{base}.{seen[base]}@carte-prep")
    return uids


def agenda_to_ics(
    events: Iterable[AgendaEvent], *, name: str, stamp: dt.datetime, redactor: Redactor
) -> bytes:
    """One VEVENT per agenda date (timed for appointments), each with its reminders.

    A reminder that would go off before ``stamp`` (the export) is left out: an event dated
    today must not carry one from yesterday. Calendar files end up in cloud calendars:
    every text goes through ``redactor``.
    """
    exported = stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", f"-//carte-prep {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", redactor.text(name))
    items = list(events)
    for item, uid in zip(items, _uids(items), strict=True):
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("summary", redactor.text(f"{item.title} — {item.member_name}"))
        event.add("description", redactor.text(item.detail))
        start = dt.datetime.combine(item.date, item.time or dt.time(0), tzinfo=PARIS)
        if item.time is not None:
            event.add("dtstart", start)
            event.add("dtend", start + dt.timedelta(hours=1))
        else:
            event.add("dtstart", item.date)
            event.add("dtend", item.date + dt.timedelta(days=1))
        for days in item.reminders:
            if start - dt.timedelta(days=days) < exported:
                continue
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", redactor.text(f"{item.title} ({item.member_name})"))
            alarm.add("trigger", dt.timedelta(days=-days))
            event.add_component(alarm)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()
    return data
