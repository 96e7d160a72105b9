"""The filing window: when a request must be made, counted back from what is held.

R.431-5 CESEDA gives the window to every holder of a document of L.411-1 2° to 8° (a
VLS-TS or a card), whatever card they ask for next: so it applies to the card after a
VLS-TS and to a change of status as much as to a renewal. Which window, and whether the
€180 of L.436-5 follows a late filing, is catalogue data; these functions only count days
and word the result.
"""

from __future__ import annotations

import datetime as dt

from carte_prep.core.catalogue import Catalogue
from carte_prep.core.dates import fmt
from carte_prep.core.engine.results import FilingWindow, Level, Warning
from carte_prep.core.model import Application
from carte_prep.core.procedure import ProcedureDecision
from carte_prep.core.vocab import Route

WINDOW_PATHS = frozenset({"after-vls-ts", "renewal", "change-of-status"})
CLOSING_SOON_DAYS = 14
"""Fewer days than this left in an open window: the message becomes a warning."""


def filing_window(
    application: Application, decision: ProcedureDecision, route: Route, catalogue: Catalogue
) -> FilingWindow | None:
    """The window for this path, from the end date of the card or visa held."""
    held = application.current_card
    if decision.path not in WINDOW_PATHS or held is None or held.valid_until is None:
        return None
    held_card = catalogue.cards.get(decision.held_card or "")
    if held.kind == "card" and held_card is not None and held_card.window_when_held:
        window = catalogue.windows[held_card.window_when_held]
    else:
        choice = catalogue.window_by_path[decision.path]
        window = catalogue.windows[choice.anef if route == "anef" else choice.prefecture]
    expiry = held.valid_until

    def before(days: int | None) -> dt.date | None:
        return None if days is None else expiry - dt.timedelta(days=days)

    deadline = before(window.deadline_days_before)
    assert deadline is not None
    return FilingWindow(
        window_id=window.id,
        held="visa" if held.kind == "vls-ts" else window.held_label,
        expiry=expiry,
        opens=before(window.opens_days_before),
        deadline=deadline,
        legal_deadline=before(window.legal_deadline_days_before),
        late_limit=(
            expiry + dt.timedelta(days=window.late_limit_days_after)
            if window.late_limit_days_after is not None
            else None
        ),
        late_fee=window.late_fee,
        late_fee_note=window.late_fee_note,
        caveat=window.caveat,
        sources=window.sources,
    )


def late_fee_words(window: FilingWindow, amount: int) -> str:
    """What filing late costs, said as the texts allow: due, disputed, or nothing."""
    if window.late_fee == "due":
        return f"the €{amount} late fee applies (L.436-5 CESEDA)"
    if window.late_fee == "disputed":
        note = f": {window.late_fee_note}" if window.late_fee_note else ""
        return f"the €{amount} late fee may be asked{note}"
    return "no late fee is charged"


def window_warnings(
    window: FilingWindow, today: dt.date, filing: dt.date, late_fee: int
) -> list[Warning]:
    """Where today and the planned filing day stand in the window (before filing only)."""

    def warn(level: Level, message: str) -> Warning:
        return Warning(code="renewal-window", level=level, message=message)

    held, late = window.held, late_fee_words(window, late_fee)
    if today > window.expiry:
        message = f"Your {held} expired on {fmt(window.expiry)}: file your request at once"
        message += f"; {late}." if window.late_fee != "none" else "."
        if window.late_limit and today > window.late_limit:
            message += (
                f" It is more than {(window.late_limit - window.expiry).days} days after expiry: "
                "the request may no longer be accepted; get advice (prefecture, association)."
            )
        return [warn("danger", message)]
    if today > window.deadline:
        if window.legal_deadline is not None and today <= window.legal_deadline:
            return [
                warn(
                    "warning",
                    f"service-public says to file at least 2 months before your {held} ends, "
                    f"so by {fmt(window.deadline)}; R.431-5 CESEDA says a filing in the last 2 "
                    f"months is on time. File now, before {fmt(window.expiry)}: {late}.",
                )
            ]
        return [
            warn(
                "danger",
                f"The last day to file in time was {fmt(window.deadline)}: file now, before your "
                f"{held} ends on {fmt(window.expiry)}; {late}.",
            )
        ]
    warnings: list[Warning] = []
    if window.opens is None:
        warnings.append(
            warn(
                "info",
                f"Book your prefecture appointment as early as your prefecture allows and file "
                f"no later than {fmt(window.deadline)} (your {held} ends {fmt(window.expiry)}).",
            )
        )
    elif today < window.opens:
        warnings.append(
            warn(
                "info",
                f"Filing window not yet open: file from {fmt(window.opens)} and no later than "
                f"{fmt(window.deadline)} (your {held} ends {fmt(window.expiry)}).",
            )
        )
    else:
        days_left = (window.deadline - today).days
        level: Level = "warning" if days_left <= CLOSING_SOON_DAYS else "info"
        warnings.append(
            warn(
                level,
                f"Filing window open: {days_left} days left to file, until "
                f"{fmt(window.deadline)} (your {held} ends {fmt(window.expiry)}).",
            )
        )
    if filing > window.deadline and window.deadline < window.expiry:
        warnings.append(
            warn(
                "warning",
                f"Your filing date {fmt(filing)} is after {fmt(window.deadline)}, the last day "
                f"to file in time ({late}): file earlier.",
            )
        )
    if filing != today and window.opens is not None and filing < window.opens:
        warnings.append(
            warn(
                "warning",
                f"Your filing date {fmt(filing)} is before the window opens on "
                f"{fmt(window.opens)}: file between {fmt(window.opens)} and "
                f"{fmt(window.deadline)}.",
            )
        )
    return warnings
