"""Every date a household must act by, in order, with what to do.

Built from the same checklist the rest of the app shows, so the agenda, the warnings and
the PDF never disagree. Dates are planned backwards from the day the file is handed in:
a proof of address must be less than 3 months old *on that day*, so the agenda says from
which day to fetch a new one.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from carte_prep.core.catalogue import Catalogue, Deadline, load_catalogue
from carte_prep.core.countries import countries
from carte_prep.core.dates import add_months, age_on, fmt
from carte_prep.core.engine import Checklist, Level, Result, build_checklist
from carte_prep.core.engine.windows import held_words
from carte_prep.core.model import Application, Household, Member, within_plausible_days
from carte_prep.core.vocab import RECEIPT_NAMES
from carte_prep.i18n import _, format_money

EventKind = Literal[
    "appointment",
    "filing",
    "window-opens",
    "late-fee-deadline",
    "card-expiry",
    "fetch-document",
    "ephoto-buy",
    "ephoto-active",
    "ephoto-expiry",
    "passport-expiry",
    "address-change",
    "vls-ts-validation",
    "wa-first-after-18",
    "first-card-after-18",
    "first-card-before-19",
    "after-filing-limit",
    "receipt-expiry",
    "extra-documents",
    "card-ready",
    "collection",
]

DEADLINE_REMINDERS = (30, 7, 1)
"""Days before a deadline at which calendar reminders go off."""


class AgendaEvent(Result):
    date: dt.date
    time: dt.time | None = None
    household_id: str
    member_id: str
    member_name: str
    kind: EventKind
    title: str
    detail: str
    level: Level
    deadline: bool
    """A date to act by (rather than a date from which something becomes possible)."""
    item_id: str | None = None
    reminders: tuple[int, ...] = ()
    sources: tuple[str, ...] = ()


def urgency(day: dt.date, today: dt.date) -> Level:
    """How loudly to show a date: overdue or within a week, within a month, later."""
    days = (day - today).days
    if days <= 7:
        return "danger"
    if days <= 30:
        return "warning"
    return "info"


class _Collector:
    """Gathers one member's events with the shared fields filled in."""

    def __init__(
        self, household: Household, member: Member, today: dt.date, catalogue: Catalogue
    ) -> None:
        self.household, self.member, self.today = household, member, today
        self.catalogue = catalogue
        self.events: list[AgendaEvent] = []

    def add(
        self,
        day: dt.date,
        kind: EventKind,
        title: str,
        detail: str,
        *,
        deadline: bool = True,
        time: dt.time | None = None,
        item_id: str | None = None,
        sources: tuple[str, ...] = (),
        keep_if_past: bool = False,
        when_past: tuple[str, str] | None = None,
    ) -> None:
        """Add one event; a past one is kept only if asked, worded by ``when_past``.

        A kept past date is something still to do now (file late, renew a récépissé), so
        its words must say it has passed rather than ask to act "before this day".
        """
        overdue = day < self.today
        if overdue and not keep_if_past:
            return
        if overdue and when_past is not None:
            title, detail = when_past
        self.events.append(
            AgendaEvent(
                date=day,
                time=time,
                household_id=self.household.id,
                member_id=self.member.id,
                member_name=self.member.display_name,
                kind=kind,
                title=title,
                detail=detail,
                level=urgency(day, self.today) if deadline else "info",
                deadline=deadline,
                item_id=item_id,
                reminders=DEADLINE_REMINDERS if deadline else (1,),
                sources=sources,
            )
        )


def _before_filing(c: _Collector, checklist: Checklist, application: Application) -> None:
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


def _fetch_plan(c: _Collector, checklist: Checklist) -> None:
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


def _passport_date(c: _Collector, checklist: Checklist) -> None:
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


