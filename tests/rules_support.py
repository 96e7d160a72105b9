"""Builders for the rules tests: a checklist from a situation, and its item ids."""

from __future__ import annotations

import datetime as dt
from typing import Any

from carte_prep.core.catalogue import Source, load_catalogue
from carte_prep.core.engine import (
    Checklist,
    ChecklistItem,
    FeeQuote,
    PhotoPlan,
    RouteDecision,
    build_checklist,
)
from support import TODAY, household_of, person

CATALOGUE = load_catalogue()


def nationality_for(card: str) -> str:
    """A nationality that may ask for ``card``: the regime's own for a certificate."""
    regime = CATALOGUE.regimes.get(CATALOGUE.cards[card].regime)
    return regime.countries[0] if regime else "BR"


def checklist_for(card: str, path: str, *, today: dt.date = TODAY, **kwargs: Any) -> Checklist:
    """The checklist of one member whose answers give ``path`` for ``card``.

    The member has a nationality that can have the card (Brazilian, or Algerian for an
    Algerian certificate) unless ``nationality`` is given.
    """
    kwargs.setdefault("nationality", nationality_for(card))
    result = build_checklist(household_of(person(card, path, **kwargs)), "ana", today)
    assert result is not None
    return result


def route_of(checklist: Checklist) -> RouteDecision:
    """The route of a covered checklist (None only when the case is not covered)."""
    assert checklist.route is not None, "not covered"
    return checklist.route


def fee_of(checklist: Checklist) -> FeeQuote:
    assert checklist.fee is not None, "not covered"
    return checklist.fee


def photos_of(checklist: Checklist) -> PhotoPlan:
    assert checklist.photos is not None, "not covered"
    return checklist.photos


def ids(checklist: Checklist) -> set[str]:
    return {item.requirement.id for item in checklist.items}


def required(checklist: Checklist) -> set[str]:
    """Items needed for sure (not 'probably needed' because a question is unanswered)."""
    return {item.requirement.id for item in checklist.items if item.provisional is None}


def provisional(checklist: Checklist) -> set[str]:
    return {item.requirement.id for item in checklist.items if item.provisional is not None}


def item(checklist: Checklist, requirement_id: str) -> ChecklistItem:
    return next(i for i in checklist.items if i.requirement.id == requirement_id)


def cites(sources: list[Source], fragment: str) -> bool:
    """One of the sources is the page whose URL contains ``fragment``."""
    return any(fragment in source.url for source in sources)


def codes(checklist: Checklist) -> set[str]:
    return {w.code for w in checklist.warnings}
