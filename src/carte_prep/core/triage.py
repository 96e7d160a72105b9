"""Finding one's way among many households: filter by words, sort by date, what is due.

A volunteer at an association may follow dozens of families. The households list (the
app's first screen and ``carte-prep list``) is narrowed with these pure functions, so both
front ends find, sort and select the same households. "Today" is always passed in.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from carte_prep.core.errors import InvalidInputError
from carte_prep.core.rows import DeadlineRow, HouseholdRow
from carte_prep.i18n import _, ngettext

if TYPE_CHECKING:
    from carte_prep.core.catalogue import Catalogue
    from carte_prep.core.model import Household
    from carte_prep.core.summary import HouseholdSummary

OVERDUE = "overdue"


def fold(text: str) -> str:
    """Lower case without accents, so that "nguyen" finds "Nguyễn" and "lyon" "Lyon"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_text(household: Household, catalogue: Catalogue | None = None) -> str:
    """Every word a person may type to find a household, folded: its name, its members'
    names, their cards (id and English name) and their département and prefecture."""
    from carte_prep.core.catalogue import load_catalogue

    catalogue = catalogue or load_catalogue()
    words = [household.name, household.id]
    for member in household.members:
        words += [member.display_name, member.id]
        application = member.application
        if application is None:
            continue
        card = catalogue.cards.get(application.card_type)
        words += [application.card_type] + ([card.name_en, card.short_en] if card else [])
        place = catalogue.departements.get(application.departement or "")
        if place is not None:
            words += [place.code, place.name, place.prefecture]
    return fold(" ".join(words))


def matches(household: Household, query: str, catalogue: Catalogue | None = None) -> bool:
    """Whether every word of ``query`` is found in the household (an empty query: yes)."""
    return found_in(search_text(household, catalogue), query)


def found_in(search: str, query: str) -> bool:
    """Whether every word of ``query`` is in a household's :func:`search_text`."""
    return all(word in search for word in fold(query).split())


@dataclass(frozen=True)
class Due:
    """Which next dates count as due: overdue ones, and those within ``days`` (if given)."""

    days: int | None
    """None: overdue only."""

    def holds(self, day: dt.date | None, today: dt.date) -> bool:
        if day is None:
            return False
        if day < today:
            return True
        return self.days is not None and day <= today + dt.timedelta(days=self.days)

    @property
    def label(self) -> str:
        if self.days is None:
            return _("overdue")
        return ngettext(
            "overdue or due within {days} day", "overdue or due within {days} days", self.days
        ).format(days=self.days)


def parse_due(text: str) -> Due:
    """``7d``, ``2w`` or ``overdue`` (what ``carte-prep list --due`` takes)."""
    value = text.strip().lower()
    if value == OVERDUE:
        return Due(None)
    found = re.fullmatch(r"(\d{1,3})\s*([dw])", value)
    if found is None:
        raise InvalidInputError(
            _("--due {value}: give a number of days or weeks (7d, 2w) or 'overdue'").format(
                value=repr(text)
            )
        )
    number = int(found[1])
    return Due(number * 7 if found[2] == "w" else number)


THIS_WEEK = Due(7)
"""The app's "this week / overdue" view."""


def due_summaries(
    summaries: Iterable[HouseholdSummary], due: Due, today: dt.date
) -> list[HouseholdSummary]:
    """The households with a member whose next date is due, each keeping only those members,
    soonest first."""
    from carte_prep.core.summary import HouseholdSummary

    kept: list[HouseholdSummary] = []
    for summary in summaries:
        members = [
            m for m in summary.members if due.holds(m.deadline.date if m.deadline else None, today)
        ]
        if members:
            kept.append(
                HouseholdSummary(
                    summary.household_id,
                    summary.name,
                    members,
                    summary.progress,
                    summary.deadline,
                    summary.warnings,
                )
            )
    return by_next_date(kept)


def by_next_date(summaries: Iterable[HouseholdSummary]) -> list[HouseholdSummary]:
    """Soonest next date first (overdue ones first of all); households with none last."""

    def key(summary: HouseholdSummary) -> tuple[bool, dt.date, str]:
        deadline = summary.deadline
        return (deadline is None, deadline.date if deadline else dt.date.max, summary.name)

    return sorted(summaries, key=key)


def _row_day(deadline: DeadlineRow | None) -> dt.date | None:
    return dt.date.fromisoformat(deadline["date"]) if deadline else None


def rows_by_next_date(rows: Iterable[HouseholdRow]) -> list[HouseholdRow]:
    """:func:`by_next_date` for the lines of ``list`` (as the index keeps them)."""

    def key(row: HouseholdRow) -> tuple[bool, dt.date, str]:
        day = _row_day(row["next_deadline"])
        return (day is None, day or dt.date.max, row["name"])

    return sorted(rows, key=key)


def due_rows(rows: Iterable[HouseholdRow], due: Due, today: dt.date) -> list[HouseholdRow]:
    """:func:`due_summaries` for the lines of ``list``: only the members whose next date is
    due, households without one left out, soonest first."""
    kept: list[HouseholdRow] = []
    for row in rows:
        members = [m for m in row["members"] if due.holds(_row_day(m["next_deadline"]), today)]
        if members:
            kept.append({**row, "members": members})
    return rows_by_next_date(kept)