def _card_dates(c: _Collector, checklist: Checklist, application: Application) -> None:
    filed = application.after_filing.filed_on is not None

    def limit(kind: Literal["vls-ts-validation", "address-change"], start: dt.date) -> None:
        """A time limit counted from an event; the rule's id is the event kind."""
        rule = c.catalogue.deadlines[kind]
        c.add(
            add_months(start, rule.months),
            kind,
            rule.title,
            rule.detail,
            item_id=rule.item,
            sources=tuple(s.url for s in rule.sources),
        )

    if checklist.decision.path == "vls-ts-validation" and application.arrived_on and not filed:
        limit("vls-ts-validation", application.arrived_on)
    card = checklist.card
    filed_on = application.after_filing.filed_on
    if card is not None and card.deadline_after_filing and filed_on is not None:
        rule = c.catalogue.deadlines[card.deadline_after_filing]
        sent = any(
            i.requirement.id == rule.item and i.tracking.status == "handed-in"
            for i in checklist.items
        )
        if not sent:
            c.add(
                add_months(filed_on, rule.months),
                "after-filing-limit",
                rule.title,
                rule.detail,
                item_id=rule.item,
                sources=tuple(s.url for s in rule.sources),
            )
    current = application.current_card
    if application.address_changed_on and current and current.valid_from and current.valid_until:
        longer = c.catalogue.deadlines["address-change"].only_cards_longer_than_months or 0
        if current.valid_until > add_months(current.valid_from, longer):
            limit("address-change", application.address_changed_on)


def _turning_18_rule(
    member: Member, application: Application | None, catalogue: Catalogue
) -> Deadline | None:
    """The deadline at 18 a nationality gives: the Withdrawal Agreement's, R.431-5's, or none.

    R.431-5 gives the day before the 19th birthday for the grounds its 2° lists (children
    admitted through family reunification, in the care of the ASE by 16, family of a
    refugee...), 2 months after the 18th birthday otherwise: the card asked for says which.
    """
    if member.nationality is None:
        return None
    if member.nationality == "GB":
        return catalogue.deadlines["wa-first-after-18"]
    country = countries().get(member.nationality)
    if member.nationality == "FR" or (country is not None and country.free_movement):
        return None
    card = catalogue.cards.get(application.card_type) if application else None
    if card is not None and card.deadline_at_18 == "day-before-19":
        return catalogue.deadlines["first-card-before-19"]
    return catalogue.deadlines["first-card-after-18"]


def _turning_18(c: _Collector, application: Application | None) -> None:
    """The first-card deadline at 18, from nationality and birth date, card or no card."""
    rule = _turning_18_rule(c.member, application, c.catalogue)
    if rule is None or rule.from_birthday is None:
        return
    asked = application is not None and application.current_card is None
    if application is not None and (not asked or application.after_filing.filed_on):
        return  # already holds a card or VLS-TS, or the first request is filed
    if age_on(c.member.birth_date, c.today) < (rule.remind_from_age or 0):
        return
    birthday = add_months(c.member.birth_date, rule.from_birthday * 12)
    deadline = add_months(birthday, rule.months) - dt.timedelta(days=1 if rule.day_before else 0)
    kinds: dict[str, EventKind] = {
        "wa-first-after-18": "wa-first-after-18",
        "first-card-before-19": "first-card-before-19",
    }
    c.add(
        deadline,
        kinds.get(rule.id, "first-card-after-18"),
        rule.title,
        rule.detail,
        sources=tuple(s.url for s in rule.sources),
        keep_if_past=age_on(c.member.birth_date, c.today) < rule.from_birthday + 1,
        when_past=(
            _("{title}: the day has passed").format(title=rule.title),
            _(
                "This day has passed: ask the prefecture for the card now. The request is late, "
                "so say so and get advice (prefecture, association) if you are refused."
            ),
        ),
    )


