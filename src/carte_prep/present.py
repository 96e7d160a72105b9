"""The words the command line, the app and the PDF share, so they always say the same.

What to bring of a document depends on the route: paper originals and copies at the
prefecture desk, a scan uploaded on ANEF. Routes, statuses and event dates are named here
once; the app adds colours and marks around these words, the CLI its brackets. The words
of the vocabulary's values themselves live beside them in :mod:`carte_prep.core.vocab`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from carte_prep.core.dates import fmt
from carte_prep.core.vocab import NEXT_STATUS, STATUS_WORDS, Route, Status

if TYPE_CHECKING:
    from carte_prep.core.agenda import AgendaEvent
    from carte_prep.core.engine import ChecklistItem
    from carte_prep.core.engine.results import Level, Warning

ROUTE_NAMES: Final[dict[Route, str]] = {"anef": "ANEF (online)", "prefecture": "prefecture desk"}
"""Where a file goes, as a heading says it: 'Route: ANEF (online)'."""
ROUTE_SHORT: Final[dict[Route, str]] = {"anef": "ANEF", "prefecture": "prefecture"}
"""In a list column, where room is short."""
ROUTE_WHERE: Final[dict[Route, str]] = {
    "anef": "online on ANEF",
    "prefecture": "at the prefecture desk",
}
"""As an answer to 'where do you file?' (the profile's choice)."""
FILED_AT: Final[dict[Route, str]] = {
    route: f"filed {where}" for route, where in ROUTE_WHERE.items()
}
"""In a sentence about a member: 'Student card · renewal · filed online on ANEF'."""
ROUTE_IN_FULL: Final[dict[Route, str]] = {
    "anef": "ANEF, online (Administration numérique des étrangers en France)",
    "prefecture": "At the prefecture desk (dépôt en préfecture)",
}
"""The dossier's heading, with the French name of each."""
NOT_COVERED = "not covered"


def _cycle(start: Status) -> list[Status]:
    order = [start]
    while NEXT_STATUS[order[-1]] != start:
        order.append(NEXT_STATUS[order[-1]])
    return order


STATUS_CYCLE_TEXT: Final = " → ".join(STATUS_WORDS[s] for s in _cycle("todo"))
"""The order the status key goes through (``NEXT_STATUS``), in words."""


def route_short(route: Route | None) -> str:
    """The route in a list column ('not covered' when the path has none)."""
    return NOT_COVERED if route is None else ROUTE_SHORT[route]


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def warning_count(warnings: Sequence[Warning]) -> str:
    """'1 warning, 1 note': the header's count, split the way the Warnings view marks them.

    Notes (level ``info``) are shown in the Warnings view too, with their own sign, so a
    count of warnings alone used to disagree with the rows below it.
    """
    serious = sum(1 for w in warnings if w.level != "info")
    notes = len(warnings) - serious
    parts = [_count(serious, "warning", "warnings")] if serious else []
    if notes:
        parts.append(_count(notes, "note", "notes"))
    return ", ".join(parts)


LEVEL_SIGNS: dict[Level, str] = {"danger": "⚠", "warning": "⚠", "info": "ℹ"}
"""The sign before a warning in the app: a note (info) is not shown as a warning."""


def bring(item: ChecklistItem, route: Route) -> str:
    """What to bring or send of one document, in a few words.

    ANEF takes scans only (the original stays with the person, who may be asked for it);
    the desk takes paper: the originals (a number of photos for the photo item) and copies.
    """
    requirement = item.requirement
    if route == "anef":
        if requirement.section == "fee":
            return "enter the timbre number"  # an electronic stamp is a number, not a scan
        if requirement.originals or requirement.copies:
            return "upload a scan; keep the original"
        return "typed in online"
    if requirement.counts_photos:
        return _count(item.quantity, "photo", "photos")
    parts = []
    if item.quantity:
        parts.append(_count(item.quantity, "original", "originals"))
    if requirement.copies:
        parts.append(_count(requirement.copies, "copy", "copies"))
    return " + ".join(parts)


def bring_fr(item: ChecklistItem, route: Route) -> str:
    """:func:`bring` in French, for what the clerk reads: « 1 original + 1 copie »."""
    requirement = item.requirement
    if route == "anef":
        if requirement.section == "fee":
            return "numéro du timbre à saisir"
        if requirement.originals or requirement.copies:
            return "scan à téléverser"
        return "saisi en ligne"
    if requirement.counts_photos:
        return _count(item.quantity, "photo", "photos")
    parts = []
    if item.quantity:
        parts.append(_count(item.quantity, "original", "originaux"))
    if requirement.copies:
        parts.append(_count(requirement.copies, "copie", "copies"))
    return " + ".join(parts)


def bring_sentence(item: ChecklistItem, route: Route | None) -> str:
    """The same as a sentence for the detail pane: 'Bring 1 original + 1 copy.'"""
    if route is None:
        return ""
    what = bring(item, route)
    if not what:
        return ""
    if route == "anef":
        return f"On ANEF: {what}."
    return f"Bring {what}."


def event_when(event: AgendaEvent) -> str:
    """The event's day, with the hour for an appointment: ``15/12/2026 10:30``."""
    return fmt(event.date) + (f" {event.time:%H:%M}" if event.time else "")
