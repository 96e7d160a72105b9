"""Warnings about the member rather than one document: dates, passport, photos, regime.

Before filing they plan (the window, the passport, the e-photo code); once the filing is
recorded they watch what covers the wait (the récépissé) and never tell the person to
file again. Dates the person typed that cannot be right are pointed out, not believed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from carte_prep.core.catalogue import Card, Catalogue
from carte_prep.core.dates import add_months, fmt
from carte_prep.core.engine.conditions import Facts, holds
from carte_prep.core.engine.results import (
    FeeQuote,
    FilingWindow,
    PhotoPlan,
    RouteDecision,
    Warning,
)
from carte_prep.core.engine.route import planned_days
from carte_prep.core.engine.windows import WINDOW_PATHS, held_words, window_warnings
from carte_prep.core.model import Application, Member
from carte_prep.core.procedure import ProcedureDecision
from carte_prep.core.vocab import RECEIPT_NAMES
from carte_prep.i18n import _

DUPLICATE_RENEWAL_MONTHS = 3
"""A card ending within this many months: ask for a renewal instead of a duplicate."""


@dataclass(frozen=True)
class Context:
    """What the member warnings are judged from."""

    member: Member
    application: Application
    card: Card
    decision: ProcedureDecision
    route: RouteDecision
    photos: PhotoPlan
    window: FilingWindow | None
    fee: FeeQuote
    judged_on: dt.date
    today: dt.date


def _planning(c: Context) -> list[Warning]:
    filed = c.application.after_filing.filed_on is not None
    warnings: list[Warning] = []
    if filed:
        return warnings
    passed = [day for day in planned_days(c.application) if day is not None and day < c.today]
    if passed:
        warnings.append(
            Warning(
                code="date-passed",
                level="warning",
                message=_(
                    "The day you planned to file, {date}, has passed: if you filed, record it "
                    "in the after-filing log; otherwise set a new date. Until then the file is "
                    "judged on today."
                ).format(date=fmt(max(passed))),
            )
        )
    if c.window is not None:
        warnings += window_warnings(c.window, c.today, c.judged_on, c.fee.late_fee_if_late)
    elif c.decision.path in WINDOW_PATHS:
        held = held_words("visa" if c.decision.held_kind == "vls-ts" else "card")
        warnings.append(
            Warning(
                code="renewal-window",
                level="info",
                message=_(
                    "Enter the end date of your current {held} to see when you can file."
                ).format(held=held),
            )
        )
    if c.route.decided_by == "default":
        if c.route.route == "anef":
            assumed = _("Filing on ANEF is assumed.")
        else:
            assumed = _("Filing at the prefecture is assumed.")
        choose = _("Choose the route in the member's profile.")
        warnings.append(
            Warning(code="route-choice", level="info", message=f"{assumed} {c.route.why} {choose}")
        )
    return warnings


def _passport(c: Context) -> list[Warning]:
    expiry = c.member.passport.valid_until
    if expiry is None:
        return []
    card_end = add_months(c.judged_on, c.card.validity_for(c.decision.path))
    if expiry < c.judged_on:
        words = (
            _(
                "Your passport expired on {date}: renew it before you file (or bring a "
                "consular attestation)."
            )
            if expiry < c.today
            else _(
                "Your passport expires on {date}, before you file: renew it first (or "
                "bring a consular attestation)."
            )
        )
        return [Warning(code="passport", level="danger", message=words.format(date=fmt(expiry)))]
    if expiry < card_end:
        return [
            Warning(
                code="passport",
                level="warning",
                message=_(
                    "Your passport expires on {date}, before the card would (about "
                    "{card_end}): plan its renewal in time."
                ).format(date=fmt(expiry), card_end=fmt(card_end)),
            )
        ]
    return []


def _current_card(c: Context) -> list[Warning]:
    current = c.application.current_card
    warnings: list[Warning] = []
    if current and current.numero_etranger and len(current.numero_etranger) == 9:
        warnings.append(
            Warning(
                code="numero-etranger",
                level="warning",
                message=_(
                    "Your numéro étranger has 9 digits; it usually has 10. Check it on your "
                    "card or récépissé."
                ),
            )
        )
    if (
        c.decision.path == "duplicate"
        and current
        and current.valid_until
        and current.valid_until <= add_months(c.judged_on, DUPLICATE_RENEWAL_MONTHS)
    ):
        warnings.append(
            Warning(
                code="duplicate-near-expiry",
                level="warning",
                message=_(
                    "Your card expires on {date}, within {months} months: ask for a renewal "
                    "instead of a duplicate."
                ).format(date=fmt(current.valid_until), months=DUPLICATE_RENEWAL_MONTHS),
            )
        )
    return warnings


def ephoto_warnings(photos: PhotoPlan, judged_on: dt.date, catalogue: Catalogue) -> list[Warning]:
    if photos.kind != "ephoto":
        return []
    rules = catalogue.photos
    hours, months = rules.ephoto_activation_hours, rules.ephoto_valid_months
    if photos.ephoto_code is None:
        return [
            Warning(
                code="ephoto",
                level="info",
                message=_(
                    "Buy the e-photo code a few days before filing: it can take up to {hours} "
                    "hours to work and lasts {months} months."
                ).format(hours=hours, months=months),
            )
        ]
    if photos.ephoto_expires_on and photos.ephoto_expires_on <= judged_on:
        return [
            Warning(
                code="ephoto",
                level="danger",
                message=_(
                    "Your e-photo code expires on {date}, before you file on {filing}: buy a "
                    "new one."
                ).format(date=fmt(photos.ephoto_expires_on), filing=fmt(judged_on)),
            )
        ]
    if photos.ephoto_active_after and photos.ephoto_active_after > judged_on:
        return [
            Warning(
                code="ephoto",
                level="info",
                message=_(
                    "Your e-photo code may only work from {date} (up to {hours} hours after "
                    "purchase)."
                ).format(date=fmt(photos.ephoto_active_after), hours=hours),
            )
        ]
    return []


def after_filing_warnings(application: Application, today: dt.date) -> list[Warning]:
    """Dates of the after-filing log that look wrong or ask for action now (``log`` shows
    them as soon as a record is saved, not only in the next checklist)."""
    log = application.after_filing
    filed = log.filed_on
    warnings: list[Warning] = []
    if filed is not None and filed > today:
        warnings.append(
            Warning(
                code="implausible-date",
                level="warning",
                message=_(
                    "The filing date {date} is after today: probably a typo (check the year) "
                    "in the after-filing log."
                ).format(date=fmt(filed)),
            )
        )
    waiting = log.collection is None or log.collection.date is None or log.collection.date > today
    for receipt in log.receipts:
        name = RECEIPT_NAMES[receipt.kind]
        if filed is not None and receipt.valid_until < filed:
            warnings.append(
                Warning(
                    code="receipt-dates",
                    level="warning",
                    message=_(
                        "Your {name} is valid until {date}, before the filing on {filed}: "
                        "check its dates (probably a typo)."
                    ).format(name=name, date=fmt(receipt.valid_until), filed=fmt(filed)),
                )
            )
        elif filed is not None and receipt.issued_on and receipt.issued_on < filed:
            warnings.append(
                Warning(
                    code="receipt-dates",
                    level="warning",
                    message=_(
                        "Your {name} is dated {date}, before the filing on {filed}: check its "
                        "dates (probably a typo)."
                    ).format(name=name, date=fmt(receipt.issued_on), filed=fmt(filed)),
                )
            )
    current = max(log.receipts, key=lambda r: r.valid_until, default=None)
    if current is not None and waiting and current.valid_until < today:
        name = RECEIPT_NAMES[current.kind]
        warnings.append(
            Warning(
                code="receipt-expired",
                level="danger",
                message=_(
                    "Your {name} expired on {date}: ask the prefecture (or ANEF) for a new one "
                    "now; without it you have no proof of your right to stay or to work."
                ).format(name=name, date=fmt(current.valid_until)),
            )
        )
    return warnings


def identity_warnings(member: Member, today: dt.date, catalogue: Catalogue) -> list[Warning]:
    """What the nationality and birth date change, whatever the application."""
    warnings: list[Warning] = []
    if member.birth_date > today:
        warnings.append(
            Warning(
                code="implausible-date",
                level="warning",
                message=_(
                    "The birth date {date} is after today: probably a typo (check the year) in "
                    "the profile."
                ).format(date=fmt(member.birth_date)),
            )
        )
    if member.nationality is None:
        rules = _(
            "It decides some rules (bilateral accords, the Withdrawal Agreement, deadlines at 18)."
        )
        if member.nationality_as_written:
            unset = _(
                "Nationality not set (written before as “{written}”): choose it in the profile."
            ).format(written=member.nationality_as_written)
        else:
            unset = _("Nationality not set: choose it in the profile.")
        warnings.append(Warning(code="nationality", level="info", message=f"{unset} {rules}"))
    for notice in catalogue.notices:
        if not notice.when and member.nationality in notice.countries:
            warnings.append(
                Warning(code=f"regime-{notice.id}", level=notice.level, message=notice.message)
            )
    return warnings


def notice_warnings(catalogue: Catalogue, facts: Facts, filing: dt.date, age: int) -> list[Warning]:
    """The notices whose conditions hold for this checklist (a nationality's accord on a
    given card, a rule of the card itself)."""
    return [
        Warning(code=f"notice-{notice.id}", level=notice.level, message=notice.message)
        for notice in catalogue.notices
        if notice.when
        and (not notice.countries or facts.get("nationality") in notice.countries)
        and holds(notice.when, facts, filing, age)
    ]


def member_warnings(c: Context, catalogue: Catalogue) -> list[Warning]:
    warnings = [
        Warning(code="assumption", level="info", message=text) for text in c.decision.assumptions
    ]
    warnings += _planning(c)
    warnings += _passport(c)
    warnings += _current_card(c)
    warnings += ephoto_warnings(c.photos, c.judged_on, catalogue)
    warnings += after_filing_warnings(c.application, c.today)
    warnings += _filed_early(c)
    return warnings


def _filed_early(c: Context) -> list[Warning]:
    """A filing logged before the window opened: it may not have been taken as a renewal."""
    filed = c.application.after_filing.filed_on
    opens = c.window.opens if c.window is not None else None
    if filed is None or opens is None or filed >= opens:
        return []
    return [
        Warning(
            code="filed-early",
            level="warning",
            message=_(
                "You filed on {filed}, before the filing window opened ({opens}). Check that "
                "the prefecture (or ANEF) accepted the request; if not, file again once the "
                "window is open."
            ).format(filed=fmt(filed), opens=fmt(opens)),
        )
    ]
