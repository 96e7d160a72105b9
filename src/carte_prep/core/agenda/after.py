"""The dates that follow from events: the VLS-TS validation, an address change, the
deadline at 18, and the after-filing log (récépissés, extra documents, collection)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from carte_prep.core.agenda.events import Collector, EventKind
from carte_prep.core.catalogue import Catalogue, Deadline
from carte_prep.core.countries import countries
from carte_prep.core.dates import add_months, age_on, fmt
from carte_prep.core.engine import Checklist
from carte_prep.core.model import Application, Member
from carte_prep.core.vocab import RECEIPT_NAMES
from carte_prep.i18n import _, format_money


def card_dates(c: Collector, checklist: Checklist, application: Application) -> None:
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


def turning_18(c: Collector, application: Application | None) -> None:
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


def after_filing(c: Collector, application: Application, catalogue: Catalogue) -> None:
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