def _after_filing(c: _Collector, application: Application, catalogue: Catalogue) -> None:
    log = application.after_filing
    collected = log.collection is not None and log.collection.date is not None
    latest = max(log.receipts, key=lambda r: r.valid_until, default=None)
    for receipt in log.receipts:
        name = RECEIPT_NAMES[receipt.kind]
        c.add(
            receipt.valid_until,
            "receipt-expiry",
            _("Your {name} expires").format(name=name),
            _(
                "Ask the prefecture (or ANEF) for a new one before this day if the card is not "
                "ready: it proves your right to stay and, for many cards, to work."
            ),
            keep_if_past=receipt is latest and not collected,
            when_past=(
                _("Your {name} has expired").format(name=name),
                _(
                    "Ask the prefecture (or ANEF) for a new one now if the card is not ready: "
                    "without it you have no proof of your right to stay or, for many cards, "
                    "to work."
                ),
            ),
        )
    for request in log.requests:
        if request.sent_on is None:
            c.add(
                request.deadline,
                "extra-documents",
                _("Send the extra documents asked for"),
                _("Asked on {date}: {what}").format(
                    date=fmt(request.received_on), what=request.what
                ),
                keep_if_past=True,
                when_past=(
                    _("The extra documents asked for are late"),
                    _(
                        "Asked on {date}: {what}. Send them now and keep the proof of sending."
                    ).format(date=fmt(request.received_on), what=request.what),
                ),
            )
    collection = log.collection
    bring = "; ".join(catalogue.collection.bring)
    if log.timbre:
        bring += ". " + _("Stamp bought: {amount}").format(amount=format_money(log.timbre.amount))
    if log.card_ready_on and (collection is None or collection.date is None):
        c.add(
            max(log.card_ready_on, c.today),
            "card-ready",
            _("Book the collection appointment"),
            _("Your card is ready. Bring: {bring}.").format(bring=bring),
        )
    if collection and collection.date:
        c.add(
            collection.date,
            "collection",
            _("Collect your card"),
            _("At {place}. Bring: {bring}.").format(
                place=collection.place or _("the prefecture"), bring=bring
            ),
            time=collection.time,
            sources=tuple(s.url for s in catalogue.collection.sources),
        )


def member_agenda(
    household: Household,
    member_id: str,
    today: dt.date,
    catalogue: Catalogue | None = None,
    *,
    checklist: Checklist | None = None,
) -> list[AgendaEvent]:
    """One member's upcoming dates, soonest first.

    Pass the member's checklist when it is already built (listing many households) so it
    is not built twice.
    """
    catalogue = catalogue or load_catalogue()
    household = within_plausible_days(household)
    member = household.member(member_id)
    collector = _Collector(household, member, today, catalogue)
    application = member.application
    _turning_18(collector, application)
    if checklist is None:
        checklist = build_checklist(household, member_id, today, catalogue)
    if checklist is not None and application is not None:
        if application.after_filing.filed_on is None:
            _before_filing(collector, checklist, application)
        _passport_date(collector, checklist)
        _card_dates(collector, checklist, application)
        _after_filing(collector, application, catalogue)
    return sorted(collector.events, key=_order)


def next_deadline(
    household: Household,
    member_id: str,
    today: dt.date,
    catalogue: Catalogue | None = None,
    *,
    checklist: Checklist | None = None,
) -> AgendaEvent | None:
    """The first date the member must act by (an overdue one comes first)."""
    events = member_agenda(household, member_id, today, catalogue, checklist=checklist)
    deadlines = [e for e in events if e.deadline]
    return deadlines[0] if deadlines else None


def household_agenda(
    households: list[Household], today: dt.date, catalogue: Catalogue | None = None
) -> list[AgendaEvent]:
    """Every member's dates across households, soonest first."""
    events = [
        event
        for household in households
        for member in household.members
        for event in member_agenda(household, member.id, today, catalogue)
    ]
    return sorted(events, key=_order)


def _order(event: AgendaEvent) -> tuple[dt.date, dt.time, str, str]:
    return (event.date, event.time or dt.time.min, event.household_id, event.member_id)
