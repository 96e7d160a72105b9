"""The facts of an application and the evaluation of the catalogue's conditions on them.

Conditions are data (``when`` tables in the TOML files), never code: this module is the
whole of their meaning.
"""

from __future__ import annotations

import datetime as dt

from carte_prep.core.catalogue import Card, Condition, FactValue
from carte_prep.core.model import Application, Member
from carte_prep.core.procedure import ProcedureDecision
from carte_prep.core.vocab import Route

Facts = dict[str, FactValue]


def situation_facts(
    member: Member, application: Application, card: Card, decision: ProcedureDecision
) -> Facts:
    """Every fact except the route and the fee, which are decided from these."""
    facts: Facts = dict(application.situation.model_dump())
    facts.update(
        card=application.card_type,
        path=decision.path,
        held_kind=decision.held_kind,
        held_card=decision.held_card,
        has_current_card=application.current_card is not None,
        withdrawal_agreement=card.withdrawal_agreement,
        british=None if member.nationality is None else member.nationality == "GB",
        nationality=member.nationality,
        regime=card.regime,
    )
    return facts


def with_route_and_fee(
    facts: Facts, route: Route, fee_due: bool, regularisation_due: bool
) -> Facts:
    return {
        **facts,
        "route": route,
        "fee_due": fee_due,
        "regularisation_due": regularisation_due,
    }


def _matches(condition: Condition, facts: Facts) -> bool:
    if any(facts.get(name) not in allowed for name, allowed in condition.facts.items()):
        return False
    return not any(facts.get(name) in refused for name, refused in condition.facts_not.items())


def holds(
    conditions: list[Condition],
    facts: Facts,
    filing: dt.date | None = None,
    age: int | None = None,
) -> bool:
    """True when any one condition holds in full (an empty list always holds)."""
    if not conditions:
        return True
    for condition in conditions:
        if not _matches(condition, facts):
            continue
        if filing is not None:
            if condition.filed_on_or_after and filing < condition.filed_on_or_after:
                continue
            if condition.filed_before and filing >= condition.filed_before:
                continue
        if condition.age_below is not None and age is not None and age >= condition.age_below:
            continue
        return True
    return False
