"""Calendar arithmetic the rules need ("less than 3 months old", "120 days before"), and
dates and times read as people type them (the app and the command line read them alike)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from carte_prep.i18n import _

_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_HM = re.compile(r"(\d{1,2})[:hH](\d{2})")


class InputProblem(ValueError):
    """Text that cannot be read as the value a field expects; the message says how to fix it."""


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_on(birth: dt.date, day: dt.date) -> int:
    """Completed years on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def fmt(day: dt.date) -> str:
    """The way dates are written for French paperwork: 15/01/2027."""
    return day.strftime("%d/%m/%Y")


def parse_date(raw: str) -> dt.date | None:
    """Read a date typed as dd/mm/yyyy (as on French papers) or yyyy-mm-dd; empty is None."""
    value = raw.strip()
    if not value:
        return None
    if match := _DMY.fullmatch(value):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO.fullmatch(value):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise InputProblem(_("type the date as dd/mm/yyyy, for example 15/01/2027"))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InputProblem(
            _("there is no such day as {date}; check the day and month").format(date=value)
        ) from None


def parse_time(raw: str) -> dt.time | None:
    """Read a time typed as 10:30 or 10h30; empty is None."""
    value = raw.strip()
    if not value:
        return None
    match = _HM.fullmatch(value)
    if not match:
        raise InputProblem(_("type the time as hh:mm, for example 10:30"))
    try:
        return dt.time(int(match[1]), int(match[2]))
    except ValueError:
        raise InputProblem(_("there is no such time as {time}").format(time=value)) from None
