"""The lines of the households lists, as plain JSON data.

``carte-prep list --json`` prints them, the households index stores them, and the app
draws its first screen from them: one shape for all three. They are built from a
validated household by :func:`carte_prep.core.summary.household_row`; this module holds
only their shape, with nothing but the standard library, so that reading them back from
the index never waits for pydantic or the catalogue.
"""

from __future__ import annotations

from typing import TypedDict


class DeadlineRow(TypedDict):
    """A member's (or household's) next date to act by."""

    date: str
    """ISO day."""
    time: str | None
    """HH:MM for an appointment."""
    what: str
    level: str
    """'danger' (overdue or within a week), 'warning' (within a month) or 'info'."""


class MemberRow(TypedDict):
    id: str
    name: str
    card: str | None
    """None: no card needed."""
    card_short: str | None
    """The card's short English name, as the lists show it (the id when not catalogued)."""
    procedure: str | None
    procedure_label: str | None
    covered: bool | None
    route: str | None
    done: int
    total: int
    warnings: int
    next_deadline: DeadlineRow | None


class HouseholdRow(TypedDict):
    id: str
    name: str
    done: int
    total: int
    warnings: int
    next_deadline: DeadlineRow | None
    members: list[MemberRow]
