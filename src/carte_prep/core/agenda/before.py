"""The dates before filing: the window, the late-fee day, the appointment or planned filing,
when to fetch each dated document, the e-photo code and the passport."""

from __future__ import annotations

import datetime as dt

from carte_prep.core.agenda.events import Collector
from carte_prep.core.dates import add_months, fmt
from carte_prep.core.engine import Checklist
from carte_prep.core.engine.windows import held_words
from carte_prep.core.model import Application
from carte_prep.i18n import _, format_money


def before_filing(c: Collector, checklist: Checklist, application: Application) -> None:
    window = checklist.window
    route, fee = checklist.route, checklist.fee
    if route is None or fee is None:
        return  # not covered: nothing to plan here
    if window is not None:
        if window.opens is not None:
            c.add(
                window.opens,
                "window-opens",
                _("Filing window opens"),
                _("From this day you can file your request ({card}).").format(
                    card=checklist.card_name_en
                ),
                deadline=False,
            )
        if window.late_fee != "none":
            if window.late_fee == "disputed":
                late = _("File by this day: after it, {amount} more may be asked (disputed).")
            else:
                late = _("File by this day: after it, {amount} more.")
            amount = format_money(fee.late_fee_if_late)
            c.add(
                window.deadline,
                "late-fee-deadline",
                _("Last day to file in time"),
                late.format(amount=amount),
                keep_if_past=window.expiry >= c.today,
                when_past=(
                    _("The last day to file in time has passed"),
                    (
                        _("File now, before {expiry}: {amount} more may be asked (disputed).")
                        if window.late_fee == "disputed"
                        else _("File now, before {expiry}: {amount} more.")
                    ).format(expiry=fmt(window.expiry), amount=amount),
                ),
            )
        c.add(
            window.expiry,
            "card-expiry",
            _("Your current {held} expires").format(held=held_words(window.held)),
            _("File before this day.") + (f" {window.caveat}" if window.caveat else ""),
        )
    if checklist.judged_on_kind == "appointment" and application.appointment:
        appointment = application.appointment
        where = appointment.place or route.where
        detail = _("At {where}. Bring every original and one copy, in list order.").format(
            where=where
        )
        if appointment.confirmation:
            detail += " " + _("Confirmation number: {number}.").format(
                number=appointment.confirmation
            )
        c.add(
            checklist.judged_on,
            "appointment",
            _("Prefecture appointment"),
            detail,
            time=appointment.time,
        )
    elif checklist.judged_on_kind == "filing" and route.route == "anef":
        detail = _("File online with every document scanned.")
        if route.anef_button:
            detail += " " + _("Press « {button} ».").format(button=route.anef_button)
        c.add(checklist.judged_on, "filing", _("Planned filing on ANEF"), detail)
    elif checklist.judged_on_kind == "filing":
        c.add(
            checklist.judged_on,
            "filing",
            _("Planned filing at the prefecture"),
            _(
                "Book or keep your appointment at {where}: bring every original and one copy, "
                "in list order."
            ).format(where=route.where),
        )
    if checklist.judged_on_kind != "today":
        _fetch_plan(c, checklist)


def _fetch_plan(c: Collector, checklist: Checklist) -> None:
    """When to fetch each dated document so it is still fresh on the filing day."""
    for item in checklist.items:
        req = item.requirement
        max_age = item.max_age
        if max_age is None or req.is_ephoto or not item.counted:
            continue
        if item.done and (item.freshness is None or item.freshness.ok):
            continue
        earliest = add_months(checklist.judged_on, -max_age.months) + dt.timedelta(days=1)
        if earliest > checklist.judged_on:
            continue
        day = max(earliest, c.today)
        c.add(
            day,
            "fetch-document",
            _("Fetch a recent copy: {document}").format(document=req.name_en),
            _(
                "Dated on or after {date} so that it is less than {months} months old on {judged}."
            ).format(date=fmt(earliest), months=max_age.months, judged=checklist.judged_on_label),
            deadline=False,
            item_id=req.id,
            sources=tuple(s.url for s in req.sources),
        )
    photos = checklist.photos
    if photos is None or photos.kind != "ephoto":
        return
    rules = c.catalogue.photos
    hours, months = rules.ephoto_activation_hours, rules.ephoto_valid_months
    ephoto_id = next((r.id for r in c.catalogue.requirements.values() if r.is_ephoto), None)
    if photos.ephoto_code is None:
        latest = checklist.judged_on - dt.timedelta(days=rules.ephoto_buy_days_before)
        earliest = add_months(checklist.judged_on, -months)
        if latest >= c.today:
            when = _("Between {earliest} and {latest}").format(
                earliest=fmt(earliest), latest=fmt(latest)
            )
        else:
            when = _("Now (it should have been bought by {latest})").format(latest=fmt(latest))
        c.add(
            max(latest, c.today),
            "ephoto-buy",
            _("Buy the e-photo code"),
            _("{when}: it can take {hours} hours to work and lasts {months} months.").format(
                when=when, hours=hours, months=months
            ),
            item_id=ephoto_id,
        )
    else:
        if photos.ephoto_active_after:
            c.add(
                photos.ephoto_active_after,
                "ephoto-active",
                _("E-photo code should work"),
                _("Up to {hours} hours after purchase.").format(hours=hours),
                deadline=False,
                item_id=ephoto_id,
            )
        if photos.ephoto_expires_on:
            c.add(
                photos.ephoto_expires_on,
                "ephoto-expiry",
                _("E-photo code expires"),
                _("It is valid {months} months and can be used once.").format(months=months),
                item_id=ephoto_id,
            )


def passport_date(c: Collector, checklist: Checklist) -> None:
    passport = c.member.passport.valid_until
    if checklist.card is None or not checklist.covered or passport is None:
        return
    card_end = add_months(checklist.judged_on, checklist.card.validity_for(checklist.decision.path))
    if passport < card_end:
        c.add(
            passport,
            "passport-expiry",
            _("Passport expires"),
            _("Before the card would end (about {date}): renew it in time.").format(
                date=fmt(card_end)
            ),
        )
