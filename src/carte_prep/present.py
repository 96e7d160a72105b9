"""The words the command line, the app and the PDF share, so they always say the same.

What to bring of a document depends on the route: paper originals and copies at the
prefecture desk, a scan uploaded on ANEF. Routes, statuses and event dates are named here
once; the app adds colours and marks around these words, the CLI its brackets. The words
of the vocabulary's values themselves live beside them in :mod:`carte_prep.core.vocab`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

from carte_prep.core.dates import fmt
from carte_prep.core.vocab import NEXT_STATUS, STATUS_WORDS, Route, Status
from carte_prep.i18n import N_, Translated, _, language, ngettext, speaking

if TYPE_CHECKING:
    from carte_prep.core.agenda import AgendaEvent
    from carte_prep.core.engine import ChecklistItem, Progress
    from carte_prep.core.engine.results import Level, Warning

ROUTE_NAMES: Final[Mapping[Route, str]] = Translated(
    {"anef": N_("ANEF (online)"), "prefecture": N_("prefecture desk")}
)
"""Where a file goes, as a heading says it: 'Route: ANEF (online)'."""
ROUTE_SHORT: Final[Mapping[Route, str]] = Translated(
    {"anef": N_("ANEF"), "prefecture": N_("prefecture")}
)
"""In a list column, where room is short."""
FILED_AT: Final[Mapping[Route, str]] = Translated(
    {"anef": N_("filed online on ANEF"), "prefecture": N_("filed at the prefecture desk")}
)
"""In a sentence about a member: 'Student card · renewal · filed online on ANEF'."""
ROUTE_IN_FULL: Final[Mapping[Route, str]] = Translated(
    {
        "anef": N_("ANEF, online (Administration numérique des étrangers en France)"),
        "prefecture": N_("At the prefecture desk (dépôt en préfecture)"),
    }
)
"""The dossier's heading, with the French name of each."""


def _cycle(start: Status) -> list[Status]:
    order = [start]
    while NEXT_STATUS[order[-1]] != start:
        order.append(NEXT_STATUS[order[-1]])
    return order


def status_cycle_text() -> str:
    """The order the status key goes through (``NEXT_STATUS``), in words."""
    return " → ".join(STATUS_WORDS[s] for s in _cycle("todo"))


def route_short(route: Route | None) -> str:
    """The route in a list column ('not covered' when the path has none)."""
    return _("not covered") if route is None else ROUTE_SHORT[route]


def warning_count(warnings: Sequence[Warning]) -> str:
    """'1 warning, 1 note': the header's count, split the way the Warnings view marks them.

    Notes (level ``info``) are shown in the Warnings view too, with their own sign, so a
    count of warnings alone used to disagree with the rows below it.
    """
    serious = sum(1 for w in warnings if w.level != "info")
    notes = len(warnings) - serious
    parts = (
        [ngettext("{count} warning", "{count} warnings", serious).format(count=serious)]
        if serious
        else []
    )
    if notes:
        parts.append(ngettext("{count} note", "{count} notes", notes).format(count=notes))
    return ", ".join(parts)


def progress_text(progress: Progress) -> str:
    """'0/4 ready (1 gathered but too old)': what counts as ready is the core's
    (:attr:`~carte_prep.core.engine.ChecklistItem.done`), and a ticked document that does
    not count is said so, or the ticks and the count would seem to disagree."""
    text = _("{done}/{total} ready").format(done=progress.done, total=progress.total)
    if not progress.too_old:
        return text
    old = ngettext(
        "{count} gathered but too old", "{count} gathered but too old", progress.too_old
    ).format(count=progress.too_old)
    return f"{text} ({old})"


LEVEL_SIGNS: dict[Level, str] = {"danger": "⚠", "warning": "⚠", "info": "ℹ"}
"""The sign before a warning in the app: a note (info) is not shown as a warning."""


def bring(item: ChecklistItem, route: Route) -> str:
    """What to bring or send of one document, in a few words, in the language spoken.

    ANEF takes scans only (the original stays with the person, who may be asked for it);
    the desk takes paper: the originals (a number of photos for the photo item) and copies.
    """
    requirement = item.requirement
    if route == "anef":
        if requirement.section == "fee":
            return _("enter the timbre number")  # an electronic stamp is a number, not a scan
        if requirement.originals or requirement.copies:
            return _("upload a scan; keep the original")
        return _("typed in online")
    count = item.quantity
    if requirement.counts_photos:
        return ngettext("{count} photo", "{count} photos", count).format(count=count)
    parts = []
    if count:
        parts.append(ngettext("{count} original", "{count} originals", count).format(count=count))
    if requirement.copies:
        copies = requirement.copies
        parts.append(ngettext("{count} copy", "{count} copies", copies).format(count=copies))
    return " + ".join(parts)


def bring_fr(item: ChecklistItem, route: Route) -> str:
    """:func:`bring` in French whatever the language, for the clerk: « 1 original + 1 copie »."""
    with speaking("fr"):
        return bring(item, route)


def bring_sentence(item: ChecklistItem, route: Route | None) -> str:
    """The same as a sentence for the detail pane: 'Bring 1 original + 1 copy.'"""
    if route is None:
        return ""
    what = bring(item, route)
    if not what:
        return ""
    if route == "anef":
        return _("On ANEF: {what}.").format(what=what)
    return _("Bring {what}.").format(what=what)


def event_when(event: AgendaEvent) -> str:
    """The event's day, with the hour for an appointment: ``15/12/2026 10:30``."""
    return fmt(event.date) + (f" {event.time:%H:%M}" if event.time else "")


def gloss(text: str) -> str | None:
    """The gloss shown beside an official French name (name_en, title_en), or None in
    French: there the gloss only translates the name back into the French already shown."""
    return None if language() == "fr" else text
