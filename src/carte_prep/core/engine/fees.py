"""The fee on the filing day: which amount a path pays, and what lateness or entry adds.

Which amount each path pays for each fee class, whether the régularisation visa fee
follows and how each path pays are catalogue data (``fees.toml``, with their sources);
this module only adds the pieces up. A late fee the texts dispute goes into
the upper figure with its reason, never silently into the amount.
"""

from __future__ import annotations

import datetime as dt

from carte_prep.core.catalogue import Card, Catalogue
from carte_prep.core.dates import fmt
from carte_prep.core.engine.conditions import Facts, holds
from carte_prep.core.engine.results import FeeQuote, FilingWindow
from carte_prep.core.model import Application
from carte_prep.core.procedure import ProcedureDecision
from carte_prep.i18n import _, format_money


def _late_fees(window: FilingWindow | None, filing: dt.date, amount: int) -> tuple[int, int]:
    """(included, disputed): the late fee due for this filing day, or only possibly due."""
    if window is None or filing <= window.deadline:
        return 0, 0
    if window.late_fee == "due":
        return amount, 0
    if window.late_fee == "disputed":
        return 0, amount
    return 0, 0


def _regularisation_due(application: Application, card: Card) -> bool:
    """Whether this person owes the droit de visa de régularisation (L.436-4) on a path
    whose fee rule adds it (``regularisation = true`` in fees.toml: first admissions of
    the paying classes).

    It is due after an entry without the visa the card needs; for a card that needs no
    long-stay visa (an Algerian certificate as spouse of a French national) only for
    someone staying irregularly (F2215); never on the categories L.436-4 exempts.
    """
    situation = application.situation
    match card.regularisation:
        case "without-long-stay-visa":
            return situation.no_long_stay_visa
        case "if-irregular-stay":
            return situation.irregular_stay
        case "never":
            return False


def quote_fee(
    application: Application,
    card: Card,
    decision: ProcedureDecision,
    filing: dt.date,
    window: FilingWindow | None,
    catalogue: Catalogue,
    facts: Facts,
) -> FeeQuote:
    """The fee on the filing day, with the late fee when the window is missed.

    ``facts`` choose the card's fee class where the catalogue gives it another one for
    some situations (``fee_when``).
    """
    schedule = catalogue.fee_schedule(filing)
    override = next((o for o in card.fee_when if holds(o.when, facts)), None)
    rule = catalogue.fee_rules[override.fee if override else card.fee_class][decision.path]
    category = rule.amount
    if rule.only_with_new_card and not application.situation.wants_new_card:
        category = catalogue.fee_rules["free"][decision.path].amount
    amount = schedule.amounts[category]
    upper = schedule.amounts[rule.upper] if rule.upper and category == rule.amount else None
    late, disputed = _late_fees(window, filing, schedule.late_filing)
    regularises = rule.regularisation and _regularisation_due(application, card)
    regularisation = schedule.regularisation.total if regularises else 0
    top = max(amount.total_max, upper.total_max if upper else 0)
    if top == 0 and not late and not regularisation:
        when_paid = _("nothing to pay: this card is free")
    else:
        when_paid = rule.paid or catalogue.fee_paid
    if regularises:
        when_paid += "; " + _(
            "of the {total} droit de visa de régularisation, {at_filing} is paid when you "
            "file and is not refunded"
        ).format(
            total=format_money(regularisation),
            at_filing=format_money(schedule.regularisation.at_filing),
        )
    caveats = [c for c in (override.why if override else None, rule.caveat, schedule.caveat) if c]
    if disputed and window is not None:
        caveats.insert(
            0,
            _(
                "Filed after {date}, the {amount} late fee may be asked and is counted in the "
                "upper figure only: {note}."
            ).format(
                date=fmt(window.deadline),
                amount=format_money(disputed),
                note=window.late_fee_note or _("disputed"),
            ),
        )
    return FeeQuote(
        category=category,
        amount=amount,
        upper=upper,
        late_fee=late,
        late_fee_disputed=disputed,
        late_fee_if_late=schedule.late_filing,
        regularisation=regularisation,
        regularisation_at_filing=schedule.regularisation.at_filing if regularises else 0,
        total=amount.total + late + regularisation,
        total_max=top + late + disputed + regularisation,
        schedule_from=schedule.valid_from,
        when_paid=when_paid,
        caveat=" ".join(caveats) or None,
        sources=[*(override.sources if override else []), *rule.sources, *schedule.sources],
    )
