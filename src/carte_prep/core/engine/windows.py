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
from carte_prep.i18n import _, format_money, ngettext, pgettext

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
    money = format_money(amount)
    if window.late_fee == "due":
        return _("the {amount} late fee applies (L.436-5 CESEDA)").format(amount=money)
    if window.late_fee == "disputed":
        if window.late_fee_note:
            return _("the {amount} late fee may be asked: {note}").format(
                amount=money, note=window.late_fee_note
            )
        return _("the {amount} late fee may be asked").format(amount=money)
    return _("no late fee is charged")


def held_words(held: str) -> str:
    """What the window is counted from ('card', 'visa', 'certificate'), in a sentence."""
    words = {
        "card": pgettext("held", "card"),
        "visa": pgettext("held", "visa"),
        "certificate": pgettext("held", "certificate"),
    }
    return words.get(held, held)


def window_warnings(
    window: FilingWindow, today: dt.date, filing: dt.date, late_fee: int
) -> list[Warning]:
    """Where today and the planned filing day stand in the window (before filing only)."""

    def warn(level: Level, message: str) -> Warning:
        return Warning(code="renewal-window", level=level, message=message)

    held, late = held_words(window.held), late_fee_words(window, late_fee)
    expiry, deadline = fmt(window.expiry), fmt(window.deadline)
    if today > window.expiry:
        if window.late_fee != "none":
            message = _("Your {held} expired on {date}: file your request at once; {late}.")
        else:
            message = _("Your {held} expired on {date}: file your request at once.")
        message = message.format(held=held, date=expiry, late=late)
        if window.late_limit and today > window.late_limit:
            days = (window.late_limit - window.expiry).days
            message += " " + _(
                "It is more than {days} days after expiry: the request may no longer be "
                "accepted; get advice (prefecture, association)."
            ).format(days=days)
        return [warn("danger", message)]
    if today > window.deadline:
        if window.legal_deadline is not None and today <= window.legal_deadline:
            return [
                warn(
                    "warning",
                    _(
                        "service-public says to file at least 2 months before your {held} "
                        "ends, so by {deadline}; R.431-5 CESEDA says a filing in the last 2 "
                        "months is on time. File now, before {expiry}: {late}."
                    ).format(held=held, deadline=deadline, expiry=expiry, late=late),
                )
            ]
        return [
            warn(
                "danger",
                _(
                    "The last day to file in time was {deadline}: file now, before your "
                    "{held} ends on {expiry}; {late}."
                ).format(held=held, deadline=deadline, expiry=expiry, late=late),
            )
        ]
    warnings: list[Warning] = []
    if window.opens is None:
        warnings.append(
            warn(
                "info",
                _(
                    "Book your prefecture appointment as early as your prefecture allows and "
                    "file no later than {deadline} (your {held} ends {expiry})."
                ).format(held=held, deadline=deadline, expiry=expiry),
            )
        )
    elif today < window.opens:
        warnings.append(
            warn(
                "info",
                _(
                    "Filing window not yet open: file from {opens} and no later than "
                    "{deadline} (your {held} ends {expiry})."
                ).format(opens=fmt(window.opens), held=held, deadline=deadline, expiry=expiry),
            )
        )
    else:
        days_left = (window.deadline - today).days
        level: Level = "warning" if days_left <= CLOSING_SOON_DAYS else "info"
        warnings.append(
            warn(
                level,
                ngettext(
                    "Filing window open: {days} day left to file, until {deadline} (your "
                    "{held} ends {expiry}).",
                    "Filing window open: {days} days left to file, until {deadline} (your "
                    "{held} ends {expiry}).",
                    days_left,
                ).format(days=days_left, deadline=deadline, held=held, expiry=expiry),
            )
        )
    if filing > window.deadline and window.deadline < window.expiry:
        warnings.append(
            warn(
                "warning",
                _(
                    "Your filing date {filing} is after {deadline}, the last day to file in "
                    "time ({late}): file earlier."
                ).format(filing=fmt(filing), deadline=deadline, late=late),
            )
        )
    if filing != today and window.opens is not None and filing < window.opens:
        opens = fmt(window.opens)
        warnings.append(
            warn(
                "warning",
                _(
                    "Your filing date {filing} is before the window opens on {opens}: file "
                    "between {opens} and {deadline}."
                ).format(filing=fmt(filing), opens=opens, deadline=deadline),
            )
        )
    return warnings
